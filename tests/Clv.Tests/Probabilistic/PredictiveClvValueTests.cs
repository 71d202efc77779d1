using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// Value at risk and a new customer's value against their definitions written out here (no test reached them under
/// PredictiveClv's own tests: Stryker marked them "no coverage").
/// </summary>
public class PredictiveClvValueTests
{
    private static readonly GammaGammaModel Spend = new(6.25, 3.74, 15.44);
    private static readonly BgNbdModel Weeks = new(0.243, 4.414, 0.793, 2.426, TimeUnit.Week);

    [Fact]
    public void ValueAtRisk_IsClvTimesOneMinusPAlive_InTheModelsUnit()
    {
        var weeks = CdnowFits.Summaries;
        var days = CustomerSummaries.FromTransactions(TestData.CdnowSample(), TestData.CdnowCalibrationEnd, TimeUnit.Day);
        var options = new PredictiveClvOptions { Periods = 8, Period = TimeUnit.Week, MarginRate = 0.3 };

        double[] atRisk = PredictiveClv.ValueAtRisk(Weeks, Spend, days, options);

        Assert.Equal(days.Count, atRisk.Length);
        int positive = 0;
        for (int j = 0; j < days.Count; j++)
        {
            Assert.True(weeks.TryGetIndex(days[j].CustomerId, out int i));
            var w = weeks[i];
            double clv = PredictiveClv.Compute(Weeks, Spend, w, options);
            double expected = clv * (1 - Weeks.ProbabilityAlive(w.Frequency, w.Recency, w.Age));
            Assert.Equal(expected, atRisk[j], 1e-9 * Math.Max(1, clv));
            Assert.True(atRisk[j] <= clv + 1e-12, $"value at risk {atRisk[j]} above CLV {clv}");
            if (atRisk[j] > 1e-6)
            {
                positive++;
            }
        }

        Assert.True(positive > days.Count / 4, $"only {positive} of {days.Count} customers have value at risk");
        Assert.Equal("purchases", Assert.Throws<ArgumentNullException>(() => PredictiveClv.ValueAtRisk(null!, Spend, days, options)).ParamName);
    }

    [Theory]
    [InlineData(8, 0.01, 0.3)]
    [InlineData(52, 0.002, 1.0)]
    [InlineData(1, 0.0, 0.5)]
    public void NewCustomer_IsFirstPurchasePlusDiscountedRepeats(int periods, double weeklyRate, double margin)
    {
        var options = new PredictiveClvOptions
        {
            Periods = periods,
            Period = TimeUnit.Week,
            DiscountRate = DiscountRate.Per(TimeUnit.Week, weeklyRate),
            MarginRate = margin,
        };

        var value = PredictiveClv.NewCustomer(Weeks, Spend, options);

        double sum = 0, previous = 0;
        for (int k = 1; k <= periods; k++)
        {
            double expected = Weeks.ExpectedPurchases(k);
            sum += Math.Pow(1 + weeklyRate, -k) * (expected - previous);
            previous = expected;
        }

        double meanSpend = Spend.P * Spend.V / (Spend.Q - 1);
        Assert.Equal(Weeks.ExpectedPurchases(periods), value.ExpectedRepeatPurchases, 1e-12);
        Assert.Equal(meanSpend, value.MeanSpend, 1e-9);
        Assert.Equal(margin * meanSpend, value.FirstPurchaseValue, 1e-9);
        Assert.Equal(margin * meanSpend * sum, value.RepeatValue, 1e-9);
        Assert.Equal(value.FirstPurchaseValue + value.RepeatValue, value.Value, 1e-12);
        Assert.True(value.RepeatValue > 0);
    }

    [Fact]
    public void NewCustomer_MonthlyPeriodsOfAWeekModel_ConvertThePeriodLength()
    {
        var options = new PredictiveClvOptions { Periods = 6, Period = TimeUnit.Month, DiscountRate = DiscountRate.Annual(0.1) };
        double month = TimeUnit.Month.ConvertTo(1, TimeUnit.Week);
        Assert.True(month > 4);

        var value = PredictiveClv.NewCustomer(Weeks, Spend, options);

        double sum = 0, previous = 0;
        for (int k = 1; k <= 6; k++)
        {
            double expected = Weeks.ExpectedPurchases(k * month);
            sum += options.DiscountRate.DiscountFactor(k, TimeUnit.Month) * (expected - previous);
            previous = expected;
        }

        Assert.Equal(Weeks.ExpectedPurchases(6 * month), value.ExpectedRepeatPurchases, 1e-12);
        Assert.Equal(Spend.MeanSpend * sum, value.RepeatValue, 1e-9);
    }

    [Fact]
    public void NewCustomer_SpendWithoutFiniteMean_ThrowsNamingSpend()
    {
        var heavyTail = new GammaGammaModel(6.25, 0.9, 15.44);
        var e = Assert.Throws<ArgumentException>(() => PredictiveClv.NewCustomer(Weeks, heavyTail, null));
        Assert.Equal("spend", e.ParamName);
        Assert.Contains("q (0.9) is at most 1", e.Message, StringComparison.Ordinal);
    }
}
