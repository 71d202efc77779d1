using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// The conditional purchase-count distribution, its quantiles and the next-purchase time (issue 16, item 3): laws for every
/// model, and agreement with customers simulated from the model itself.
/// </summary>
public class NextPurchaseTests
{
    public static readonly TheoryData<string> ModelNames = ["BG/NBD", "MBG/NBD", "Pareto/NBD"];

    private static readonly (int X, double Tx, double T)[] Histories =
        [(0, 0, 0), (0, 0, 30), (1, 5, 30), (3, 25, 30), (7, 20, 39), (15, 38, 39), (2, 1, 78)];

    private static PurchaseModel Model(string name) => name switch
    {
        "BG/NBD" => new BgNbdModel(0.243, 4.414, 0.793, 2.426, TimeUnit.Week),
        "MBG/NBD" => new MbgNbdModel(0.525, 6.183, 0.891, 1.614, TimeUnit.Week),
        _ => new ParetoNbdModel(0.553, 10.578, 0.606, 11.669, TimeUnit.Week),
    };

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void ConditionalPurchaseCountProbability_SumsToOne_MeanIsConditionalExpectation(string name)
    {
        var m = Model(name);
        foreach (var (x, tx, T) in Histories)
        {
            foreach (double t in new[] { 1.0, 13, 52 })
            {
                double total = 0, mean = 0;
                for (int n = 0; n < 400; n++)
                {
                    double p = m.ConditionalPurchaseCountProbability(n, x, tx, T, t);
                    Assert.InRange(p, 0, 1);
                    total += p;
                    mean += n * p;
                }

                Assert.Equal(1, total, 1e-7);
                double expected = m.ConditionalExpectedPurchases(x, tx, T, t);
                Assert.True(Math.Abs(mean - expected) <= 1e-6 * Math.Max(1, expected), $"{name} ({x}, {tx}, {T}), t = {t}: mean {mean} vs E[Y] {expected}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void ConditionalPurchaseCountProbability_JustAcquired_IsTheNewCustomerDistribution(string name)
    {
        // A customer seen at T = 0 right after the first purchase knows nothing more than a new customer: the same P(X(t) = n).
        var m = Model(name);
        for (int n = 0; n < 12; n++)
        {
            Assert.Equal(m.PurchaseCountProbability(n, 20), m.ConditionalPurchaseCountProbability(n, 0, 0, 0, 20), 1e-10);
        }
    }

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void ConditionalPurchaseCountQuantile_IsTheSmallestCountWhoseCdfReachesTheLevel(string name)
    {
        var m = Model(name);
        foreach (var (x, tx, T) in Histories)
        {
            foreach (double level in new[] { 0.05, 0.5, 0.95 })
            {
                int q = m.ConditionalPurchaseCountQuantile(x, tx, T, 26, level);
                double below = Enumerable.Range(0, q).Sum(n => m.ConditionalPurchaseCountProbability(n, x, tx, T, 26));
                double atQ = below + m.ConditionalPurchaseCountProbability(q, x, tx, T, 26);
                Assert.True(atQ >= level - 1e-12, $"{name}: CDF({q}) = {atQ} < {level}");
                Assert.True(q == 0 || below < level, $"{name}: CDF({q - 1}) = {below} already reaches {level}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void NextPurchaseTime_InvertsProbabilityOfAnyPurchase(string name)
    {
        var m = Model(name);
        int finite = 0;
        foreach (var (x, tx, T) in Histories)
        {
            double previous = 0;
            foreach (double level in new[] { 0.05, 0.2, 0.5, 0.8 })
            {
                double t = m.NextPurchaseTime(x, tx, T, level);
                Assert.True(t >= previous, $"{name}: not increasing in the level");
                previous = t;
                if (double.IsPositiveInfinity(t))
                {
                    // Never reached: the probability of ever buying again is at most the level.
                    Assert.True(m.ProbabilityOfAnyPurchase(x, tx, T, 1e6) <= level + 1e-6, $"{name} ({x}, {tx}, {T}): infinite at {level}");
                    continue;
                }

                finite++;
                Assert.Equal(level, m.ProbabilityOfAnyPurchase(x, tx, T, t), 1e-9);
            }
        }

        Assert.True(finite >= 12, $"only {finite} finite times");
    }

    [Fact]
    public void NextPurchaseTime_BgNbd_InfiniteExactlyWhenTheLevelReachesPAlive()
    {
        var m = Model("BG/NBD");
        double alive = m.ProbabilityAlive(2, 3, 39);
        Assert.True(double.IsPositiveInfinity(m.NextPurchaseTime(2, 3, 39, Math.Min(0.999, alive * 1.0001))));
        Assert.True(double.IsFinite(m.NextPurchaseTime(2, 3, 39, alive * 0.9999)));
    }

    [Fact]
    public void NextPurchaseTime_BadLevel_ThrowsNamingIt()
    {
        var m = Model("BG/NBD");
        foreach (double level in new[] { 0, 1, -0.5, double.NaN })
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => m.NextPurchaseTime(1, 2, 3, level));
            Assert.Equal("probability", e.ParamName);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => m.ConditionalPurchaseCountQuantile(1, 2, 3, 4, 1.5));
    }

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void Predictions_AgreeWithCustomersSimulatedFromTheModel(string name)
    {
        // 30,000 customers born 0..26 weeks before calibration's end at 39, observed for 26 more weeks. For each customer the
        // model predicts from (x, t_x, T) alone; the simulation knows what happened next.
        var m = Model(name);
        const double horizon = 26;
        var random = new Random(2026);
        var times = new List<double>();
        double predictedAny = 0, varianceAny = 0, observedAny = 0;
        double medianHits = 0, medianCount = 0;
        var predictedCounts = new double[4];
        var observedCounts = new double[4];
        var varianceCounts = new double[4];
        for (int i = 0; i < 30_000; i++)
        {
            double T = 13 + (26.0 * i / 30_000);
            times.Clear();
            m.Draw(T + horizon, random, times);
            var calibration = times.Where(t => t <= T).ToArray();
            int x = calibration.Length - 1;
            double tx = calibration[^1];
            var next = times.Where(t => t > T).ToArray();

            double p = m.ProbabilityOfAnyPurchase(x, tx, T, horizon);
            predictedAny += p;
            varianceAny += p * (1 - p);
            observedAny += next.Length > 0 ? 1 : 0;

            // Only times within the observed horizon can be checked; choosing them by the calibration data keeps each a fair coin.
            double median = m.NextPurchaseTime(x, tx, T, 0.5);
            if (median <= horizon)
            {
                medianCount++;
                medianHits += next.Length > 0 && next[0] - T <= median ? 1 : 0;
            }

            for (int n = 0; n < 4; n++)
            {
                double pn = n < 3 ? m.ConditionalPurchaseCountProbability(n, x, tx, T, horizon)
                    : 1 - Enumerable.Range(0, 3).Sum(k => m.ConditionalPurchaseCountProbability(k, x, tx, T, horizon));
                predictedCounts[n] += pn;
                varianceCounts[n] += pn * (1 - pn);
                observedCounts[n] += Math.Min(next.Length, 3) == n ? 1 : 0;
            }
        }

        Assert.True(Math.Abs(observedAny - predictedAny) <= 4 * Math.Sqrt(varianceAny), $"{name}: {observedAny} bought again, model {predictedAny:F1}");
        Assert.True(medianCount > 1000, $"{name}: only {medianCount} medians within the horizon");
        Assert.True(Math.Abs(medianHits - (0.5 * medianCount)) <= 4 * Math.Sqrt(0.25 * medianCount), $"{name}: {medianHits} of {medianCount} bought within their median time");
        for (int n = 0; n < 4; n++)
        {
            Assert.True(Math.Abs(observedCounts[n] - predictedCounts[n]) <= 4 * Math.Sqrt(varianceCounts[n]), $"{name}: {observedCounts[n]} with {n} purchases, model {predictedCounts[n]:F1}");
        }
    }

    [Fact]
    public void BgBb_AnyPurchaseAndNextPurchase_AgreeWithDonorsSimulatedFromTheModel()
    {
        // 60,000 donors over 6 calibration and 5 holdout opportunities: each dies at the start of an opportunity with probability
        // θ and, while alive, gives with probability p.
        var m = new BetaGeoBetaBinomModel(1.204, 0.750, 0.657, 2.783);
        var random = new Random(31);
        double predicted = 0, variance = 0, observed = 0, withinMedian = 0, medianPredicted = 0, medianVariance = 0;
        int medians = 0;
        for (int i = 0; i < 60_000; i++)
        {
            double p = MathNet.Numerics.Distributions.Beta.Sample(random, 1.204, 0.750);
            double theta = MathNet.Numerics.Distributions.Beta.Sample(random, 0.657, 2.783);
            bool alive = true;
            int x = 0, tx = 0, next = 0;
            for (int t = 1; t <= 11; t++)
            {
                alive = alive && random.NextDouble() >= theta;
                bool buys = alive && random.NextDouble() < p;
                if (buys && t <= 6)
                {
                    (x, tx) = (x + 1, t);
                }
                else if (buys && next == 0)
                {
                    next = t - 6;
                }
            }

            var h = new BinaryPurchaseHistory(x, tx, 6);
            double any = m.ProbabilityOfAnyPurchase(h, 5);
            predicted += any;
            variance += any * (1 - any);
            observed += next > 0 ? 1 : 0;

            double median = m.NextPurchaseTime(h, 0.5);
            if (median <= 5)
            {
                double cdf = m.ProbabilityOfAnyPurchase(h, (int)median);
                medians++;
                medianPredicted += cdf;
                medianVariance += cdf * (1 - cdf);
                withinMedian += next > 0 && next <= median ? 1 : 0;
            }
        }

        Assert.True(Math.Abs(observed - predicted) <= 4 * Math.Sqrt(variance), $"{observed} gave again, model {predicted:F1}");
        Assert.True(medians > 5_000, $"{medians} medians within the holdout");
        Assert.True(Math.Abs(withinMedian - medianPredicted) <= 4 * Math.Sqrt(medianVariance), $"{withinMedian} gave by their median, model {medianPredicted:F1}");
    }

    [Fact]
    public void BgBb_NextPurchaseTime_IsTheSmallestCountReachingTheLevel_OrInfinite()
    {
        var m = new BetaGeoBetaBinomModel(1.204, 0.750, 0.657, 2.783);
        foreach (var h in new[] { new BinaryPurchaseHistory(6, 6, 6), new BinaryPurchaseHistory(3, 4, 6), new BinaryPurchaseHistory(1, 1, 6), new BinaryPurchaseHistory(0, 0, 6) })
        {
            Assert.Equal(0, m.ProbabilityOfAnyPurchase(h, 0));
            double previous = 0;
            for (int k = 1; k <= 30; k++)
            {
                double p = m.ProbabilityOfAnyPurchase(h, k);
                Assert.True(p >= previous - 1e-15 && p <= m.ProbabilityAlive(h), $"{h} k = {k}: {p}");
                previous = p;
            }

            foreach (double level in new[] { 0.1, 0.3, 0.5, 0.7 })
            {
                double t = m.NextPurchaseTime(h, level);
                if (double.IsPositiveInfinity(t))
                {
                    Assert.True(m.ProbabilityOfAnyPurchase(h, 100_000) < level, $"{h}: infinite at {level}");
                    continue;
                }

                Assert.True(m.ProbabilityOfAnyPurchase(h, (int)t) >= level);
                Assert.True(t == 1 || m.ProbabilityOfAnyPurchase(h, (int)t - 1) < level);
            }
        }

        // One opportunity ahead: alive at n + 1 and giving, E[p | alive history] P(alive at n + 1).
        var six = new BinaryPurchaseHistory(6, 6, 6);
        Assert.Equal(m.ConditionalExpectedPurchases(six, 1), m.ProbabilityOfAnyPurchase(six, 1), 10);
    }

    [Theory]
    // Sum over j < k of B(a + x + 1, b + n - x + j) B(g, d + n + j + 1) / (B(a, b) B(g, d) L), in 40-digit mpmath. The first two
    // rows are chances near 2e-8 (a difference of numbers near 1 keeps only about eight of their digits); the third is the
    // model and history on which CI's law test found 1.7e-10 relative error when P was 1 minus the ways of buying nothing.
    [InlineData(0.01, 100, 50, 0.01, 0, 0, 0, 1.999400139970006282e-8, 2.0401826630605447714e-8, 2.0401832900762456609e-8)]
    [InlineData(0.01, 100, 50, 0.01, 2, 5, 10, 7.0362328275141805511e-8, 8.5611721365800621264e-8, 8.5641212508553929806e-8)]
    [InlineData(0.3597493351557423, 5.081594425605605, 21.827299118430012, 0.26853444456585074, 0, 0, 0, 0.00080349549559013087351, 0.00084132373908685195146, 0.00084133243935808152949)]
    [InlineData(1.204, 0.75, 0.657, 2.783, 3, 4, 6, 0.23227330287432740897, 0.39576431011615992795, 0.41329676629358349778)]
    public void BgBb_ProbabilityOfAnyPurchase_KeepsItsRelativePrecision_WhenSmall(double a, double b, double g, double d, int x, int tx, int n, double one, double five, double thirty)
    {
        var m = new BetaGeoBetaBinomModel(a, b, g, d);
        var h = new BinaryPurchaseHistory(x, tx, n);
        foreach (var (k, expected) in new[] { (1, one), (5, five), (30, thirty) })
        {
            double actual = m.ProbabilityOfAnyPurchase(h, k);
            Assert.True(Math.Abs(actual - expected) <= 1e-12 * expected, $"k = {k}: {actual:R}, expected {expected:R}");
        }
    }
}
