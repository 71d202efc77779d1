using Clv.Probabilistic;
using Clv.Tests.Probabilistic;

namespace Clv.Tests.Probabilistic.Recovery;

/// <summary>
/// Coverage of nominal 90% parameter intervals under a BG/NBD model with covariates (issue 16): data simulated from known
/// parameters, each customer's interval checked against its true P(alive), E[Y(26)] and CLV.
/// </summary>
public class CovariateIntervalCoverageTests(ITestOutputHelper output)
{
    private static readonly string[] Names = ["gender", "channel"];
    private static readonly CovariatePurchaseModel Simulating =
        new(new BgNbdModel(0.5, 6, 0.6, 3, TimeUnit.Week), [new("gender", 0.5), new("channel", -0.3)], [new("gender", 1.0)]);

    private static readonly PredictiveClvOptions Clv = new() { Periods = 12, Period = TimeUnit.Month, MarginRate = 0.3 };

    private static CovariateOptions Options(CustomerCovariates covariates) => new(covariates) { Purchase = ["gender", "channel"], Dropout = ["gender"] };

    [Theory]
    [InlineData(ParameterUncertainty.Asymptotic, 120, 100)]
    [InlineData(ParameterUncertainty.Bootstrap, 40, 40)]
    public void ParameterIntervals_CoverTheTrueExpectations(ParameterUncertainty kind, int datasets, int draws)
    {
        // As for the models without covariates, the truth is the estimator's limit on data simulated the same way (summaries at
        // day resolution move it a little from the simulating parameters): the fit to 50,000 customers per covariate group.
        var (large, largeCovariates) = CovariateSimulation.Simulate(Simulating, Names, CovariateSimulation.GenderAndChannel(), 50_000, seed: 99);
        var truth = BgNbdModel.Fit(large, Options(largeCovariates), null).Model;
        var spendTruth = GammaGammaModel.Fit(large).Model;

        var alive = new List<double>();
        var expected = new List<double>();
        var clv = new List<double>();
        for (int s = 0; s < datasets; s++)
        {
            var (c, covariates) = CovariateSimulation.Simulate(Simulating, Names, CovariateSimulation.GenderAndChannel(), 500, seed: 1000 + (10 * s));
            var options = Options(covariates);
            var report = PredictionIntervals.Compute(BgNbdModel.Fit(c, options, null), options, GammaGammaModel.Fit(c), c, 26, new PredictionIntervalOptions { Draws = draws, Seed = s, Uncertainty = kind, Clv = Clv });
            double[] trueAlive = truth.ProbabilityAlive(c, covariates);
            double[] trueExpected = truth.ConditionalExpectedPurchases(c, covariates, 26);
            var trueClv = new double[c.Count];
            foreach (var group in Enumerable.Range(0, c.Count).GroupBy(i => (covariates[i, 0], covariates[i, 1])))
            {
                var values = PredictiveClv.Compute(truth.ForCustomer(covariates, group.First()), spendTruth, c, Clv);
                foreach (int i in group)
                {
                    trueClv[i] = values[i];
                }
            }

            alive.Add(Enumerable.Range(0, c.Count).Average(i => report.Rows[i].AliveProbability.Contains(trueAlive[i]) ? 1.0 : 0));
            expected.Add(Enumerable.Range(0, c.Count).Average(i => report.Rows[i].ExpectedPurchases.Contains(trueExpected[i]) ? 1.0 : 0));
            clv.Add(Enumerable.Range(0, c.Count).Where(i => c[i].HasPurchase).Average(i => report.Rows[i].Clv!.Value.Contains(trueClv[i]) ? 1.0 : 0));
        }

        static string Figure(List<double> v) => $"{v.Average():P1} ± {Math.Sqrt(v.Sum(x => (x - v.Average()) * (x - v.Average())) / (v.Count - 1) / v.Count):P1}";
        output.WriteLine($"BG/NBD with covariates, {kind} ({datasets} data sets x 4,000 customers in 8 covariate groups, {draws} draws): nominal 90% intervals cover the true P(alive) {Figure(alive)}, E[Y(26)] {Figure(expected)}, CLV {Figure(clv)}");
        Assert.InRange(alive.Average(), 0.85, 0.95);
        Assert.InRange(expected.Average(), 0.85, 0.95);
        Assert.InRange(clv.Average(), 0.85, 0.95);
    }
}
