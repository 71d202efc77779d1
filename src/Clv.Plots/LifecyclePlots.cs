using Clv.Lifecycle;
using Clv.Plots.Internal;
using ScottPlot;

namespace Clv.Plots;

/// <summary>
/// Lifecycle plots: stage counts over time (stacked areas), the stage migration matrix and the cohort retention triangle
/// (heatmaps). Stage names come from the library's label tables (<see cref="LifecycleStageExtensions.EnglishLabel"/>,
/// <see cref="LifecycleStageExtensions.ChineseLabel"/>).
/// </summary>
public static class LifecyclePlots
{
    /// <summary>
    /// Stage counts over time: customers in each lifecycle stage at each date of a <see cref="LifecycleHistoryReport"/>
    /// (month ends with <see cref="LifecycleHistoryReport.CreateAtMonthEnds"/>), as stacked areas; stages never occupied are left out.
    /// </summary>
    /// <param name="report">The history report.</param>
    /// <param name="options">Size, title, language and font; null for <see cref="PlotOptions.Default"/>.</param>
    /// <returns>The plot.</returns>
    public static ClvPlot StageCounts(LifecycleHistoryReport report, PlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var dates = report.Dates.ToArray();
        if (dates.Length == 0)
        {
            throw new ArgumentException("The history report has no dates.", nameof(report));
        }

        var fig = new Figure(options,
            Text.Format($"Customers by lifecycle stage, {Text.Date(dates[0])} to {Text.Date(dates[^1])}"),
            Text.Format($"各生命周期阶段客户数，{Text.Date(dates[0])} 至 {Text.Date(dates[^1])}"));
        var xs = dates.Select(d => (double)d.DayNumber).ToArray();
        var lower = new double[dates.Length];
        int colour = 0;
        for (int s = 0; s < LifecycleStageExtensions.StageCount; s++)
        {
            var counts = new double[dates.Length];
            for (int d = 0; d < dates.Length; d++)
            {
                counts[d] = report.StageCounts(d)[s];
            }

            if (counts.All(c => c == 0))
            {
                continue;
            }

            var upper = lower.Zip(counts, (a, b) => a + b).ToArray();
            var stage = (LifecycleStage)s;
            var fill = fig.Plot.Add.FillY(xs, upper, lower);
            fill.FillColor = Figure.Colour(colour).WithAlpha(0.85);
            fill.LineColor = Figure.Colour(colour);
            fill.LegendText = fig.Track(fig.L(stage.EnglishLabel(), stage.ChineseLabel()));
            fig.Series.Add(new PlotSeries(fill.LegendText, xs, counts));
            lower = upper;
            colour++;
        }

        fig.DateAxis(dates[0], dates[^1]);
        bool monthEnds = dates.All(d => d.Day == DateTime.DaysInMonth(d.Year, d.Month));
        fig.Labels(monthEnds ? fig.L("Month end", "月末") : fig.L("Date", "日期"), fig.L("Customers", "客户数"));
        fig.Plot.Axes.SetLimits(xs[0], xs[^1], 0, lower.Max() * 1.02);
        fig.LegendOutside = true;
        return fig.Finish();
    }

    /// <summary>
    /// Stage migration matrix: the share of customers in each stage on <see cref="LifecycleTransitionReport.From"/>
    /// (rows) found in each stage on <see cref="LifecycleTransitionReport.To"/> (columns), as a heatmap with the
    /// percentages written in (<see cref="LifecycleTransitionReport.Share"/>); stages empty on both dates are left out.
    /// </summary>
    /// <param name="report">The transition report.</param>
    /// <param name="options">Size, title, language and font; null for <see cref="PlotOptions.Default"/>.</param>
    /// <returns>The plot.</returns>
    public static ClvPlot Migration(LifecycleTransitionReport report, PlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var stages = Enumerable.Range(0, LifecycleStageExtensions.StageCount).Select(s => (LifecycleStage)s)
            .Where(s => report.FromCount(s) > 0 || report.ToCount(s) > 0).ToArray();
        int n = stages.Length;
        var cells = new double[n, n];
        for (int r = 0; r < n; r++)
        {
            for (int c = 0; c < n; c++)
            {
                cells[r, c] = report.FromCount(stages[r]) > 0 ? report.Share(stages[r], stages[c]) * 100 : double.NaN;
            }
        }

        var fig = new Figure(options,
            Text.Format($"Lifecycle migration: stage on {Text.Date(report.From)} to stage on {Text.Date(report.To)} (% of row)"),
            Text.Format($"生命周期迁移：{Text.Date(report.From)} 的阶段到 {Text.Date(report.To)} 的阶段 (行百分比)"));
        fig.Heatmap(cells, new CoordinateRect(-0.5, n - 0.5, -0.5, n - 0.5), fig.L("% of row", "行百分比"), "0.#", 12);
        var names = stages.Select(s => fig.L(s.EnglishLabel(), s.ChineseLabel())).ToArray();
        fig.Categories(names);
        fig.Categories(Enumerable.Reverse(names).ToArray(), left: true);
        fig.Labels(fig.L("Stage on ", "阶段 ") + Text.Date(report.To), fig.L("Stage on ", "阶段 ") + Text.Date(report.From));
        return fig.Finish(legend: false);
    }

    /// <summary>
    /// Cohort retention triangle: the share of each acquisition cohort (rows, oldest on top) that bought in each period
    /// since acquisition (columns), as a heatmap (<see cref="CohortReport.RetentionShare"/>); periods not yet observed are blank.
    /// </summary>
    /// <param name="report">The cohort report.</param>
    /// <param name="options">Size, title, language and font; null for <see cref="PlotOptions.Default"/>.</param>
    /// <returns>The plot.</returns>
    public static ClvPlot CohortRetention(CohortReport report, PlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        int[] cohorts = Enumerable.Range(0, report.CohortCount).Where(c => report.CohortSize(c) > 0).ToArray();   // no acquisitions: no row
        int rows = cohorts.Length;
        if (rows == 0)
        {
            throw new ArgumentException("The cohort report has no cohort with customers.", nameof(report));
        }

        int cols = cohorts.Max(report.PeriodCount);
        var cells = new double[rows, cols];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
            {
                cells[r, c] = c < report.PeriodCount(cohorts[r]) ? report.RetentionShare(cohorts[r], c) * 100 : double.NaN;
            }
        }

        bool month = report.Period == CohortPeriod.Month;
        var fig = new Figure(options,
            Text.Format($"Cohort retention: % of each {(month ? "monthly" : "quarterly")} cohort buying in each {(month ? "month" : "quarter")} since acquisition"),
            Text.Format($"群组留存：各{(month ? "月" : "季度")}获客群组在获客后每{(month ? "月" : "季度")}购买的百分比"));
        fig.Heatmap(cells, new CoordinateRect(-0.5, cols - 0.5, -0.5, rows - 0.5), fig.L("% of cohort buying", "群组购买百分比"), rows * cols <= 400 ? "0" : null, rows * cols <= 120 ? 12 : 10);
        var format = month ? "yyyy-MM" : "yyyy-MM";
        fig.Categories(cohorts.Select(r => report.CohortStart(r).ToString(format, System.Globalization.CultureInfo.InvariantCulture) + " (" + Text.Number(report.CohortSize(r)) + ")").Reverse().ToArray(), left: true);
        fig.Labels(fig.L(month ? "Months since acquisition" : "Quarters since acquisition", month ? "获客后月数" : "获客后季度数"), fig.L("Cohort (size)", "群组 (人数)"));
        return fig.Finish(legend: false);
    }
}
