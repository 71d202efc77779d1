using Clv.Csv;
using Clv.Data;
using Clv.Parquet;
using Clv.Tests.Database;
using Clv.Tests.Parquet;

namespace Clv.Tests.Csv;

/// <summary>
/// A format's <c>K</c> matches a row with no offset at all (what .NET's <c>"o"</c>-style formats write for a
/// <see cref="DateTime"/> of kind <see cref="DateTimeKind.Unspecified"/>): such a row is a wall clock and counts on its date
/// as written, as the README's rule says, in the CSV, Parquet and database readers alike; only rows with an offset (or
/// <c>Z</c>) move to <c>TimeZone</c>.
/// </summary>
public class TimestampOptionalOffsetTests
{
    private const string Format = "yyyy-MM-ddTHH:mm:ssK";

    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    /// <summary>Each row's text and its calendar day in New York: wall clocks as written, instants on New York's clock.</summary>
    private static readonly (string Text, DateOnly Day)[] Rows =
    [
        ("2005-01-02T02:30:00", new DateOnly(2005, 1, 2)),       // no offset: a wall clock (was 2005-01-01, read as UTC)
        ("2005-01-02T23:30:00", new DateOnly(2005, 1, 2)),       // no offset
        ("2005-01-02T02:30:00Z", new DateOnly(2005, 1, 1)),      // 21:30 EST on the 1st
        ("2005-01-02T23:30:00+08:00", new DateOnly(2005, 1, 2)), // 10:30 EST on the 2nd
    ];

    [Fact]
    public void Csv_RowsWithoutAnOffsetUnderK_CountOnTheirWrittenDate()
    {
        string text = "customer_id,date,amount\n" + string.Concat(Rows.Select((r, i) => $"c{i},{r.Text},1\n"));
        var log = CsvText.Read(text, new TransactionCsvOptions { DateFormat = Format, TimeZone = NewYork });
        Assert.Equal(Rows.Select(r => r.Day), log.Transactions.ToArray().Select(t => t.Date));

        var own = CsvText.Read(text, new TransactionCsvOptions { DateFormat = Format });
        Assert.Equal([new DateOnly(2005, 1, 2), new DateOnly(2005, 1, 2), new DateOnly(2005, 1, 2), new DateOnly(2005, 1, 2)], own.Transactions.ToArray().Select(t => t.Date));
    }

    [Fact]
    public void Parquet_TextRowsWithoutAnOffsetUnderK_CountOnTheirWrittenDate()
    {
        using var files = new ParquetTestFiles();
        string path = files.PathOf("stamps.parquet");
        string values = string.Join(", ", Rows.Select((r, i) => $"('c{i}', '{r.Text}', 1.0)"));
        files.Execute($"COPY (SELECT * FROM (VALUES {values}) t(customer_id, date, amount)) TO {ParquetTestFiles.Sql(path)} (FORMAT PARQUET)");

        var log = TransactionParquet.Read(path, new TransactionParquetOptions { DateFormat = Format, TimeZone = NewYork });
        Assert.Equal(Rows.Select(r => r.Day), log.Transactions.ToArray().Select(t => t.Date));
    }

    [Fact]
    public void Database_TextRowsWithoutAnOffsetUnderK_CountOnTheirWrittenDate()
    {
        using var db = Databases.Sqlite();
        Databases.Execute(db, "CREATE TABLE t (customer_id TEXT, date TEXT, amount REAL)");
        Databases.Insert(db, "t", Rows.Select((r, i) => ((object?)$"c{i}", (object?)r.Text, (object?)1.0)));

        using var reader = Databases.Query(db, "SELECT * FROM t");
        var log = TransactionDb.Read(reader, new TransactionDbOptions { DateFormat = Format, TimeZone = NewYork });
        Assert.Equal(Rows.Select(r => r.Day), log.Transactions.ToArray().Select(t => t.Date));
    }

    [Theory]
    [InlineData("yyyy-MM-ddTHH:mm:ss.FFFFFFFK", "2005-01-02T02:30:00.5", 2)]
    [InlineData("yyyy-MM-ddTHH:mm:ss.FFFFFFFK", "2005-01-02T02:30:00.5Z", 1)]
    [InlineData("yyyy'-'MM'-'dd'K'HH:mm:ssK", "2005-01-02K02:30:00", 2)]
    [InlineData("yyyy'-'MM'-'dd'K'HH:mm:ssK", "2005-01-02K02:30:00-00:00", 1)]
    [InlineData("yyyy-MM-dd\\KHH:mm:ssK", "2005-01-02K02:30:00", 2)]
    public void Csv_QuotedOrEscapedK_IsALiteralNotTheOffset(string format, string value, int day)
    {
        var log = CsvText.Read($"customer_id,date,amount\na,{value},1\n", new TransactionCsvOptions { DateFormat = format, TimeZone = NewYork });
        Assert.Equal(new DateOnly(2005, 1, day), Assert.Single(log.Transactions.ToArray()).Date);
    }
}
