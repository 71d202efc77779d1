using Clv.Orleans;
using Clv.Orleans.Internal;
using Orleans;
using Orleans.Runtime;

namespace Clv.Tests.Orleans;

/// <summary>The whole job on a three-silo cluster in this process: equal to one process, cancellable, failing with the bad file named.</summary>
[Collection(OrleansTestGroup.Name)]
public sealed class ClusterJobTests(OrleansCluster fixture) : IClassFixture<OrleansCluster>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunAsync_CdnowInThreePartitions_EqualsSingleProcess()
    {
        using var logs = ShardedLogs.Cdnow();
        var spec = logs.Spec("cdnow-" + Guid.NewGuid().ToString("N"), ClusterOutputFormat.Csv);
        var stages = new List<ClusterJobProgress>();
        var result = await ClvClusterJob.RunAsync(fixture.Cluster.Client, spec, new SyncProgress(stages.Add), Token);
        logs.AssertEqualsSingleProcess(spec, result);
        Assert.Equal(3, result.OutputFiles.Count);
        Assert.Empty(Directory.GetFiles(spec.OutputFolder, "*.tmp"));
        Assert.Equal(ClusterJobStage.Completed, stages[^1].Stage);
        Assert.Contains(stages, s => s.Stage == ClusterJobStage.Statistics);

        // Statistics shipped: a few bytes per distinct (x, t_x, T) and (x, m_x), not per customer.
        Assert.True(result.StatisticsBytes < 28L * 3 * logs.Whole.Count, result.StatisticsBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // Running the same spec again returns the stored result without redoing anything; a different spec under the id is refused.
        long built = OrleansCluster.Hooks.SummariesBuilt;
        var again = await ClvClusterJob.RunAsync(fixture.Cluster.Client, spec, null, Token);
        Assert.Equal(result.TotalClv, again.TotalClv);
        Assert.Equal(built, OrleansCluster.Hooks.SummariesBuilt);
        var other = new ClusterJobSpec { JobId = spec.JobId, Partitions = spec.Partitions, ObservationEnd = spec.ObservationEnd.AddDays(-1), Csv = spec.Csv, OutputFolder = spec.OutputFolder };
        var refused = await Assert.ThrowsAsync<ArgumentException>(() => ClvClusterJob.RunAsync(fixture.Cluster.Client, other, null, Token));
        Assert.Contains("different spec", refused.Message, StringComparison.Ordinal);
    }

    /// <summary><see cref="ClusterJobSpec.CsvOutput"/>: each CSV part file starts with the byte order mark and is otherwise the default file.</summary>
    [Fact]
    public async Task RunAsync_CsvOutputWithByteOrderMark_EachPartIsTheMarkAndTheDefaultText()
    {
        using var logs = ShardedLogs.Cdnow();
        var plain = logs.Spec("plain-" + Guid.NewGuid().ToString("N"), ClusterOutputFormat.Csv);
        var marked = logs.Spec("marked-" + Guid.NewGuid().ToString("N"), ClusterOutputFormat.Csv);
        marked = new ClusterJobSpec
        {
            JobId = marked.JobId,
            Partitions = marked.Partitions,
            ObservationEnd = marked.ObservationEnd,
            Csv = marked.Csv,
            OutputFolder = Path.Combine(marked.OutputFolder, "marked"),
            OutputFormat = ClusterOutputFormat.Csv,
            CsvOutput = new Clv.Csv.CsvWriteOptions { ByteOrderMark = true },
        };
        var plainResult = await ClvClusterJob.RunAsync(fixture.Cluster.Client, plain, null, Token);
        var markedResult = await ClvClusterJob.RunAsync(fixture.Cluster.Client, marked, null, Token);

        Assert.Equal(plainResult.OutputFiles.Count, markedResult.OutputFiles.Count);
        for (int p = 0; p < plainResult.OutputFiles.Count; p++)
        {
            Assert.Equal([0xEF, 0xBB, 0xBF, .. File.ReadAllBytes(plainResult.OutputFiles[p])], File.ReadAllBytes(markedResult.OutputFiles[p]));
        }
    }

    [Fact]
    public async Task RunAsync_SyntheticCsvAndParquetShards_ParquetOutputEqualsSingleProcess()
    {
        using var logs = ShardedLogs.Synthetic(3000, 5);
        var spec = logs.Spec("synthetic-" + Guid.NewGuid().ToString("N"), ClusterOutputFormat.Parquet);
        var result = await ClvClusterJob.RunAsync(fixture.Cluster.Client, spec, null, Token);
        logs.AssertEqualsSingleProcess(spec, result);
    }

    [Fact]
    public async Task RunAsync_Cancelled_LeavesNoOutputFile()
    {
        using var logs = ShardedLogs.Cdnow();
        var spec = logs.Spec("cancel-" + Guid.NewGuid().ToString("N"), ClusterOutputFormat.Csv);
        using var hold = new HeldMove(spec.JobId, 2);   // partition 2 waits with its temporary file written, until the job is being cancelled
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var run = ClvClusterJob.RunAsync(fixture.Cluster.Client, spec, null, cancel.Token);
        await hold.Held.WaitAsync(TimeSpan.FromSeconds(30), Token);
        await WaitUntilAsync(() => Directory.GetFiles(spec.OutputFolder, "part-*.csv").Length == 2);
        Assert.Single(Directory.GetFiles(spec.OutputFolder, "*.tmp"));   // not vacuous: two files moved in, one half-way

        await cancel.CancelAsync();
        await Task.Delay(300, Token);
        hold.Release();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Empty(Directory.GetFiles(spec.OutputFolder));
    }

    [Fact]
    public async Task RunAsync_BadShardFile_FailsNamingFileRowAndColumn()
    {
        using var logs = ShardedLogs.Cdnow();
        string bad = logs.Partitions[1][1];
        var lines = File.ReadAllLines(bad);
        lines[2] = lines[2].Replace(lines[2].Split(' ', StringSplitOptions.RemoveEmptyEntries)[4], "12,x5", StringComparison.Ordinal);
        File.WriteAllLines(bad, lines);
        var spec = logs.Spec("bad-" + Guid.NewGuid().ToString("N"), ClusterOutputFormat.Csv);

        var ex = await Assert.ThrowsAsync<ClusterJobException>(() => ClvClusterJob.RunAsync(fixture.Cluster.Client, spec, null, Token));
        Assert.Contains(bad, ex.Message, StringComparison.Ordinal);
        Assert.Contains("Line 3", ex.Message, StringComparison.Ordinal);
        Assert.Contains("column '4'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("12,x5", ex.Message, StringComparison.Ordinal);
        Assert.Equal(spec.JobId, ex.JobId);
        Assert.False(Directory.Exists(spec.OutputFolder) && Directory.GetFiles(spec.OutputFolder).Length > 0);
    }

    [Fact]
    public async Task RunAsync_SameCustomersInTwoPartitions_FailsSayingTheFilesAreNotSplitByCustomer()
    {
        // The third partition reads copies of the second partition's files: a third of the customers are in two partitions.
        using var logs = ShardedLogs.Cdnow();
        var spec = logs.Spec("overlap-" + Guid.NewGuid().ToString("N"), ClusterOutputFormat.Csv, logs.OverlappingPartitions());

        var ex = await Assert.ThrowsAsync<ClusterJobException>(() => ClvClusterJob.RunAsync(fixture.Cluster.Client, spec, null, Token));
        Assert.Contains("not split by customer", ex.Message, StringComparison.Ordinal);
        Assert.Contains("also appear in another partition", ex.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(spec.OutputFolder) && Directory.GetFiles(spec.OutputFolder).Length > 0);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (int i = 0; i < 300 && !condition(); i++)
        {
            await Task.Delay(100, Token);
        }

        Assert.True(condition());
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to the thread pool and may run late).</summary>
    internal sealed class SyncProgress(Action<ClusterJobProgress> report) : IProgress<ClusterJobProgress>
    {
        public void Report(ClusterJobProgress value) => report(value);
    }
}
