using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// Pareto/NBD's purchase-count probabilities where dropout is much faster than the horizon (a large s: the dropout density
/// falls within a sliver of the integration range). The quadrature's panels spanned the whole horizon and missed that mass:
/// P(0 purchases) came out as 0.004 for a customer expected to buy 1e-8 times, and a count quantile then summed for minutes.
/// </summary>
public class ParetoNbdFastDropoutTests
{
    [Theory]
    [InlineData(1.0, 1.0, 1e4, 1e3)]
    [InlineData(1.0, 1.0, 100.0, 10.0)]
    [InlineData(2.0, 5.0, 1e6, 1e4)]
    [InlineData(0.55, 10.58, 0.61, 11.67)]
    public void CountProbabilities_SumToOne_AndTheirMeanIsTheExpectedCount(double r, double alpha, double s, double beta)
    {
        var model = new ParetoNbdModel(r, alpha, s, beta, TimeUnit.Week);
        double sum = 0, mean = 0;
        for (int n = 0; n < 400; n++)
        {
            double p = model.PurchaseCountProbability(n, 52);
            sum += p;
            mean += n * p;
        }

        Assert.Equal(1, sum, 1e-9);
        Assert.Equal(model.ExpectedPurchases(52), mean, model.ExpectedPurchases(52) * 1e-7);
    }

    [Fact(Timeout = 60_000)]
    public async Task InstantDropout_NoPurchaseIsAlmostSure_AndTheQuantileIsZeroAtOnce()
    {
        // A dropout rate of 10^8 a week: E[X(52)] = 1e-8.
        var model = new ParetoNbdModel(1e-12, 1e-12, 1e4, 1e-4, TimeUnit.Week);
        Assert.Equal(1, model.PurchaseCountProbability(0, 52), 1e-7);
        int q = await Task.Run(() => model.ConditionalPurchaseCountQuantile(0, 0, 0, 52, 0.9), TestContext.Current.CancellationToken);
        Assert.Equal(0, q);
    }
}
