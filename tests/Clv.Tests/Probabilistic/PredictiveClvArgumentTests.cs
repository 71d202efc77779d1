using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>Predictive CLV's argument rules and the scalar path's unit conversion (Stryker survivors).</summary>
public class PredictiveClvArgumentTests
{
    private static readonly GammaGammaModel Spend = new(6.25, 3.74, 15.44);
    private static readonly BgNbdModel Weeks = new(0.243, 4.414, 0.793, 2.426, TimeUnit.Week);

    [Fact]
    public void BadArguments_ThrowNamingThem()
    {
        var customers = CdnowFits.Summaries;
        Assert.Equal("purchases", Assert.Throws<ArgumentNullException>(() => PredictiveClv.Compute(null!, Spend, customers, null)).ParamName);
        Assert.Equal("spend", Assert.Throws<ArgumentNullException>(() => PredictiveClv.Compute(Weeks, null!, customers, null)).ParamName);
        Assert.Equal("customers", Assert.Throws<ArgumentNullException>(() => PredictiveClv.Compute(Weeks, Spend, (CustomerSummaries)null!, null)).ParamName);
        Assert.Equal("purchases", Assert.Throws<ArgumentNullException>(() => PredictiveClv.NewCustomer(null!, Spend, null)).ParamName);
        Assert.Equal("spend", Assert.Throws<ArgumentNullException>(() => PredictiveClv.NewCustomer(Weeks, null!, null)).ParamName);
        Assert.Throws<ArgumentException>(() => PredictiveClv.Compute(Weeks, Spend, customers.AsSpan()[..3], null, new double[2]));
    }

    [Fact]
    public void Scalar_SummaryInDays_ModelInWeeks_IsTheWeeksAnswer()
    {
        var days = CustomerSummaries.FromTransactions(TestData.CdnowSample(), TestData.CdnowCalibrationEnd, TimeUnit.Day);
        var weeks = CdnowFits.Summaries;
        var options = new PredictiveClvOptions { Periods = 12, Period = TimeUnit.Month };
        for (int i = 0; i < 50; i++)
        {
            var w = weeks[i];
            Assert.True(days.TryGetIndex(w.CustomerId, out int j));
            var d = days[j];
            double inWeeks = PredictiveClv.Compute(Weeks, Spend, w, options);
            Assert.Equal(inWeeks, PredictiveClv.Compute(Weeks, Spend, d, options), 1e-9 * Math.Max(1, inWeeks));
        }
    }
}
