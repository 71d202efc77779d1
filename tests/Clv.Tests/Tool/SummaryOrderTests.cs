using Clv.Crm;
using Clv.Probabilistic;
using Clv.Tool;
using Xunit;

namespace Clv.Tests.Tool;

/// <summary>
/// summary.json's totals (historical value, expected purchases, CLV, value at risk) are the same doubles whatever order the
/// customers come in: a CRM that loads them every night from a log read without ORDER BY sees no change where the data has none.
/// </summary>
public class SummaryOrderTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Scorecard_AnyCustomerOrder_SameTotals(int seed)
    {
        var (a, b) = CustomerOrder.Summaries(seed, 1500);
        var options = new ScorecardOptions { Purchases = BgNbdModel.Fit(a).Model, Spend = GammaGammaModel.Fit(a).Model };
        var first = new Summary("score");
        first.Scorecard(Scorecard.Create(a, options));
        var second = new Summary("score");
        second.Scorecard(Scorecard.Create(b, options));

        Assert.Equal(4, first.Json["totals"]!.AsObject().Count);
        Assert.Equal(first.Json["totals"]!.ToJsonString(), second.Json["totals"]!.ToJsonString());
    }
}
