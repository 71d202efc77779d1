using Clv.Csv;
using Clv.Orleans;
using Clv.Orleans.Internal;
using Orleans;

namespace Clv.Tests.Orleans;

/// <summary>
/// A failed or cancelled job: deletes only the files it wrote, starts again under the same id and spec, and does not
/// hold its grain while partitions at work finish.
/// </summary>
[Collection(OrleansTestGroup.Name)]
public sealed class ClusterJobRerunTests(OrleansCluster fixture) : IClassFixture<OrleansCluster>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunAsync_FolderHoldsAnEarlierJobsParts_RefusedNamingThem_NothingDeleted_RunsOnceEmptied()
    {
        using var logs = ShardedLogs.Cdnow();
        var spec = logs.Spec("earlier-" + Guid.NewGuid().ToString("N"), ClusterOutputFormat.Csv);
        string[] earlier = WriteEarlierParts(spec.OutputFolder);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => ClvClusterJob.RunAsync(fixture.Cluster.Client, spec, null, Token));
        Assert.Contains(spec.OutputFolder, ex.Message, StringComparison.Ordinal);
        Assert.Contains("5 part file(s) (part-00000.csv, part-00001.parquet, part-00002.parquet, ...)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("spec.ReplaceOutput", ex.Message, StringComparison.Ordinal);
        Assert.All(earlier, f => Assert.Equal("an earlier job's scorecard\n", File.ReadAllText(f)));

        // Refused before anything was stored: emptied, the same id runs.
        foreach (string file in earlier)
        {
            File.Delete(file);
        }

        var result = await ClvClusterJob.RunAsync(fixture.Cluster.Client, spec, null, Token);
        logs.AssertEqualsSingleProcess(spec, result);
    }

    [Fact]
    public async Task RunAsync_ReplaceOutput_DeletesEarlierPartsOfAnyNumberAndFormat_LeavesOnlyItsOwn()
    {
        using var logs = ShardedLogs.Cdnow();
        var spec = logs.Spec("replace-" + Guid.NewGuid().ToString("N"), ClusterOutputFormat.Csv, replaceOutput: true);
        WriteEarlierParts(spec.OutputFolder);
        string other = Path.Combine(spec.OutputFolder, "notes.txt");
        File.WriteAllText(other, "not a part file");

        var result = await ClvClusterJob.RunAsync(fixture.Cluster.Client, spec, null, Token);
        logs.AssertEqualsSingleProcess(spec, result);
        string[] expected = [.. result.OutputFiles, other];
        Assert.Equal(expected.Order(StringComparer.Ordinal), Directory.GetFiles(spec.OutputFolder).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RunAsync_FailsInTheFit_LeavesPartFilesItNeverWroteInTheFolder()
    {
        // Files that appear in the folder while the job runs (another job writing there) are not the failed job's to delete.
        using var logs = ShardedLogs.Cdnow();
        var spec = logs.Spec("foreign-" + Guid.NewGuid().ToString("N"), ClusterOutputFormat.Csv, logs.OverlappingPartitions());
        string[] foreign = [];
        OrleansCluster.Hooks.AfterStatistics = id =>
        {
            if (id == spec.JobId)
            {
                foreign = WriteEarlierParts(spec.OutputFolder);
            }

            return Task.CompletedTask;
        };
        try
        {
            var ex = await Assert.ThrowsAsync<ClusterJobException>(() => ClvClusterJob.RunAsync(fixture.Cluster.Client, spec, null, Token));
            Assert.Contains("not split by customer", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            OrleansCluster.Hooks.AfterStatistics = null;
        }

        Assert.Equal(5, foreign.Length);
        Assert.All(foreign, f => Assert.Equal("an earlier job's scorecard\n", File.ReadAllText(f)));
    }

    [Fact]
    public async Task RunAsync_FailedThenFileMended_SameSpecRunsAgainToTheEnd()
    {
        using var logs = ShardedLogs.Cdnow();
        string bad = logs.Partitions[1][1];
        string[] good = File.ReadAllLines(bad);
        Break(bad);
        var spec = logs.Spec("mended-" + Guid.NewGuid().ToString("N"), ClusterOutputFormat.Csv);
        var ex = await Assert.ThrowsAsync<ClusterJobException>(() => ClvClusterJob.RunAsync(fixture.Cluster.Client, spec, null, Token));
        Assert.Contains(bad, ex.Message, StringComparison.Ordinal);

        File.WriteAllLines(bad, good);
        var result = await ClvClusterJob.RunAsync(fixture.Cluster.Client, spec, null, Token);
        logs.AssertEqualsSingleProcess(spec, result);
    }

    [Fact]
    public async Task RunAsync_FailedOnAWrongDateFormat_CorrectedSpecUnderTheSameId_RunsToTheEnd()
    {
        using var logs = ShardedLogs.Cdnow();
        var spec = logs.Spec("corrected-" + Guid.NewGuid().ToString("N"), ClusterOutputFormat.Csv);
        var wrong = logs.Spec(spec.JobId, ClusterOutputFormat.Csv, csv: new TransactionCsvOptions { WhitespaceDelimited = true, HasHeader = false, CustomerIdIndex = 1, DateIndex = 2, DateFormat = "yyyy-MM-dd", AmountIndex = 4 });
        var ex = await Assert.ThrowsAsync<ClusterJobException>(() => ClvClusterJob.RunAsync(fixture.Cluster.Client, wrong, null, Token));
        Assert.Contains("yyyy-MM-dd", ex.Message, StringComparison.Ordinal);

        var result = await ClvClusterJob.RunAsync(fixture.Cluster.Client, spec, null, Token);
        logs.AssertEqualsSingleProcess(spec, result);

        // Completed, the id keeps its spec.
        var refused = await Assert.ThrowsAsync<ArgumentException>(() => ClvClusterJob.RunAsync(fixture.Cluster.Client, wrong, null, Token));
        Assert.Contains("different spec", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_CancelledThenSameSpec_RunsAgainToTheEnd()
    {
        using var logs = ShardedLogs.Cdnow();
        var spec = logs.Spec("again-" + Guid.NewGuid().ToString("N"), ClusterOutputFormat.Csv);
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        OrleansCluster.Hooks.AfterStatistics = id =>
        {
            if (id != spec.JobId)
            {
                return Task.CompletedTask;
            }

            held.TrySetResult();
            return release.Task;
        };
        try
        {
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Token);
            var run = ClvClusterJob.RunAsync(fixture.Cluster.Client, spec, null, cancel.Token);
            await held.Task.WaitAsync(TimeSpan.FromSeconds(30), Token);
            await cancel.CancelAsync();
            release.TrySetResult();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        }
        finally
        {
            OrleansCluster.Hooks.AfterStatistics = null;
            release.TrySetResult();
        }

        var result = await ClvClusterJob.RunAsync(fixture.Cluster.Client, spec, null, Token);
        logs.AssertEqualsSingleProcess(spec, result);
    }

    [Fact]
    public async Task CancelAsync_PartitionStillWriting_StatusAnswersAtOnceAndTheFilesGoWhenItEnds()
    {
        using var logs = ShardedLogs.Cdnow();
        var spec = logs.Spec("held-" + Guid.NewGuid().ToString("N"), ClusterOutputFormat.Csv);
        using var hold = new HeldMove(spec.JobId, 2);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var run = ClvClusterJob.RunAsync(fixture.Cluster.Client, spec, null, cancel.Token);
        await hold.Held.WaitAsync(TimeSpan.FromSeconds(30), Token);
        await cancel.CancelAsync();

        // The partition still holds its call; the job grain answers anyway, and says it is not settled yet.
        var job = fixture.Cluster.Client.GetGrain<IClvJobGrain>(spec.JobId);
        JobStatus status;
        int polls = 0;
        do
        {
            status = await job.GetStatusAsync().WaitAsync(TimeSpan.FromSeconds(10), Token);
            await Task.Delay(50, Token);
        }
        while (status.Stage != ClusterJobStage.Cancelled && ++polls < 200);
        Assert.Equal(ClusterJobStage.Cancelled, status.Stage);
        Assert.False(status.Settled);
        Assert.False(run.IsCompleted);   // RunAsync waits for the files to go before it throws

        hold.Release();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Empty(Directory.GetFiles(spec.OutputFolder));
        Assert.True((await job.GetStatusAsync()).Settled);
    }

    /// <summary>Another job's output in the folder: more partitions than the test jobs' three, and both formats.</summary>
    private static string[] WriteEarlierParts(string folder)
    {
        Directory.CreateDirectory(folder);
        string[] names = ["part-00000.csv", "part-00001.parquet", "part-00002.parquet", "part-00004.parquet", "part-00005.parquet.tmp"];
        var files = names.Select(n => Path.Combine(folder, n)).ToArray();
        foreach (string file in files)
        {
            File.WriteAllText(file, "an earlier job's scorecard\n");
        }

        return files;
    }

    /// <summary>Puts a bad amount on the file's third line (as <c>ClusterJobTests</c> does).</summary>
    private static void Break(string file)
    {
        var lines = File.ReadAllLines(file);
        lines[2] = lines[2].Replace(lines[2].Split(' ', StringSplitOptions.RemoveEmptyEntries)[4], "12,x5", StringComparison.Ordinal);
        File.WriteAllLines(file, lines);
    }
}
