using Clv.Csv;

namespace Clv.Tests.Csv;

public class TransactionCsvReadIntoTests
{
    private static readonly TransactionCsvOptions Cdnow = TransactionCsvReadTests.Cdnow;

    [Fact]
    public void ReadInto_Cdnow_GivesTheSameSummariesAsReadingTheWholeLog()
    {
        string path = TestData.PathOf("CDNOW_sample.txt");
        var end = new DateOnly(1997, 9, 30);
        var builder = new CustomerSummariesBuilder(end, TimeUnit.Week);
        var reports = new List<long>();

        var report = TransactionCsv.ReadInto(path, builder, Cdnow, new SyncProgress(reports.Add), TestContext.Current.CancellationToken);
        var streamed = builder.Build();

        var whole = CustomerSummaries.FromTransactions(TransactionCsv.Read(path, Cdnow).Transactions, end, TimeUnit.Week);
        Assert.Equal(6919, report.Imported);
        Assert.Equal(6919, report.RowsRead);
        Assert.Empty(report.Rejected);
        Assert.True(CustomerSummariesPropertyTests.SameSummaries(whole, streamed));
        Assert.Equal(whole.TransactionCount, streamed.TransactionCount);
        Assert.Equal(6919, Assert.Single(reports));
    }

    [Fact]
    public void ReadInto_LenientWithBadRows_CountsEveryRow()
    {
        string path = Path.Combine(Path.GetTempPath(), $"clv-readinto-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "customer_id,date,amount\na,2024-01-01,1\nb,2024-13-01,2\nc,2024-01-02,x\na,2024-01-05,3\n");
        try
        {
            var builder = new CustomerSummariesBuilder(new DateOnly(2024, 1, 31), TimeUnit.Day);
            var report = TransactionCsv.ReadInto(path, builder, new TransactionCsvOptions { Mode = CsvReadMode.Lenient }, cancellationToken: TestContext.Current.CancellationToken);
            Assert.Equal(2, report.Imported);
            Assert.Equal(2, report.Rejected.Count);
            Assert.Equal(4, report.RowsRead);
            Assert.Equal(1, Assert.Single(builder.Build()).Frequency);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ReadInto_CancelledToken_ThrowsOperationCanceled()
    {
        var builder = new CustomerSummariesBuilder(new DateOnly(1997, 9, 30), TimeUnit.Week);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            TransactionCsv.ReadInto(TestData.PathOf("CDNOW_sample.txt"), builder, Cdnow, cancellationToken: cts.Token));
    }

    /// <summary>Reports synchronously (Progress&lt;T&gt; posts to the thread pool).</summary>
    private sealed class SyncProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
