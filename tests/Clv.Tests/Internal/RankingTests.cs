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
            Assert.Equal(expected, Ranking.Descending(values, radixFrom: 0));              // the radix sort at any length
            Assert.Equal(expected, Ranking.Descending(values, radixFrom: int.MaxValue));   // the comparison sort at any length
        });

    [Fact]
    public void Descending_LargeArrayWithTies_IsLinqsOrder()
    {
        var random = new Random(7);
        double[] values = [.. Enumerable.Range(0, 200_000).Select(_ => Math.Round(random.NextDouble() * 50) / 10)];
        int[] expected = [.. Enumerable.Range(0, values.Length).OrderByDescending(i => values[i]).ThenBy(i => i)];
        Assert.True(values.Length >= Ranking.RadixFrom);
        Assert.Equal(expected, Ranking.Descending(values));
        Assert.Equal(expected, Ranking.Descending(values, radixFrom: int.MaxValue));
    }

    [Fact]
    public void Descending_RadixPath_NegativesZerosAndInfinities_IsLinqsOrder()
    {
        // Every sign and exponent range, both zeros (one value), subnormals and infinities, many ties, past the radix threshold.
        double[] pool = [0.0, -0.0, double.Epsilon, -double.Epsilon, 1e-310, -1e-310, 1, -1, 1e308, -1e308, double.MaxValue, double.MinValue,
            double.PositiveInfinity, double.NegativeInfinity, 0.1, -0.1, 3.5, -3.5];
        var random = new Random(11);
        double[] values = [.. Enumerable.Range(0, 3 * Ranking.RadixFrom).Select(_ => random.Next(4) == 0 ? (random.NextDouble() - 0.5) * 1e6 : pool[random.Next(pool.Length)])];
        Assert.Equal([.. Enumerable.Range(0, values.Length).OrderByDescending(i => values[i]).ThenBy(i => i)], Ranking.Descending(values));
    }
}
