using System.Data;
using Clv.Data;

namespace Clv.Tests.Database;

/// <summary>
/// PostgreSQL's <c>'infinity'</c> and <c>'-infinity'</c> (a CRM's "no date yet" placeholder in a date, timestamp or timestamptz
/// column), which Npgsql hands over as <see cref="DateTime.MaxValue"/> and <see cref="DateTime.MinValue"/>, were read as
/// transactions on 9999-12-31 and 0001-01-01: a customer 2,000 years old, silently. Now they are bad rows.
/// </summary>
public class TransactionDbInfiniteDateTests
{
    private static readonly TransactionDbOptions Lenient = new() { Mode = DbReadMode.Lenient };

    [Theory]
    [InlineData("date")]
    [InlineData("timestamp")]
    [InlineData("timestamptz")]
    public void Read_PostgresInfinity_IsABadRow(string type)
    {
        using var connection = Databases.Postgres();
        using var reader = Databases.Query(connection, $"""
            SELECT * FROM (VALUES ('a', 'infinity'::{type}, 1), ('b', '-infinity'::{type}, 2), ('c', '2024-01-02'::{type}, 3)) v(customer_id, date, amount)
            """);
        var log = TransactionDb.Read(reader, Lenient);
        Assert.Equal([("c", new DateOnly(2024, 1, 2))], log.Transactions.ToArray().Select(t => (t.CustomerId, t.Date)));
        Assert.Equal([(1L, "date"), (2L, "date")], log.Rejected.Select(r => (r.LineNumber, r.Column)));
        Assert.All(log.Rejected, r => Assert.Contains("infinity", r.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Read_FirstAndLastDateTime_AreBadRowsInStrictMode()
    {
        foreach (var date in new object[] { DateTime.MaxValue, DateTime.MinValue, DateTimeOffset.MaxValue, DateOnly.MaxValue })
        {
            using var table = new DataTable();
            table.Columns.Add("customer_id", typeof(string));
            table.Columns.Add("date", date.GetType());
            table.Columns.Add("amount", typeof(double));
            table.Rows.Add("a", date, 1.0);
            using var reader = table.CreateDataReader();
            var e = Assert.Throws<DbFormatException>(() => TransactionDb.Read(reader));
            Assert.Equal((1L, "date"), (e.RowNumber, e.Column));
        }
    }
}
