using Clv.Plots.Internal;
using Clv.Probabilistic;
using ScottPlot;

namespace Clv.Plots;

/// <summary>P(alive) history and customer timelines.</summary>
public static partial class ProbabilisticPlots
{
    /// <summary>
    /// P(alive) history of one customer: P(alive | x, t_x, T) day by day from the first purchase to
    /// <paramref name="end"/>, each day from the customer's summary on that day
    /// (<see cref="CustomerSummaries.FromTransactions"/>, <see cref="PurchaseModel.ProbabilityAlive(in CustomerSummary)"/>),
    /// with the purchases marked: it jumps to 1 (BG/NBD) or up at each purchase and decays between purchases.
    /// </summary>
    /// <param name="model">The fitted model.</param>
    /// <param name="transactions">A log containing the customer's transactions (other customers' rows are ignored).</param>
    /// <param name="customerId">The customer.</param>
    /// <param name="end">The last day drawn (on or after the first purchase).</param>
    /// <param name="options">Size, title, language and font; null for <see cref="PlotOptions.Default"/>.</param>
    /// <returns>The plot.</returns>
    /// <exception cref="ArgumentException">The log has no purchase of the customer on or before <paramref name="end"/>.</exception>
    public static ClvPlot ProbabilityAliveHistory(PurchaseModel model, ReadOnlySpan<Transaction> transactions, string customerId, DateOnly end, PlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        var own = new List<Transaction>();
        foreach (ref readonly var t in transactions)
        {
            if (string.Equals(t.CustomerId, customerId, StringComparison.Ordinal) && t.Date <= end && !t.IsRefund)
            {
                own.Add(t);
            }
        }

        if (own.Count == 0)
        {
            throw new ArgumentException(Text.Format($"The log has no purchase of customer '{customerId}' on or before {Text.Date(end)}."), nameof(customerId));
        }

        var rows = own.ToArray();
        var first = rows.Min(t => t.Date);
        var xs = new double[end.DayNumber - first.DayNumber + 1];
        var ys = new double[xs.Length];
        for (int d = 0; d < xs.Length; d++)
        {
            var day = first.AddDays(d);
            var summary = CustomerSummaries.FromTransactions(rows, day, model.TimeUnit)[0];
            xs[d] = day.DayNumber;
            ys[d] = model.ProbabilityAlive(summary);
        }

        var fig = new Figure(options,
            Text.Format($"P(alive) history of customer {customerId}, {Text.Date(first)} to {Text.Date(end)} ({model.Name})"),
            Text.Format($"客户 {customerId} 的存活概率历史，{Text.Date(first)} 至 {Text.Date(end)} ({model.Name})"));
        fig.Line(fig.L("P(alive)", "存活概率"), xs, ys, 0);
        var days = rows.Select(t => t.Date).Distinct().Order().ToArray();
        var px = days.Select(d => (double)d.DayNumber).ToArray();
        var py = days.Select(d => ys[d.DayNumber - first.DayNumber]).ToArray();
        var marks = fig.Plot.Add.Markers(px, py, MarkerShape.FilledCircle, 9, Figure.Colour(1));
        marks.LegendText = fig.Track(fig.L("Purchase", "购买"));
        fig.Series.Add(new PlotSeries(marks.LegendText, px, py));
        fig.DateAxis(first, end);
        fig.Labels(fig.L("Date", "日期"), fig.L("P(alive)", "存活概率"));
        fig.Plot.Axes.SetLimitsY(0, 1.05);
        fig.Plot.Legend.Alignment = Alignment.LowerLeft;
        return fig.Finish();
    }

    /// <summary>
    /// Customer timelines (the exposure plot): for the first <paramref name="count"/> customers of
    /// <paramref name="customers"/>, a line from the first purchase to the holdout end with every purchase day marked,
    /// calibration and holdout purchases in two colours, and the calibration end marked.
    /// </summary>
    /// <param name="transactions">The log the summaries were built from.</param>
    /// <param name="customers">The summaries (their order picks the customers; leads are skipped).</param>
    /// <param name="count">How many customers to draw, 1 to 200. Default 30.</param>
    /// <param name="options">Size, title, language and font; null for <see cref="PlotOptions.Default"/>.</param>
    /// <returns>The plot.</returns>
    public static ClvPlot CustomerTimelines(ReadOnlySpan<Transaction> transactions, CustomerSummaries customers, int count = 30, PlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(customers);
        if (count is < 1 or > 200)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, Text.Format($"count must be 1 to 200, but was {count}."));
        }

        var picked = new List<CustomerSummary>();
        foreach (var c in customers.AsSpan())
        {
            if (c.HasPurchase && picked.Count < count)
            {
                picked.Add(c);
            }
        }

        var row = picked.Select((c, i) => (c.CustomerId, i)).ToDictionary(p => p.CustomerId, p => picked.Count - 1 - p.i, StringComparer.Ordinal);
        var end = customers.HoldoutEnd;
        var calibration = new SortedSet<(int Row, int Day)>();
        var holdout = new SortedSet<(int Row, int Day)>();
        foreach (ref readonly var t in transactions)
        {
            if (!t.IsRefund && t.Date <= end && row.TryGetValue(t.CustomerId, out int r))
            {
                (t.Date <= customers.ObservationEnd ? calibration : holdout).Add((r, t.Date.DayNumber));
            }
        }

        var fig = new Figure(options,
            Text.Format($"Customer timelines: purchase days of {picked.Count} customers to {Text.Date(end)}"),
            Text.Format($"客户时间线：{picked.Count} 位客户至 {Text.Date(end)} 的购买日"));
        var start = picked.Count == 0 ? customers.ObservationEnd : picked.Min(c => c.FirstPurchase!.Value);
        foreach (var c in picked)
        {
            var line = fig.Plot.Add.Line(c.FirstPurchase!.Value.DayNumber, row[c.CustomerId], end.DayNumber, row[c.CustomerId]);
            line.LineColor = Colors.Gray.WithAlpha(0.6);
            line.LineWidth = 1;
        }

        AddMarks(fig, calibration, fig.L("Calibration purchase", "校准期购买"), 0);
        AddMarks(fig, holdout, fig.L("Holdout purchase", "预测期购买"), 1);
        fig.Marker(customers.ObservationEnd.DayNumber + 0.5, fig.L("Calibration end ", "校准期结束 ") + Text.Date(customers.ObservationEnd));
        fig.DateAxis(start, end);
        if (picked.Count <= 40)
        {
            fig.Categories(picked.Select(c => c.CustomerId).Reverse().ToArray(), left: true);
        }

        fig.Labels(fig.L("Date", "日期"), fig.L("Customer", "客户"));
        fig.Plot.Axes.SetLimitsY(-1, picked.Count + (picked.Count / 8.0) + 1);
        fig.Plot.Legend.Alignment = Alignment.UpperRight;
        fig.Plot.Legend.Orientation = Orientation.Horizontal;
        return fig.Finish();
    }

    private static void AddMarks(Figure fig, SortedSet<(int Row, int Day)> marks, string name, int colour)
    {
        var xs = marks.Select(m => (double)m.Day).ToArray();
        var ys = marks.Select(m => (double)m.Row).ToArray();
        var plotted = fig.Plot.Add.Markers(xs, ys, MarkerShape.FilledCircle, 6, Figure.Colour(colour));
        plotted.LegendText = fig.Track(name);
        fig.Series.Add(new PlotSeries(name, xs, ys));
    }
}
