using Clv.Internal;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Clv.Tests.Internal;

/// <summary>
/// Order statistics by selection (RFM cut points, interval quantiles, the plots' medians and percentiles), beyond the RFM
/// property tests' quantile ranks: the extremes the plots can meet (infinities, the largest double, signed zeros), input
/// already sorted either way, the first and last ranks, and the values only reordered, below and above the radix step.
/// </summary>
public class QuantileSelectionTests
{
    [Property(MaxTest = 300)]
    public Property Select_AnyValuesAnyRanks_TheSortedArraysValues()
    {
        // Few distinct values (ties everywhere), signed zeros, infinities, and runs already sorted either way; sizes on both
        // sides of the radix step (4,096 values).
        var gen =
            from n in Gen.Choose(1, 9000)
            from distinct in Gen.Choose(1, 50)
            from layout in Gen.Choose(0, 2)
            from seed in Gen.Choose(0, int.MaxValue)
            select (n, distinct, layout, seed);
        return Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var random = new Random(c.seed);
            double[] special = [0.0, -0.0, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, double.MaxValue];
            var values = new double[c.n];
            for (int i = 0; i < c.n; i++)
            {
                values[i] = random.Next(10) == 0 ? special[random.Next(special.Length)] : (random.Next(c.distinct) * 1.5) - 7;
            }

            if (c.layout > 0)
            {
                Array.Sort(values);
                if (c.layout == 2)
                {
                    Array.Reverse(values);
                }
            }

            var sorted = (double[])values.Clone();
            Array.Sort(sorted);
            int[] ranks = [.. new[] { 0, c.n - 1, (c.n - 1) / 2, c.n / 2, (int)Math.Floor(0.99 * (c.n - 1)), random.Next(c.n) }.Order()];
            var copy = (double[])values.Clone();
            var found = new double[ranks.Length];

            QuantileSelection.Select(copy, ranks, found);

            Assert.Equal(ranks.Select(k => sorted[k]), found);
            Array.Sort(copy);
            Assert.Equal(sorted, copy);   // reordered, nothing lost or changed
        });
    }
}
