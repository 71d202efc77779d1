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

        var report = TransactionCsv.ReadInto(path, builder, WithProgress(Cdnow, reports.Add));
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
            var report = TransactionCsv.ReadInto(path, builder, new TransactionCsvOptions { Mode = CsvReadMode.Lenient, CancellationToken = TestContext.Current.CancellationToken });
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
    public void ReadInto_ThenRowsInMemory_SameIdsAreOneCustomer()
    {
        // The file's ids enter the builder as text, the in-memory rows' ids as strings: both must find one customer.
        string path = Path.Combine(Path.GetTempPath(), $"clv-readinto-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "customer_id,date,amount\nalice,2024-01-01,10\nbob,2024-01-02,5\nalice,2024-01-03,7\n");
        try
        {
            var builder = new CustomerSummariesBuilder(new DateOnly(2024, 1, 31), TimeUnit.Day);
            TransactionCsv.ReadInto(path, builder, new TransactionCsvOptions { CancellationToken = TestContext.Current.CancellationToken });
            builder.Add([new(new string("bob".AsSpan()), new DateOnly(2024, 1, 9), 4), new("carol", new DateOnly(2024, 1, 9), 1), new("alice", new DateOnly(2024, 1, 3), 1)]);
            var summaries = builder.Build();

            Assert.Equal(["alice", "bob", "carol"], summaries.Select(s => s.CustomerId));
            Assert.Equal((2, 18.0), (summaries[0].PurchaseDays, summaries[0].TotalSpend));
            Assert.Equal((2, 9.0), (summaries[1].PurchaseDays, summaries[1].TotalSpend));
            Assert.Equal(6, summaries.TransactionCount);
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
            TransactionCsv.ReadInto(TestData.PathOf("CDNOW_sample.txt"), builder, WithCancellation(Cdnow, cts.Token)));
    }

    internal static TransactionCsvOptions WithProgress(TransactionCsvOptions o, Action<long> report) => Copy(o, new SyncProgress(report), o.CancellationToken);

    internal static TransactionCsvOptions WithCancellation(TransactionCsvOptions o, CancellationToken token) => Copy(o, o.Progress, token);

    private static TransactionCsvOptions Copy(TransactionCsvOptions o, IProgress<long>? progress, CancellationToken token) => new()
    {
        CustomerIdColumn = o.CustomerIdColumn,
        DateColumn = o.DateColumn,
        AmountColumn = o.AmountColumn,
        CustomerIdIndex = o.CustomerIdIndex,
        DateIndex = o.DateIndex,
        AmountIndex = o.AmountIndex,
        HasHeader = o.HasHeader,
        Delimiter = o.Delimiter,
        WhitespaceDelimited = o.WhitespaceDelimited,
        DateFormat = o.DateFormat,
        Culture = o.Culture,
        Mode = o.Mode,
        Progress = progress,
        CancellationToken = token,
    };

    /// <summary>Reports synchronously (Progress&lt;T&gt; posts to the thread pool).</summary>
    internal sealed class SyncProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
