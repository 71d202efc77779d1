using Clv.Lifecycle;
using Clv.Plots;
using Clv.Plots.Internal;
using Clv.Probabilistic;

namespace Clv.Tests.Plots;

/// <summary>
/// A log of a few days: the report's lifecycle history was taken at month ends only, so with none in the span
/// (<c>clv analyze</c> on a log of 2024-05-01 and 2024-05-02, <c>--unit day</c>) the report failed with "No month end lies
/// between 2024-05-01 and 2024-05-02" (exit code 1, "please report it"), and with one the stage chart was a hairline.
/// </summary>
[Collection("Plots")]   // one plot at a time: ScottPlot's font caches are process-wide (see ClvPlot's remarks)
public class ClvReportShortSpanTests
{
    /// <summary>120 customers over two days: a third buy on both, a third on each day only.</summary>
    internal static CustomerSummaries TwoDays(DateOnly first, DateOnly observationEnd, DateOnly? holdoutEnd = null)
    {
        var rows = new List<Transaction>();
        for (int i = 0; i < 120; i++)
        {
            double amount = 5 + (i * 37 % 90);
            if (i % 3 != 2)
            {
                rows.Add(new Transaction("c" + i, first, amount));
            }

            if (i % 3 != 1)
            {
                rows.Add(new Transaction("c" + i, first.AddDays(1), amount * (1 + (i % 7 / 10.0))));
            }
        }

        return CustomerSummaries.FromTransactions(rows.ToArray(), observationEnd, TimeUnit.Day, holdoutEnd);
    }

    [Fact]
    public void ToHtml_TwoDayLogWithoutAMonthEnd_DrawsTheStagesOverThoseDays()
    {
        var customers = TwoDays(new DateOnly(2024, 5, 1), new DateOnly(2024, 5, 2));
        string html = ClvReport.ToHtml(customers, new ClvReportOptions { Comparison = ModelComparison.FromFit(BgNbdModel.Fit(customers), customers) });
        Assert.Contains("Customers by lifecycle stage, 2024-05-01 to 2024-05-02", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2024-05-01", "2024-05-02", new[] { "2024-05-01", "2024-05-02" })]
    [InlineData("2024-05-30", "2024-06-02", new[] { "2024-05-30", "2024-05-31", "2024-06-02" })]
    [InlineData("2024-05-30", "2024-05-31", new[] { "2024-05-30", "2024-05-31" })]
    [InlineData("2024-05-31", "2024-06-01", new[] { "2024-05-31", "2024-06-01" })]
    [InlineData("2024-05-31", "2024-05-31", new[] { "2024-05-31" })]
    [InlineData("2024-05-15", "2024-07-10", new[] { "2024-05-31", "2024-06-30" })]
    public void HistoryDates_FewerThanTwoMonthEnds_AddTheSpansEnds(string from, string to, string[] expected)
    {
        var dates = SectionData.HistoryDates(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expected, dates.Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void StageCounts_OverDaysThatAreNotMonthEnds_SaysDateNotMonthEnd()
    {
        var customers = TwoDays(new DateOnly(2024, 5, 30), new DateOnly(2024, 5, 31), new DateOnly(2024, 6, 2));
        var history = LifecycleHistoryReport.Create(LifecyclePolicy.FromDays(), customers, SectionData.HistoryDates(new DateOnly(2024, 5, 30), new DateOnly(2024, 6, 2)));
        var plot = LifecyclePlots.StageCounts(history);
        Assert.Contains("Date", plot.Texts);
        Assert.DoesNotContain("Month end", plot.Texts);
        Assert.Contains("Month end", LifecyclePlots.StageCounts(PlotCases.History).Texts);
    }

    [Fact]
    public void StageCounts_OverTwoDays_TicksNameTheDays()
    {
        // With month ticks a two-day chart had one tick, '2024-05', at its left edge.
        var customers = TwoDays(new DateOnly(2024, 5, 1), new DateOnly(2024, 5, 2));
        var history = LifecycleHistoryReport.Create(LifecyclePolicy.FromDays(), customers, SectionData.HistoryDates(new DateOnly(2024, 5, 1), new DateOnly(2024, 5, 2)));
        var texts = PlotImages.SvgTexts(PlotImages.Svg(LifecyclePlots.StageCounts(history).ToSvg()));
        Assert.Contains("05-01", texts);
        Assert.Contains("05-02", texts);
        Assert.DoesNotContain("2024-05", texts);
    }
}
