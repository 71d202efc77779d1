using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// Gamma-Gamma with p so large that p x passes the largest double (a saved model edited or crafted to p = 1e308): the expected
/// spend was ∞/∞ = NaN for every customer with x ≥ 2, and so was their CLV. It is the weighted mean with p divided out,
/// (v + x m)/(x + (q − 1)/p), which p = 1e300 (where p x is still finite) gives to the last digits.
/// </summary>
public class GammaGammaHugePTests
{
    private static GammaGammaModel Saved(string p) =>
        GammaGammaModel.FromJson("{\"model\":\"Gamma-Gamma\",\"version\":1,\"parameters\":{\"p\":" + p + ",\"q\":3.5,\"v\":20}}");

    [Theory]
    [InlineData(2, 10.0)]
    [InlineData(7, 35.5)]
    [InlineData(int.MaxValue, 1e300)]
    public void ConditionalExpectedSpend_PTimesXPastTheLargestDouble_IsTheLimit(int x, double m)
    {
        double value = Saved("1e308").ConditionalExpectedSpend(x, m);
        double finiteP = Saved("1e300").ConditionalExpectedSpend(x, m);
        Assert.True(double.IsFinite(value), $"E[M] = {value}");
        Assert.Equal(finiteP, value, 1e-12 * finiteP);
    }

    [Fact]
    public void ConditionalExpectedSpend_RepeatCustomers_NoNaN()
    {
        var customers = CustomerSummaries.FromTransactions(
            [
                new Transaction("a", new DateOnly(2024, 1, 1), 10),
                new Transaction("a", new DateOnly(2024, 2, 1), 12),
                new Transaction("a", new DateOnly(2024, 3, 1), 14),
                new Transaction("b", new DateOnly(2024, 1, 5), 30),
                new Transaction("b", new DateOnly(2024, 4, 5), 50),
            ],
            new DateOnly(2024, 6, 30),
            TimeUnit.Week);
        double[] spend = Saved("1e308").ConditionalExpectedSpend(customers);
        Assert.All(spend, s => Assert.True(double.IsFinite(s), $"E[M] = {s}"));
        Assert.Equal(23, spend[0], 1e-9);   // x = 2, m = 13: (v + x m)/x, the limit p → ∞
        Assert.Equal(70, spend[1], 1e-9);   // x = 1, m = 50 (p x finite: the formula as before)
    }
}
