using Clv.Crm;
using Clv.Rfm;
using Clv.Tests.Probabilistic;

namespace Clv.Tests;

/// <summary>
/// Positions outside a collection are an <see cref="ArgumentOutOfRangeException"/> naming the parameter and the valid
/// range, as in the rest of the library (<c>Scorecard.Rows</c>, <c>PurchaseStatistics</c>), never an array's
/// <see cref="IndexOutOfRangeException"/>.
/// </summary>
public class IndexRangeTests
{
    [Theory]
    [InlineData(-1)]
    [InlineData(2357)]
    [InlineData(int.MinValue)]
    [InlineData(int.MaxValue)]
    public void SummariesAndRfmScores_OutsideTheCustomers_ArgumentOutOfRangeNamingIndex(int index)
    {
        var customers = CdnowFits.Summaries;
        Assert.Equal(2357, customers.Count);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => customers[index]);
        Assert.Equal("index", e.ParamName);
        Assert.Contains($"index must be from 0 to 2356, but was {index}.", e.Message, StringComparison.Ordinal);

        var scores = RfmScorer.Score(customers);
        Assert.Equal("index", Assert.Throws<ArgumentOutOfRangeException>(() => scores[index]).ParamName);
        Assert.Equal(customers[2356], customers.AsSpan()[2356]);
    }

    [Fact]
    public void HealthSignals_CustomerAndSignalOutOfRange_ArgumentOutOfRangeNamingThem()
    {
        var customers = CdnowFits.Summaries;
        var signals = HealthSignals.Create(customers, CdnowFits.BgNbd.Model.ProbabilityAlive(customers), null, null);
        Assert.Equal("customer", Assert.Throws<ArgumentOutOfRangeException>(() => signals.CustomerId(-1)).ParamName);
        Assert.Equal("customer", Assert.Throws<ArgumentOutOfRangeException>(() => signals.CustomerId(customers.Count)).ParamName);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => signals.Values(signals.Names.Count));
        Assert.Equal("signal", e.ParamName);
        Assert.Contains("a position in Names", e.Message, StringComparison.Ordinal);
        Assert.Equal(customers[0].CustomerId, signals.CustomerId(0));
        Assert.Equal(customers.Count, signals.Values(0).Length);
    }
}
