using Clv.Orleans;

namespace Clv.Tests.Orleans;

/// <summary>Partitions that are legal but unusual: one with no row, one whose customers all came after the observation end.</summary>
[Collection(OrleansTestGroup.Name)]
public sealed class PartitionEdgeTests(OrleansCluster fixture) : IClassFixture<OrleansCluster>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunAsync_PartitionOfCustomersWhoCameAfterTheObservationEnd_EqualsSingleProcess()
    {
        // A fourth partition (a region opened after the observation end): its customers are holdout-only, as in one process.
        using var logs = ShardedLogs.Cdnow(
        [
            " 90001 9001 19971105  1   20.00",
            " 90002 9001 19980110  2   35.50",
            " 90003 9002 19980301  1   12.25",
        ]);
        var spec = logs.Spec("late-" + Guid.NewGuid().ToString("N"), ClusterOutputFormat.Csv);
        var result = await ClvClusterJob.RunAsync(fixture.Cluster.Client, spec, null, Token);
        logs.AssertEqualsSingleProcess(spec, result);
        Assert.Equal(4, result.OutputFiles.Count);
        Assert.Single(File.ReadAllLines(result.OutputFiles[3]));   // the header only
    }

    [Fact]
    public async Task RunAsync_EmptyPartition_EqualsSingleProcess()
    {
        using var logs = ShardedLogs.Cdnow([]);
        var spec = logs.Spec("empty-" + Guid.NewGuid().ToString("N"), ClusterOutputFormat.Parquet);
        var result = await ClvClusterJob.RunAsync(fixture.Cluster.Client, spec, null, Token);
        logs.AssertEqualsSingleProcess(spec, result);
        Assert.Equal(4, result.OutputFiles.Count);
    }
}
