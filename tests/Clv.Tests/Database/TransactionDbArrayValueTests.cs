using System.Data;
using Clv.Data;

namespace Clv.Tests.Database;

/// <summary>
/// A rejected array value (a PostgreSQL <c>text[]</c> or <c>int[]</c> column mapped as the id) is shown by its elements, as
/// PostgreSQL writes it, not as "System.String[]": the rejected-rows list should show what the row held.
/// </summary>
public class TransactionDbArrayValueTests
{
    private static readonly TransactionDbOptions Lenient = new() { Mode = DbReadMode.Lenient };

    [Fact]
    public void Read_ArrayId_RejectedWithItsElements()
    {
        using var table = new DataTable();
        table.Columns.Add("customer_id", typeof(object));
        table.Columns.Add("date", typeof(DateOnly));
        table.Columns.Add("amount", typeof(double));
        table.Rows.Add(new[] { "a", "b" }, new DateOnly(2024, 1, 2), 1.0);
        table.Rows.Add(new int?[] { 1, null, 3 }, new DateOnly(2024, 1, 2), 1.0);
        using var reader = table.CreateDataReader();

        var log = TransactionDb.Read(reader, Lenient);
        Assert.Equal(0, log.Transactions.Length);
        Assert.Equal(["{a,b}", "{1,NULL,3}"], log.Rejected.Select(r => r.RawText));
    }

    [Fact]
    public void Read_PostgresTextArrayId_RejectedWithItsElements()
    {
        using var connection = Databases.Postgres();
        using var reader = Databases.Query(connection, "SELECT ARRAY['a','b'] AS customer_id, DATE '2024-01-02' AS date, 5.0 AS amount");
        var log = TransactionDb.Read(reader, Lenient);
        Assert.Equal(["{a,b}"], log.Rejected.Select(r => r.RawText));
    }
}
