using Clv.Csv;
using Clv.Parquet;

namespace Clv.Tests.Parquet;

/// <summary>Interoperability with an independent implementation: DuckDB reads the files we write, and we read the files it writes.</summary>
public class ParquetDuckDbTests
{
    [Theory]
    [InlineData(1 << 20)]
    [InlineData(1000)]
    public void DuckDb_ReadsOurTransactions_SameCountSumAndEveryRow(int rowGroupRows)
    {
        using var files = new ParquetTestFiles();
        var rows = TestData.CdnowSample();
        string path = files.PathOf("cdnow.parquet");
        TransactionParquet.Table(rows, rowGroupRows).WriteTo(path);
        string source = $"read_parquet({ParquetTestFiles.Sql(path)}, file_row_number = true)";

        var totals = files.Query($"SELECT count(*), sum(amount), count(DISTINCT customer_id), min(date), max(date), sum(amount::DECIMAL(18, 2)) FROM {source}")[0];
        var table = files.Query($"SELECT customer_id, date, amount FROM {source} ORDER BY file_row_number");

        Assert.Equal(6919L, ParquetTestFiles.Long(totals[0]));
        double sum = rows.Sum(r => r.Amount);
        Assert.Equal(sum, ParquetTestFiles.Double(totals[1]), Math.Abs(sum) * 1e-13);   // DuckDB adds in another order
        Assert.Equal(rows.Sum(r => (decimal)r.Amount), (decimal)totals[5]!);              // in cents: exactly
        Assert.Equal(2357L, ParquetTestFiles.Long(totals[2]));
        Assert.Equal(new DateOnly(1997, 1, 1), ParquetTestFiles.Date(totals[3]));
        Assert.Equal(new DateOnly(1998, 6, 30), ParquetTestFiles.Date(totals[4]));
        Assert.Equal(rows.Length, table.Count);
        for (int i = 0; i < rows.Length; i++)
        {
            Assert.Equal(rows[i].CustomerId, table[i][0]);
            Assert.Equal(rows[i].Date, ParquetTestFiles.Date(table[i][1]));
            Assert.Equal(rows[i].Amount, (double)table[i][2]!);
        }
    }

    [Fact]
    public void DuckDb_ReadsOurSummaries_SameSumsAndTypes()
    {
        using var files = new ParquetTestFiles();
        var customers = CustomerSummaries.FromTransactions(TestData.CdnowSample(), TestData.CdnowCalibrationEnd, TimeUnit.Week);
        string path = files.PathOf("customers.parquet");
        CustomerSummaryParquet.Write(path, customers);
        string source = $"read_parquet({ParquetTestFiles.Sql(path)})";

        var totals = files.Query($"SELECT count(*), sum(frequency), sum(spend), sum(recency), count(first_purchase), min(time_unit), max(time_unit) FROM {source}")[0];
        var types = files.Query($"DESCRIBE SELECT * FROM {source}").Select(r => $"{r[0]} {r[1]}");
        var spend = files.Query($"SELECT spend, monetary_value, days_since_last_purchase FROM {source}");

        Assert.Equal(2357L, ParquetTestFiles.Long(totals[0]));
        Assert.Equal(customers.Sum(c => c.Frequency), ParquetTestFiles.Long(totals[1]));
        Assert.Equal(customers.Sum(c => c.Spend), ParquetTestFiles.Double(totals[2]), 1e-8);
        Assert.Equal(customers.Sum(c => c.Recency), ParquetTestFiles.Double(totals[3]), 1e-8);
        Assert.Equal(2357L, ParquetTestFiles.Long(totals[4]));
        Assert.Equal(["Week", "Week"], totals[5..]);
        Assert.Equal(
            [
                "customer_id VARCHAR", "first_purchase DATE", "last_purchase DATE", "purchase_days INTEGER", "frequency INTEGER", "recency DOUBLE",
                "age DOUBLE", "time_unit VARCHAR", "days_since_last_purchase INTEGER", "spend DOUBLE", "refunds DOUBLE", "monetary_value DOUBLE",
                "holdout_purchase_days INTEGER", "holdout_spend DOUBLE",
            ],
            types);
        for (int i = 0; i < customers.Count; i++)
        {
            Assert.Equal(customers[i].Spend, (double)spend[i][0]!);
            Assert.Equal(customers[i].MonetaryValue, (double)spend[i][1]!);
            Assert.Equal(customers[i].DaysSinceLastPurchase, (int?)spend[i][2]);
        }
    }

    /// <summary>
    /// DuckDB writes the CDNOW log with each type a pipeline uses for each column (all <c>OPTIONAL</c>, in row groups of
    /// 2,048 rows); read into the builder, every variant gives the summaries of the CSV of the same log, bit for bit.
    /// </summary>
    [Theory]
    [InlineData("customer_id", "date", "amount", "")]
    [InlineData("customer_id::BIGINT", "(date + INTERVAL 14 HOUR)::TIMESTAMP", "amount::DECIMAL(12,2)", "")]
    [InlineData("customer_id::INTEGER", "strftime(date, '%Y%m%d')", "amount", "yyyyMMdd")]
    [InlineData("customer_id", "(date + INTERVAL 23 HOUR + INTERVAL 59 MINUTE)::TIMESTAMPTZ", "amount", "")]
    [InlineData("customer_id::SMALLINT", "date::TIMESTAMP_MS", "(amount * 100)::BIGINT / 100.0", "")]
    public void DuckDbFile_EachColumnType_SameSummariesAsTheCsv(string id, string date, string amount, string dateFormat)
    {
        using var files = new ParquetTestFiles();
        string csv = files.PathOf("cdnow.csv");
        TransactionCsv.Write(csv, TestData.CdnowSample());
        files.Execute($"CREATE TABLE log AS SELECT * FROM read_csv({ParquetTestFiles.Sql(csv)}, header = true, columns = {{'customer_id': 'VARCHAR', 'date': 'DATE', 'amount': 'DOUBLE'}})");
        string parquet = files.PathOf("cdnow.parquet");
        files.Execute($"COPY (SELECT {id} AS kunde, {date} AS datum, {amount} AS betrag FROM log) TO {ParquetTestFiles.Sql(parquet)} (FORMAT PARQUET, ROW_GROUP_SIZE 2048)");
        var options = new TransactionParquetOptions { CustomerIdColumn = "kunde", DateColumn = "datum", AmountColumn = "betrag", DateFormat = dateFormat.Length == 0 ? "yyyy-MM-dd" : dateFormat };

        var fromCsv = new CustomerSummariesBuilder(TestData.CdnowCalibrationEnd, TimeUnit.Week);
        TransactionCsv.ReadInto(csv, fromCsv);
        var fromParquet = new CustomerSummariesBuilder(TestData.CdnowCalibrationEnd, TimeUnit.Week);
        var report = TransactionParquet.ReadInto(parquet, fromParquet, options);

        Assert.Equal(6919, report.Imported);
        Assert.Empty(report.Rejected);
        Assert.Equal(4, report.RowGroups);
        ParquetRoundTripTests.AssertSameSummaries(fromCsv.Build().AsSpan(), fromParquet.Build().AsSpan());
    }

    [Fact]
    public void DuckDbFile_LocalTimestampsAcrossMidnight_CalendarDayAsStored()
    {
        using var files = new ParquetTestFiles();
        string path = files.PathOf("stamps.parquet");
        files.Execute($"""
            COPY (SELECT * FROM (VALUES
                ('a', TIMESTAMP '2005-01-02 00:00:00', 1.0),
                ('a', TIMESTAMP '2005-01-02 23:59:59.999999', 2.0),
                ('b', TIMESTAMP '2005-01-03 00:00:00.000001', 3.0))
              t(customer_id, date, amount)) TO {ParquetTestFiles.Sql(path)} (FORMAT PARQUET)
            """);

        var log = TransactionParquet.Read(path);

        Assert.Equal([new DateOnly(2005, 1, 2), new DateOnly(2005, 1, 2), new DateOnly(2005, 1, 3)], log.Transactions.ToArray().Select(t => t.Date));
    }
}
