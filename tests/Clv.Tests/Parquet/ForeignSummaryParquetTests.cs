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

    [Theory]
    [InlineData("BIGINT", "BIGINT")]
    [InlineData("INTEGER", "BIGINT")]
    [InlineData("SMALLINT", "INTEGER")]
    [InlineData("TINYINT", "SMALLINT")]
    [InlineData("UTINYINT", "USMALLINT")]
    [InlineData("UINTEGER", "UBIGINT")]
    public void Read_CountsOfAnyWholeNumberType_SameSummaries(string counts, string daysQuiet)
    {
        // DuckDB's COUNT(*) and BIGINT and Spark's LongType are INT64; these were refused ("is written as INT32 values").
        using var files = new ParquetTestFiles();
        var customers = ExactSummaries();
        string theirs = Rewrite(files, customers, $"""
            purchase_days::{counts} AS purchase_days, frequency::{counts} AS frequency, holdout_purchase_days::{counts} AS holdout_purchase_days,
            days_since_last_purchase::{daysQuiet} AS days_since_last_purchase
            """);

        var back = CustomerSummaryParquet.Read(theirs);

        ParquetRoundTripTests.AssertSameSummaries(customers.AsSpan(), back.AsSpan());
    }

    [Theory]
    [InlineData("BIGINT")]
    [InlineData("INTEGER")]
    [InlineData("UBIGINT")]
    public void Read_WholeNumberCustomerIds_SameSummariesWithTheirText(string type)
    {
        // A pipeline's customer ids are often numbers: the transaction reader read them, the summaries reader refused them
        // ("'customer_id' is written as STRING values").
        using var files = new ParquetTestFiles();
        var log = Enumerable.Range(0, 300).Select(i => new Transaction((1000 + (i % 41)).ToString(System.Globalization.CultureInfo.InvariantCulture), new DateOnly(2020, 1, 1).AddDays(i * 13 % 400), ((i % 41 % 5) + 1) * 0.25)).ToArray();
        var customers = CustomerSummaries.FromTransactions(log, new DateOnly(2021, 1, 1), TimeUnit.Week, new DateOnly(2021, 3, 1));
        string theirs = Rewrite(files, customers, $"customer_id::{type} AS customer_id");

        var back = CustomerSummaryParquet.Read(theirs);

        ParquetRoundTripTests.AssertSameSummaries(customers.AsSpan(), back.AsSpan());
    }

    [Theory]
    [InlineData("DOUBLE")]
    [InlineData("FLOAT")]
    [InlineData("DECIMAL(9,0)")]
    [InlineData("DECIMAL(18,2)")]
    public void Read_CountsAsWholeValuesOfFractionalTypes_SameSummaries(string type)
    {
        // pandas writes an integer column with a missing value (days_since_last_purchase without a purchase) as DOUBLE; these
        // were refused ("must be a whole number").
        using var files = new ParquetTestFiles();
        var customers = ExactSummaries();
        string theirs = Rewrite(files, customers, $"""
            purchase_days::{type} AS purchase_days, frequency::{type} AS frequency, holdout_purchase_days::{type} AS holdout_purchase_days,
            days_since_last_purchase::{type} AS days_since_last_purchase
            """);

        var back = CustomerSummaryParquet.Read(theirs);

        ParquetRoundTripTests.AssertSameSummaries(customers.AsSpan(), back.AsSpan());
    }

    [Theory]
    [InlineData("FLOAT", "FLOAT")]
    [InlineData("INTEGER", "DECIMAL(9,2)")]
    [InlineData("BIGINT", "DECIMAL(18,2)")]
    [InlineData("USMALLINT", "DECIMAL(38,4)")]
    [InlineData("DECIMAL(10,0)", "DOUBLE")]
    public void Read_NumbersOfOtherTypes_SameSummaries(string spans, string amounts)
    {
        // Every value of these summaries is exact in every type here: whole days, quarter amounts.
        using var files = new ParquetTestFiles();
        var customers = ExactSummaries();
        string theirs = Rewrite(files, customers, $"""
            recency::{spans} AS recency, age::{spans} AS age, spend::{amounts} AS spend, refunds::{amounts} AS refunds,
            monetary_value::{amounts} AS monetary_value, holdout_spend::{amounts} AS holdout_spend
            """);

        var back = CustomerSummaryParquet.Read(theirs);

        ParquetRoundTripTests.AssertSameSummaries(customers.AsSpan(), back.AsSpan());
    }

    [Theory]
    [InlineData("purchase_days", "BIGINT", "1099511627776", CountOutOfRange)]
    [InlineData("purchase_days", "UINTEGER", "4294967295", CountOutOfRange)]
    [InlineData("frequency", "BIGINT", "-2147483649", CountOutOfRange)]
    [InlineData("days_since_last_purchase", "BIGINT", "-4294967296", CountOutOfRange)]
    [InlineData("holdout_purchase_days", "UBIGINT", "18446744073709551615", CountOutOfRange)]
    [InlineData("holdout_purchase_days", "BIGINT", "-3", "holdoutPurchaseDays must be at least 0, but was -3.")]
    [InlineData("purchase_days", "DOUBLE", "10000000000", CountOutOfRange)]
    [InlineData("holdout_purchase_days", "DOUBLE", "2.5", "The value is not a whole number.")]
    [InlineData("days_since_last_purchase", "FLOAT", "-0.5", "The value is not a whole number.")]
    [InlineData("frequency", "DECIMAL(18,2)", "3.25", "The value is not a whole number.")]
    public void Read_CountOutOfRangeOrNotWhole_ThatRowRejectedWithItsValue(string column, string type, string value, string reason)
    {
        using var files = new ParquetTestFiles();
        var customers = ExactSummaries();
        string theirs = Rewrite(files, customers, $"CASE WHEN customer_id = 'c3' THEN {value}::{type} ELSE {column}::{type} END AS {column}");
        long row = customers.AsSpan().ToArray().Select(c => c.CustomerId).ToList().IndexOf("c3") + 1;

        var back = new List<CustomerSummary>();
        var report = CustomerSummaryParquet.ReadInto(theirs, back, new CustomerSummaryParquetOptions { Mode = ParquetReadMode.Lenient });
        var e = Assert.Throws<ParquetFormatException>(() => CustomerSummaryParquet.Read(theirs));

        Assert.Equal(new RejectedRow(row, column, value, reason), Assert.Single(report.Rejected));
        Assert.Equal(customers.Count - 1, back.Count);
        Assert.DoesNotContain(back, c => c.CustomerId == "c3");
        Assert.Equal((theirs, row, column, value), (e.Path, e.RowNumber, e.Column, e.RawText));
    }

    private const string CountOutOfRange = "The value is outside a 32-bit integer's range (-2147483648 to 2147483647).";

    /// <summary>Summaries whose values FLOAT, DECIMAL(9,2) and whole numbers hold exactly: the unit is days (whole recency and age), each customer buys one quarter amount once a day.</summary>
    private static CustomerSummaries ExactSummaries()
    {
        var log = Enumerable.Range(0, 300).Select(i => new Transaction("c" + (i % 41), new DateOnly(2020, 1, 1).AddDays(i * 13 % 400), ((i % 41 % 5) + 1) * 0.25)).ToArray();
        return CustomerSummaries.FromTransactions(log, new DateOnly(2021, 1, 1), TimeUnit.Day, new DateOnly(2021, 3, 1));
    }

    /// <summary>Writes the summaries with Clv, and DuckDB's copy of them with the columns <paramref name="replace"/> gives (a REPLACE list); returns the copy's path.</summary>
    private static string Rewrite(ParquetTestFiles files, CustomerSummaries customers, string replace)
    {
        string ours = files.PathOf("ours.parquet"), theirs = files.PathOf("theirs.parquet");
        CustomerSummaryParquet.Write(ours, customers);
        files.Execute($"COPY (SELECT * REPLACE ({replace}) FROM read_parquet({ParquetTestFiles.Sql(ours)})) TO {ParquetTestFiles.Sql(theirs)} (FORMAT PARQUET)");
        return theirs;
    }
}
