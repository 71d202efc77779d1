using System.Globalization;
using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// Every repeat customer with the same mean spend (a single-price subscription): no maximum exists (the likelihood keeps rising
/// as p and q grow together), and the fit returns that limit at once as a boundary fit whose expected spend is the price for
/// everyone. It used to run 800 Newton steps and report "did not converge", then threw.
/// </summary>
public class GammaGammaOneSpendTests
{
    [Theory]
    [InlineData(9.99)]
    [InlineData(1e-300)]
    [InlineData(1e300)]
    public void Fit_OneMeanSpendForEveryone_IsTheBoundaryLimitPredictingThePrice(double price)
    {
        int[] x = [.. Enumerable.Range(0, 1000).Select(i => 1 + (i % 9))];
        var fit = GammaGammaModel.Fit(x, [.. Enumerable.Repeat(price, 1000)], null);

        Assert.Equal(FitStatus.Boundary, fit.Status);
        Assert.Equal(
            $"Boundary: p → ∞ and q → ∞ (p = 1E+06, q = 1000001): every one of the 1,000 repeat customers has the same mean spend per transaction ({price:G6}), so spend has no spread and the likelihood keeps rising as p and q grow together. Predictions use this limit: every customer's expected spend per transaction is {price:G6}, and so is the population mean; a customer with another mean spend m over x repeat purchases gets ({price:G6} + x m)/(x + 1). The value of p and q at the limit is arbitrary.",
            fit.StatusMessage);
        Assert.Equal(price, fit.Model.MeanSpend, price * 1e-12);
        for (int f = 0; f <= 12; f++)
        {
            Assert.Equal(price, fit.Model.ConditionalExpectedSpend(f, price), price * 1e-12);
        }

        Assert.True(double.IsFinite(fit.LikelihoodLn), fit.LikelihoodLn.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(1000, fit.ObservationCount);
        Assert.All(fit.Parameters, p => Assert.True(double.IsNaN(p.StandardError)));
        Assert.All(fit.LogCovariance, v => Assert.True(double.IsNaN(v)));
    }

    [Fact]
    public void Fit_OneSpendLimit_LikelihoodIsAboveAnyInteriorPointsAndTheLimitRoundTrips()
    {
        // The limit stands for the supremum: ln L there is above that of models with the same mean and smaller p and q.
        int[] x = [.. Enumerable.Range(0, 200).Select(i => 1 + (i % 5))];
        double[] m = [.. Enumerable.Repeat(25.0, 200)];
        var fit = GammaGammaModel.Fit(x, m, null);
        foreach (double p in (double[])[1, 10, 1e3])
        {
            var interior = new GammaGammaModel(p, p + 1, 25);
            double ll = x.Select((f, i) => interior.LikelihoodLn(f, m[i])).Sum();
            Assert.True(ll < fit.LikelihoodLn, $"{ll} at p = {p} against {fit.LikelihoodLn} at the limit");
        }

        var back = FitResult<GammaGammaModel>.FromJson(fit.ToJson());
        Assert.Equal(fit.Model.P, back.Model.P);
        Assert.Equal(fit.Model.Q, back.Model.Q);
        Assert.Equal(fit.Model.V, back.Model.V);
        Assert.Equal(FitStatus.Boundary, back.Status);
    }

    [Fact]
    public void Fit_FromSummariesOfASubscriptionLog_IsTheBoundaryLimit()
    {
        var start = new DateOnly(2024, 1, 1);
        var rows = Enumerable.Range(0, 300).SelectMany(c => Enumerable.Range(0, 1 + (c % 12)).Select(m => new Transaction("c" + c, start.AddMonths(m), 9.99))).ToArray();
        var customers = CustomerSummaries.FromTransactions(rows, new DateOnly(2024, 12, 31), TimeUnit.Month);
        var fit = GammaGammaModel.Fit(customers);
        Assert.Equal(FitStatus.Boundary, fit.Status);
        Assert.Contains("every one of the 275 repeat customers has the same mean spend per transaction (9.99)", fit.StatusMessage, StringComparison.Ordinal);
        Assert.Equal(25, fit.ExcludedCount);
        Assert.All(fit.Model.ConditionalExpectedSpend(customers), e => Assert.Equal(9.99, e, 1e-12));
    }

    [Fact]
    public void FitWithCovariates_OneMeanSpendForEveryone_SaysSoAtOnceNamingThePrice()
    {
        // It used to run four searches to 800 Newton steps and report each one running away.
        var start = new DateOnly(2024, 1, 1);
        var rows = Enumerable.Range(0, 300).SelectMany(c => Enumerable.Range(0, 1 + (c % 12)).Select(m => new Transaction("c" + c, start.AddMonths(m), 9.99))).ToArray();
        var customers = CustomerSummaries.FromTransactions(rows, new DateOnly(2024, 12, 31), TimeUnit.Month);
        var values = new double[customers.Count, 1];
        for (int i = 0; i < customers.Count; i++)
        {
            values[i, 0] = i % 2;
        }

        var options = new SpendCovariateOptions(CustomerCovariates.Create(["web"], values)) { Spend = ["web"] };
        var ex = Assert.Throws<ModelFitException>(() => GammaGammaModel.Fit(customers, options, null));
        Assert.Equal(
            "Gamma-Gamma with covariates cannot be fitted: every one of the 275 repeat customers has the same mean spend per transaction (9.99), so spend has no spread for covariates to explain (the likelihood grows without bound as p and q grow). Fit without covariates: GammaGammaModel.Fit returns that limit, with 9.99 as every customer's expected spend.",
            ex.Message);
    }

    [Fact]
    public void Fit_TwoPrices_StillFits()
    {
        int[] x = [.. Enumerable.Range(0, 1000).Select(i => 1 + (i % 9))];
        var fit = GammaGammaModel.Fit(x, [.. Enumerable.Range(0, 1000).Select(i => i % 2 == 0 ? 9.99 : 19.99)], null);
        Assert.True(fit.Status is FitStatus.Converged or FitStatus.Ridge, fit.StatusMessage);
        Assert.DoesNotContain("same mean spend", fit.StatusMessage, StringComparison.Ordinal);
        Assert.Equal(9.99, fit.Model.ConditionalExpectedSpend(5, 9.99), 1e-3);
    }
}
