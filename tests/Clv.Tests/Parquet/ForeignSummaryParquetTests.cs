using Clv.Parquet;

namespace Clv.Tests.Parquet;

/// <summary>
/// A summaries file as another tool rewrites it: DuckDB reads ours and writes the same table in its own layouts
/// (dictionary-encoded text, its compressions, its format 2, columns in another order and case, extra columns); each
/// reads back to exactly the summaries written.
/// </summary>
public class ForeignSummaryParquetTests
{
    [Theory]
    [InlineData("*", "COMPRESSION snappy")]
    [InlineData("*", "COMPRESSION zstd")]
    [InlineData("*", "COMPRESSION gzip")]
    [InlineData("*", "COMPRESSION uncompressed")]
    [InlineData("*", "PARQUET_VERSION V2")]
    [InlineData("holdout_spend, 'x' AS note, * EXCLUDE (holdout_spend, customer_id), customer_id AS CUSTOMER_ID, [1, 2] AS tags", "COMPRESSION zstd")]
    public void Read_SummariesRewrittenByDuckDb_SameSummaries(string columns, string layout)
    {
        using var files = new ParquetTestFiles();
        var log = Enumerable.Range(0, 300).Select(i => new Transaction("c" + (i * 7 % 41), new DateOnly(2020, 1, 1).AddDays(i * 13 % 400), ((i * 37 % 2000) - 100) / 100.0)).ToArray();
        var customers = CustomerSummaries.FromTransactions(log, new DateOnly(2021, 1, 1), TimeUnit.Week, new DateOnly(2021, 3, 1));
        string ours = files.PathOf("ours.parquet"), theirs = files.PathOf("theirs.parquet");
        CustomerSummaryParquet.Write(ours, customers);
        files.Execute($"COPY (SELECT {columns} FROM read_parquet({ParquetTestFiles.Sql(ours)})) TO {ParquetTestFiles.Sql(theirs)} (FORMAT PARQUET, {layout})");

        var back = CustomerSummaryParquet.Read(theirs);

        ParquetRoundTripTests.AssertSameSummaries(customers.AsSpan(), back.AsSpan());
    }

    [Fact]
    public void Read_FirstPurchaseOutOfRange_ThatRowRejected()
    {
        using var files = new ParquetTestFiles();
        var log = new[] { new Transaction("a", new DateOnly(2020, 1, 1), 1), new Transaction("b", new DateOnly(2020, 1, 2), 2), new Transaction("c", new DateOnly(2020, 1, 3), 3) };
        var customers = CustomerSummaries.FromTransactions(log, new DateOnly(2021, 1, 1), TimeUnit.Week);
        string ours = files.PathOf("ours.parquet"), theirs = files.PathOf("theirs.parquet");
        CustomerSummaryParquet.Write(ours, customers);
        files.Execute($"""
            COPY (SELECT * REPLACE (CASE WHEN customer_id = 'b' THEN 'infinity'::DATE ELSE first_purchase END AS first_purchase)
                  FROM read_parquet({ParquetTestFiles.Sql(ours)})) TO {ParquetTestFiles.Sql(theirs)} (FORMAT PARQUET)
            """);

        var back = new List<CustomerSummary>();
        var report = CustomerSummaryParquet.ReadInto(theirs, back, new CustomerSummaryParquetOptions { Mode = ParquetReadMode.Lenient });

        Assert.Equal(["a", "c"], back.Select(c => c.CustomerId));
        Assert.Equal(new RejectedRow(2, "first_purchase", "2147483647 days from 1970-01-01", "The date is outside 0001-01-01 to 9999-12-31."), Assert.Single(report.Rejected));
    }
}
