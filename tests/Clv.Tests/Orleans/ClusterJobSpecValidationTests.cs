using System.Reflection;
using Clv.Orleans;
using Clv.Probabilistic;
using Orleans;

namespace Clv.Tests.Orleans;

/// <summary>
/// A spec whose time unit or CLV horizon is out of range is refused by <see cref="ClvClusterJob.RunAsync"/> before the cluster is
/// called, with the property path and value, rather than being stored as a job that reads every shard, fits, and then fails.
/// </summary>
public class ClusterJobSpecValidationTests
{
    public static TheoryData<string, string> Cases() => new()
    {
        { "TimeUnit", "spec.TimeUnit" },
        { "Periods0", "spec.Horizon.Periods" },
        { "PeriodsTooMany", "spec.Horizon.Periods" },
        { "Period", "spec.Horizon.Period" },
        { "MarginNegative", "spec.Horizon.MarginRate" },
        { "MarginNaN", "spec.Horizon.MarginRate" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task RunAsync_OutOfRangeSpec_RefusedBeforeTheClusterIsCalled(string change, string path)
    {
        var spec = Spec(change);
        var grains = DispatchProxy.Create<IGrainFactory, NoCluster>();
        var e = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ClvClusterJob.RunAsync(grains, spec, null, CancellationToken.None));
        Assert.Equal("spec", e.ParamName);
        Assert.Contains(path + " must", e.Message, StringComparison.Ordinal);
    }

    private static ClusterJobSpec Spec(string change)
    {
        var spec = new ClusterJobSpec { JobId = "bad-" + change, Partitions = [["a.csv"]], ObservationEnd = new DateOnly(2024, 3, 31), OutputFolder = "out" };
        return change switch
        {
            "TimeUnit" => new ClusterJobSpec { JobId = spec.JobId, Partitions = spec.Partitions, ObservationEnd = spec.ObservationEnd, OutputFolder = spec.OutputFolder, TimeUnit = (TimeUnit)9 },
            _ => new ClusterJobSpec
            {
                JobId = spec.JobId,
                Partitions = spec.Partitions,
                ObservationEnd = spec.ObservationEnd,
                OutputFolder = spec.OutputFolder,
                Horizon = change switch
                {
                    "Periods0" => new PredictiveClvOptions { Periods = 0 },
                    "PeriodsTooMany" => new PredictiveClvOptions { Periods = 2_000_000 },
                    "Period" => new PredictiveClvOptions { Period = (TimeUnit)9 },
                    "MarginNegative" => new PredictiveClvOptions { MarginRate = -0.1 },
                    "MarginNaN" => new PredictiveClvOptions { MarginRate = double.NaN },
                    _ => throw new ArgumentException(change),
                },
            },
        };
    }

    /// <summary>A grain factory that fails any call: reaching the cluster means the spec was not checked first.</summary>
    public class NoCluster : DispatchProxy
    {
        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            throw new InvalidOperationException("The cluster was called with a spec that should have been refused: " + targetMethod?.Name);
    }
}
