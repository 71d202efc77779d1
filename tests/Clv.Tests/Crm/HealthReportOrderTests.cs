using Clv.Crm;
using Clv.Probabilistic;
using Xunit;

namespace Clv.Tests.Crm;

/// <summary>The health bands' mean scores are the same doubles whatever order the customers come in.</summary>
public class HealthReportOrderTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Create_AnyCustomerOrder_SameBandRows(int seed)
    {
        var (a, b) = CustomerOrder.Summaries(seed, 1500);
        var model = BgNbdModel.Fit(a).Model;
        var x = HealthReport.Create(HealthSignals.Create(a, model.ProbabilityAlive(a), null, null));
        var y = HealthReport.Create(HealthSignals.Create(b, model.ProbabilityAlive(b), null, null));

        Assert.Equal(x.Rows, y.Rows);
    }
}
