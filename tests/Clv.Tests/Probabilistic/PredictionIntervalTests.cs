using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>Prediction intervals (issue 16, item 1): shape, determinism and errors. Coverage by simulation is in Recovery.</summary>
public class PredictionIntervalTests
{
    private static readonly Lazy<PredictionIntervalReport> Cdnow = new(() =>
        PredictionIntervals.Compute(CdnowFits.BgNbd, CdnowFits.GammaGamma, CdnowFits.Summaries, 39, new PredictionIntervalOptions { Draws = 100, Seed = 7 }));

    [Fact]
    public void Compute_Cdnow_OrderedIntervalsAroundThePointPredictions()
    {
        var report = Cdnow.Value;
        var customers = CdnowFits.Summaries;
        var model = CdnowFits.BgNbd.Model;
        Assert.Equal(customers.Count, report.Rows.Count);
        Assert.Equal(100, report.Draws);
        int inside = 0;
        for (int i = 0; i < customers.Count; i++)
        {
            var r = report.Rows[i];
            Assert.Equal(customers[i].CustomerId, r.CustomerId);
            foreach (var interval in new[] { r.AliveProbability, r.ExpectedPurchases, r.Purchases, r.Clv!.Value })
            {
                Assert.True(interval.Lower <= interval.Median && interval.Median <= interval.Upper, $"{i}: {interval}");
            }

            Assert.InRange(r.AliveProbability.Lower, 0, 1);
            Assert.InRange(r.AliveProbability.Upper, 0, 1);
            Assert.Equal(Math.Floor(r.Purchases.Upper), r.Purchases.Upper);
            double point = model.ConditionalExpectedPurchases(customers[i], 39);
            inside += r.ExpectedPurchases.Contains(point) ? 1 : 0;
        }

        // What a customer will actually buy is far less certain than what the model expects of them.
        double process = report.Rows.Average(r => r.Purchases.Upper - r.Purchases.Lower);
        double parameter = report.Rows.Average(r => r.ExpectedPurchases.Upper - r.ExpectedPurchases.Lower);
        Assert.True(process > 5 * parameter, $"mean widths: process {process}, parameter {parameter}");
        Assert.True(inside > 0.95 * customers.Count, $"the point prediction is inside its interval for {inside} of {customers.Count}");
        Assert.Contains("Prediction intervals (90%; 100 parameter draws, Asymptotic; horizon 39 Week, CLV over 12 Month) for 2,357 customers", report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_SameSeed_SameIntervals_OtherSeed_Different()
    {
        var options = new PredictionIntervalOptions { Draws = 50, Seed = 3 };
        var a = PredictionIntervals.Compute(CdnowFits.BgNbd, CdnowFits.GammaGamma, CdnowFits.Summaries, 13, options);
        var b = PredictionIntervals.Compute(CdnowFits.BgNbd, CdnowFits.GammaGamma, CdnowFits.Summaries, 13, options);
        var c = PredictionIntervals.Compute(CdnowFits.BgNbd, CdnowFits.GammaGamma, CdnowFits.Summaries, 13, new PredictionIntervalOptions { Draws = 50, Seed = 4 });
        Assert.Equal(a.Rows, b.Rows);
        Assert.NotEqual(a.Rows, c.Rows);
    }

    [Fact]
    public void Compute_NoParameterUncertainty_CollapsesToThePointPredictions()
    {
        var customers = CdnowFits.Summaries;
        var model = CdnowFits.BgNbd.Model;
        var report = PredictionIntervals.Compute(CdnowFits.BgNbd, CdnowFits.GammaGamma, customers, 39, new PredictionIntervalOptions { Uncertainty = ParameterUncertainty.None });
        var clv = PredictiveClv.Compute(model, CdnowFits.GammaGamma.Model, customers, null);
        for (int i = 0; i < customers.Count; i += 13)
        {
            var r = report.Rows[i];
            Assert.Equal(new PredictionInterval(model.ProbabilityAlive(customers[i]), model.ProbabilityAlive(customers[i]), model.ProbabilityAlive(customers[i])), r.AliveProbability);
            Assert.Equal(model.ConditionalExpectedPurchases(customers[i], 39), r.ExpectedPurchases.Median, 1e-12);
            Assert.Equal(clv[i], r.Clv!.Value.Median, 1e-9);
            var c = customers[i];
            int lower = model.ConditionalPurchaseCountQuantile(c.Frequency, c.Recency, c.Age, 39, 0.05);
            double below = Enumerable.Range(0, lower).Sum(k => model.ConditionalPurchaseCountProbability(k, c.Frequency, c.Recency, c.Age, 39));
            double Cdf(double n) => Enumerable.Range(0, (int)n + 1).Sum(k => model.ConditionalPurchaseCountProbability(k, c.Frequency, c.Recency, c.Age, 39));
            Assert.Equal(lower, r.Purchases.Lower);
            Assert.Equal(model.ConditionalPurchaseCountQuantile(c.Frequency, c.Recency, c.Age, 39, 0.5), r.Purchases.Median);

            // The upper end: the smallest n whose cumulative probability reaches P(Y < lower) + 0.9.
            Assert.True(Cdf(r.Purchases.Upper) >= below + 0.9 - 1e-12, $"customer {i}: {r.Purchases}");
            Assert.True(r.Purchases.Upper == r.Purchases.Median || Cdf(r.Purchases.Upper - 1) < below + 0.9, $"customer {i}: {r.Purchases}");
        }
    }

    [Fact]
    public void Compute_Bootstrap_GivesIntervalsNearTheAsymptoticOnes()
    {
        var customers = CdnowFits.Summaries;
        var asymptotic = Cdnow.Value;
        var bootstrap = PredictionIntervals.Compute(CdnowFits.BgNbd, null, customers, 39, new PredictionIntervalOptions { Draws = 60, Seed = 7, Uncertainty = ParameterUncertainty.Bootstrap });
        Assert.Null(bootstrap.Rows[0].Clv);
        double ratio = Enumerable.Range(0, customers.Count).Average(i => Width(bootstrap.Rows[i].ExpectedPurchases) / Math.Max(1e-9, Width(asymptotic.Rows[i].ExpectedPurchases)));
        Assert.InRange(ratio, 0.6, 1.6);

        static double Width(PredictionInterval p) => p.Upper - p.Lower;
    }

    [Fact]
    public void Compute_BadArguments_ThrowNamingThem()
    {
        var c = CdnowFits.Summaries;
        Assert.Equal("options.Level", Assert.Throws<ArgumentOutOfRangeException>(() => PredictionIntervals.Compute(CdnowFits.BgNbd, null, c, 1, new PredictionIntervalOptions { Level = 1 })).ParamName);
        Assert.Equal("options.Draws", Assert.Throws<ArgumentOutOfRangeException>(() => PredictionIntervals.Compute(CdnowFits.BgNbd, null, c, 1, new PredictionIntervalOptions { Draws = 1 })).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => PredictionIntervals.Compute(CdnowFits.BgNbd, null, c, -1, null));

        // A fit read back from JSON of the release candidate has no covariance: asymptotic draws say so.
        var json = CdnowFits.BgNbd.ToJson();
        var withoutCovariance = System.Text.RegularExpressions.Regex.Replace(json, "\"logCovariance\":\\[[^\\]]*\\],?", string.Empty);
        var old = FitResult<BgNbdModel>.FromJson(withoutCovariance);
        Assert.Empty(old.LogCovariance);
        var e = Assert.Throws<ArgumentException>(() => PredictionIntervals.Compute(old, null, c, 1, null));
        Assert.Equal("purchases", e.ParamName);
        Assert.Contains("no finite covariance", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LogCovariance_RoundTripsThroughJson()
    {
        var fit = CdnowFits.BgNbd;
        Assert.Equal(16, fit.LogCovariance.Count);
        var back = FitResult<BgNbdModel>.FromJson(fit.ToJson());
        Assert.Equal(fit.LogCovariance, back.LogCovariance);
        for (int i = 0; i < 4; i++)
        {
            // The diagonal is the variance of ln θ: SE(θ) = θ sqrt(var ln θ).
            Assert.Equal(fit.Parameters[i].StandardError, fit.Parameters[i].Estimate * Math.Sqrt(fit.LogCovariance[(i * 4) + i]), 1e-12);
        }
    }

    [Fact]
    public void PurchaseCoverage_CountsRealisedValuesInside()
    {
        var report = Cdnow.Value;
        var actual = CdnowFits.Summaries.AsSpan().ToArray().Select(s => (double)s.HoldoutPurchaseDays).ToArray();
        double coverage = report.PurchaseCoverage(actual);
        Assert.Equal(actual.Where((a, i) => report.Rows[i].Purchases.Contains(a)).Count() / (double)actual.Length, coverage);
        Assert.Throws<ArgumentException>(() => report.PurchaseCoverage(new double[3]));
    }

    [Fact]
    public void Quantiles_BySelection_EqualTheSortedType7QuantilesExactly()
    {
        var random = new Random(11);
        for (int trial = 0; trial < 2_000; trial++)
        {
            int n = 1 + random.Next(300);
            var values = new double[n];
            for (int i = 0; i < n; i++)
            {
                // Many ties half of the time: order statistics of repeated values.
                values[i] = trial % 2 == 0 ? random.Next(5) : random.NextDouble() * 100;
            }

            double low = random.NextDouble() * 0.5, high = 0.5 + (random.NextDouble() * 0.5);
            var sorted = values.Order().ToArray();
            var expected = new PredictionInterval(PredictionIntervals.Quantile(sorted, low), PredictionIntervals.Quantile(sorted, 0.5), PredictionIntervals.Quantile(sorted, high));
            Assert.Equal(expected, PredictionIntervals.Quantiles(values, low, high));
        }
    }


    [Fact]
    public void NewCustomer_IntervalsAroundThePointValue_CollapseWithoutUncertainty()
    {
        var options = new PredictionIntervalOptions { Draws = 100, Seed = 2, Clv = new PredictiveClvOptions { Periods = 52, Period = TimeUnit.Week } };
        var point = PredictiveClv.NewCustomer(CdnowFits.BgNbd.Model, CdnowFits.GammaGamma.Model, options.Clv);
        var intervals = PredictionIntervals.NewCustomer(CdnowFits.BgNbd, CdnowFits.GammaGamma, CdnowFits.Summaries, options);
        Assert.True(intervals.Value.Contains(point.Value), $"{intervals.Value} vs {point.Value}");
        Assert.True(intervals.ExpectedRepeatPurchases.Contains(point.ExpectedRepeatPurchases));
        Assert.True(intervals.Value.Upper > intervals.Value.Lower);

        var none = PredictionIntervals.NewCustomer(CdnowFits.BgNbd, CdnowFits.GammaGamma, CdnowFits.Summaries, new PredictionIntervalOptions { Uncertainty = ParameterUncertainty.None, Clv = options.Clv });
        Assert.Equal(new PredictionInterval(point.Value, point.Value, point.Value), none.Value);

        // The repeat-purchase interval from P(X(52) = n) of the fitted model: the lower end is 0, so the upper end is the 90%
        // quantile (the whole 10% goes to the upper tail).
        var model = CdnowFits.BgNbd.Model;
        double Cdf(double n) => Enumerable.Range(0, (int)n + 1).Sum(k => model.PurchaseCountProbability(k, 52));
        Assert.Equal(0, intervals.RepeatPurchases.Lower);
        Assert.True(Cdf(intervals.RepeatPurchases.Upper) >= 0.9 && Cdf(intervals.RepeatPurchases.Upper - 1) < 0.9);
        Assert.True(Cdf(intervals.RepeatPurchases.Median) >= 0.5);
    }

}
