using Clv.Probabilistic;
using Xunit;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// The value evaluation (Gini, calibration line, deciles, capture) is the same whatever order the customers come in: customers
/// with equal predictions (one-time buyers of the same day) are a tied block, shared pro rata between deciles.
/// </summary>
public class ValueEvaluationOrderTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Create_AnyCustomerOrder_SameReport(int seed)
    {
        var (a, b) = CustomerOrder.Summaries(seed, 1500);
        var purchases = BgNbdModel.Fit(a).Model;
        var spend = GammaGammaModel.Fit(a).Model;
        ValueEvaluationReport Evaluate(CustomerSummaries c)
        {
            double[] n = purchases.ConditionalExpectedPurchases(c, c.HoldoutLength);
            double[] m = spend.ConditionalExpectedSpend(c);
            return ValueEvaluationReport.Create(n.Zip(m, (p, q) => p * q).ToArray(), c.Select(s => s.HoldoutSpend).ToArray());
        }

        var x = Evaluate(a);
        var y = Evaluate(b);

        Assert.Equal(
            (x.Gini, x.NormalizedGini, x.CalibrationSlope, x.CalibrationIntercept, x.CaptureShare(0.1), x.CaptureShare(0.37)),
            (y.Gini, y.NormalizedGini, y.CalibrationSlope, y.CalibrationIntercept, y.CaptureShare(0.1), y.CaptureShare(0.37)));
        Assert.Equal(x.Rows, y.Rows);
    }
}
