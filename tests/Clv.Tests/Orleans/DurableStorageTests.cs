using Clv.Orleans;
using Clv.Orleans.Internal;
using Orleans;

namespace Clv.Tests.Orleans;

/// <summary>
/// The job on a durable grain storage: the whole cluster stops after the statistics stage and a new cluster on the same
/// storage finishes the job from the stored state, and the job's own stored state stays small whatever the customers.
/// </summary>
[Collection(OrleansTestGroup.Name)]
public sealed class DurableStorageTests
{
    [Fact]
    public async Task RunAsync_WholeClusterRestartedAfterStatistics_ResumesFromStoredStateWithSameResult()
    {
        var token = TestContext.Current.CancellationToken;
        string folder = Path.Combine(Path.GetTempPath(), "clv-durable-" + Guid.NewGuid().ToString("N"));
        using var logs = ShardedLogs.Synthetic(3000, 6);
        var spec = logs.Spec("durable-" + Guid.NewGuid().ToString("N"), ClusterOutputFormat.Csv);
        var hooks = OrleansCluster.Hooks;
        try
        {
            // First cluster: run until every partition has computed and stored its statistics, then stop every silo.
            long computedAtStart = hooks.StatisticsComputed;
            var statisticsDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var never = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            hooks.AfterStatistics = id =>
            {
                if (id != spec.JobId)
                {
                    return Task.CompletedTask;
                }

                statisticsDone.TrySetResult();
                return never.Task;   // the fit never starts on this cluster
            };
            var first = await OrleansCluster.StartAsync(folder);
            try
            {
                var abandoned = ClvClusterJob.RunAsync(first.Client, spec, null, CancellationToken.None);
                _ = abandoned.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                await statisticsDone.Task.WaitAsync(TimeSpan.FromSeconds(60), token);
                Assert.Equal(spec.Partitions.Count, hooks.StatisticsComputed - computedAtStart);
            }
            finally
            {
                hooks.AfterStatistics = null;
                await first.StopAllSilosAsync(CancellationToken.None);
                never.TrySetResult();
                await first.DisposeAsync();
            }

            // Second cluster, same storage: the job resumes at the fit. No partition computes its statistics again (they
            // come from its stored state); each reads its files once, to score.
            long computedBefore = hooks.StatisticsComputed, builtBefore = hooks.SummariesBuilt;
            var second = await OrleansCluster.StartAsync(folder);
            try
            {
                var stages = new List<ClusterJobProgress>();
                var result = await ClvClusterJob.RunAsync(second.Client, spec, new ClusterJobTests.SyncProgress(stages.Add), token).WaitAsync(TimeSpan.FromSeconds(120), token);
                logs.AssertEqualsSingleProcess(spec, result);
                Assert.Equal(computedBefore, hooks.StatisticsComputed);
                Assert.Equal(spec.Partitions.Count, hooks.SummariesBuilt - builtBefore);
                Assert.DoesNotContain(stages, s => s.Stage == ClusterJobStage.Statistics);

                // The job's state holds counts, models and aggregates: a few kilobytes. The statistics (about 15 bytes a
                // customer) are in the partitions' states, each its statistics, its 64 KB id sketch and a little framing.
                long job = FileGrainStorage.SizeOf(folder, "job", second.Client.GetGrain<IClvJobGrain>(spec.JobId).GetGrainId());
                Assert.InRange(job, 100, 8192);
                long partitions = 0;
                for (int p = 0; p < spec.Partitions.Count; p++)
                {
                    partitions += FileGrainStorage.SizeOf(folder, "partition", second.Client.GetGrain<IClvPartitionGrain>(ClvJobGrain.PartitionKey(spec.JobId, p)).GetGrainId());
                }

                long sketches = spec.Partitions.Count * (long)DistinctIdSketch.Registers;
                Assert.InRange(partitions, result.StatisticsBytes + sketches, result.StatisticsBytes + sketches + (spec.Partitions.Count * 8192L));
                Assert.True(result.StatisticsBytes > 3 * job, "statistics " + result.StatisticsBytes + " vs job state " + job);
            }
            finally
            {
                await second.StopAllSilosAsync(CancellationToken.None);
                await second.DisposeAsync();
            }
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
