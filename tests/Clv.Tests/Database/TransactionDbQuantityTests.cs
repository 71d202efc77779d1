using Clv.Data;
using static Clv.Tests.Database.Databases;

namespace Clv.Tests.Database;

/// <summary>Order lines from a query (<see cref="TransactionDbOptions.QuantityColumn"/>): quantity × unit price per row, bad quantities named.</summary>
public class TransactionDbQuantityTests
{
    [Fact]
    public void Read_SqliteOrderLines_QuantityTimesUnitPrice()
    {
        using var db = Sqlite();
        Execute(db, "CREATE TABLE lines (CustomerID TEXT, InvoiceDate TEXT, Quantity, UnitPrice REAL)");
        Execute(db, "INSERT INTO lines VALUES ('a', '2024-01-05', 3, 19.99), ('a', '2024-01-06', '2', 0.5), ('b', '2024-01-07', -1, 4.25), ('c', '2024-01-08', 1.5, 2)");
        using var reader = Query(db, "SELECT * FROM lines");

        var log = TransactionDb.Read(reader, new TransactionDbOptions { CustomerIdColumn = "customerid", DateColumn = "InvoiceDate", AmountColumn = "UnitPrice", QuantityColumn = "quantity" });

        Assert.Equal([("a", 3 * 19.99), ("a", 1.0), ("b", -4.25), ("c", 3.0)], log.Transactions.ToArray().Select(t => (t.CustomerId, t.Amount)));
    }

    [Fact]
    public void Read_ZeroLine_IsATransactionOfPlusZero()
    {
        using var db = Sqlite();
        Execute(db, "CREATE TABLE lines (customer_id TEXT, date TEXT, q, amount REAL)");
        Execute(db, "INSERT INTO lines VALUES ('a', '2024-01-05', -1, 0.0)");
        using var reader = Query(db, "SELECT * FROM lines");

        var log = TransactionDb.Read(reader, new TransactionDbOptions { QuantityColumn = "q" });

        Assert.Equal(0L, BitConverter.DoubleToInt64Bits(Assert.Single(log.Transactions.ToArray()).Amount));
    }

    [Fact]
    public void Read_BadQuantities_StrictNamesRowAndColumn_LenientCollectsThem()
    {
        using var db = Sqlite();
        Execute(db, "CREATE TABLE t (customer_id TEXT, date TEXT, qty, amount)");
        Execute(db, "INSERT INTO t VALUES ('a', '2024-01-05', 2, 10), ('b', '2024-01-05', NULL, 1), ('c', '2024-01-06', 'two', 2), ('d', '2024-01-07', 1e200, 1e200), ('e', '2024-01-08', 1, 'x'), ('f', '2024-01-09', 3, 1)");

        var strict = Assert.Throws<DbFormatException>(() => TransactionDb.Read(Query(db, "SELECT * FROM t"), new TransactionDbOptions { QuantityColumn = "qty" }));
        Assert.Equal("Row 2, column 'qty': The quantity is NULL. Value: ''.", strict.Message);

        using var reader = Query(db, "SELECT * FROM t");
        var log = TransactionDb.Read(reader, new TransactionDbOptions { QuantityColumn = "qty", Mode = DbReadMode.Lenient });
        Assert.Equal([("a", 20.0), ("f", 3.0)], log.Transactions.ToArray().Select(t => (t.CustomerId, t.Amount)));
        Assert.Equal(
            [(2L, "qty", "", "The quantity is NULL."), (3L, "qty", "two", "Not a number in the invariant culture."),
             (4L, "qty", "1E+200", "The quantity times the unit price (1E+200) is not a finite number."), (5L, "amount", "x", "Not a number in the invariant culture.")],
            log.Rejected.Select(r => (r.LineNumber, r.Column!, r.RawText, r.Reason)));
    }

    [Theory]
    [InlineData(" ", "options.QuantityColumn must name a column")]
    [InlineData("AMOUNT", "options.QuantityColumn ('AMOUNT') must name a column of its own, but options.AmountColumn names it too.")]
    [InlineData("missing", "options.QuantityColumn: the result has no column 'missing'")]
    public void Read_QuantityOptionRefused_NamesTheProperty(string quantity, string message)
    {
        using var db = Sqlite();
        Execute(db, "CREATE TABLE t (customer_id TEXT, date TEXT, amount REAL)");
        using var reader = Query(db, "SELECT * FROM t");

        var e = Assert.ThrowsAny<ArgumentException>(() => TransactionDb.Read(reader, new TransactionDbOptions { QuantityColumn = quantity }));

        Assert.Equal("options.QuantityColumn", e.ParamName);
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }
}
