using Clv.Plots.Internal;
using Clv.Probabilistic;
using Clv.Valuation;
using ScottPlot;

namespace Clv.Plots;

/// <summary>
/// Value plots: the distribution of predicted CLV, the Lorenz (gain) curve of a value ranking with its Gini coefficient,
/// the decile chart of predicted vs actual holdout value (the evaluation recommended by Google's lifetime-value work,
/// Wang, Liu and Miao 2019), and value-to-acquisition-cost (LTV:CAC) bars per channel.
/// </summary>
public static class ValuePlots
{
    private const int Bins = 40;

    /// <summary>
    /// CLV distribution: a histogram of customers' values (e.g. <see cref="PredictiveClv.Compute(PurchaseModel, GammaGammaModel, CustomerSummaries, PredictiveClvOptions?)"/>)
    /// up to the 99th percentile, the top 1% counted in the last bin, with the mean and the median marked.
    /// </summary>
    /// <param name="values">One value per customer (finite).</param>
    /// <param name="options">Size, title, language and font; null for <see cref="PlotOptions.Default"/>.</param>
    /// <returns>The plot.</returns>
    public static ClvPlot ClvDistribution(ReadOnlySpan<double> values, PlotOptions? options = null)
    {
        if (values.IsEmpty)
        {
            throw new ArgumentException("values is empty.", nameof(values));
        }

        var copy = values.ToArray();
        for (int i = 0; i < copy.Length; i++)
        {
            if (!double.IsFinite(copy[i]))
            {
                throw new ArgumentOutOfRangeException(nameof(values), copy[i], Text.Format($"values[{i}] is {copy[i]}: every value must be finite."));
            }
        }

        // The least value, the median and the 99th percentile by selection, no sort.
        int n = copy.Length;
        Span<double> found = stackalloc double[4];
        QuantileSelection.Select(copy, [0, (n - 1) / 2, n / 2, (int)Math.Floor(0.99 * (n - 1))], found);
        double low = Math.Min(0, found[0]), median = n % 2 == 1 ? found[2] : (found[1] + found[2]) / 2, top = found[3];
        if (!(top > low))
        {
            top = low + 1;
        }

        double width = (top - low) / Bins;
        var counts = new double[Bins];
        foreach (double v in copy)
        {
            counts[Math.Clamp((int)((v - low) / width), 0, Bins - 1)]++;
        }

        double sum = 0;
        foreach (double v in values)
        {
            sum += v;
        }

        double mean = sum / n;
        var fig = new Figure(options, Text.Format($"Distribution of customer lifetime value ({copy.Length:N0} customers)"), Text.Format($"客户终身价值分布 ({copy.Length:N0} 位客户)"));
        var centres = Enumerable.Range(0, Bins).Select(i => low + ((i + 0.5) * width)).ToArray();
        var bars = fig.Plot.Add.Bars(centres, counts);
        foreach (var bar in bars.Bars)
        {
            bar.Size = width * 0.92;
            bar.FillColor = Figure.Colour(0);
            bar.LineWidth = 0;
        }

        bars.LegendText = fig.Track(fig.L("Customers (top 1% in the last bar)", "客户数 (前 1% 计入最后一栏)"));
        fig.Series.Add(new PlotSeries(bars.LegendText, centres, counts));
        var m = fig.Marker(mean, fig.L("Mean ", "均值 ") + Text.Number(mean, "N2"));
        m.Color = Figure.Colour(1);
        var d = fig.Marker(median, fig.L("Median ", "中位数 ") + Text.Number(median, "N2"));
        d.Color = Figure.Colour(2);
        fig.Labels(fig.L("Customer lifetime value", "客户终身价值"), fig.L("Customers", "客户数"));
        fig.Plot.Axes.Margins(bottom: 0);
        fig.Plot.Legend.Alignment = Alignment.UpperRight;
        return fig.Finish();
    }

    /// <summary>
    /// Lorenz (gain) curve: the share of the realised value brought by the top share of customers ranked by prediction
    /// (<see cref="ValueEvaluationReport.CaptureShare"/>), against the diagonal of a random ranking; the title gives the
    /// Gini coefficient (twice the area between the two).
    /// </summary>
    /// <param name="report">The value evaluation (predicted vs realised holdout value).</param>
    /// <param name="options">Size, title, language and font; null for <see cref="PlotOptions.Default"/>.</param>
    /// <returns>The plot.</returns>
    public static ClvPlot Lorenz(ValueEvaluationReport report, PlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var fig = new Figure(options,
            Text.Format($"Lorenz curve of the value ranking: Gini {report.Gini:0.000} (normalised {report.NormalizedGini:0.000})"),
            Text.Format($"价值排序的洛伦兹曲线：基尼系数 {report.Gini:0.000} (归一化 {report.NormalizedGini:0.000})"));
        var xs = Enumerable.Range(0, 101).Select(i => i / 100.0).ToArray();
        var ys = xs.Select(x => x == 0 ? 0 : report.CaptureShare(x)).ToArray();
        fig.Line(fig.L("Ranked by prediction", "按预测排序"), xs.Select(x => x * 100).ToArray(), ys.Select(y => y * 100).ToArray(), 0);
        fig.Line(fig.L("Random ranking", "随机排序"), [0, 100], [0, 100], 7, dashed: true);
        fig.Labels(fig.L("Top % of customers by predicted value", "按预测价值排序的前 % 客户"), fig.L("% of realised value", "实际价值占比 %"));
        fig.Plot.Axes.SetLimits(0, 100, 0, 100);
        fig.Plot.Legend.Alignment = Alignment.LowerRight;
        return fig.Finish();
    }

    /// <summary>
    /// Decile chart: mean predicted vs mean realised value per decile of prediction, top decile first
    /// (<see cref="ValueEvaluationReport.Rows"/>): a good model's bars fall together from left to right.
    /// </summary>
    /// <param name="report">The value evaluation (predicted vs realised holdout value).</param>
    /// <param name="options">Size, title, language and font; null for <see cref="PlotOptions.Default"/>.</param>
    /// <returns>The plot.</returns>
    public static ClvPlot Deciles(ValueEvaluationReport report, PlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var fig = new Figure(options, "Predicted vs actual value by decile of prediction", "按预测十分位的预测值与实际值");
        var rows = report.Rows;
        fig.GroupedBars(
            [fig.L("Predicted (mean)", "预测 (均值)"), fig.L("Actual (mean)", "实际 (均值)")],
            [rows.Select(r => r.PredictedMean).ToArray(), rows.Select(r => r.ActualMean).ToArray()],
            rows.Select(r => Text.Number(r.Decile)).ToArray());
        fig.Labels(fig.L("Decile of predicted value (1 = highest)", "预测价值十分位 (1 = 最高)"), fig.L("Mean value per customer", "每位客户平均价值"));
        fig.Plot.Legend.Alignment = Alignment.UpperRight;
        return fig.Finish();
    }

    /// <summary>
    /// LTV:CAC by channel: mean customer value divided by mean acquisition cost per channel
    /// (<see cref="ChannelRow.ValueToCostRatio"/>; channels without cost are labelled n/a), with break-even (1) and the
    /// common 3:1 target marked.
    /// </summary>
    /// <param name="report">The channel report.</param>
    /// <param name="options">Size, title, language and font; null for <see cref="PlotOptions.Default"/>.</param>
    /// <returns>The plot.</returns>
    public static ClvPlot ChannelValueToCost(ChannelReport report, PlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var fig = new Figure(options, "Customer value to acquisition cost (LTV:CAC) by channel", "各渠道客户价值与获客成本之比 (LTV:CAC)");
        var rows = report.Rows;
        RfmPlots.Bars(fig, rows.Select(r => r.Channel).ToArray(), rows.Select(r => r.ValueToCostRatio ?? 0).ToArray(),
            rows.Select(r => r.ValueToCostRatio is { } v ? Text.Number(v, "0.0") + " : 1" : "n/a").ToArray(), fig.L("LTV : CAC", "LTV : CAC"));
        var even = fig.Marker(1, fig.L("Break-even 1:1", "盈亏平衡 1:1"));
        even.Color = Figure.Colour(1);
        var target = fig.Marker(3, fig.L("Target 3:1", "目标 3:1"));
        target.Color = Figure.Colour(2);
        double max = rows.Select(r => r.ValueToCostRatio ?? 0).DefaultIfEmpty(0).Max();
        fig.Plot.Axes.SetLimitsX(0, Math.Max(max, 3) * 1.3);
        fig.Plot.Legend.Alignment = Alignment.LowerRight;
        return fig.Finish();
    }
}
