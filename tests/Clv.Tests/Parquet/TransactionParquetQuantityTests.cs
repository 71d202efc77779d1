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
        Assert.Equal(report.RowGroups, report.PageReaderGroups);   // order lines take our page reader too
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

        var lenient = new TransactionParquetOptions { QuantityColumn = "quantity", Mode = ParquetReadMode.Lenient };
        var (report, _) = TransactionParquetPageReaderTests.AssertSameAsParquetNet(path, lenient);
        Assert.Equal(report.RowGroups, report.PageReaderGroups);
        var log = TransactionParquet.Read(path, lenient);
        Assert.Equal([("a", 6.0), ("f", -4.5)], log.Transactions.ToArray().Select(t => (t.CustomerId, t.Amount)));
        Assert.Equal(
            [(2L, "quantity", "", "The quantity is null."), (3L, "quantity", "NaN", "The quantity is not a finite number (NaN or infinity)."),
             (4L, "quantity", "1E+200", "The quantity times the unit price (1E+200) is not a finite number."), (5L, "amount", "", "The amount is null.")],
            log.Rejected.Select(r => (r.LineNumber, r.Column!, r.RawText, r.Reason)));
    }

    [Theory]
    [InlineData("CAST(q AS BIGINT)", "SNAPPY")]
    [InlineData("CAST(q AS REAL)", "UNCOMPRESSED")]
    [InlineData("q", "SNAPPY")]
    [InlineData("CAST(q AS DECIMAL(9,1))", "SNAPPY")]
    public void Read_QuantityLayouts_PageReaderAndParquetNetAgree(string quantity, string compression)
    {
        // Whole-number, float and double quantities with nulls over several row groups; a DECIMAL quantity is left to
        // Parquet.Net. Either way the rows and the rejections are the same.
        using var files = new ParquetTestFiles();
        string path = files.PathOf("lines.parquet");
        string q = "(CASE WHEN i % 501 = 7 THEN NULL ELSE CAST((i % 7) - 1 AS DOUBLE) END)";
        files.Execute($"""
            COPY (SELECT 'c' || (i % 97) AS customer_id, DATE '2024-01-01' + CAST(i % 300 AS INTEGER) AS date,
                         {quantity.Replace("q", q, StringComparison.Ordinal)} AS quantity, CAST((i % 13) * 0.25 AS DOUBLE) AS amount
                  FROM range(10000) t(i) ORDER BY i)
            TO {ParquetTestFiles.Sql(path)} (FORMAT PARQUET, COMPRESSION '{compression}', ROW_GROUP_SIZE 2048)
            """);

        var (report, rows) = TransactionParquetPageReaderTests.AssertSameAsParquetNet(path, new TransactionParquetOptions { QuantityColumn = "quantity", Mode = ParquetReadMode.Lenient });

        Assert.True(report.RowGroups > 1);
        Assert.Equal(quantity.Contains("DECIMAL", StringComparison.Ordinal) ? 0 : report.RowGroups, report.PageReaderGroups);
        Assert.Equal(20, report.Rejected.Count);   // the null quantities (i = 7, 508, ...), named as such
        Assert.All(report.Rejected, r => Assert.Equal(("quantity", "The quantity is null."), (r.Column, r.Reason)));
        double[] expected = [.. Enumerable.Range(0, 10_000).Where(i => i % 501 != 7).Select(i => (((i % 7) - 1) * ((i % 13) * 0.25)) + 0.0)];
        Assert.Equal(expected, rows.Select(t => t.Amount));
    }

    [Fact]
    public void Read_TextQuantity_FileErrorNamingTheQuantityAndItsType()
    {
        using var files = new ParquetTestFiles();
        string path = files.PathOf("text.parquet");
        files.Execute($"COPY (SELECT 'a' AS customer_id, DATE '2024-01-05' AS date, 'two' AS qty, 1.5::DOUBLE AS amount) TO {ParquetTestFiles.Sql(path)} (FORMAT PARQUET)");

        var e = Assert.Throws<ParquetFormatException>(() => TransactionParquet.Read(path, new TransactionParquetOptions { QuantityColumn = "qty" }));

        Assert.Equal("qty", e.Column);
        Assert.Contains("The quantity column 'qty' holds STRING values; a quantity must be DOUBLE, FLOAT, DECIMAL or a whole number (INT8 to INT64, signed or unsigned)", e.Reason, StringComparison.Ordinal);
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
