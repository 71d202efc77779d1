using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// Gamma-Gamma where x m_x + v passes the largest double: <c>LikelihoodLn(int.MaxValue, 1e300)</c> was −∞ and
/// <c>ConditionalExpectedSpend(100, 1e307)</c> +∞ (about 1e307). Checked by the model's scale law: amounts and v times
/// c give the same p and q, ln f lower by ln c and the expected spend times c; c = 2^1000 brings them back in range.
/// </summary>
public class GammaGammaHugeSpendTests
{
    private const double Scale = 1.0715086071862673e301; // 2^1000, exact

    private static readonly GammaGammaModel Model = new(6.25, 3.74, 15.44);

    private static readonly GammaGammaModel Scaled = new(6.25, 3.74, 15.44 / Scale);

    [Theory]
    [InlineData(int.MaxValue, 1e300)]
    [InlineData(100, 1e307)]
    [InlineData(2, 1.7e308)]
    public void LikelihoodLn_PastTheLargestDouble_FollowsTheScaleLaw(int x, double m)
    {
        double value = Model.LikelihoodLn(x, m);
        double expected = Scaled.LikelihoodLn(x, m / Scale) - Math.Log(Scale);
        Assert.True(double.IsFinite(value), $"ln f = {value}");

        // The terms are of order p x ln m (1e13 at x = int.MaxValue), so the sum keeps about 1e-16 of that.
        double size = 6.25 * x * Math.Abs(Math.Log(m));
        Assert.True(Math.Abs(value - expected) <= 1e-14 * size, $"{value} against {expected}");
    }

    [Theory]
    [InlineData(int.MaxValue, 1e300)]
    [InlineData(100, 1e307)]
    [InlineData(1, 1.7e308)]
    public void ConditionalExpectedSpend_PastTheLargestDouble_FollowsTheScaleLaw(int x, double m)
    {
        double value = Model.ConditionalExpectedSpend(x, m);
        double expected = Scaled.ConditionalExpectedSpend(x, m / Scale) * Scale;
        Assert.Equal(expected, value, 1e-13 * expected);
        Assert.InRange(value, Model.MeanSpend, m);
    }

    [Fact]
    public void ConditionalExpectedSpend_WithCovariates_PastTheLargestDouble_Finite()
    {
        // x = 1, m_x = 1.7e308 and v = 1e308: x m_x + v = 2.7e308 overflows; p (v + x m_x)/(p x + q - 1) = 9e307 does not.
        var day = new DateOnly(2024, 1, 1);
        var customers = CustomerSummaries.FromTransactions([new("a", day, 1), new("a", day.AddDays(7), 1.7e308)], day.AddDays(30), TimeUnit.Week);
        var baseModel = new GammaGammaModel(1, 3, 1e308);
        var model = new CovariateSpendModel(baseModel, [new("web", 0)]);
        var covariates = CustomerCovariates.Create(["web"], new double[,] { { 0 } });
        double value = model.ConditionalExpectedSpend(customers, covariates)[0];
        Assert.Equal(9e307, value, 1e-13 * 9e307);
        Assert.Equal(baseModel.ConditionalExpectedSpend(1, 1.7e308), value);
    }
}
