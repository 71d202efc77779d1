using Clv.Csv;
using Clv.Parquet;

namespace Clv.Tests.Parquet;

/// <summary>
/// A file written by <see cref="TransactionParquet.Write(string, ReadOnlySpan{Transaction})"/> (ids dictionary-encoded)
/// read into a builder, which takes each row group as a table of ids and an index per row: the summaries are the CSV
/// reader's of the same log, bit for bit and in the same customer order, whatever the order of the rows.
/// </summary>
public class TransactionParquetTableBlockTests
{
    public static TheoryData<string, int> Orders() => new()
    {
        { "file", 1000 },
        { "date", 1000 },
        { "date", 7 },
        { "customer", 1 },
        { "shuffled", 500 },
    };

    [Theory]
    [MemberData(nameof(Orders))]
    public void ReadInto_OwnFile_SameSummariesAsTheCsvOfTheSameLog(string order, int groupRows)
    {
        var sample = TestData.CdnowSample();
        var random = new Random(3);
        Transaction[] rows = order switch
        {
            "date" => [.. sample.OrderBy(t => t.Date)],
            "customer" => [.. sample.OrderBy(t => t.CustomerId, StringComparer.Ordinal)],
            "shuffled" => [.. sample.OrderBy(_ => random.Next())],
            _ => sample,
        };
        using var files = new ParquetTestFiles();
        string csv = files.PathOf("log.csv");
        string parquet = files.PathOf("log.parquet");
        TransactionCsv.Write(csv, rows);
        TransactionParquet.Table(rows, groupRows).WriteTo(parquet);

        // A holdout end inside the log: rows after it are excluded, and customers seen only there are never numbered.
        var holdoutEnd = new DateOnly(1998, 3, 31);
        var fromCsv = new CustomerSummariesBuilder(TestData.CdnowCalibrationEnd, TimeUnit.Week, holdoutEnd);
        TransactionCsv.ReadInto(csv, fromCsv);
        var fromParquet = new CustomerSummariesBuilder(TestData.CdnowCalibrationEnd, TimeUnit.Week, holdoutEnd);
        var report = TransactionParquet.ReadInto(parquet, fromParquet);
        var (expected, actual) = (fromCsv.Build(), fromParquet.Build());

        Assert.Equal(6919, report.Imported);
        Assert.True(expected.ExcludedTransactionCount > 0);
        Assert.Equal(
            (expected.TransactionCount, expected.HoldoutTransactionCount, expected.ExcludedTransactionCount, expected.RefundTransactionCount),
            (actual.TransactionCount, actual.HoldoutTransactionCount, actual.ExcludedTransactionCount, actual.RefundTransactionCount));
        ParquetRoundTripTests.AssertSameSummaries(expected.AsSpan(), actual.AsSpan());
    }
}
