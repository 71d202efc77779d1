using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// The BG/NBD family's shared-series path for many horizons (what discounted CLV sums over) equals one horizon at a time,
/// on each of its branches; and the simulator's new customers buy as the model's closed forms say.
/// </summary>
public class BetaGeometricBatchTests
{
    private static PurchaseModel Model(bool modified, double a) =>
        modified ? new MbgNbdModel(0.525, 6.183, a, 2.378, TimeUnit.Week) : new BgNbdModel(0.243, 4.414, a, 2.426, TimeUnit.Week);

    public static TheoryData<bool, double, int> Cases()
    {
        var data = new TheoryData<bool, double, int>();
        foreach (bool modified in new[] { false, true })
        {
            // a = 0.793 and 1.9: the shared series; a within 1e-4 of 1: one horizon at a time, interpolated across a = 1; 5,000
            // horizons: beyond the shared buffers.
            data.Add(modified, 0.793, 52);
            data.Add(modified, 1.9, 52);
            data.Add(modified, 1 + 3e-5, 52);
            data.Add(modified, 0.793, 5_000);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ExpectedPurchasesIfAlive_ManyHorizons_EqualsOneHorizonAtATime(bool modified, double a, int horizons)
    {
        var model = Model(modified, a);
        var times = Enumerable.Range(0, horizons).Select(k => k * 78.0 / horizons).ToArray();
        var batch = new double[horizons];
        foreach (int x in new[] { 0, 1, 2, 7, 25, 80 })
        {
            foreach (double age in new[] { 0.5, 12.0, 38.86, 77.0 })
            {
                model.ExpectedPurchasesIfAlive(x, age, times, batch);
                for (int k = 0; k < horizons; k++)
                {
                    double one = model.ExpectedPurchasesIfAlive(x, age, times[k]);
                    Assert.True(
                        Math.Abs(batch[k] - one) <= 1e-10 * Math.Max(1, Math.Abs(one)),
                        $"x {x}, T {age}, t {times[k]}: {batch[k]} vs {one}");
                }

                Assert.Equal(0, batch[0]);
                Assert.True(batch[^1] > batch[horizons / 2], "E[Y(t) | alive] grows with t");
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Draw_NewCustomers_CountsMatchTheClosedForms(bool modified)
    {
        // 40,000 customers observed for 52 weeks: the mean repeat count, the share without a repeat purchase and the mean
        // recency of those with one are within four standard errors of E[X(52)], P(X(52) = 0) and the purchase times' range.
        var model = Model(modified, 0.793);
        var random = new Random(20261203);
        const int n = 40_000;
        var draws = Enumerable.Range(0, n).Select(_ => model.Draw(52, random, null)).ToArray();
        double mean = draws.Average(d => d.Frequency);
        double sd = Math.Sqrt(draws.Average(d => (d.Frequency - mean) * (d.Frequency - mean)));
        Assert.InRange(mean, model.ExpectedPurchases(52) - (4 * sd / Math.Sqrt(n)), model.ExpectedPurchases(52) + (4 * sd / Math.Sqrt(n)));
        double p0 = model.PurchaseCountProbability(0, 52);
        double zeros = draws.Count(d => d.Frequency == 0) / (double)n;
        Assert.InRange(zeros, p0 - (4 * Math.Sqrt(p0 * (1 - p0) / n)), p0 + (4 * Math.Sqrt(p0 * (1 - p0) / n)));
        Assert.All(draws, d => Assert.Equal(52, d.Age));
        Assert.All(draws, d => Assert.InRange(d.Recency, 0, 52));
        Assert.All(draws.Where(d => d.Frequency == 0), d => Assert.Equal(0, d.Recency));
        Assert.Contains(draws, d => d.Frequency > 0 && d.Recency > 26);
    }
}
