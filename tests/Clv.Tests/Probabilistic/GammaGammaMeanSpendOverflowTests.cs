using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// Gamma-Gamma parameters (a saved model edited or crafted) whose product p v passes the largest double: the population
/// mean spend p v / (q − 1) came back +∞ even where it is finite (p = v = 1e200, q = 1e250: 1e150), and +∞ without a word
/// where it is not. It is now the finite value, or an <see cref="InvalidOperationException"/> naming the parameters.
/// </summary>
public class GammaGammaMeanSpendOverflowTests
{
    [Theory]
    [InlineData(1e200, 1e250, 1e200, 1e150)]
    [InlineData(1e300, 1e300, 1e300, 1e300)]
    [InlineData(1e308, 1e20, 1e10, 1e298)]
    public void MeanSpend_PTimesVPastTheLargestDouble_IsTheFiniteMean(double p, double q, double v, double expected)
    {
        var model = new GammaGammaModel(p, q, v);
        Assert.Equal(expected, model.MeanSpend, expected * 1e-12);
        Assert.Equal(model.MeanSpend, model.ConditionalExpectedSpend(0, 0));
    }

    [Fact]
    public void MeanSpend_TheMeanItselfPastTheLargestDouble_ThrowsNamingTheParameters()
    {
        var model = new GammaGammaModel(1e300, 1.00001, 1e10);   // p v / (q − 1) = 1e315
        var ex = Assert.Throws<InvalidOperationException>(() => model.MeanSpend);
        Assert.Contains("Gamma-Gamma(p = 1E+300, q = 1.00001, v = 1E+10)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("beyond the largest double", ex.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => model.ConditionalExpectedSpend(0, 0));
    }

    [Fact]
    public void MeanSpend_OrdinaryParameters_TheFormulaAsBefore()
    {
        var model = new GammaGammaModel(6.2488, 3.7446, 15.4477);
        Assert.Equal(6.2488 * 15.4477 / (3.7446 - 1), model.MeanSpend);
    }
}
