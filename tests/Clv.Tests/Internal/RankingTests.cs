using Clv.Internal;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Clv.Tests.Internal;

public sealed class RankingTests
{
    /// <summary>Values from a small set (many ties, both zeros, infinities) or any double, NaN included.</summary>
    private static readonly Gen<double> Value = Gen.OneOf(
        Gen.Elements(0.0, -0.0, 1.0, -1.0, 2.5, double.PositiveInfinity, double.NegativeInfinity, 1e-300),
        ArbMap.Default.GeneratorFor<double>());

    [Property(MaxTest = 300)]
    public Property Descending_IsLinqsStableDescendingOrder() =>
        Prop.ForAll(Value.ArrayOf().ToArbitrary(), values =>
        {
            int[] expected = [.. Enumerable.Range(0, values.Length).OrderByDescending(i => values[i]).ThenBy(i => i)];
            Assert.Equal(expected, Ranking.Descending(values));
        });

    [Fact]
    public void Descending_LargeArrayWithTies_IsLinqsOrder()
    {
        var random = new Random(7);
        double[] values = [.. Enumerable.Range(0, 200_000).Select(_ => Math.Round(random.NextDouble() * 50) / 10)];
        Assert.Equal([.. Enumerable.Range(0, values.Length).OrderByDescending(i => values[i]).ThenBy(i => i)], Ranking.Descending(values));
    }
}
