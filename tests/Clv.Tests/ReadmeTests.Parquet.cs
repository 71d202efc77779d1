using Clv.Parquet;
using Clv.Parquet.Internal;
using Clv.Tests.Parquet;

namespace Clv.Tests;

/// <content>The README's Parquet section: the example's numbers, the type table and the error message it quotes.</content>
public partial class ReadmeTests
{
    [Fact]
    public void Parquet_Example_ReadsStreamsAndWrites()
    {
        using var files = new ParquetTestFiles();
        var rows = Orders.Value.Transactions;
        string orders = files.PathOf("orders.parquet"), export = files.PathOf("export.parquet");
        TransactionParquet.Write(orders, rows);
        new ParquetTable(rows.Length)
            .Add("kunde", [.. rows.ToArray().Select(t => t.CustomerId)])
            .Add("datum", rows.ToArray().Select(t => t.Date).ToArray())
            .Add("betrag", rows.ToArray().Select(t => t.Amount).ToArray())
            .WriteTo(export);

        var r = ReadmeExamples.Parquet(orders, export, files.PathOf("customers.parquet"), files.PathOf("rfm.parquet"), files.PathOf("clean.parquet"));

        Assert.Equal(6919, r.Orders.Count);
        Assert.Equal((6919L, 0), (r.Read.Imported, r.Read.Rejected.Count));
        Assert.Equal(2357, r.Customers.Count);
        ParquetRoundTripTests.AssertSameSummaries(Cdnow.Value.AsSpan(), r.Customers.AsSpan());
        ParquetRoundTripTests.AssertSameSummaries(r.Customers.AsSpan(), r.Again);
        ParquetRoundTripTests.AssertSameRows(rows, TransactionParquet.Read(files.PathOf("clean.parquet")).Transactions);
        Assert.Equal(2357L, ParquetTestFiles.Long(files.Query($"SELECT count(*) FROM read_parquet({ParquetTestFiles.Sql(files.PathOf("rfm.parquet"))})")[0][0]));
    }

    [Fact]
    public void Parquet_StrictMessage_IsTheOneTheReadmeQuotes()
    {
        using var files = new ParquetTestFiles();
        string path = files.PathOf("export.parquet");
        new ParquetTable(3).AddNullable("customer_id", ["1", "2", "3"]).Add("date", new DateOnly?[] { new(2024, 1, 5), null, new(2024, 1, 7) }).Add("amount", new double[] { 10, 5, 7 }).WriteTo(path);
        using var stream = File.OpenRead(path);

        var e = Assert.Throws<ParquetFormatException>(() => TransactionParquet.Read(stream));

        Assert.Equal("Row 2, column 'date': The date is null. Raw value: ''.", e.Message);
        Assert.Contains(e.Message, ReadmeText(), StringComparison.Ordinal);
        Assert.Contains($"`{string.Join("`, `", CustomerSummaryParquet.Columns)}`", ReadmeText().Replace("\n", " ", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Parquet_TypeTable_RowGroupsAndNumericIdsAsTheReadmeSays()
    {
        using var files = new ParquetTestFiles();
        string path = files.PathOf("ids.parquet");
        new ParquetTable(2).Add("customer_id", new long[] { 42, -7 }).Add("date", new[] { new DateOnly(2024, 1, 5), new DateOnly(2024, 1, 6) }).Add("amount", new[] { 1, 2 }).WriteTo(path);

        var log = TransactionParquet.Read(path);

        Assert.Equal(["42", "-7"], log.Transactions.ToArray().Select(t => t.CustomerId));
        Assert.Equal([1.0, 2.0], log.Transactions.ToArray().Select(t => t.Amount));
        Assert.Equal(131_072, ParquetTable.DefaultRowGroupRows);
        Assert.Contains("row groups of 131,072 rows", ReadmeText(), StringComparison.Ordinal);
        Assert.Contains("`42` is the customer `\"42\"`", ReadmeText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parquet_TimeZoneAndLenientSummaries_AsTheReadmeSays()
    {
        using var files = new ParquetTestFiles();
        string path = files.PathOf("stamps.parquet");
        files.Execute($"COPY (SELECT 'a' AS customer_id, TIMESTAMPTZ '2005-01-02 16:00:00+00' AS date, 1.0 AS amount) TO {ParquetTestFiles.Sql(path)} (FORMAT PARQUET)");
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

        Assert.Equal(new DateOnly(2005, 1, 3), TransactionParquet.Read(path, new TransactionParquetOptions { TimeZone = shanghai }).Transactions[0].Date);
        Assert.Equal(new DateOnly(2005, 1, 2), TransactionParquet.Read(path).Transactions[0].Date);
        string readme = ReadmeText().Replace("\n", " ", StringComparison.Ordinal);
        Assert.Contains("DuckDB's `TIMESTAMPTZ` `2005-01-02 16:00:00+00` counts on 3 January with `TimeZone` Asia/Shanghai and on 2 January without one", readme, StringComparison.Ordinal);
        Assert.Contains("`CustomerSummaryParquet.ReadInto(path, list, new CustomerSummaryParquetOptions { Mode = ParquetReadMode.Lenient })`", readme, StringComparison.Ordinal);
    }
}
