using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// Every repeat customer with the same mean spend (a single-price subscription): no maximum exists, and the fit says so at
/// once, naming the price. It used to run 800 Newton steps and report "did not converge ... ln L was still rising".
/// </summary>
public class GammaGammaOneSpendTests
{
    [Theory]
    [InlineData(9.99)]
    [InlineData(1e-300)]
    [InlineData(1e300)]
    public void Fit_OneMeanSpendForEveryone_SaysSoNamingIt(double price)
    {
        int[] x = [.. Enumerable.Range(0, 1000).Select(i => 1 + (i % 9))];
        var ex = Assert.Throws<ModelFitException>(() => GammaGammaModel.Fit(x, [.. Enumerable.Repeat(price, 1000)], null));
        Assert.Equal(
            $"Gamma-Gamma cannot be fitted: every one of the 1,000 repeat customers has the same mean spend per transaction ({price:G6}), so spend has no spread to fit (the likelihood grows without bound as p and q grow). Every customer's expected spend is then {price:G6}: use that value directly.",
            ex.Message);
    }

    [Fact]
    public void Fit_FromSummariesOfASubscriptionLog_SaysSo()
    {
        var start = new DateOnly(2024, 1, 1);
        var rows = Enumerable.Range(0, 300).SelectMany(c => Enumerable.Range(0, 1 + (c % 12)).Select(m => new Transaction("c" + c, start.AddMonths(m), 9.99))).ToArray();
        var customers = CustomerSummaries.FromTransactions(rows, new DateOnly(2024, 12, 31), TimeUnit.Month);
        var ex = Assert.Throws<ModelFitException>(() => GammaGammaModel.Fit(customers));
        Assert.StartsWith("Gamma-Gamma cannot be fitted: every one of the 275 repeat customers has the same mean spend per transaction (9.99)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_TwoPrices_StillFits()
    {
        int[] x = [.. Enumerable.Range(0, 1000).Select(i => 1 + (i % 9))];
        var fit = GammaGammaModel.Fit(x, [.. Enumerable.Range(0, 1000).Select(i => i % 2 == 0 ? 9.99 : 19.99)], null);
        Assert.True(fit.Status is FitStatus.Converged or FitStatus.Ridge, fit.StatusMessage);
        Assert.Equal(9.99, fit.Model.ConditionalExpectedSpend(5, 9.99), 1e-3);
    }
}
