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
    public async Task RunAsync_FailsBeforeScoring_LeavesAnEarlierJobsFilesInTheFolder()
    {
        using var logs = ShardedLogs.Cdnow();
        var spec = logs.Spec("earlier-" + Guid.NewGuid().ToString("N"), ClusterOutputFormat.Csv);
        Directory.CreateDirectory(spec.OutputFolder);
        var earlier = Enumerable.Range(0, 3).Select(p => spec.OutputPath(p)).ToArray();
        foreach (string file in earlier)
        {
            File.WriteAllText(file, "an earlier job's scorecard\n");
        }

        Break(logs.Partitions[1][1]);

        await Assert.ThrowsAsync<ClusterJobException>(() => ClvClusterJob.RunAsync(fixture.Cluster.Client, spec, null, Token));
        foreach (string file in earlier)
        {
            Assert.True(File.Exists(file), file + " was deleted by a job that never wrote it");
            Assert.Equal("an earlier job's scorecard\n", File.ReadAllText(file));
        }
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
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        string last = ClvJobGrain.PartitionKey(spec.JobId, 2);
        OrleansCluster.Hooks.BeforeMove = key =>
        {
            if (key != last)
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

            release.TrySetResult();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
            Assert.Empty(Directory.GetFiles(spec.OutputFolder));
            Assert.True((await job.GetStatusAsync()).Settled);
        }
        finally
        {
            OrleansCluster.Hooks.BeforeMove = null;
            release.TrySetResult();
        }
    }

    /// <summary>Puts a bad amount on the file's third line (as <c>ClusterJobTests</c> does).</summary>
    private static void Break(string file)
    {
        var lines = File.ReadAllLines(file);
        lines[2] = lines[2].Replace(lines[2].Split(' ', StringSplitOptions.RemoveEmptyEntries)[4], "12,x5", StringComparison.Ordinal);
        File.WriteAllLines(file, lines);
    }
}
