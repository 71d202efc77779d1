using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// Horizons and table sizes at <see cref="int.MaxValue"/>: predictive CLV, the new-customer value, the per-period table, its
/// grouping and holdout validation refuse them naming the parameter and the limit (they overflowed or indexed out of range).
/// </summary>
public class HorizonLimitTests
{
    private static readonly GammaGammaModel Spend = new(6.25, 3.74, 15.44);
    private static readonly BgNbdModel Weeks = new(0.243, 4.414, 0.793, 2.426, TimeUnit.Week);
    private static readonly PredictiveClvOptions Huge = new() { Periods = int.MaxValue };

    private static void AssertPeriodsRefused(Action call, int periods = int.MaxValue)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(call);
        Assert.Equal("options.Periods", e.ParamName);
        Assert.Contains($"options.Periods must be at most 1000000, but was {periods}.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PredictiveClv_PeriodsBeyondTheLimit_ThrowsNamingTheOption()
    {
        var customers = CdnowFits.Summaries;
        AssertPeriodsRefused(() => PredictiveClv.Compute(Weeks, Spend, customers[0], Huge));
        AssertPeriodsRefused(() => PredictiveClv.Compute(Weeks, Spend, customers, Huge));
        AssertPeriodsRefused(() => PredictiveClv.Compute(Weeks, Spend, customers.AsSpan()[..2], Huge, new double[2]));
        AssertPeriodsRefused(() => PredictiveClv.ValueAtRisk(Weeks, Spend, customers, Huge));
        AssertPeriodsRefused(() => PredictiveClv.Compute(Weeks, Spend, customers[0], new() { Periods = 1_000_001 }), 1_000_001);
    }

    [Fact]
    public void NewCustomer_PeriodsBeyondTheLimit_ThrowsNamingTheOption() =>
        AssertPeriodsRefused(() => PredictiveClv.NewCustomer(Weeks, Spend, Huge));

    [Fact]
    public void ClvByPeriod_PeriodsBeyondTheLimit_ThrowsNamingTheOption()
    {
        AssertPeriodsRefused(() => ClvByPeriod.Compute(Weeks, Spend, CdnowFits.Summaries, Huge));
        AssertPeriodsRefused(() => ClvByPeriod.Compute(Weeks, Spend, CdnowFits.Summaries[0], Huge, new double[3]));
    }

    [Fact]
    public void ClvByPeriod_TableBeyondOneArray_ThrowsNamingTheOption()
    {
        // 2357 customers x 1,000,000 periods: each within its limit, their table not.
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ClvByPeriod.Compute(Weeks, Spend, CdnowFits.Summaries, new() { Periods = 1_000_000 }));

        Assert.Equal("options.Periods", e.ParamName);
        Assert.Contains($"A table of 2357 customers x 1000000 periods has 2357000000 cells, more than the {Array.MaxLength} one array holds", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Grouped_ByMoreThanAllPeriods_GivesOneColumnOfTheTotals()
    {
        var months = ClvByPeriod.Compute(Weeks, Spend, CdnowFits.Summaries, new() { Periods = 36 });

        var all = months.Grouped(int.MaxValue);

        Assert.Equal(1, all.PeriodCount);
        Assert.Equal(int.MaxValue, all.PeriodsPerColumn);
        for (int i = 0; i < months.CustomerCount; i++)
        {
            double total = 0;
            foreach (double v in months.Row(i))
            {
                total += v;
            }

            Assert.Equal(total, all.Row(i)[0], 1e-9);
        }

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => months.Grouped(12).Grouped(int.MaxValue / 2));
        Assert.Equal("periodsPerGroup", e.ParamName);
        Assert.Contains($"periodsPerGroup must be at most {int.MaxValue / 12} (columns already span 12 periods each), but was {int.MaxValue / 2}.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HoldoutValidation_MaxFrequencyBeyondTheLimit_ThrowsNamingIt()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => HoldoutValidation.Evaluate(CdnowFits.BgNbd.Model, CdnowFits.Summaries, int.MaxValue));

        Assert.Equal("maxFrequency", e.ParamName);
        Assert.Contains($"maxFrequency must be at most 1000000, but was {int.MaxValue}.", e.Message, StringComparison.Ordinal);
        Assert.Equal(1001, HoldoutValidation.Evaluate(CdnowFits.BgNbd.Model, CdnowFits.Summaries, 1000).Rows.Count);
    }
}
