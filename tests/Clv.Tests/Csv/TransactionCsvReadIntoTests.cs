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
            Assert.Equal((2, 18.0), (summaries[0].PurchaseDays, summaries[0].Spend));
            Assert.Equal((2, 9.0), (summaries[1].PurchaseDays, summaries[1].Spend));
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

    [Fact]
    public void ReadInto_Progress_EachReportIsWhatTheBuilderHoldsAndTheLastIsTheTotal()
    {
        using var file = RowsFile(40_000);
        var builder = new CustomerSummariesBuilder(new DateOnly(2024, 12, 31), TimeUnit.Day);
        var reports = new List<(long Reported, long InBuilder)>();

        TransactionCsv.ReadInto(file.Path, builder, new TransactionCsvOptions { Progress = new SyncProgress(n => reports.Add((n, builder.TransactionCount))) });

        Assert.Equal([(16_384L, 16_384L), (32_768L, 32_768L), (40_000L, 40_000L)], reports);
    }

    [Fact]
    public void ReadInto_CancelledDuringTheRead_ThrowsAndTheLastReportIsWhatTheBuilderHolds()
    {
        using var file = RowsFile(40_000);
        using var cts = new CancellationTokenSource();
        var builder = new CustomerSummariesBuilder(new DateOnly(2024, 12, 31), TimeUnit.Day);
        var reports = new List<long>();
        var options = new TransactionCsvOptions
        {
            CancellationToken = cts.Token,
            Progress = new SyncProgress(n =>
            {
                reports.Add(n);
                cts.Cancel();
            }),
        };

        Assert.ThrowsAny<OperationCanceledException>(() => TransactionCsv.ReadInto(file.Path, builder, options));

        Assert.Equal([16_384L], reports);
        Assert.Equal(16_384, builder.TransactionCount);
    }

    [Theory]
    [InlineData(16_384)]
    [InlineData(20_000)]
    public void ReadAndReadInto_CancelArrivingAfterTheWholeFileWasRead_ReturnNormally(int rows)
    {
        using var file = RowsFile(rows);
        using var cts = new CancellationTokenSource();
        var options = new TransactionCsvOptions
        {
            CancellationToken = cts.Token,
            Progress = new SyncProgress(n => CancelAt(cts, n, rows)),
        };
        var builder = new CustomerSummariesBuilder(new DateOnly(2024, 12, 31), TimeUnit.Day);

        var report = TransactionCsv.ReadInto(file.Path, builder, options);
        Assert.True(cts.IsCancellationRequested);
        using var again = new CancellationTokenSource();
        var log = TransactionCsv.Read(file.Path, new TransactionCsvOptions { CancellationToken = again.Token, Progress = new SyncProgress(n => CancelAt(again, n, rows)) });

        Assert.Equal(rows, report.Imported);
        Assert.Equal(rows, builder.TransactionCount);
        Assert.Equal(rows, log.Count);
    }

    [Fact]
    public void Read_Progress_CountsRejectedRowsToo()
    {
        var reports = new List<long>();
        var log = CsvText.Read("customer_id,date,amount\na,2024-01-01,1\nb,2024-13-01,2\n\nc,2024-01-02,3\n", new TransactionCsvOptions { Mode = CsvReadMode.Lenient, Progress = new SyncProgress(reports.Add) });

        Assert.Equal([3L], reports);
        Assert.Equal(3, log.RowsRead);
    }

    private static void CancelAt(CancellationTokenSource cts, long reported, long rows)
    {
        if (reported == rows)
        {
            cts.Cancel();
        }
    }

    private static TempFile RowsFile(int rows)
    {
        var text = new System.Text.StringBuilder("customer_id,date,amount\n");
        for (int i = 0; i < rows; i++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"c{i % 1000},2024-01-{(i % 28) + 1:00},1\n");
        }

        return new TempFile(text.ToString());
    }

    /// <summary>A temporary file deleted on dispose.</summary>
    internal sealed class TempFile : IDisposable
    {
        public TempFile(string text)
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"clv-csv-{Guid.NewGuid():N}.csv");
            File.WriteAllText(Path, text);
        }

        public string Path { get; }

        public void Dispose() => File.Delete(Path);
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
