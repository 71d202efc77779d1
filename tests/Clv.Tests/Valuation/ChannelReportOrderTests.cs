using Clv.Probabilistic;
using Clv.Valuation;
using Xunit;

namespace Clv.Tests.Valuation;

/// <summary>
/// A channel's total and mean value, cost and margin are the same doubles whatever order the customers come in (the rows
/// themselves come in the order of each channel's first customer, as documented).
/// </summary>
public class ChannelReportOrderTests
{
    private static ChannelCustomer[] Customers(CustomerSummaries customers, double[] clv)
    {
        string[] channels = ["search", "social", "email"];
        var result = new ChannelCustomer[customers.Count];
        for (int i = 0; i < result.Length; i++)
        {
            var c = customers[i];
            int n = int.Parse(c.CustomerId.AsSpan(4), System.Globalization.CultureInfo.InvariantCulture);
            result[i] = new ChannelCustomer(channels[n % 3], 10 + (n % 7 * 3.17), clv[i], clv[i] / 24);
        }

        return result;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Create_AnyCustomerOrder_SameRowsByChannel(int seed)
    {
        var (a, b) = CustomerOrder.Summaries(seed, 1500);
        var clv = PredictiveClv.Compute(BgNbdModel.Fit(a).Model, GammaGammaModel.Fit(a).Model, a, PredictiveClvOptions.Default);
        var x = ChannelReport.Create(Customers(a, clv), TimeUnit.Month).Rows.OrderBy(r => r.Channel, StringComparer.Ordinal);
        var y = ChannelReport.Create(Customers(b, CustomerOrder.InOrderOf(b, a, clv)), TimeUnit.Month).Rows.OrderBy(r => r.Channel, StringComparer.Ordinal);

        Assert.Equal(x, y);
    }
}
