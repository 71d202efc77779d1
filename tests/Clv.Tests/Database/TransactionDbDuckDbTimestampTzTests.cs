using Clv.Data;
using DuckDB.NET.Data;

namespace Clv.Tests.Database;

/// <summary>
/// DuckDB.NET hands a <c>TIMESTAMPTZ</c> over as a <see cref="DateTime"/> of kind <see cref="DateTimeKind.Unspecified"/>
/// holding the UTC clock; <see cref="TransactionDb"/> reads it as the instant it is (the column's type says so), so
/// <see cref="TransactionDbOptions.TimeZone"/> moves it to the zone's day as it does PostgreSQL's <c>timestamptz</c> and as the
/// Parquet reader does the same column exported by DuckDB. A plain <c>TIMESTAMP</c> keeps its date as written.
/// </summary>
public class TransactionDbDuckDbTimestampTzTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static DateOnly[] Days(string column, TimeZoneInfo? zone)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        Databases.Execute(connection, "SET TimeZone = 'Asia/Tokyo'");   // the session's zone changes nothing
        Databases.Execute(connection, """
            CREATE TABLE t AS SELECT customer_id, (stamp || '+00')::TIMESTAMPTZ AS utc, stamp::TIMESTAMP AS local, amount FROM (VALUES
                ('a', '2005-01-02 15:59:59', 1.0),
                ('a', '2005-01-02 16:00:00', 2.0),
                ('b', '2005-01-03 04:30:00', 3.0)) v(customer_id, stamp, amount)
            """);
        using var reader = Databases.Query(connection, $"SELECT customer_id, {column} AS date, amount FROM t ORDER BY amount");
        return [.. TransactionDb.Read(reader, new TransactionDbOptions { TimeZone = zone }).Transactions.ToArray().Select(t => t.Date)];
    }

    [Fact]
    public void Read_DuckDbTimestampTz_CountsOnTheZonesDay()
    {
        // 16:00 UTC is midnight in Shanghai (UTC+8); 04:30 UTC on the 3rd is 23:30 on the 2nd in New York (EST, UTC-5).
        Assert.Equal([new DateOnly(2005, 1, 2), new DateOnly(2005, 1, 3), new DateOnly(2005, 1, 3)], Days("utc", Shanghai));
        Assert.Equal([new DateOnly(2005, 1, 2), new DateOnly(2005, 1, 2), new DateOnly(2005, 1, 2)], Days("utc", NewYork));
        Assert.Equal([new DateOnly(2005, 1, 2), new DateOnly(2005, 1, 2), new DateOnly(2005, 1, 3)], Days("utc", null));
    }

    [Fact]
    public void Read_DuckDbTimestamp_KeepsItsDateAsWrittenWithAZone()
    {
        Assert.Equal([new DateOnly(2005, 1, 2), new DateOnly(2005, 1, 2), new DateOnly(2005, 1, 3)], Days("local", Shanghai));
        Assert.Equal([new DateOnly(2005, 1, 2), new DateOnly(2005, 1, 2), new DateOnly(2005, 1, 3)], Days("local", NewYork));
    }
}
