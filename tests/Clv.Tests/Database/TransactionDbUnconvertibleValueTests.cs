using Clv.Data;
using DuckDB.NET.Data;

namespace Clv.Tests.Database;

/// <summary>
/// Values a provider cannot hand over as its .NET type: PostgreSQL's numeric <c>NaN</c>, <c>Infinity</c> and numbers beyond
/// <see cref="decimal"/> (Npgsql throws InvalidCastException and OverflowException from GetValue), dates before year 1, DuckDB's
/// DECIMAL(38) beyond <see cref="decimal"/> and its infinite dates (InvalidOperationException). These escaped the read as the
/// provider's exception, with no row or column, and ended a lenient read; now each is a bad row naming its row, column and
/// the database's type (neither Npgsql nor DuckDB.NET reads such a numeric as a <see cref="double"/> either).
/// </summary>
public class TransactionDbUnconvertibleValueTests
{
    private static readonly TransactionDbOptions Lenient = new() { Mode = DbReadMode.Lenient };

    [Fact]
    public void Read_PostgresNumericNaNInfinityAndHuge_AreBadRows()
    {
        using var connection = Databases.Postgres();
        const string Sql = """
            SELECT * FROM (VALUES ('a', DATE '2024-01-02', 1::numeric), ('b', DATE '2024-01-02', 'NaN'::numeric),
                ('c', DATE '2024-01-02', 'Infinity'::numeric), ('d', DATE '2024-01-02', 1e30::numeric),
                ('e', DATE '2024-01-02', 2::numeric)) v(customer_id, date, amount)
            """;
        using (var reader = Databases.Query(connection, Sql))
        {
            var log = TransactionDb.Read(reader, Lenient);
            Assert.Equal([1.0, 2.0], log.Transactions.ToArray().Select(t => t.Amount));
            Assert.Equal([(2L, "amount", "<numeric>"), (3L, "amount", "<numeric>"), (4L, "amount", "<numeric>")], log.Rejected.Select(r => (r.LineNumber, r.Column, r.RawText)));
            Assert.All(log.Rejected, r => Assert.Contains("numeric", r.Reason, StringComparison.Ordinal));
        }

        using (var reader = Databases.Query(connection, Sql))
        {
            var e = Assert.Throws<DbFormatException>(() => TransactionDb.Read(reader));
            Assert.Equal((2L, "amount"), (e.RowNumber, e.Column));
        }
    }

    [Fact]
    public void Read_PostgresDateBeforeYearOne_IsABadRow()
    {
        using var connection = Databases.Postgres();
        using var reader = Databases.Query(connection, "SELECT * FROM (VALUES ('a', DATE '0044-03-15 BC', 1), ('b', DATE '2024-01-02', 2)) v(customer_id, date, amount)");
        var log = TransactionDb.Read(reader, Lenient);
        Assert.Equal(["b"], log.Transactions.ToArray().Select(t => t.CustomerId));
        Assert.Equal((1L, "date"), (log.Rejected[0].LineNumber, log.Rejected[0].Column));
    }

    [Fact]
    public void Read_DuckDbInfiniteDateAndHugeDecimal_AreBadRows()
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        const string Sql = """
            SELECT * FROM (VALUES ('a', DATE '2024-01-02', 1.5::DECIMAL(38,2)), ('b', 'infinity'::DATE, 2::DECIMAL(38,2)),
                ('c', DATE '2024-01-03', 123456789012345678901234567890123.45::DECIMAL(38,2))) v(customer_id, date, amount)
            """;
        using (var reader = Databases.Query(connection, Sql))
        {
            var log = TransactionDb.Read(reader, Lenient);
            Assert.Equal(["a"], log.Transactions.ToArray().Select(t => t.CustomerId));
            Assert.Equal([(2L, "date"), (3L, "amount")], log.Rejected.Select(r => (r.LineNumber, r.Column)));
        }

        using (var reader = Databases.Query(connection, Sql))
        {
            var e = Assert.Throws<DbFormatException>(() => TransactionDb.Read(reader));
            Assert.Equal((2L, "date"), (e.RowNumber, e.Column));
            Assert.Contains("InvalidOperationException", e.Reason, StringComparison.Ordinal);
        }
    }
}
