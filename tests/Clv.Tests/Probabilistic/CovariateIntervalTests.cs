using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>Prediction intervals under models with time-invariant covariates: each customer's draws use its own covariates.</summary>
public class CovariateIntervalTests
{
    private static readonly string[] Names = ["gender", "channel"];

    private static readonly Lazy<(CustomerSummaries Customers, CovariateOptions Options, FitResult<CovariatePurchaseModel> Fit, FitResult<GammaGammaModel> Spend)> Data = new(() =>
    {
        var truth = new CovariatePurchaseModel(new BgNbdModel(0.8, 6, 0.5, 4, TimeUnit.Week), [new("gender", 0.5), new("channel", -0.3)], [new("gender", 1.0)]);
        var (customers, covariates) = CovariateSimulation.Simulate(truth, Names, CovariateSimulation.GenderAndChannel(), 400, seed: 5);
        var options = new CovariateOptions(covariates) { Purchase = ["gender", "channel"], Dropout = ["gender"] };
        return (customers, options, BgNbdModel.Fit(customers, options, null), GammaGammaModel.Fit(customers));
    });

    private static readonly PredictiveClvOptions Clv = new() { Periods = 12, Period = TimeUnit.Month, MarginRate = 0.3 };

    [Fact]
    public void WithoutParameterUncertainty_IntervalsCollapseToEachCustomersOwnPrediction()
    {
        var (customers, options, fit, spend) = Data.Value;
        var report = PredictionIntervals.Compute(fit, options, spend, customers, 26, new PredictionIntervalOptions { Uncertainty = ParameterUncertainty.None, Clv = Clv });

        double[] alive = fit.Model.ProbabilityAlive(customers, options.Covariates);
        double[] expected = fit.Model.ConditionalExpectedPurchases(customers, options.Covariates, 26);
        Assert.Equal(customers.Count, report.Rows.Count);
        Assert.Equal(1, report.Draws);
        int checkedClv = 0;
        for (int i = 0; i < customers.Count; i++)
        {
            var row = report.Rows[i];
            Assert.Equal(customers[i].CustomerId, row.CustomerId);
            Assert.Equal(alive[i], row.AliveProbability.Median, 12);
            Assert.Equal(row.AliveProbability.Lower, row.AliveProbability.Upper);
            Assert.Equal(expected[i], row.ExpectedPurchases.Median, 12);

            // The customer's own model gives the count interval and the CLV.
            var own = fit.Model.ForCustomer(options.Covariates, i);
            var s = customers[i];
            Assert.Equal(own.PurchaseCountIntervalCore(s.Frequency, s.Recency, s.Age, 26, ((1 + 0.9) / 2) - ((1 - 0.9) / 2)), row.Purchases);
            if (i % 97 == 0)
            {
                var clv = PredictiveClv.Compute(own, spend.Model, customers, Clv);
                Assert.Equal(clv[i], row.Clv!.Value.Median, 9);
                checkedClv++;
            }
        }

        Assert.True(checkedClv > 20);

        // The covariates matter: customers with the same history but other covariates get other probabilities.
        Assert.True(alive.Distinct().Count() > report.Rows.Select(r => (r.Purchases.Lower, r.Purchases.Upper)).Distinct().Count());
    }

    [Fact]
    public void AsymptoticDraws_AreSeededAndBracketThePointPrediction()
    {
        var (customers, options, fit, spend) = Data.Value;
        var intervalOptions = new PredictionIntervalOptions { Draws = 200, Seed = 7, Clv = Clv };
        var first = PredictionIntervals.Compute(fit, options, spend, customers, 26, intervalOptions);
        var again = PredictionIntervals.Compute(fit, options, spend, customers, 26, intervalOptions);
        var other = PredictionIntervals.Compute(fit, options, spend, customers, 26, new PredictionIntervalOptions { Draws = 200, Seed = 8, Clv = Clv });

        Assert.Equal(first.Rows, again.Rows);
        Assert.NotEqual(first.Rows, other.Rows);
        double[] alive = fit.Model.ProbabilityAlive(customers, options.Covariates);
        int inside = 0;
        for (int i = 0; i < customers.Count; i++)
        {
            var a = first.Rows[i].AliveProbability;
            Assert.True(a.Lower <= a.Median && a.Median <= a.Upper, $"row {i}: {a}");
            if (customers[i].Frequency > 0)
            {
                // (BG/NBD holds a customer without repeat purchases alive for sure, in every draw.)
                Assert.True(a.Upper > a.Lower, $"row {i}: parameter draws must spread P(alive): {a}");
            }

            inside += a.Contains(alive[i]) ? 1 : 0;
        }

        Assert.True(inside > 0.97 * customers.Count, $"{inside} of {customers.Count}");
    }

    [Fact]
    public void Bootstrap_RefitsTheCovariateModelOnResampledCustomers()
    {
        var (customers, options, fit, spend) = Data.Value;
        var report = PredictionIntervals.Compute(fit, options, spend, customers, 26, new PredictionIntervalOptions { Draws = 12, Seed = 3, Uncertainty = ParameterUncertainty.Bootstrap, Clv = Clv });

        Assert.Equal(12, report.Draws);
        Assert.Equal(ParameterUncertainty.Bootstrap, report.Uncertainty);
        double[] expected = fit.Model.ConditionalExpectedPurchases(customers, options.Covariates, 26);
        double relative = Enumerable.Range(0, customers.Count).Average(i => Math.Abs(report.Rows[i].ExpectedPurchases.Median - expected[i]) / expected[i]);
        Assert.InRange(relative, 0, 0.05);
        Assert.All(report.Rows, r => Assert.True(r.ExpectedPurchases.Upper > r.ExpectedPurchases.Lower));
    }

    [Fact]
    public void BadInput_IsNamed()
    {
        var (customers, options, fit, spend) = Data.Value;
        var fewer = new CovariateOptions(CustomerCovariates.Create(Names, new double[3, 2])) { Purchase = ["gender", "channel"], Dropout = ["gender"] };
        var e = Assert.Throws<ArgumentException>(() => PredictionIntervals.Compute(fit, fewer, spend, customers, 26, null));
        Assert.Equal("covariates", e.ParamName);
        Assert.Contains($"3 rows but the summaries have {customers.Count} customers", e.Message, StringComparison.Ordinal);

        var other = new CovariateOptions(CustomerCovariates.Create(["gender", "region"], new double[customers.Count, 2])) { Purchase = ["gender"] };
        var missing = Assert.Throws<ArgumentException>(() => PredictionIntervals.Compute(fit, other, spend, customers, 26, null));
        Assert.Contains("channel", missing.Message, StringComparison.Ordinal);

        Assert.Throws<ArgumentOutOfRangeException>(() => PredictionIntervals.Compute(fit, options, spend, customers, -1, null));
    }
}
