using Clv.Parquet;

namespace Clv.Tests.Parquet;

/// <summary>Reading summaries with progress and cancellation, as the transaction reader does: per row group, whole groups only.</summary>
public class CustomerSummaryParquetProgressTests
{
    /// <summary>The CDNOW summaries (2,357 customers) in row groups of 1,000 rows: three groups, the last short.</summary>
    private static (string Path, CustomerSummary[] Summaries) File(ParquetTestFiles files)
    {
        var summaries = TestData.CdnowSummaries().AsSpan().ToArray();
        string path = files.PathOf("customers.parquet");
        CustomerSummaryParquet.Table(summaries, 1000).WriteTo(path);
        return (path, summaries);
    }

    [Fact]
    public void ReadInto_Progress_ReportsRowsReadAfterEachRowGroupUpToTheEnd()
    {
        using var files = new ParquetTestFiles();
        var (path, summaries) = File(files);
        var reports = new List<long>();
        var destination = new List<CustomerSummary>();

        var report = CustomerSummaryParquet.ReadInto(path, destination, new CustomerSummaryParquetOptions { Progress = new SyncProgress(reports.Add) });

        Assert.Equal(2357, summaries.Length);
        Assert.Equal([1000L, 2000L, 2357L], reports);
        Assert.Equal(3, report.RowGroups);
        ParquetRoundTripTests.AssertSameSummaries(summaries, destination.ToArray());
    }

    [Fact]
    public void ReadInto_Lenient_ProgressCountsRejectedRowsToo()
    {
        using var files = new ParquetTestFiles();
        var summaries = TestData.CdnowSummaries().AsSpan()[..5].ToArray();
        string path = files.PathOf("duplicate.parquet");
        CustomerSummaryParquet.Table([.. summaries, summaries[0]], 2).WriteTo(path);
        var reports = new List<long>();

        var report = CustomerSummaryParquet.ReadInto(path, new List<CustomerSummary>(), new CustomerSummaryParquetOptions { Mode = ParquetReadMode.Lenient, Progress = new SyncProgress(reports.Add) });

        Assert.Equal((5L, 1), (report.Imported, report.Rejected.Count));
        Assert.Equal([2L, 4L, 6L], reports);
    }

    [Fact]
    public void ReadInto_CancelledBefore_ThrowsAndAddsNothing()
    {
        using var files = new ParquetTestFiles();
        var (path, _) = File(files);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var destination = new List<CustomerSummary>();
        using var stream = System.IO.File.OpenRead(path);

        Assert.ThrowsAny<OperationCanceledException>(() => CustomerSummaryParquet.ReadInto(path, destination, new CustomerSummaryParquetOptions { CancellationToken = cancelled.Token }));
        Assert.ThrowsAny<OperationCanceledException>(() => CustomerSummaryParquet.ReadInto(stream, destination, new CustomerSummaryParquetOptions { CancellationToken = cancelled.Token }));

        Assert.Empty(destination);
    }

    [Fact]
    public void ReadInto_CancelledWhileReading_ThrowsAndKeepsOnlyWholeRowGroups()
    {
        using var files = new ParquetTestFiles();
        var (path, summaries) = File(files);
        using var cancellation = new CancellationTokenSource();
        var destination = new List<CustomerSummary>();

        // Cancelled from the first progress report, on the reading thread: the read stops before the second group.
        var options = new CustomerSummaryParquetOptions { Progress = new SyncProgress(_ => cancellation.Cancel()), CancellationToken = cancellation.Token };

        Assert.ThrowsAny<OperationCanceledException>(() => CustomerSummaryParquet.ReadInto(path, destination, options));
        Assert.Equal(1000, destination.Count);
        ParquetRoundTripTests.AssertSameSummaries(summaries.AsSpan(0, 1000), destination.ToArray());
    }

    private sealed class SyncProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
