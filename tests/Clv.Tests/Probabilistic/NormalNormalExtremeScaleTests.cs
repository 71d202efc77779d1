using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// Normal-Normal with τ or σ whose square passes the largest double (or rounds to 0): a saved model read back with
/// "tau": 1e300 gave NaN as the shrinkage weight and as every repeat customer's expected value (∞/∞, or 0/0 with both tiny).
/// The weight is x / (x + (σ/τ)²) then: its limit, in [0, 1].
/// </summary>
public class NormalNormalExtremeScaleTests
{
    private static NormalNormalModel Saved(string tau, string sigma) =>
        NormalNormalModel.FromJson("{\"model\":\"Normal-Normal\",\"version\":1,\"parameters\":{\"tau\":" + tau + ",\"sigma\":" + sigma + ",\"mu\":3}}");

    [Theory]
    [InlineData("1e300", "3", 1.0, 10.0)]              // own mean weighs everything
    [InlineData("1e308", "1e-300", 1.0, 10.0)]
    [InlineData("3", "1e300", 0.0, 3.0)]               // the population mean μ
    [InlineData("1e-200", "1e-200", 2.0 / 3, 23.0 / 3)] // σ/τ = 1: w = x/(x + 1)
    [InlineData("1e200", "1e200", 2.0 / 3, 23.0 / 3)]
    public void ExtremeTauOrSigma_TheLimitNotNaN(string tau, string sigma, double weight, double expected)
    {
        var model = Saved(tau, sigma);
        Assert.Equal(weight, model.ShrinkageWeight(2), 1e-12);
        Assert.Equal(expected, model.ConditionalExpectedValue(2, 10), 1e-12);
    }

    [Fact]
    public void ExtremeTau_Summaries_NoNaN()
    {
        var customers = CustomerSummaries.FromTransactions(
            [
                new Transaction("a", new DateOnly(2024, 1, 1), 10),
                new Transaction("a", new DateOnly(2024, 2, 1), 12),
                new Transaction("b", new DateOnly(2024, 1, 5), 30),
            ],
            new DateOnly(2024, 6, 30),
            TimeUnit.Week);
        Assert.Equal([12.0, 3.0], Saved("1e300", "3").ConditionalExpectedValue(customers));
    }
}
