using Clv.Parquet;

namespace Clv.Tests.Parquet;

/// <summary>
/// Whole-number amounts and quantities of every width DuckDB writes: a <c>SMALLINT</c> quantity of order lines, a
/// <c>TINYINT</c> or unsigned amount. They were refused ("holds INT16 values; a quantity must be DOUBLE, FLOAT, DECIMAL,
/// INT32 or INT64") while <c>Clv.Data.TransactionDb</c> reads any integer; they now give the log of the same values as
/// <c>DOUBLE</c>.
/// </summary>
public class TransactionParquetWholeNumberTypesTests
{
    [Theory]
    [InlineData("TINYINT", "SMALLINT")]
    [InlineData("SMALLINT", "TINYINT")]
    [InlineData("UTINYINT", "USMALLINT")]
    [InlineData("UINTEGER", "UBIGINT")]
    [InlineData("INTEGER", "SMALLINT")]
    public void Read_OrderLinesOfAnyWholeNumberType_SameLogAsDoubles(string price, string quantity)
    {
        using var files = new ParquetTestFiles();
        string typed = files.PathOf("typed.parquet"), doubles = files.PathOf("doubles.parquet");
        const string Rows = """
            SELECT 'c' || (i % 5) AS customer_id, DATE '2024-01-01' + (i % 40)::INTEGER AS date, (i % 100)::{0} AS price,
                   CASE WHEN i = 7 THEN NULL ELSE (1 + i % 3)::{1} END AS quantity
            FROM range(3000) t(i) ORDER BY i
            """;
        files.Execute($"COPY ({string.Format(Rows, price, quantity)}) TO {ParquetTestFiles.Sql(typed)} (FORMAT PARQUET, ROW_GROUP_SIZE 1024)");
        files.Execute($"COPY ({string.Format(Rows, "DOUBLE", "DOUBLE")}) TO {ParquetTestFiles.Sql(doubles)} (FORMAT PARQUET, ROW_GROUP_SIZE 1024)");
        var options = new TransactionParquetOptions { AmountColumn = "price", QuantityColumn = "quantity", Mode = ParquetReadMode.Lenient };

        var fromTyped = TransactionParquet.Read(typed, options);
        var fromDoubles = TransactionParquet.Read(doubles, options);

        Assert.Equal(2999, fromTyped.Count);
        Assert.Equal(fromDoubles.Transactions.ToArray(), fromTyped.Transactions.ToArray());
        Assert.Equal((8L, "quantity"), (Assert.Single(fromTyped.Rejected).LineNumber, Assert.Single(fromTyped.Rejected).Column!));
    }

    [Fact]
    public void Read_SmallIntAmountWithoutQuantity_IsConverted()
    {
        using var files = new ParquetTestFiles();
        string path = files.PathOf("small.parquet");
        files.Execute($"COPY (SELECT 'a' AS customer_id, DATE '2024-01-05' AS date, (-32768)::SMALLINT AS amount) TO {ParquetTestFiles.Sql(path)} (FORMAT PARQUET)");

        var log = TransactionParquet.Read(path);

        Assert.Equal([new Transaction("a", new DateOnly(2024, 1, 5), -32768)], log.Transactions.ToArray());
    }

    [Theory]
    [InlineData("hash('customer-' || (i % 7))")]
    [InlineData("(4000000000 + i % 7)::UINTEGER")]
    [InlineData("(250 + i % 5)::UTINYINT")]
    [InlineData("(65000 + i % 5)::USMALLINT")]
    [InlineData("(i % 9 - 128)::TINYINT")]
    public void Read_IdsOfAnyWholeNumberType_SameLogAsTheirText(string id)
    {
        // DuckDB's hash() is a UBIGINT, a common pseudonymous customer id; these were refused ("holds UInt64 values; a
        // customer id must be STRING, UUID, INT16, INT32 or INT64").
        using var files = new ParquetTestFiles();
        string typed = files.PathOf("typed.parquet"), text = files.PathOf("text.parquet");
        string rows = $"""
            SELECT CASE WHEN i = 11 THEN NULL ELSE {id} END AS customer_id, DATE '2024-01-01' + (i % 40)::INTEGER AS date, (i % 100 + 0.5)::DOUBLE AS amount
            FROM range(3000) t(i) ORDER BY i
            """;
        files.Execute($"COPY ({rows}) TO {ParquetTestFiles.Sql(typed)} (FORMAT PARQUET, ROW_GROUP_SIZE 1024)");
        files.Execute($"COPY (SELECT customer_id::VARCHAR AS customer_id, date, amount FROM read_parquet({ParquetTestFiles.Sql(typed)})) TO {ParquetTestFiles.Sql(text)} (FORMAT PARQUET, ROW_GROUP_SIZE 1024)");
        var options = new TransactionParquetOptions { Mode = ParquetReadMode.Lenient };

        var fromTyped = TransactionParquet.Read(typed, options);
        var fromText = TransactionParquet.Read(text, options);

        Assert.Equal(2999, fromTyped.Count);
        Assert.Equal(fromText.Transactions.ToArray(), fromTyped.Transactions.ToArray());
        Assert.Equal((12L, "customer_id"), (Assert.Single(fromTyped.Rejected).LineNumber, Assert.Single(fromTyped.Rejected).Column!));
    }
}
