using Clv.Orleans;
using Clv.Orleans.Internal;
using Orleans;
using Orleans.Runtime;

namespace Clv.Tests.Orleans;

/// <summary>A silo stopped in the middle of a job: the job completes on the other two with the same result.</summary>
[Collection(OrleansTestGroup.Name)]
public sealed class SiloLossTests
{
    [Fact]
    public async Task RunAsync_SecondarySiloStoppedAfterStatistics_SameResult()
    {
        var token = TestContext.Current.CancellationToken;
        using var logs = ShardedLogs.Synthetic(3000, 9);
        var spec = logs.Spec("loss-" + Guid.NewGuid().ToString("N"), ClusterOutputFormat.Csv);
        var cluster = await OrleansCluster.StartAsync();
        var statisticsDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var resume = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        OrleansCluster.Hooks.AfterStatistics = id =>
        {
            if (id != spec.JobId)
            {
                return Task.CompletedTask;
            }

            statisticsDone.TrySetResult();
            return resume.Task;
        };
        try
        {
            var run = ClvClusterJob.RunAsync(cluster.Client, spec, null, token);
            await statisticsDone.Task.WaitAsync(TimeSpan.FromSeconds(30), token);

            // Stop the secondary silo that holds the most partitions (random placement: 9 partitions all on the primary is 1 in 20,000): their summaries (kept for scoring) are lost with it.
            var management = cluster.Client.GetGrain<IManagementGrain>(0);
            var hosts = new List<SiloAddress>();
            for (int p = 0; p < spec.Partitions.Count; p++)
            {
                var partition = cluster.Client.GetGrain<IClvPartitionGrain>(ClvJobGrain.PartitionKey(spec.JobId, p));
                hosts.Add(await management.GetActivationAddress(partition, token) ?? throw new InvalidOperationException("partition " + p + " is not active"));
            }

            var victim = cluster.SecondarySilos.OrderByDescending(s => hosts.Count(h => h.Equals(s.SiloAddress))).First();
            int lost = hosts.Count(h => h.Equals(victim.SiloAddress));
            Assert.True(lost > 0, "no partition on a secondary silo: " + string.Join(", ", hosts) + " secondaries " + string.Join(", ", cluster.SecondarySilos.Select(s => s.SiloAddress)) + " primary " + cluster.Primary?.SiloAddress);
            long builtBefore = OrleansCluster.Hooks.SummariesBuilt;
            await cluster.StopSiloAsync(victim, token);
            resume.TrySetResult();

            var result = await run.WaitAsync(TimeSpan.FromSeconds(120), token);
            logs.AssertEqualsSingleProcess(spec, result);
            Assert.True(OrleansCluster.Hooks.SummariesBuilt - builtBefore >= lost, "the lost partitions read their files again");
        }
        finally
        {
            OrleansCluster.Hooks.AfterStatistics = null;
            resume.TrySetResult();
            await cluster.StopAllSilosAsync(CancellationToken.None);
            await cluster.DisposeAsync();
        }
    }
}
