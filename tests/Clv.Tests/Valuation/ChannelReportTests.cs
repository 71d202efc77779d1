using Clv.Valuation;

namespace Clv.Tests.Valuation;

public class ChannelReportTests
{
    private static readonly ChannelCustomer[] Customers =
    [
        new("search", 40, 300, 10),
        new("search", 60, 100, 20),
        new("tv", 200, 150, 5),
        new("referral", 0, 80, 4),
    ];

    [Fact]
    public void Create_ThreeChannels_ComputesMeansRatioAndPayback()
    {
        var report = ChannelReport.Create(Customers, TimeUnit.Month);
        var channels = report.Rows;

        Assert.Equal(TimeUnit.Month, report.MarginPeriod);
        Assert.Equal(["search", "tv", "referral"], channels.Select(c => c.Channel));
        var search = channels[0];
        Assert.Equal(2, search.Customers);
        Assert.Equal(400, search.TotalValue, 1e-12);
        Assert.Equal(200, search.MeanValue, 1e-12);
        Assert.Equal(100, search.TotalAcquisitionCost, 1e-12);
        Assert.Equal(50, search.MeanAcquisitionCost, 1e-12);
        Assert.Equal(4.0, search.ValueToCostRatio!.Value, 1e-12);
        Assert.Equal(15, search.MeanMarginPerPeriod, 1e-12);
        Assert.Equal(4, search.PaybackPeriods); // 15 a month covers 50 after 4 months
        Assert.Equal(40, channels[1].PaybackPeriods);
        Assert.Equal(0.75, channels[1].ValueToCostRatio!.Value, 1e-12);
        Assert.Null(channels[2].ValueToCostRatio);
        Assert.Equal(0, channels[2].PaybackPeriods);
    }

    [Fact]
    public void Payback_ExactMultipleAndNoMargin()
    {
        Assert.Equal(3, ChannelReport.Payback(30, 10));
        Assert.Equal(1, ChannelReport.Payback(0.1, 10));
        Assert.Equal(3, ChannelReport.Payback(0.3, 0.1));
        Assert.Null(ChannelReport.Payback(30, 0));
        Assert.Null(ChannelReport.Payback(30, -1));
        Assert.Null(ChannelReport.Create([new("x", 10, 1, 0)], TimeUnit.Week).Rows[0].PaybackPeriods);
    }

    [Fact]
    public void Create_BadInput_ThrowsNamingValue()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ChannelReport.Create([new("a", -5, 1, 1)], TimeUnit.Month));
        Assert.Contains("customers[0].AcquisitionCost", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ChannelReport.Create([new(null!, 5, 1, 1)], TimeUnit.Month));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChannelReport.Create([new("a", 5, double.NaN, 1)], TimeUnit.Month));
        var unit = Assert.Throws<ArgumentOutOfRangeException>(() => ChannelReport.Create([new("a", 5, 1, 1)], (TimeUnit)9));
        Assert.Equal("marginPeriod", unit.ParamName);
    }

    [Fact]
    public void Create_NoCustomers_NoRows()
    {
        var report = ChannelReport.Create([], TimeUnit.Year);
        Assert.Empty(report.Rows);
        Assert.Equal("Acquisition channels (0), margins and payback per year\nchannel  customers  mean value  mean cost  value/cost  margin/period  payback\n", report.ToString());
    }

    [Fact]
    public void ToString_ThreeChannels_InvariantTable()
    {
        var report = ChannelReport.Create([.. Customers, new("tv", 2000, 1234.5, -1)], TimeUnit.Month);
        string expected =
            "Acquisition channels (3), margins and payback per month\n" +
            "channel   customers  mean value  mean cost  value/cost  margin/period  payback\n" +
            "search            2      200.00      50.00        4.00          15.00        4\n" +
            "tv                2      692.25   1,100.00        0.63           2.00      550\n" +
            "referral          1       80.00       0.00           -           4.00        0\n";
        Assert.Equal(expected, Culture.Invariant(report.ToString));
    }
}
