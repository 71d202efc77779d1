using Clv.Plots.Internal;
using Clv.Rfm;
using ScottPlot;

namespace Clv.Plots;

/// <summary>
/// RFM plots: segment sizes and value (bars, from a <see cref="SegmentReport"/>) and the recency x frequency score grid
/// as heatmaps of customer counts and of mean net spend. Segment names come from the library's label tables
/// (<see cref="RfmSegment.Name"/>, <see cref="RfmSegment.ChineseName"/>).
/// </summary>
public static class RfmPlots
{
    /// <summary>Segment sizes: customers per RFM segment (horizontal bars, report order top to bottom), each labelled with its count and share.</summary>
    /// <param name="report">The segment report.</param>
    /// <param name="options">Size, title, language and font; null for <see cref="PlotOptions.Default"/>.</param>
    /// <returns>The plot.</returns>
    public static ClvPlot SegmentSizes(SegmentReport report, PlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var fig = new Figure(options, "Customers by RFM segment", "RFM 分群客户数");
        var rows = report.Rows;
        Bars(fig, rows.Select(r => Name(fig, r.Segment)).ToArray(), rows.Select(r => (double)r.Count).ToArray(),
            rows.Select(r => Text.Number(r.Count) + " (" + Text.Number(r.Share * 100, "0.#") + "%)").ToArray(), fig.L("Customers", "客户数"));
        return fig.Finish(legend: false);
    }

    /// <summary>Segment value: net spend (gross spend less refunds, to the observation end) per RFM segment, horizontal bars in report order.</summary>
    /// <param name="report">The segment report.</param>
    /// <param name="options">Size, title, language and font; null for <see cref="PlotOptions.Default"/>.</param>
    /// <returns>The plot.</returns>
    public static ClvPlot SegmentValue(SegmentReport report, PlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var fig = new Figure(options, "Net spend by RFM segment", "RFM 分群净消费额");
        var rows = report.Rows;
        double total = rows.Sum(r => r.NetSpend);
        Bars(fig, rows.Select(r => Name(fig, r.Segment)).ToArray(), rows.Select(r => r.NetSpend).ToArray(),
            rows.Select(r => Text.Number(r.NetSpend) + (total > 0 ? " (" + Text.Number(r.NetSpend / total * 100, "0.#") + "%)" : "")).ToArray(),
            fig.L("Net spend", "净消费额"));
        return fig.Finish(legend: false);
    }

    /// <summary>The R x F grid: customers per (recency score, frequency score) cell as a heatmap, counts written in (leads skipped).</summary>
    /// <param name="customers">The summaries.</param>
    /// <param name="scores">Their RFM scores (aligned with <paramref name="customers"/>).</param>
    /// <param name="options">Size, title, language and font; null for <see cref="PlotOptions.Default"/>.</param>
    /// <returns>The plot.</returns>
    public static ClvPlot RecencyFrequencyCounts(CustomerSummaries customers, RfmScores scores, PlotOptions? options = null) =>
        Grid(customers, scores, options, meanValue: false);

    /// <summary>The R x F grid: mean net spend of the customers in each (recency score, frequency score) cell as a heatmap, values written in.</summary>
    /// <param name="customers">The summaries.</param>
    /// <param name="scores">Their RFM scores (aligned with <paramref name="customers"/>).</param>
    /// <param name="options">Size, title, language and font; null for <see cref="PlotOptions.Default"/>.</param>
    /// <returns>The plot.</returns>
    public static ClvPlot RecencyFrequencyValue(CustomerSummaries customers, RfmScores scores, PlotOptions? options = null) =>
        Grid(customers, scores, options, meanValue: true);

    private static ClvPlot Grid(CustomerSummaries customers, RfmScores scores, PlotOptions? options, bool meanValue)
    {
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(scores);
        if (scores.Count != customers.Count)
        {
            throw new ArgumentException(Text.Format($"scores has {scores.Count} entries but customers has {customers.Count}: they must be aligned."), nameof(scores));
        }

        int k = 1;
        foreach (var s in scores.AsSpan())
        {
            k = Math.Max(k, Math.Max(s.R, s.F));
        }

        var count = new double[k, k];
        var spend = new double[k, k];
        for (int i = 0; i < scores.Count; i++)
        {
            var s = scores[i];
            if (s.IsLead)
            {
                continue;
            }

            int row = k - s.F, col = s.R - 1;   // F high on top, R high on the right
            count[row, col]++;
            spend[row, col] += customers[i].NetSpend;
        }

        var cells = new double[k, k];
        for (int r = 0; r < k; r++)
        {
            for (int c = 0; c < k; c++)
            {
                cells[r, c] = meanValue ? (count[r, c] > 0 ? spend[r, c] / count[r, c] : double.NaN) : count[r, c];
            }
        }

        var fig = meanValue
            ? new Figure(options, "Mean net spend by recency and frequency score", "按最近购买与频次评分的平均净消费额")
            : new Figure(options, "Customers by recency and frequency score", "按最近购买与频次评分的客户数");
        fig.Heatmap(cells, new CoordinateRect(0.5, k + 0.5, 0.5, k + 0.5), meanValue ? fig.L("Mean net spend", "平均净消费额") : fig.L("Customers", "客户数"), "N0", 13);
        fig.Labels(fig.L("Recency score R (5 = most recent)", "最近购买评分 R (5 = 最近)"), fig.L("Frequency score F (5 = most frequent)", "频次评分 F (5 = 最频繁)"));
        var ticks = Enumerable.Range(1, k).ToArray();
        fig.Plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.Select(t => (double)t).ToArray(), ticks.Select(t => Text.Number(t)).ToArray());
        fig.Plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.Select(t => (double)t).ToArray(), ticks.Select(t => Text.Number(t)).ToArray());
        return fig.Finish(legend: false);
    }

    private static string Name(Figure fig, RfmSegment segment) => fig.L(segment.Name, segment.ChineseName);

    /// <summary>Horizontal bars, first category on top, each with a value label.</summary>
    internal static void Bars(Figure fig, string[] names, double[] values, string[] labels, string axis)
    {
        int n = names.Length;
        var bars = new List<Bar>();
        for (int i = 0; i < n; i++)
        {
            bars.Add(new Bar { Position = n - 1 - i, Value = values[i], Label = labels[i], FillColor = Figure.Colour(0), LineWidth = 0, Size = 0.7 });
        }

        var plotted = fig.Plot.Add.Bars(bars);
        plotted.Horizontal = true;
        plotted.ValueLabelStyle.FontSize = 13;
        fig.Series.Add(new PlotSeries(axis, Enumerable.Range(0, n).Select(i => (double)i).ToArray(), values));
        fig.Categories(Enumerable.Reverse(names).ToArray(), left: true);
        fig.Plot.XLabel(fig.Track(axis));
        double max = values.DefaultIfEmpty(0).Max();
        fig.Plot.Axes.SetLimitsX(0, max > 0 ? max * 1.3 : 1);
        fig.Plot.Axes.SetLimitsY(-0.6, n - 0.4);
        fig.Plot.Grid.YAxisStyle.IsVisible = false;
    }
}
