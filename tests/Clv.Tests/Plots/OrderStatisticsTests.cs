using Clv.Plots.Internal;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Clv.Tests.Plots;

/// <summary>The plots' quantiles by selection: the same value as the sorted array's at every position, for any values.</summary>
public class OrderStatisticsTests
{
    [Property(MaxTest = 400)]
    public Property Select_AnyValuesAnyPosition_TheSortedArraysValue()
    {
        // Few distinct values (ties everywhere), signed zeros, infinities, and runs already sorted either way.
        var gen =
            from n in Gen.Choose(1, 3000)
            from distinct in Gen.Choose(1, 50)
            from layout in Gen.Choose(0, 2)
            from seed in Gen.Choose(0, int.MaxValue)
            select (n, distinct, layout, seed);
        return Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var random = new Random(c.seed);
            double[] special = [0.0, -0.0, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon];
            var values = new double[c.n];
            for (int i = 0; i < c.n; i++)
            {
                values[i] = random.Next(10) == 0 ? special[random.Next(special.Length)] : random.Next(c.distinct) * 1.5 - 7;
            }

            if (c.layout == 1)
            {
                Array.Sort(values);
            }
            else if (c.layout == 2)
            {
                Array.Sort(values);
                Array.Reverse(values);
            }

            var sorted = (double[])values.Clone();
            Array.Sort(sorted);
            foreach (int k in (int[])[0, c.n - 1, c.n / 2, (int)Math.Floor(0.99 * (c.n - 1)), random.Next(c.n)])
            {
                var copy = (double[])values.Clone();
                Assert.Equal(sorted[k], OrderStatistics.Select(copy, k));
                Array.Sort(copy);
                Assert.Equal(sorted, copy);
            }
        });
    }

    [Fact]
    public void Select_OutOfRange_ArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => OrderStatistics.Select(new double[3], 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => OrderStatistics.Select(new double[3], -1));
    }
}
