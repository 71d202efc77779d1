using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

public class ParetoNbdModelTests
{
    // Rounded published parameters (REFERENCE.md).
    private static readonly ParetoNbdModel Published = new(0.5534, 10.5802, 0.6061, 11.6562, TimeUnit.Week);

    private static readonly Lazy<FitResult<ParetoNbdModel>> CdnowFit = new(() => ParetoNbdModel.Fit(TestData.CdnowSummaries()));

    [Fact]
    public void Fit_Cdnow_MatchesPublishedParametersAndLogLikelihood()
    {
        var fit = CdnowFit.Value;
        var m = fit.Model;
        Assert.Equal(0.553276, m.R, 0.553276 * 1e-3);
        Assert.Equal(10.577615, m.Alpha, 10.577615 * 1e-3);
        Assert.Equal(0.606214, m.S, 0.606214 * 1e-3);
        Assert.Equal(11.667916, m.Beta, 11.667916 * 1e-3);
        Assert.Equal(-9594.97, fit.LikelihoodLn, 1e-2);
        Assert.Equal(2357, fit.ObservationCount);
        Assert.Equal(TimeUnit.Week, m.TimeUnit);
    }

    [Fact]
    public void Fit_Cdnow_ReportsFiniteStandardErrorsAndCriteria()
    {
        var fit = CdnowFit.Value;
        Assert.Equal(["r", "alpha", "s", "beta"], fit.Parameters.Select(p => p.Name));
        Assert.All(fit.Parameters, p => Assert.True(p.StandardError > 0 && p.StandardError < p.Estimate * 2, p.ToString()));
        Assert.Equal((2 * 4) + (2 * 9594.97), fit.Aic, 0.05);
        Assert.Equal((4 * Math.Log(2357)) + (2 * 9594.97), fit.Bic, 0.05);
    }

    [Fact]
    public void LogLikelihood_SumOverCdnowAtFit_EqualsFitLogLikelihood()
    {
        var fit = CdnowFit.Value;
        double sum = TestData.CdnowSummaries().Sum(c => fit.Model.LikelihoodLn(c.Frequency, c.Recency, c.Age));
        Assert.Equal(fit.LikelihoodLn, sum, 1e-6);
    }

    [Fact]
    public void ProbabilityAlive_PublishedCustomer_Is09979()
    {
        Assert.Equal(0.9979, Published.ProbabilityAlive(26, 30.86, 31), 1e-4);
    }

    [Fact]
    public void ConditionalExpectedPurchases_PublishedCustomer52Weeks_Is2546()
    {
        // 25.4549 at the rounded parameters and 25.4565 at the unrounded estimates: 25.46 is published to 2 decimals.
        Assert.Equal(25.46, Published.ConditionalExpectedPurchases(26, 30.86, 31, 52), 1e-2);
        Assert.Equal(25.46, CdnowFit.Value.Model.ConditionalExpectedPurchases(26, 30.86, 31, 52), 5e-3);
    }

    [Fact]
    public void ExpectedPurchases_ClosedFormAtS1Limit_IsContinuous()
    {
        // s = 1 is the removable singularity of r beta/(alpha (s - 1)) [1 - (beta/(beta + t))^(s - 1)].
        var at = new ParetoNbdModel(0.5, 10, 1, 12, TimeUnit.Week);
        double limit = 0.5 / 10 * 12 * Math.Log(1 + (39 / 12.0));
        Assert.Equal(limit, at.ExpectedPurchases(39), 1e-12);
        Assert.Equal(limit, new ParetoNbdModel(0.5, 10, 1 + 1e-7, 12, TimeUnit.Week).ExpectedPurchases(39), 1e-6);
        Assert.Equal(limit, new ParetoNbdModel(0.5, 10, 1 - 1e-7, 12, TimeUnit.Week).ExpectedPurchases(39), 1e-6);
    }

    [Fact]
    public void ExpectedPurchases_PublishedParameters_MatchesClosedForm()
    {
        double r = 0.5534, alpha = 10.5802, s = 0.6061, beta = 11.6562;
        double expected = r * beta / (alpha * (s - 1)) * (1 - Math.Pow(beta / (beta + 52), s - 1));
        Assert.Equal(expected, Published.ExpectedPurchases(52), 1e-12);
    }

    [Fact]
    public void ProbabilityOfPurchases_ZeroCount_EqualsLikelihoodOfNoRepeat()
    {
        // P(X(t) = 0) is the likelihood of (x = 0, t_x = 0, T = t), which goes through the 2F1 path instead.
        foreach (var t in new[] { 1.0, 13, 52, 78 })
        {
            Assert.Equal(Math.Exp(Published.LikelihoodLn(0, 0, t)), Published.PurchaseCountProbability(0, t), 1e-9);
        }
    }

    /// <summary>
    /// The count probabilities sum to 1 and their mean is E[X(t)]: at the published parameters (a heavy tail, so 5,000 terms
    /// leave about 1e-3 of the mean), and where dropout is far faster than the horizon (a large s puts the dropout density's
    /// mass in a sliver of the integration range, which panels over the whole horizon missed: s = 1e6 left the sum short).
    /// </summary>
    [Theory]
    [InlineData(0.5534, 10.5802, 0.6061, 11.6562, 39, 1e-3)]
    [InlineData(1.0, 1.0, 1e4, 1e3, 52, 1e-8)]
    [InlineData(1.0, 1.0, 100.0, 10.0, 52, 1e-8)]
    [InlineData(2.0, 5.0, 1e6, 1e4, 52, 1e-8)]
    public void ProbabilityOfPurchases_SumToOne_AndTheirMeanIsTheExpectedCount(double r, double alpha, double s, double beta, double t, double meanTolerance)
    {
        var model = new ParetoNbdModel(r, alpha, s, beta, TimeUnit.Week);
        double total = 0, mean = 0;
        for (int k = 0; k < 5000; k++)
        {
            double p = model.PurchaseCountProbability(k, t);
            total += p;
            mean += k * p;
        }

        Assert.Equal(1, total, 1e-6);
        Assert.Equal(model.ExpectedPurchases(t), mean, meanTolerance);
    }

    [Fact]
    public void ConditionalPurchaseCountProbability_DeadLookingCustomer_MostlyZero()
    {
        double pAlive = Published.ProbabilityAlive(5, 2, 60);
        double p0 = Published.ConditionalPurchaseCountProbability(0, 5, 2, 60, 52);
        Assert.True(p0 > 1 - pAlive);
        Assert.True(p0 < 1);
    }

    [Fact]
    public void Constructor_NonPositiveOrNaN_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ParetoNbdModel(0, 1, 1, 1, TimeUnit.Week));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ParetoNbdModel(1, double.NaN, 1, 1, TimeUnit.Week));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ParetoNbdModel(1, 1, -1, 1, TimeUnit.Week));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ParetoNbdModel(1, 1, 1, double.PositiveInfinity, TimeUnit.Week));
    }

    [Fact]
    public void ProbabilityAlive_RecencyBeyondAgeOrNaN_Throws()
    {
        Assert.Throws<ArgumentException>(() => Published.ProbabilityAlive(2, 12.5, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => Published.ProbabilityAlive(2, double.NaN, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => Published.ProbabilityAlive(-1, 0, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => Published.ConditionalExpectedPurchases(2, 3, 10, -1));
    }

    [Fact]
    public void Fit_NoRepeatPurchase_ThrowsModelFitException()
    {
        Assert.Throws<ModelFitException>(() => ParetoNbdModel.Fit([new PurchaseHistory(0, 0, 10), new PurchaseHistory(0, 0, 20)], TimeUnit.Week, null));
        Assert.Throws<ArgumentException>(() => ParetoNbdModel.Fit([new PurchaseHistory(2, 12, 10)], TimeUnit.Week, null));
    }

    [Fact]
    public void Fit_WeightedHistories_SameAsCustomerSummaries()
    {
        var histories = TestData.CdnowSummaries().Select(c => new PurchaseHistory(c.Frequency, c.Recency, c.Age)).ToArray();
        var fit = ParetoNbdModel.Fit(histories, TimeUnit.Week, null);
        Assert.Equal(CdnowFit.Value.LikelihoodLn, fit.LikelihoodLn, 1e-6);
        Assert.Equal(CdnowFit.Value.Model.S, fit.Model.S, 1e-6);
    }

    [Fact]
    public void ToJson_FittedModel_RoundTripsExactly()
    {
        var model = CdnowFit.Value.Model;
        string json = model.ToJson();
        Assert.StartsWith("{\"model\":\"Pareto/NBD\",\"version\":1,\"timeUnit\":\"Week\"", json, StringComparison.Ordinal);
        var back = ParetoNbdModel.FromJson(json);
        Assert.Equal((model.R, model.Alpha, model.S, model.Beta, model.TimeUnit), (back.R, back.Alpha, back.S, back.Beta, back.TimeUnit));
        Assert.Throws<FormatException>(() => ParetoNbdModel.FromJson(json.Replace("Pareto/NBD", "BG/NBD", StringComparison.Ordinal)));
        Assert.Throws<FormatException>(() => ParetoNbdModel.FromJson(json.Replace("\"s\":", "\"s\":-", StringComparison.Ordinal)));
    }

    [Fact]
    public void ConditionalExpectedPurchases_CustomersInDays_ConvertedToModelWeeks()
    {
        var weeks = TestData.CdnowSummaries();
        var days = CustomerSummaries.FromTransactions(TestData.CdnowSample(), TestData.CdnowCalibrationEnd, TimeUnit.Day);
        var inWeeks = Published.ConditionalExpectedPurchases(weeks, 52);
        var fromDays = Published.ConditionalExpectedPurchases(days, 52);
        for (int i = 0; i < 20; i++)
        {
            Assert.Equal(inWeeks[i], fromDays[i], 1e-9);
        }
    }
}
