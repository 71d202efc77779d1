using Clv.Data;
using static Clv.Tests.Database.Databases;

namespace Clv.Tests.Database;

/// <summary>How <see cref="TransactionDb"/> finds its columns in a result: by name, ignoring case, never one of two.</summary>
public class TransactionDbColumnTests
{
    /// <summary>
    /// A join's result can name a column twice (<c>SELECT o.amount, r.amount</c>, or <c>amount</c> and <c>AMOUNT</c>): the
    /// reader took the first and dropped the other without a word, where the CSV reader refuses such a header as ambiguous.
    /// </summary>
    [Theory]
    [InlineData("amount")]
    [InlineData("AMOUNT")]
    public void Read_ColumnNamedTwice_IsRefusedAsAmbiguous(string second)
    {
        using var db = Sqlite();
        using var reader = Query(db, $"SELECT 'a' AS customer_id, '2024-01-05' AS date, 10.0 AS amount, -10.0 AS {second}");

        var e = Assert.Throws<ArgumentException>(() => TransactionDb.Read(reader));

        Assert.Equal("options.AmountColumn", e.ParamName);
        Assert.Contains($"more than one column named 'amount' (ignoring case: columns 3 'amount' and 4 '{second}')", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ColumnsInAnyOrderAndCase_AreFoundByName()
    {
        using var db = Sqlite();
        using var reader = Query(db, "SELECT 10.5 AS Amount, 'x' AS other, '2024-01-05' AS DATE, 'a' AS Customer_Id");

        var log = TransactionDb.Read(reader);

        Assert.Equal([new Transaction("a", new DateOnly(2024, 1, 5), 10.5)], log.Transactions.ToArray());
    }

    /// <summary>
    /// One column named as two fields (a typo: <c>AmountColumn = "customer_id"</c>) read every integer id as its own amount,
    /// where the CSV and Parquet options refuse names that are not distinct.
    /// </summary>
    [Theory]
    [InlineData("customer_id", "date", "CUSTOMER_ID")]
    [InlineData("customer_id", "customer_id", "amount")]
    [InlineData("customer_id", "amount", "Amount")]
    public void Read_OneColumnNamedForTwoFields_IsRefused(string id, string date, string amount)
    {
        using var db = Sqlite();
        using var reader = Query(db, "SELECT 7 AS customer_id, '2024-01-05' AS date, 10.0 AS amount");

        var e = Assert.Throws<ArgumentException>(() => TransactionDb.Read(reader, new TransactionDbOptions { CustomerIdColumn = id, DateColumn = date, AmountColumn = amount }));

        Assert.Equal("options.CustomerIdColumn", e.ParamName);
        Assert.Contains("must name different columns", e.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A wrong column read leniently (a JSON payload as the amount) kept each rejected row's whole value: 10,000 rows of 50,000
    /// characters held a billion bytes of rejections. The raw text is capped as the CSV and Parquet readers cap it.
    /// </summary>
    [Fact]
    public void Read_LongValueOfABadRow_RawTextIsCappedAsInTheCsvReader()
    {
        string payload = "{\"items\": [" + new string('x', 50_000) + "]}";
        using var db = Sqlite();
        Execute(db, "CREATE TABLE t (customer_id TEXT, date TEXT, amount TEXT)");
        Execute(db, $"INSERT INTO t VALUES ('a', '2024-01-05', '{payload}'), ('b', '2024-01-06', '12.5')");

        var log = TransactionDb.Read(Query(db, "SELECT * FROM t"), new TransactionDbOptions { Mode = DbReadMode.Lenient });
        var strict = Assert.Throws<DbFormatException>(() => TransactionDb.Read(Query(db, "SELECT * FROM t")));

        var rejected = Assert.Single(log.Rejected);
        Assert.Equal(payload[..200] + "... (50,013 characters)", rejected.RawText);
        Assert.Equal(rejected.RawText, strict.RawText);
        Assert.True(strict.Message.Length < 400, strict.Message);
    }
}
