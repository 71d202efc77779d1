using Clv.Orleans;

namespace Clv.Tests.Orleans;

/// <summary><see cref="ClusterJobSpec.OutputPath"/> refuses a partition outside the spec with a message naming the value.</summary>
public class ClusterJobSpecOutputPathTests
{
    [Theory]
    [InlineData(-1)]
    [InlineData(2)]
    public void OutputPath_PartitionOutsideTheSpec_MessageNamesTheValue(int partition)
    {
        var spec = new ClusterJobSpec { JobId = "j", Partitions = [["a.csv"], ["b.csv"]], ObservationEnd = new DateOnly(2024, 3, 31), OutputFolder = "out" };
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => spec.OutputPath(partition));
        Assert.Equal("partition", e.ParamName);
        Assert.StartsWith($"partition must be 0 to 1, but was {partition}.", e.Message, StringComparison.Ordinal);
    }
}
