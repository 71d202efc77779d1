using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// Pareto/NBD's purchase-count probabilities where dropout is much faster than the horizon (a large s: the dropout density
/// falls within a sliver of the integration range). The quadrature's panels spanned the whole horizon and missed that mass:
/// P(0 purchases) came out as 0.004 for a customer expected to buy 1e-8 times, and a count quantile then summed for minutes.
/// (That the probabilities sum to 1 with the mean E[X(t)] at such parameters is in <see cref="ParetoNbdModelTests"/>.)
/// </summary>
public class ParetoNbdFastDropoutTests
{
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
