using Clv.Valuation;

namespace Clv.Tests.Valuation;

public class ChannelEconomicsTests
{
    [Fact]
    public void Summarize_TwoChannels_ComputesMeansRatioAndPayback()
    {
        ChannelCustomer[] customers =
        [
            new("search", 40, 300, 10),
            new("search", 60, 100, 20),
            new("tv", 200, 150, 5),
            new("referral", 0, 80, 4),
        ];
        var channels = ChannelEconomics.Summarize(customers, TimeUnit.Month);

        Assert.Equal(["search", "tv", "referral"], channels.Select(c => c.Channel));
        var search = channels[0];
        Assert.Equal(2, search.Customers);
        Assert.Equal(200, search.MeanValue, 1e-12);
        Assert.Equal(50, search.MeanAcquisitionCost, 1e-12);
        Assert.Equal(4.0, search.ValueToCostRatio!.Value, 1e-12);
        Assert.Equal(4, search.PaybackPeriods); // 15 a month covers 50 after 4 months
        Assert.Equal(TimeUnit.Month, search.PaybackUnit);
        Assert.Equal(40, channels[1].PaybackPeriods);
        Assert.Equal(0.75, channels[1].ValueToCostRatio!.Value, 1e-12);
        Assert.Null(channels[2].ValueToCostRatio);
        Assert.Equal(0, channels[2].PaybackPeriods);
    }

    [Fact]
    public void Payback_ExactMultipleAndNoMargin()
    {
        Assert.Equal(3, ChannelEconomics.Payback(30, 10));
        Assert.Equal(1, ChannelEconomics.Payback(0.1, 10));
        Assert.Equal(3, ChannelEconomics.Payback(0.3, 0.1));
        Assert.Null(ChannelEconomics.Payback(30, 0));
        Assert.Null(ChannelEconomics.Payback(30, -1));
    }

    [Fact]
    public void Summarize_BadInput_ThrowsNamingValue()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ChannelEconomics.Summarize([new("a", -5, 1, 1)], TimeUnit.Month));
        Assert.Contains("customers[0].AcquisitionCost", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ChannelEconomics.Summarize([new(null!, 5, 1, 1)], TimeUnit.Month));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChannelEconomics.Summarize([new("a", 5, double.NaN, 1)], TimeUnit.Month));
    }
}
