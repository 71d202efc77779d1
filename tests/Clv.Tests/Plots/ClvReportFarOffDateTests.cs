using Clv.Plots;
using Clv.Plots.Internal;
using Clv.Probabilistic;

namespace Clv.Tests.Plots;

/// <summary>
/// A log with one far-off date (a placeholder 9999-12-31 after the observation end) makes the holdout run to the last day
/// there is: the report used to stop at December 9999 with an un-representable date, after summing a tracking curve of
/// 416,000 weekly points whose 2F1 series stopped at their term limit. Found by running <c>clv analyze</c> on spoilt logs.
/// </summary>
[Collection("Plots")]   // one plot at a time: ScottPlot's font caches are process-wide (see ClvPlot's remarks)
public class ClvReportFarOffDateTests
{
    private static readonly Lazy<CustomerSummaries> Summaries = new(() =>
    {
        var log = TestData.CdnowSample().Append(new Transaction("1", DateOnly.MaxValue, 10)).ToArray();
        return CustomerSummaries.FromTransactions(log, TestData.CdnowCalibrationEnd, TimeUnit.Week);
    });

    [Fact(Timeout = 300_000)]
    public async Task ToHtml_HoldoutToDecember9999_WritesThePageNamingThatEnd()
    {
        Assert.Equal(DateOnly.MaxValue, Summaries.Value.HoldoutEnd);
        string html = await Task.Run(() => ClvReport.ToHtml(Summaries.Value), TestContext.Current.CancellationToken);
        Assert.Contains("holdout to 9999-12-31", html, StringComparison.Ordinal);
        Assert.Contains("Customers by lifecycle stage, 1997-01-31 to 9999-12-31", html, StringComparison.Ordinal);
    }

    [Fact]
    public void TrackingCurves_OverFourHundredThousandWeeks_AtMostTheLimitEndingAtTheLastWeek()
    {
        var model = new BgNbdModel(0.2426, 4.4135, 0.7929, 2.4259, TimeUnit.Week);
        var curves = ProbabilisticPlots.Curves(model, Summaries.Value);
        double weeks = Math.Floor(TimeUnit.Week.FromDays(DateOnly.MaxValue.DayNumber + 1 - new DateOnly(1997, 1, 1).DayNumber) + 1e-9);
        Assert.InRange(curves.Times.Length, ProbabilisticPlots.MaxTrackingPoints - 10, ProbabilisticPlots.MaxTrackingPoints + 1);
        Assert.Equal(0, curves.Times[0]);
        Assert.Equal(weeks, curves.Times[^1]);
        Assert.All(curves.Expected, e => Assert.True(double.IsFinite(e) && e >= 0));
        for (int i = 1; i < curves.Times.Length; i++)
        {
            Assert.True(curves.Expected[i] >= curves.Expected[i - 1], $"expected cumulative purchases fall at {curves.Times[i]}");
        }
    }

    [Fact]
    public void TrackingCurves_CdnowHoldout_EveryWeek()
    {
        var model = new BgNbdModel(0.2426, 4.4135, 0.7929, 2.4259, TimeUnit.Week);
        var curves = ProbabilisticPlots.Curves(model, TestData.CdnowSummaries());
        Assert.Equal(Enumerable.Range(0, curves.Times.Length).Select(i => (double)i), curves.Times);
    }

    [Theory]
    [InlineData(1997, 1, 1997, 1, 0)]
    [InlineData(1997, 1, 2046, 12, 600)]
    [InlineData(1997, 1, 2047, 1, 601)]
    [InlineData(1997, 1, 9999, 12, 96_036)]
    [InlineData(1, 1, 9999, 12, 119_988)]
    public void MonthEnds_EveryOneUpToTheLimitThenTheFirstEveryKthAndTheLast(int fromYear, int fromMonth, int toYear, int toMonth, int count)
    {
        var from = new DateOnly(fromYear, fromMonth, 1);
        var to = new DateOnly(toYear, toMonth, DateTime.DaysInMonth(toYear, toMonth));
        var fewer = SectionData.MonthEnds(from, to);
        if (count <= SectionData.MaxMonthEnds)
        {
            Assert.Null(fewer);
            return;
        }

        Assert.NotNull(fewer);
        Assert.InRange(fewer.Length, 2, SectionData.MaxMonthEnds);
        Assert.Equal(new DateOnly(fromYear, fromMonth, DateTime.DaysInMonth(fromYear, fromMonth)), fewer[0]);
        Assert.Equal(to, fewer[^1]);
        Assert.All(fewer, d => Assert.Equal(DateTime.DaysInMonth(d.Year, d.Month), d.Day));
        Assert.Equal(fewer.Length, fewer.Distinct().Count());
        Assert.True(fewer.SequenceEqual(fewer.Order()));

        // Evenly spaced but for the last step: k months apart, k the smallest that keeps the count within the limit.
        int k = (count - 1 + SectionData.MaxMonthEnds - 2) / (SectionData.MaxMonthEnds - 1);
        Assert.True((count - 1 + k - 1) / k + 1 <= SectionData.MaxMonthEnds);
        for (int i = 1; i < fewer.Length - 1; i++)
        {
            Assert.Equal(fewer[i - 1].AddDays(1).AddMonths(k).AddDays(-1), fewer[i]);
        }
    }
}
