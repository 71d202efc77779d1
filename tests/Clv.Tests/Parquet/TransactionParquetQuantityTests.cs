using Clv.Parquet;

namespace Clv.Tests.Parquet;

/// <summary>
/// Order lines in Parquet (<see cref="TransactionParquetOptions.QuantityColumn"/>): quantity × unit price per row, bad
/// quantities named like bad amounts, in files DuckDB writes.
/// </summary>
public class TransactionParquetQuantityTests
{
    [Fact]
    public void ReadAndReadInto_QuantityTimesUnitPrice_SameAsTheAmounts()
    {
        using var files = new ParquetTestFiles();
        var cdnow = TestData.CdnowSample();
        string log = files.PathOf("log.parquet"), lines = files.PathOf("lines.parquet");
        TransactionParquet.Write(log, cdnow);

        // Each amount as 4 x a quarter of it (exact in binary), the quantity an INT32, the price a DOUBLE.
        files.Execute($"COPY (SELECT customer_id AS CustomerID, date AS InvoiceDate, CAST(4 AS INTEGER) AS Quantity, amount / 4 AS UnitPrice FROM read_parquet({ParquetTestFiles.Sql(log)})) TO {ParquetTestFiles.Sql(lines)} (FORMAT PARQUET)");

        var options = new TransactionParquetOptions
        {
            CustomerIdColumn = "CustomerID",
            DateColumn = "InvoiceDate",
            AmountColumn = "UnitPrice",
            QuantityColumn = "quantity",
        };
        var read = TransactionParquet.Read(lines, options);
        Assert.Equal(TransactionParquet.Read(log).Transactions.ToArray(), read.Transactions.ToArray());

        // Streamed into a builder, as the tool reads: the same summaries as the log of the amounts.
        var fromLines = new CustomerSummariesBuilder(TestData.CdnowCalibrationEnd, TimeUnit.Week);
        var report = TransactionParquet.ReadInto(lines, fromLines, options);
        var fromAmounts = new CustomerSummariesBuilder(TestData.CdnowCalibrationEnd, TimeUnit.Week);
        TransactionParquet.ReadInto(log, fromAmounts);
        Assert.Equal((cdnow.Length, 0), ((int)report.RowsRead, report.Rejected.Count));
        Assert.Equal(fromAmounts.Build().AsSpan().ToArray(), fromLines.Build().AsSpan().ToArray());
    }

    [Fact]
    public void Read_ZeroLines_AreTransactionsOfPlusZero()
    {
        using var files = new ParquetTestFiles();
        string path = files.PathOf("zero.parquet");
        files.Execute($"COPY (SELECT * FROM (VALUES ('a', DATE '2024-01-05', -1.0, 0.0), ('a', DATE '2024-01-06', 2.0, -0.0)) t(customer_id, date, quantity, amount)) TO {ParquetTestFiles.Sql(path)} (FORMAT PARQUET)");

        var log = TransactionParquet.Read(path, new TransactionParquetOptions { QuantityColumn = "quantity" });

        Assert.Equal([0L, 0L], log.Transactions.ToArray().Select(t => BitConverter.DoubleToInt64Bits(t.Amount)));
    }

    [Fact]
    public void Read_BadQuantities_StrictNamesTheFirstLenientRejectsEach()
    {
        using var files = new ParquetTestFiles();
        string path = files.PathOf("bad.parquet");
        files.Execute($"""
            COPY (SELECT * FROM (VALUES
                ('a', DATE '2024-01-05', 2.0, 3.0),
                ('b', DATE '2024-01-06', NULL, 3.0),
                ('c', DATE '2024-01-07', 'NaN'::DOUBLE, 3.0),
                ('d', DATE '2024-01-08', 1e200, 1e200),
                ('e', DATE '2024-01-09', 2.0, NULL),
                ('f', DATE '2024-01-10', -1.0, 4.5)) t(customer_id, date, quantity, amount)) TO {ParquetTestFiles.Sql(path)} (FORMAT PARQUET)
            """);

        var e = Assert.Throws<ParquetFormatException>(() => TransactionParquet.Read(path, new TransactionParquetOptions { QuantityColumn = "quantity" }));
        Assert.Equal((2L, "quantity", "", "The quantity is null."), (e.RowNumber, e.Column, e.RawText, e.Reason));

        var log = TransactionParquet.Read(path, new TransactionParquetOptions { QuantityColumn = "quantity", Mode = ParquetReadMode.Lenient });
        Assert.Equal([("a", 6.0), ("f", -4.5)], log.Transactions.ToArray().Select(t => (t.CustomerId, t.Amount)));
        Assert.Equal(
            [(2L, "quantity", "", "The quantity is null."), (3L, "quantity", "NaN", "The quantity is not a finite number (NaN or infinity)."),
             (4L, "quantity", "1E+200", "The quantity times the unit price (1E+200) is not a finite number."), (5L, "amount", "", "The amount is null.")],
            log.Rejected.Select(r => (r.LineNumber, r.Column!, r.RawText, r.Reason)));
    }

    [Fact]
    public void Read_TextQuantity_FileErrorNamingTheQuantityAndItsType()
    {
        using var files = new ParquetTestFiles();
        string path = files.PathOf("text.parquet");
        files.Execute($"COPY (SELECT 'a' AS customer_id, DATE '2024-01-05' AS date, 'two' AS qty, 1.5::DOUBLE AS amount) TO {ParquetTestFiles.Sql(path)} (FORMAT PARQUET)");

        var e = Assert.Throws<ParquetFormatException>(() => TransactionParquet.Read(path, new TransactionParquetOptions { QuantityColumn = "qty" }));

        Assert.Equal("qty", e.Column);
        Assert.Contains("The quantity column 'qty' holds STRING values; a quantity must be DOUBLE, FLOAT, DECIMAL, INT32 or INT64", e.Reason, StringComparison.Ordinal);
        var missing = Assert.Throws<ParquetFormatException>(() => TransactionParquet.Read(path, new TransactionParquetOptions { QuantityColumn = "quantity" }));
        Assert.Contains("The quantity column 'quantity' is not in the file.", missing.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(" ")]
    [InlineData("AMOUNT")]
    [InlineData("customer_id")]
    public void Read_QuantityOptionRefused_NamesTheProperty(string quantity)
    {
        using var files = new ParquetTestFiles();
        string path = files.PathOf("log.parquet");
        TransactionParquet.Write(path, [new Transaction("a", new DateOnly(2024, 1, 5), 1)]);

        var e = Assert.ThrowsAny<ArgumentException>(() => TransactionParquet.Read(path, new TransactionParquetOptions { QuantityColumn = quantity }));

        Assert.Equal("options.QuantityColumn", e.ParamName);
    }
}
