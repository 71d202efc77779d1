using Clv.Orleans;
using Clv.Orleans.Internal;

namespace Clv.Tests.Orleans;

/// <summary>A partition that fails, or a cancellation, stops the partitions still reading instead of waiting for them.</summary>
[Collection(OrleansTestGroup.Name)]
public sealed class ClusterJobStopTests(OrleansCluster fixture) : IClassFixture<OrleansCluster>
{
    /// <summary>Far longer than a stopped job takes here (well under a second), far shorter than the held reads (until released).</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunAsync_BadFileInOnePartition_OthersStillReadingAreStopped_FailsWithTheFile()
    {
        using var logs = ShardedLogs.Cdnow();
        string bad = logs.Partitions[1][1];
        var lines = File.ReadAllLines(bad);
        lines[2] = lines[2].Replace(lines[2].Split(' ', StringSplitOptions.RemoveEmptyEntries)[4], "12,x5", StringComparison.Ordinal);
        File.WriteAllLines(bad, lines);
        var spec = logs.Spec("stop-" + Guid.NewGuid().ToString("N"), ClusterOutputFormat.Csv);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int stopped = 0;
        OrleansCluster.Hooks.BeforeRead = (key, stop) =>
            key == ClvJobGrain.PartitionKey(spec.JobId, 1) || !key.StartsWith(spec.JobId + "/", StringComparison.Ordinal)
                ? Task.CompletedTask
                : HoldAsync(release.Task, () => Interlocked.Increment(ref stopped), stop);   // partitions 0 and 2 read "for hours"
        try
        {
            var run = ClvClusterJob.RunAsync(fixture.Cluster.Client, spec, null, Token);
            var ex = await Assert.ThrowsAsync<ClusterJobException>(() => run.WaitAsync(Patience, Token));
            Assert.Contains(bad, ex.Message, StringComparison.Ordinal);
            Assert.Contains("12,x5", ex.Message, StringComparison.Ordinal);
            Assert.Equal(2, Volatile.Read(ref stopped));
        }
        finally
        {
            OrleansCluster.Hooks.BeforeRead = null;
            release.TrySetResult();
        }
    }

    [Fact]
    public async Task RunAsync_CancelledWhilePartitionsRead_StopsThem_ThrowsWithoutWaitingForTheReads()
    {
        using var logs = ShardedLogs.Cdnow();
        var spec = logs.Spec("stopcancel-" + Guid.NewGuid().ToString("N"), ClusterOutputFormat.Csv);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int held = 0, stopped = 0;
        OrleansCluster.Hooks.BeforeRead = (key, stop) =>
        {
            if (!key.StartsWith(spec.JobId + "/", StringComparison.Ordinal))
            {
                return Task.CompletedTask;
            }

            Interlocked.Increment(ref held);
            return HoldAsync(release.Task, () => Interlocked.Increment(ref stopped), stop);
        };
        try
        {
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Token);
            var run = ClvClusterJob.RunAsync(fixture.Cluster.Client, spec, null, cancel.Token);
            for (int i = 0; i < 300 && Volatile.Read(ref held) < 3; i++)
            {
                await Task.Delay(100, Token);
            }

            Assert.Equal(3, Volatile.Read(ref held));
            await cancel.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(Patience, Token));
            Assert.Equal(3, Volatile.Read(ref stopped));
            Assert.False(Directory.Exists(spec.OutputFolder) && Directory.GetFiles(spec.OutputFolder).Length > 0);

            // Stopped partitions are ready for the next run: the same spec runs to the end.
            OrleansCluster.Hooks.BeforeRead = null;
            var result = await ClvClusterJob.RunAsync(fixture.Cluster.Client, spec, null, Token);
            logs.AssertEqualsSingleProcess(spec, result);
        }
        finally
        {
            OrleansCluster.Hooks.BeforeRead = null;
            release.TrySetResult();
        }
    }

    /// <summary>Waits until released; counts the stop when the partition's stop token ends the wait.</summary>
    private static async Task HoldAsync(Task release, Action onStopped, CancellationToken stop)
    {
        try
        {
            await release.WaitAsync(stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            onStopped();
            throw;
        }
    }
}
