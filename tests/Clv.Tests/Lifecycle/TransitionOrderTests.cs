using Clv.Lifecycle;
using Xunit;

namespace Clv.Tests.Lifecycle;

/// <summary>
/// The high-value group of the transition report and the ranking of the early-warning report do not depend on the order the
/// customers come in: buyers who spent the same (list prices) are ranked by customer id, not by their position in the log.
/// </summary>
public class TransitionOrderTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void TransitionReport_AnyCustomerOrder_SameHighValueCoverage(int seed)
    {
        var (a, b) = CustomerOrder.Summaries(seed, 1500);
        var policy = LifecyclePolicy.FromDays();
        var differences = new List<string>();
        for (int day = 120; day <= 440; day += 40)
        {
            foreach (double share in (double[])[0.05, 0.1, 0.2, 0.3, 0.5])
            {
                var from = CustomerOrder.Origin.AddDays(day);
                var x = LifecycleTransitionReport.Create(policy, a, from, from.AddDays(90), share);
                var y = LifecycleTransitionReport.Create(policy, b, from, from.AddDays(90), share);
                if (!CustomerOrder.Same(x.HighValueCoverage, y.HighValueCoverage))
                {
                    differences.Add($"day {day}, share {share}: {x.HighValueCoverage:R} against {y.HighValueCoverage:R}");
                }
            }
        }

        Assert.Empty(differences);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void EarlyWarningReport_AnyCustomerOrder_SameRowsInTheSameOrder(int seed)
    {
        var (a, b) = CustomerOrder.Summaries(seed, 1500);
        var policy = LifecyclePolicy.FromDays();
        for (int day = 200; day <= 360; day += 80)
        {
            var since = CustomerOrder.Origin.AddDays(day);
            var x = EarlyWarningReport.Create(policy, a, since, since.AddDays(90)).Rows;
            var y = EarlyWarningReport.Create(policy, b, since, since.AddDays(90)).Rows;

            Assert.Equal(x.Select(r => (r.CustomerId, r.ValueAtRisk, r.Reason)), y.Select(r => (r.CustomerId, r.ValueAtRisk, r.Reason)));
        }
    }
}
