using Clv.Crm;
using Clv.Tests.Lifecycle;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Clv.Tests.Crm;

/// <summary>The laws of the health score on seeded random logs, weights and user signals.</summary>
public class HealthScorePropertyTests
{
    private static CustomerSummaries Summaries(int seed) => Log.Summaries(400, Log.Random(seed, customers: 15, maxRows: 80));

    private static double Weight(Random g) => g.Next(4) == 0 ? 0 : g.NextDouble() * 3;

    /// <summary>Random weights (some 0), windows and thresholds, and two custom signals of random direction and scaling.</summary>
    private static HealthScoreOptions Options(int seed)
    {
        var g = new Random(seed ^ 0x2f61);
        double amber = g.NextDouble() * 80;
        return new HealthScoreOptions
        {
            RecencyWeight = Weight(g),
            FrequencyTrendWeight = Weight(g),
            SpendTrendWeight = Weight(g),
            AliveProbabilityWeight = Weight(g),
            RecencyHalfLifeDays = 1 + (g.NextDouble() * 200),
            TrendWindowDays = g.Next(1, 200),
            AmberFrom = amber,
            GreenFrom = amber + (g.NextDouble() * (100 - amber)),
            CustomSignals =
            [
                new CustomHealthSignal("usage", 0.5 + g.NextDouble()) { HigherIsBetter = g.Next(2) == 0, Scaling = (SignalScaling)g.Next(2) },
                new CustomHealthSignal("tickets", Weight(g)) { HigherIsBetter = false },
            ],
        };
    }

    private static double[] Raw(Random g, int n) => [.. Enumerable.Range(0, n).Select(_ => g.Next(6) == 0 ? double.NaN : Math.Round(g.NextDouble() * 20, 1))];

    private static double[] Alive(Random g, int n) => [.. Enumerable.Range(0, n).Select(_ => g.Next(8) == 0 ? double.NaN : g.NextDouble())];

    private static (CustomerSummaries Customers, double[] Alive, Dictionary<string, double[]> Custom, HealthScoreOptions Options) Case(int seed)
    {
        var c = Summaries(seed);
        var g = new Random(seed);
        return (c, Alive(g, c.Count), new Dictionary<string, double[]> { ["usage"] = Raw(g, c.Count), ["tickets"] = Raw(g, c.Count) }, Options(seed));
    }

    [Property(MaxTest = 200)]
    public Property Weights_SumToOne_AndOnlySuppliedPositiveWeightsAppear(int seed)
    {
        var (c, alive, custom, o) = Case(seed);
        var s = HealthSignals.Create(c, alive, custom, o);
        bool positive = s.Weights.All(w => w > 0);
        bool noZeroWeight = (o.RecencyWeight > 0) == s.Names.Contains("recency") && (o.AliveProbabilityWeight > 0) == s.Names.Contains("alive_probability");
        return (Math.Abs(s.Weights.Sum() - 1) <= 1e-12 && positive && noZeroWeight).Label($"{string.Join(",", s.Weights)}");
    }

    [Property(MaxTest = 200)]
    public Property Score_InZeroToHundred_SignalsInUnitInterval_BandsPartitionTheCustomers(int seed)
    {
        var (c, alive, custom, o) = Case(seed);
        var s = HealthSignals.Create(c, alive, custom, o);
        var report = HealthReport.Create(s);
        bool signals = Enumerable.Range(0, s.Names.Count).All(k => s.Values(k).ToArray().All(v => double.IsNaN(v) || (v >= 0 && v <= 1)));
        bool scores = report.Customers.All(h => h.Band == HealthBand.NotScored ? double.IsNaN(h.Score) : h.Score >= 0 && h.Score <= 100);
        bool bands = report.Customers.All(h => h.Band == HealthScore.Band(h.Score, o))
            && report.Customers.All(h => h.Band is HealthBand.NotScored || (h.Band == HealthBand.Green) == (h.Score >= o.GreenFrom))
            && report.Customers.All(h => h.Band is HealthBand.NotScored or HealthBand.Green || (h.Band == HealthBand.Amber) == (h.Score >= o.AmberFrom));
        bool partition = report.Rows.Sum(r => r.Customers) == c.Count
            && report.Rows.All(r => r.Customers == report.Customers.Count(h => h.Band == r.Band));
        return (signals && scores && bands && partition).Label($"signals {signals} scores {scores} bands {bands} partition {partition}");
    }

    [Property(MaxTest = 200)]
    public Property Reason_IsTheLargestWeightedContribution_WeakestTheLargestShortfall(int seed)
    {
        var (c, alive, custom, o) = Case(seed);
        var s = HealthSignals.Create(c, alive, custom, o);
        bool ok = true;
        for (int i = 0; i < s.Count; i++)
        {
            var h = HealthScore.Score(s, i);
            var present = Enumerable.Range(0, s.Names.Count).Where(k => !double.IsNaN(s.Values(k)[i])).ToArray();
            if (present.Length == 0)
            {
                ok &= h.Reason is null && h.Weakest is null;
                continue;
            }

            double best = present.Max(k => s.Weights[k] * s.Values(k)[i]);
            double worst = present.Max(k => s.Weights[k] * (1 - s.Values(k)[i]));

            // No reason where no signal adds a point (score 0), no weakest where none costs one (score 100).
            ok &= (h.Reason is null) == !(best > 0) && (h.Weakest is null) == !(worst > 0);
            if (h.Reason is not null)
            {
                int r = s.IndexOf(h.Reason);
                ok &= s.Weights[r] * s.Values(r)[i] == best;
                ok &= h.Reason == s.Names[present.First(k => s.Weights[k] * s.Values(k)[i] == best)];
            }

            if (h.Weakest is not null)
            {
                int w = s.IndexOf(h.Weakest);
                ok &= s.Weights[w] * (1 - s.Values(w)[i]) == worst;
            }
        }

        return ok.ToProperty();
    }

    [Property(MaxTest = 200)]
    public Property Score_MonotoneInEachUserSignal_AndInAliveProbability(int seed, PositiveInt step)
    {
        var (c, alive, custom, o) = Case(seed);
        var g = new Random(seed ^ 0x7001);
        int i = g.Next(c.Count);
        double delta = step.Get / 3.0;
        double before = HealthScore.Score(HealthSignals.Create(c, alive, custom, o), i).Score;
        bool ok = true;
        foreach (var signal in o.CustomSignals)
        {
            var raised = custom.ToDictionary(p => p.Key, p => (double[])p.Value.Clone());
            raised[signal.Name][i] = double.IsNaN(raised[signal.Name][i]) ? double.NaN : raised[signal.Name][i] + delta;
            double after = HealthScore.Score(HealthSignals.Create(c, alive, raised, o), i).Score;
            ok &= double.IsNaN(before) ? double.IsNaN(after) : signal.HigherIsBetter ? after >= before - 1e-9 : after <= before + 1e-9;
        }

        var more = (double[])alive.Clone();
        more[i] = double.IsNaN(more[i]) ? double.NaN : Math.Min(1, more[i] + (delta / 10));
        double alivePlus = HealthScore.Score(HealthSignals.Create(c, more, custom, o), i).Score;
        ok &= double.IsNaN(before) || alivePlus >= before - 1e-9;
        return ok.ToProperty();
    }

    /// <summary>
    /// The trend is the recent share q / (1 + q), q = recent / prior: it depends on the ratio only, so scaling both windows by 2^e
    /// (exact) keeps it, up to amounts near the largest double whose sum overflows (recent / infinity gave 0, "stopped", for a
    /// flat or growing spend); and it never falls when the recent window grows.
    /// </summary>
    [Property(MaxTest = 300)]
    public Property Trend_DependsOnTheRatioOnly_UpToTheLargestDouble_AndRisesWithTheRecentWindow(int seed)
    {
        var g = new Random(seed);
        double recent = g.Next(4) == 0 ? 0 : g.NextDouble() * 1000, prior = g.Next(4) == 0 ? 0 : g.NextDouble() * 1000;
        if (recent + prior == 0)
        {
            return true.Label("no activity");
        }

        double trend = HealthSignals.Trend(recent, prior);
        int e = 1023 - Math.ILogB(Math.Max(recent, prior)) - g.Next(0, 3);
        double scaled = HealthSignals.Trend(Math.ScaleB(recent, e), Math.ScaleB(prior, e));
        double more = HealthSignals.Trend(Math.Min(double.MaxValue, Math.ScaleB(recent, e) * 1.5), Math.ScaleB(prior, e));
        return (scaled == trend && more >= scaled).Label($"Trend({recent}, {prior}) = {trend}, times 2^{e}: {scaled}, recent x 1.5: {more}");
    }

    [Fact]
    public void Trend_WindowsNearTheLargestDouble_FlatIsHalf()
    {
        Assert.Equal(0.5, HealthSignals.Trend(1e308, 1e308));
        Assert.Equal(0.6, HealthSignals.Trend(1.5e308, 1e308), 15);
        Assert.Equal(1, HealthSignals.Trend(double.MaxValue, 0));
    }

    [Property(MaxTest = 200)]
    public Property LeavingASignalOut_RenormalisesTheOthers(int seed)
    {
        var (c, alive, custom, o) = Case(seed);
        var all = HealthSignals.Create(c, alive, custom, o);
        var noUsage = new Dictionary<string, double[]> { ["tickets"] = custom["tickets"] };
        var zeroWeight = new HealthScoreOptions
        {
            RecencyWeight = o.RecencyWeight,
            FrequencyTrendWeight = o.FrequencyTrendWeight,
            SpendTrendWeight = o.SpendTrendWeight,
            AliveProbabilityWeight = o.AliveProbabilityWeight,
            RecencyHalfLifeDays = o.RecencyHalfLifeDays,
            TrendWindowDays = o.TrendWindowDays,
            AmberFrom = o.AmberFrom,
            GreenFrom = o.GreenFrom,
            CustomSignals = [new CustomHealthSignal("usage", 0), o.CustomSignals[1]],
        };
        bool hasOther = o.RecencyWeight + o.FrequencyTrendWeight + o.SpendTrendWeight + o.AliveProbabilityWeight + o.CustomSignals[1].Weight > 0;
        if (!hasOther)
        {
            return true.ToProperty();
        }

        var left = HealthSignals.Create(c, alive, noUsage, o);
        var zero = HealthSignals.Create(c, alive, noUsage, zeroWeight);
        bool ok = !left.Names.Contains("usage") && left.Names.SequenceEqual(zero.Names);
        int u = all.IndexOf("usage");
        for (int i = 0; i < c.Count; i++)
        {
            // By hand: the weighted mean over the signals still supplied and present, from the raw weights.
            double sum = 0, weight = 0;
            for (int k = 0; k < all.Names.Count; k++)
            {
                double v = all.Values(k)[i];
                if (k != u && !double.IsNaN(v))
                {
                    sum += all.Weights[k] * v;
                    weight += all.Weights[k];
                }
            }

            double expected = weight > 0 ? 100 * sum / weight : double.NaN;
            double actual = HealthScore.Score(left, i).Score;
            ok &= double.IsNaN(expected) ? double.IsNaN(actual) : Math.Abs(expected - actual) <= 1e-9;
            ok &= BitConverter.DoubleToInt64Bits(actual) == BitConverter.DoubleToInt64Bits(HealthScore.Score(zero, i).Score);

            // A missing value for one customer is the same as the signal left out, for that customer.
            if (double.IsNaN(all.Values(u)[i]))
            {
                ok &= double.IsNaN(actual) ? double.IsNaN(HealthScore.Score(all, i).Score) : Math.Abs(HealthScore.Score(all, i).Score - actual) <= 1e-9;
            }
        }

        return ok.ToProperty();
    }

    /// <summary>
    /// A score that is a whole or half number in exact arithmetic is that number, and a threshold equal to it bands the customer
    /// at or above it: an NPS signal (-100 to 100, min-max) of 16 is exactly 58 points; the doubles gave 57.99999999999999, Red
    /// under AmberFrom 58.
    /// </summary>
    [Property(MaxTest = 300)]
    public Property Score_OnAThresholdInExactArithmetic_IsBandedAtIt(int seed)
    {
        var g = new Random(seed);
        var c = Summaries(seed);
        double[] nps = [.. Enumerable.Range(0, c.Count).Select(_ => (double)g.Next(-100, 101))];
        double threshold = (nps[g.Next(c.Count)] + 100) / 2;   // one customer's exact score
        var o = new HealthScoreOptions
        {
            RecencyWeight = 0,
            FrequencyTrendWeight = 0,
            SpendTrendWeight = 0,
            AliveProbabilityWeight = 0,
            AmberFrom = threshold,
            GreenFrom = Math.Max(threshold, 100 - g.Next(10)),
            CustomSignals = [new CustomHealthSignal("nps", 0.1 + g.NextDouble()) { Scaling = SignalScaling.MinMax, Minimum = -100, Maximum = 100 }],
        };
        var health = HealthReport.Create(HealthSignals.Create(c, [], new Dictionary<string, double[]> { ["nps"] = nps }, o)).Customers;
        var wrong = Enumerable.Range(0, c.Count).Where(i =>
        {
            double exact = (nps[i] + 100) / 2;   // multiples of 0.5: exact in doubles
            return health[i].Score != exact || (health[i].Band != HealthBand.Red) != (exact >= threshold);
        }).ToArray();
        return (wrong.Length == 0).Label(wrong.Length == 0 ? "" : $"nps {nps[wrong[0]]}: score {health[wrong[0]].Score:R}, band {health[wrong[0]].Band}, AmberFrom {threshold}");
    }
}
