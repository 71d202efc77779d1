using Clv.Probabilistic;
using Xunit;

namespace Clv.Tests.Probabilistic;

/// <summary>The Gamma-Gamma independence check's correlation is the same double whatever order the customers come in.</summary>
public class SpendIndependenceOrderTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void CheckIndependence_AnyCustomerOrder_SameCorrelation(int seed)
    {
        var (a, b) = CustomerOrder.Summaries(seed, 1500);
        var x = GammaGammaModel.CheckIndependence(a);
        var y = GammaGammaModel.CheckIndependence(b);

        Assert.True(x.Customers > 100);
        Assert.True(CustomerOrder.Same(x.Correlation, y.Correlation), $"{x.Correlation:R} against {y.Correlation:R}");
    }
}
