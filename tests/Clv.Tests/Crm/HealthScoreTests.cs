using Clv.Crm;
using Clv.Tests.Lifecycle;

namespace Clv.Tests.Crm;

/// <summary>The health score on a hand-computed log, the normalisation rules, and bad input.</summary>
public class HealthScoreTests
{
    /// <summary>
    /// Observation end day 100, windows of 30 days (recent 71..100, prior 41..70), half-life 10 days.
    /// a: days 10, 50, 80, 90; b: days 0, 60; c: day 95 only; d: a refund only.
    /// </summary>
    private static CustomerSummaries Tiny() => Log.Summaries(
        100,
        Log.Buy("a", 10, 10), Log.Buy("a", 50, 10), Log.Buy("a", 80, 20), Log.Buy("a", 90, 20),
        Log.Buy("b", 0, 100), Log.Buy("b", 60, 50),
        Log.Buy("c", 95, 30),
        new Transaction("d", Log.B.AddDays(20), -5));

    private static readonly HealthScoreOptions TinyOptions = new() { RecencyHalfLifeDays = 10, TrendWindowDays = 30 };

    private static readonly double[] Alive = [0.9, 0.2, double.NaN, 0.5];

    [Fact]
    public void Create_TinyLog_SignalsFollowTheStatedRules()
    {
        var s = HealthSignals.Create(Tiny(), Alive, null, TinyOptions);

        Assert.Equal(["recency", "frequency_trend", "spend_trend", "alive_probability"], s.Names);
        Assert.Equal([0.3, 0.2, 0.2, 0.3], s.Weights.Select(w => Math.Round(w, 12)));
        Assert.Equal([0.5, 0.0625, Math.Sqrt(0.5), 0], s.Values(0).ToArray(), new RoundedComparer());
        Assert.Equal([2 / 3.0, 0, double.NaN, double.NaN], s.Values(1).ToArray());
        Assert.Equal([0.8, 0, double.NaN, double.NaN], s.Values(2).ToArray());
        Assert.Equal(Alive, s.Values(3).ToArray());
        Assert.Equal("c", s.CustomerId(2));
    }

    [Fact]
    public void Score_TinyLog_HandComputedScoresBandsAndReasons()
    {
        var h = HealthScore.Score(HealthSignals.Create(Tiny(), Alive, null, TinyOptions));

        // a: 0.3 x 0.5 + 0.2 x 2/3 + 0.2 x 0.8 + 0.3 x 0.9; the largest part is P(alive) (0.27), the largest shortfall recency (0.15).
        Assert.Equal(71.3333333333, h[0].Score, 9);
        Assert.Equal(new CustomerHealth("a", h[0].Score, HealthBand.Green, "alive_probability", "recency"), h[0]);

        // b: 0.3 x 0.0625 + 0 + 0 + 0.3 x 0.2.
        Assert.Equal(7.875, h[1].Score, 12);
        Assert.Equal((HealthBand.Red, "alive_probability", "recency"), (h[1].Band, h[1].Reason, h[1].Weakest));

        // c: only recency has a value (trends: first purchase in the recent window; P(alive) NaN), so it is the whole score.
        Assert.Equal(100 * Math.Sqrt(0.5), h[2].Score, 12);
        Assert.Equal((HealthBand.Green, "recency", "recency"), (h[2].Band, h[2].Reason, h[2].Weakest));

        // d: no purchase, so recency 0; trends missing; P(alive) 0.5: (0.3 x 0 + 0.3 x 0.5) / 0.6.
        Assert.Equal(25, h[3].Score, 12);
        Assert.Equal((HealthBand.Red, "alive_probability", "recency"), (h[3].Band, h[3].Reason, h[3].Weakest));
    }

    [Fact]
    public void ScoreWithoutIds_IsScoreWithTheIdsLeftNull()
    {
        var signals = HealthSignals.Create(Tiny(), Alive, null, TinyOptions);
        var withIds = HealthScore.Score(signals);
        var withoutIds = HealthScore.ScoreWithoutIds(signals);
        Assert.Equal(withIds.Select(h => h with { CustomerId = null! }), withoutIds);
        Assert.All(withIds, h => Assert.NotNull(h.CustomerId));
    }

    [Fact]
    public void Create_NoAliveProbability_LeftOutAndWeightsRenormalised()
    {
        var s = HealthSignals.Create(Tiny(), [], null, TinyOptions);

        Assert.Equal(["recency", "frequency_trend", "spend_trend"], s.Names);
        Assert.Equal([3 / 7.0, 2 / 7.0, 2 / 7.0], s.Weights.Select(w => Math.Round(w, 15)).ToArray(), new RoundedComparer());
        var a = HealthScore.Score(s, 0);
        Assert.Equal(100 * ((0.3 * 0.5) + (0.2 * 2 / 3.0) + (0.2 * 0.8)) / 0.7, a.Score, 10);

        // d has recency 0 and nothing else: scored 0, Red, never filled from a missing signal; no reason (nothing adds a point).
        Assert.Equal(new CustomerHealth("d", 0, HealthBand.Red, null, "recency"), HealthScore.Score(s, 3));
    }

    [Fact]
    public void Score_EverySignalMissing_NotScored()
    {
        var options = new HealthScoreOptions { RecencyWeight = 0, TrendWindowDays = 30 };
        var h = HealthScore.Score(HealthSignals.Create(Tiny(), Alive, null, options));

        Assert.Equal(HealthBand.NotScored, h[2].Band);
        Assert.True(double.IsNaN(h[2].Score));
        Assert.Null(h[2].Reason);
        Assert.Null(h[2].Weakest);
        Assert.Equal(new CustomerHealth("d", 50, HealthBand.Amber, "alive_probability", "alive_probability"), h[3]);
    }

    [Fact]
    public void Create_CustomSignals_FixedMinMaxAndPercentileRank()
    {
        var options = new HealthScoreOptions
        {
            RecencyWeight = 0,
            FrequencyTrendWeight = 0,
            SpendTrendWeight = 0,
            CustomSignals =
            [
                new CustomHealthSignal("nps", 1) { Scaling = SignalScaling.MinMax, Minimum = -100, Maximum = 100 },
                new CustomHealthSignal("tickets", 3) { HigherIsBetter = false },
                new CustomHealthSignal("usage", 2) { Scaling = SignalScaling.MinMax },
                new CustomHealthSignal("unused", 5),
            ],
        };
        var values = new Dictionary<string, double[]>
        {
            ["nps"] = [50, -300, double.NaN, 100],
            ["tickets"] = [0, 3, 3, 10],
            ["usage"] = [5, 5, 10, 15],
        };

        var s = HealthSignals.Create(Tiny(), [], values, options);

        Assert.Equal(["nps", "tickets", "usage"], s.Names);
        Assert.Equal([1 / 6.0, 0.5, 2 / 6.0], s.Weights.ToArray(), new RoundedComparer());
        Assert.Equal([0.75, 0, double.NaN, 1], s.Values(0).ToArray());
        Assert.Equal([1, 0.5, 0.5, 0], s.Values(1).ToArray());
        Assert.Equal([0, 0, 0.5, 1], s.Values(2).ToArray());
        var c = HealthScore.Score(s, 2);
        Assert.Equal(100 * ((3 * 0.5) + (2 * 0.5)) / 5, c.Score, 10);
        Assert.Equal(("tickets", "tickets"), (c.Reason, c.Weakest));
    }

    /// <summary>
    /// A customer at 0 has no signal adding a point, so no reason; one at 100 has none costing a point, so no weakest (the
    /// first-listed signal was named for both, with 0 points).
    /// </summary>
    [Fact]
    public void Score_AtZeroNoReason_AtHundredNoWeakest()
    {
        var options = new HealthScoreOptions
        {
            RecencyWeight = 0,
            FrequencyTrendWeight = 0,
            SpendTrendWeight = 0,
            CustomSignals =
            [
                new CustomHealthSignal("nps", 1) { Scaling = SignalScaling.MinMax, Minimum = 0, Maximum = 10 },
                new CustomHealthSignal("usage", 2) { Scaling = SignalScaling.MinMax, Minimum = 0, Maximum = 10 },
            ],
        };
        var values = new Dictionary<string, double[]> { ["nps"] = [0, 10, 0, 10], ["usage"] = [0, 10, 10, 10] };
        var s = HealthSignals.Create(Tiny(), [], values, options);

        var h = Enumerable.Range(0, 4).Select(i => HealthScore.Score(s, i)).ToArray();

        Assert.Equal((0.0, (string?)null, "usage"), (h[0].Score, h[0].Reason, h[0].Weakest));
        Assert.Equal((100.0, "usage", (string?)null), (h[1].Score, h[1].Reason, h[1].Weakest));
        Assert.Equal(("usage", "nps"), (h[2].Reason, h[2].Weakest));
        var report = HealthReport.Create(s);
        var red = report.Rows.Single(r => r.Band == HealthBand.Red);
        var amber = report.Rows.Single(r => r.Band == HealthBand.Amber);
        var green = report.Rows.Single(r => r.Band == HealthBand.Green);
        Assert.Equal((1, (string?)null, "usage"), (red.Customers, red.TopReason, red.TopWeakest));
        Assert.Equal((1, "usage", "nps"), (amber.Customers, amber.TopReason, amber.TopWeakest));   // 66.7
        Assert.Equal((2, "usage", (string?)null), (green.Customers, green.TopReason, green.TopWeakest));
    }

    [Theory]
    [InlineData(SignalScaling.MinMax)]
    [InlineData(SignalScaling.PercentileRank)]
    public void Create_AllValuesEqualOrOneValue_Neutral(SignalScaling scaling)
    {
        var options = new HealthScoreOptions { CustomSignals = [new CustomHealthSignal("x", 1) { Scaling = scaling }] };
        var equal = HealthSignals.Create(Tiny(), [], new Dictionary<string, double[]> { ["x"] = [7, 7, 7, 7] }, options);
        var one = HealthSignals.Create(Tiny(), [], new Dictionary<string, double[]> { ["x"] = [double.NaN, 7, double.NaN, double.NaN] }, options);

        Assert.Equal([0.5, 0.5, 0.5, 0.5], equal.Values(equal.IndexOf("x")).ToArray());
        Assert.Equal([double.NaN, 0.5, double.NaN, double.NaN], one.Values(one.IndexOf("x")).ToArray());
    }

    [Fact]
    public void Defaults_AreTheDocumentedOnes()
    {
        var o = HealthScoreOptions.Default;
        Assert.Equal((0.30, 0.20, 0.20, 0.30), (o.RecencyWeight, o.FrequencyTrendWeight, o.SpendTrendWeight, o.AliveProbabilityWeight));
        Assert.Equal((90.0, 90, 40.0, 70.0), (o.RecencyHalfLifeDays, o.TrendWindowDays, o.AmberFrom, o.GreenFrom));
        Assert.Empty(o.CustomSignals);
        var custom = new CustomHealthSignal("x", 1);
        Assert.Equal((true, SignalScaling.PercentileRank, (double?)null, (double?)null), (custom.HigherIsBetter, custom.Scaling, custom.Minimum, custom.Maximum));
        Assert.Equal((Clv.Lifecycle.CohortPeriod.Month, 90), (KpiOptions.Default.Period, KpiOptions.Default.ActiveWindowDays));
    }

    [Fact]
    public void Rules_Scalar_StatedValues()
    {
        Assert.Equal(1, HealthSignals.Recency(0, 90));
        Assert.Equal(0.5, HealthSignals.Recency(90, 90));
        Assert.Equal(0.25, HealthSignals.Recency(180, 90));
        Assert.Equal(0, HealthSignals.Recency(null, 90));
        Assert.Equal(0.5, HealthSignals.Trend(3, 3));
        Assert.Equal(1, HealthSignals.Trend(2, 0));
        Assert.Equal(0, HealthSignals.Trend(0, 4));
        Assert.True(double.IsNaN(HealthSignals.Trend(0, 0)));
        Assert.Equal(0.25, HealthSignals.MinMax(25, 0, 100, true));
        Assert.Equal(0.75, HealthSignals.MinMax(25, 0, 100, false));
        Assert.Equal(1, HealthSignals.MinMax(250, 0, 100, true));
        Assert.Equal(0.5, HealthSignals.MinMax(3, 3, 3, true));
        Assert.True(double.IsNaN(HealthSignals.MinMax(double.NaN, 0, 1, true)));
        Assert.Equal(HealthBand.Amber, HealthScore.Band(40, null));
        Assert.Equal(HealthBand.Red, HealthScore.Band(39.999, null));
        Assert.Equal(HealthBand.Green, HealthScore.Band(70, null));
        Assert.Equal(HealthBand.NotScored, HealthScore.Band(double.NaN, null));
    }

    /// <summary>
    /// Bounds as wide as doubles go: (value - minimum) / (maximum - minimum) divided by infinity and gave 0 for the middle
    /// value; halved first it gives 0.5, and every other ratio is unchanged.
    /// </summary>
    [Fact]
    public void MinMax_BoundsWiderThanTheLargestDouble_TheMiddleIsHalf()
    {
        Assert.Equal(0.5, HealthSignals.MinMax(0, -1e308, 1e308, true));
        Assert.Equal(0.75, HealthSignals.MinMax(0.5e308, -1e308, 1e308, true));
        Assert.Equal(1, HealthSignals.MinMax(double.MaxValue, -double.MaxValue, double.MaxValue, true));
        Assert.Equal(1, HealthSignals.MinMax(-double.MaxValue, -double.MaxValue, double.MaxValue, false));
    }

    /// <summary>
    /// Weights are relative and any finite positive weight is valid: weights of 1e308 (whose sum overflows) score every
    /// customer exactly as weights of 1 do (they used to leave every customer NotScored with a NaN score).
    /// </summary>
    [Fact]
    public void Score_WeightsNearTheLargestDouble_TheSameAsEqualSmallWeights()
    {
        var huge = new HealthScoreOptions { RecencyHalfLifeDays = 10, TrendWindowDays = 30, RecencyWeight = 1e308, FrequencyTrendWeight = 1e308, SpendTrendWeight = 1e308, AliveProbabilityWeight = 1e308 };
        var one = new HealthScoreOptions { RecencyHalfLifeDays = 10, TrendWindowDays = 30, RecencyWeight = 1, FrequencyTrendWeight = 1, SpendTrendWeight = 1, AliveProbabilityWeight = 1 };
        var big = HealthScore.Score(HealthSignals.Create(Tiny(), Alive, null, huge));
        var small = HealthScore.Score(HealthSignals.Create(Tiny(), Alive, null, one));
        Assert.Equal(small, big);
        Assert.All(big, h => Assert.NotEqual(HealthBand.NotScored, h.Band));
        Assert.Equal([0.25, 0.25, 0.25, 0.25], HealthSignals.Create(Tiny(), Alive, null, huge).Weights);   // normalised, as any weights
    }

    [Fact]
    public void Report_TinyLog_BandsPartitionTheCustomers()
    {
        var report = HealthReport.Create(HealthSignals.Create(Tiny(), Alive, null, TinyOptions));

        Assert.Equal([HealthBand.Red, HealthBand.Amber, HealthBand.Green, HealthBand.NotScored], report.Rows.Select(r => r.Band));
        Assert.Equal([2, 0, 2, 0], report.Rows.Select(r => r.Customers));
        Assert.Equal(4, report.Customers.Count);
        Assert.Equal((7.875 + 25) / 2, report.Rows[0].MeanScore, 12);
        Assert.Equal(("alive_probability", "recency"), (report.Rows[0].TopReason, report.Rows[0].TopWeakest));
        Assert.Equal(("recency", "recency"), (report.Rows[2].TopReason, report.Rows[2].TopWeakest));   // a tie (1 each): the signal listed first
        Assert.Null(report.Rows[1].TopReason);
        Assert.Equal(
            "Customer health (4 customers; weights recency 0.30, frequency_trend 0.20, spend_trend 0.20, alive_probability 0.30)\n" +
            "band       customers  share  mean score  top reason         top weakest\n" +
            "Red                2  0.500        16.4  alive_probability  recency\n" +
            "Amber              0  0.000           -  -                  -\n" +
            "Green              2  0.500        71.0  recency            recency\n" +
            "NotScored          0  0.000           -  -                  -\n",
            report.ToString());
    }

    private sealed class RoundedComparer : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= 1e-12;

        public int GetHashCode(double obj) => 0;
    }

    [Fact]
    public void LargePopulation_TrendsAndScoresOverTheCores_EqualOneCustomerAtATime()
    {
        // 50,000 customers: the trend signals and the scorecard's scores are computed in ranges on every core.
        var random = new Random(7);
        var rows = new List<Transaction>();
        for (int c = 0; c < 50_000; c++)
        {
            for (int k = 0, n = random.Next(0, 6), day = random.Next(0, 300); k < n && day <= 400; k++, day += 1 + random.Next(0, 90))
            {
                rows.Add(Log.Buy("c" + c, day, 1 + random.Next(0, 200)));
            }
        }

        var customers = Log.Summaries(400, [.. rows]);
        double[] alive = [.. Enumerable.Range(0, customers.Count).Select(i => random.NextDouble())];
        var custom = new Dictionary<string, double[]> { ["nps"] = [.. Enumerable.Range(0, customers.Count).Select(i => i % 9 == 0 ? double.NaN : random.NextDouble())] };
        var options = new HealthScoreOptions { TrendWindowDays = 60, CustomSignals = [new CustomHealthSignal("nps", 0.2)] };
        var signals = HealthSignals.Create(customers, alive, custom, options);
        var batch = HealthScore.ScoreWithoutIds(signals);
        int trends = 0;
        for (int i = 0; i < customers.Count; i++)
        {
            var one = HealthScore.Score(signals, i);
            Assert.Equal(one with { CustomerId = null! }, batch[i]);
            var days = customers.PurchaseDayNumbers(i);
            int end = customers.ObservationEnd.DayNumber;
            int recent = 0, prior = 0;
            foreach (int d in days)
            {
                recent += d > end - 60 && d <= end ? 1 : 0;
                prior += d > end - 120 && d <= end - 60 ? 1 : 0;
            }

            double expected = days.Length == 0 || days[0] > end - 60 ? double.NaN : HealthSignals.Trend(recent, prior);
            int f = signals.IndexOf("frequency_trend");
            Assert.Equal(expected, signals.Values(f)[i], 12);
            trends += double.IsNaN(expected) ? 0 : 1;
        }

        Assert.True(trends > 10_000, $"{trends} customers with a trend");
    }
}
