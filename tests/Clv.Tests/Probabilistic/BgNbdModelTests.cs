using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

public class BgNbdModelTests
{
    [Fact]
    public void Fit_Cdnow_MatchesPublishedParametersAndLogLikelihood()
    {
        var fit = CdnowFits.BgNbd;
        var m = fit.Model;
        CdnowFits.Relative(0.242593, m.R, 1e-3);
        CdnowFits.Relative(4.413532, m.Alpha, 1e-3);
        CdnowFits.Relative(0.792886, m.A, 1e-3);
        CdnowFits.Relative(2.425752, m.B, 1e-3);
        Assert.Equal(-9582.43, fit.LikelihoodLn, 1e-2);
        Assert.Equal(TimeUnit.Week, m.TimeUnit);
        Assert.Equal(2357, fit.ObservationCount);
        Assert.Equal(0, fit.ExcludedCount);
        Assert.Equal(["r", "alpha", "a", "b"], fit.Parameters.Select(p => p.Name));
        Assert.All(fit.Parameters, p => Assert.True(p.StandardError > 0 && p.StandardError < p.Estimate, p.ToString()));
        Assert.Equal(FitStatus.Converged, fit.Status);
    }

    [Theory]
    [InlineData(0.1429, 0.0078)]
    [InlineData(1, 0.0532)]
    [InlineData(3, 0.1506)]
    [InlineData(31.8571, 1.0405)]
    [InlineData(32, 1.0437)]
    [InlineData(78, 1.8576)]
    public void ExpectedPurchases_PublishedParameters_MatchesReference(double t, double expected) =>
        Assert.Equal(expected, CdnowFits.Fitted.ExpectedPurchases(t), 4e-4);

    [Fact]
    public void ConditionalExpectedPurchases_PublishedCustomer_Is1226()
    {
        Assert.Equal(1.226, CdnowFits.Published.ConditionalExpectedPurchases(2, 30.43, 38.86, 39), 3);
        Assert.Equal(0.7266, CdnowFits.Published.ProbabilityAlive(2, 30.43, 38.86), 4);
    }

    [Theory]
    [InlineData(1, 1.71, 38.86, 0.2122)]
    [InlineData(23, 39, 39, 0.9686)]
    [InlineData(5, 30, 39, 0.7057)]
    [InlineData(20, 30, 39, 0.1968)]
    public void ProbabilityAlive_PublishedTable_Matches(int x, double tx, double t, double expected) =>
        Assert.Equal(expected, CdnowFits.Fitted.ProbabilityAlive(x, tx, t), 6e-5);

    [Fact]
    public void PurchaseCountProbability_PublishedValues_Match()
    {
        var m = CdnowFits.Published;
        CdnowFits.Relative(0.5737864, m.PurchaseCountProbability(0, 39), 1e-6);
        CdnowFits.Relative(1.07869e-07, m.PurchaseCountProbability(10, 2), 1e-5);
        CdnowFits.Relative(0.0019995, m.PurchaseCountProbability(11, 30), 1e-4);
    }

    [Fact]
    public void LogLikelihood_StressCases_MatchReference()
    {
        var m = new BgNbdModel(0.25, 4.00, 0.80, 2.50, TimeUnit.Week);
        Assert.Equal(-0.59947382, m.LikelihoodLn(0, 0, 40), 7);
        Assert.Equal(100.7957, m.LikelihoodLn(200, 38, 40), 4);
    }

    [Fact]
    public void ProbabilityAlive_HugeFrequencyLongAgo_IsExactlyZero() =>
        Assert.Equal(0.0, CdnowFits.Published.ProbabilityAlive(1000, 10, 100));

    [Fact]
    public void Predictions_AgeOverAlphaOverflows_FiniteAndExact()
    {
        // T/α = 1e9/1e-300 overflows a double, ln(1 + T/α) = 711.5 does not: P(buy in 1e9 | new) = 1 - e^(-r 711.5).
        double expected = 1 - Math.Exp(-1e-3 * (Math.Log(1e9) - Math.Log(1e-300)));
        PurchaseModel[] models = [new BgNbdModel(1e-3, 1e-300, 0.793, 2.426, TimeUnit.Week), new MbgNbdModel(1e-3, 1e-300, 0.793, 2.426, TimeUnit.Week)];
        foreach (var model in models)
        {
            Assert.Equal(expected, model.ProbabilityOfAnyPurchase(0, 0, 0, 1e9) / model.ProbabilityAlive(0, 0, 0), 12);
            Assert.Equal(0.0, model.ProbabilityAlive(3, 0, 1e9));
            double y = model.ConditionalExpectedPurchases(0, 0, 0, 1e9);
            Assert.True(double.IsFinite(y) && y > 0, $"{model} E[Y(1e9) | 0, 0, 0] = {y}");
        }
    }

    [Fact]
    public void OneRepeatPurchase_TinyB_LimitOfCertainDropout()
    {
        // b = 1e-300: p ~ Beta(a, b) is 1, so a customer drops out right after the first repeat purchase; b + x - 1 must not
        // round to 0 at x = 1. ln L(1, t_x, T) -> ln r + r ln α - (r + 1) ln(α + t_x); P(X(t) = 1) -> 1 - (α/(α + t))^r.
        var model = new BgNbdModel(0.243, 4.414, 0.793, 1e-300, TimeUnit.Week);
        Assert.Equal(Math.Log(0.243) + (0.243 * Math.Log(4.414)) - (1.243 * Math.Log(14.414)), model.LikelihoodLn(1, 10, 20), 9);
        Assert.Equal(1 - Math.Pow(4.414 / 56.414, 0.243), model.PurchaseCountProbability(1, 52), 9);
        Assert.Equal(0.0, model.ConditionalPurchaseCountProbability(1, 1, 10, 20, 52), 9);
    }
}

