using Clv.Crm;
using Clv.Orleans.Internal;
using Clv.Probabilistic;
using Xunit;

namespace Clv.Tests.Orleans;

/// <summary>
/// A partition's totals (CLV, expected purchases, expected alive, historical value) are the same doubles whatever order its
/// customers come in (the order their rows arrived), so the cluster job's totals are the same from run to run.
/// </summary>
public class PartitionAggregatesOrderTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Aggregate_AnyCustomerOrder_SameTotals(int seed)
    {
        var (a, b) = CustomerOrder.Summaries(seed, 1500);
        var options = new ScorecardOptions { Purchases = BgNbdModel.Fit(a).Model, Spend = GammaGammaModel.Fit(a).Model };
        var x = ClvPartitionGrain.Aggregate(Scorecard.Create(a, options), "part-0");
        var y = ClvPartitionGrain.Aggregate(Scorecard.Create(b, options), "part-0");

        Assert.Equal((x.Customers, x.Clv, x.ExpectedPurchases, x.ExpectedAlive, x.HistoricalValue), (y.Customers, y.Clv, y.ExpectedPurchases, y.ExpectedAlive, y.HistoricalValue));
    }
}
