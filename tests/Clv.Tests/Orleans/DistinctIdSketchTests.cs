using Clv.Orleans.Internal;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Clv.Tests.Orleans;

/// <summary>The customer-id sketch the cluster job uses to check that no customer sits in two partitions.</summary>
public sealed class DistinctIdSketchTests
{
    [Property(MaxTest = 200)]
    public Property Merge_OfTwoSketches_EqualsTheSketchOfBothSets(string[] left, string[] right)
    {
        var a = Sketch(left);
        a.Merge(Sketch(right));
        return a.ToBytes().AsSpan().SequenceEqual(Sketch([.. left, .. right]).ToBytes()).ToProperty();
    }

    [Property(MaxTest = 200)]
    public Property Add_AnIdAgain_ChangesNothing(string[] ids)
    {
        var once = Sketch(ids);
        var twice = Sketch([.. ids, .. ids]);
        return once.ToBytes().AsSpan().SequenceEqual(twice.ToBytes()).ToProperty();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1_000)]
    [InlineData(50_000)]
    [InlineData(163_840)]   // 2.5 m: where linear counting hands over to the raw estimate
    [InlineData(400_000)]
    [InlineData(3_000_000)]
    public void Estimate_OfDistinctIds_IsWithinFourStandardErrors(int n)
    {
        var sketch = new DistinctIdSketch();
        for (int i = 0; i < n; i++)
        {
            sketch.Add("C" + i.ToString("D8", System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.InRange(sketch.Estimate(), n * (1 - (4 * DistinctIdSketch.RelativeError)), n * (1 + (4 * DistinctIdSketch.RelativeError)) + 0.5);
    }

    [Fact]
    public void OverlapMessage_SplitByCustomer_IsNull_SplitWithSharedCustomers_SaysHowMany()
    {
        // Three partitions of 20,000 customers each: disjoint, then with the third partition a copy of the second.
        DistinctIdSketch Part(int from) => Sketch([.. Enumerable.Range(from, 20_000).Select(i => "id-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        var disjoint = Part(0);
        disjoint.Merge(Part(20_000));
        disjoint.Merge(Part(40_000));
        Assert.Null(DistinctIdSketch.OverlapMessage(60_000, disjoint.Estimate()));

        var shared = Part(0);
        shared.Merge(Part(20_000));
        shared.Merge(Part(20_000));
        string? message = DistinctIdSketch.OverlapMessage(60_000, shared.Estimate());
        Assert.NotNull(message);
        Assert.Contains("60,000 customers", message, StringComparison.Ordinal);
        var share = System.Text.RegularExpressions.Regex.Match(message, "about ([0-9]+)% of them also appear in another partition");
        Assert.True(share.Success, message);
        Assert.InRange(int.Parse(share.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 32, 35);   // a third, within the estimate's error
    }

    [Fact]
    public void FromBytes_WrongLengthOrRegister_Throws()
    {
        Assert.Throws<InvalidDataException>(() => DistinctIdSketch.FromBytes(new byte[10]));
        var bytes = new byte[DistinctIdSketch.Registers];
        bytes[7] = 64;
        Assert.Throws<InvalidDataException>(() => DistinctIdSketch.FromBytes(bytes));
        bytes[7] = 49;
        Assert.Equal(bytes, DistinctIdSketch.FromBytes(bytes).ToBytes());
    }

    private static DistinctIdSketch Sketch(string[] ids)
    {
        var sketch = new DistinctIdSketch();
        foreach (string? id in ids)
        {
            sketch.Add(id ?? "");
        }

        return sketch;
    }
}
