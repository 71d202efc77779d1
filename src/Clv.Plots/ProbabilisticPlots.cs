using Clv.Plots.Internal;
using Clv.Probabilistic;

namespace Clv.Plots;

/// <summary>
/// The diagnostic plots of the "buy till you die" literature (Fader, Hardie and Lee 2005; the plots of Python lifetimes,
/// R BTYD and CLVTools) for a fitted <see cref="PurchaseModel"/>: tracking, frequency in calibration, calibration vs
/// holdout, frequency x recency matrices, P(alive) history, heterogeneity, spend fit, customer timelines and model
/// comparison. Each takes the library's results and returns a <see cref="ClvPlot"/> to write as PNG or SVG.
/// </summary>
public static partial class ProbabilisticPlots
{
    /// <summary>
    /// Tracking plot, cumulative: actual vs model-expected cumulative repeat transactions of the cohort per period
    /// (the model's time unit) from the earliest first purchase to the holdout end, with the calibration end marked
    /// (Fader, Hardie and Lee 2005, Figure 2). Numbers from <see cref="CohortForecast"/>. A curve has at most 2,000 steps
    /// (2,001 points): over more periods than that (days over decades, or a far-off date in the log) it steps by the fewest
    /// whole periods that keep it within 2,000 steps, ending at the last period.
    /// </summary>
    /// <param name="model">The fitted model.</param>
    /// <param name="customers">The cohort's summaries (with holdout purchases when a holdout exists).</param>
    /// <param name="options">Size, title, language and font; null for <see cref="PlotOptions.Default"/>.</param>
    /// <returns>The plot.</returns>
    public static ClvPlot TrackingCumulative(PurchaseModel model, CustomerSummaries customers, PlotOptions? options = null) =>
        Tracking(model, customers, options, cumulative: true);

    /// <summary>The cumulative tracking plot from its curves, computed beforehand (the report computes them beside other work).</summary>
    internal static ClvPlot TrackingCumulative(PurchaseModel model, CustomerSummaries customers, TrackingCurves curves, PlotOptions? options) =>
        Tracking(model, customers, options, cumulative: true, curves);

    /// <summary>
    /// Tracking plot, incremental: actual vs model-expected repeat transactions in each period (the model's time unit)
    /// over calibration and holdout, with the calibration end marked (Fader, Hardie and Lee 2005, Figure 1). The
    /// differences of the cumulative curves of <see cref="CohortForecast"/>; where the curve steps by several periods
    /// (see <see cref="TrackingCumulative(PurchaseModel, CustomerSummaries, PlotOptions?)"/>), the average per period of each step.
    /// </summary>
    /// <param name="model">The fitted model.</param>
    /// <param name="customers">The cohort's summaries (with holdout purchases when a holdout exists).</param>
    /// <param name="options">Size, title, language and font; null for <see cref="PlotOptions.Default"/>.</param>
    /// <returns>The plot.</returns>
    public static ClvPlot TrackingIncremental(PurchaseModel model, CustomerSummaries customers, PlotOptions? options = null) =>
        Tracking(model, customers, options, cumulative: false);

    /// <summary>
    /// Model comparison: the cumulative tracking curves of every model of the comparison that fitted, with the actual
    /// curve and the calibration end, on one plot.
    /// </summary>
    /// <param name="report">The comparison (<see cref="ModelComparison.Compare(CustomerSummaries)"/>).</param>
    /// <param name="customers">The summaries the models were fitted on.</param>
    /// <param name="options">Size, title, language and font; null for <see cref="PlotOptions.Default"/>.</param>
    /// <returns>The plot.</returns>
    public static ClvPlot ModelComparisonTracking(ModelComparisonReport report, CustomerSummaries customers, PlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(customers);
        var fig = new Figure(options, "Model comparison: cumulative repeat transactions", "模型比较：累计重复购买");
        var unit = customers.TimeUnit;
        var (times, origin) = TrackingTimes(customers, unit);
        fig.Line(fig.L("Actual", "实际"), times, CohortForecast.ActualCumulativeRepeatPurchases(customers, unit, times), 7);
        int colour = 0;
        foreach (var row in report.Rows)
        {
            if (row.Model is { } model)
            {
                double scale = unit.LengthInDays() / model.TimeUnit.LengthInDays();
                double[] modelTimes = times.Select(t => t * scale).ToArray();
                fig.Line(row.Name, times, CohortForecast.ExpectedCumulativeRepeatPurchases(model, customers, modelTimes), colour++, dashed: true);
            }
        }

        fig.Marker(unit.FromDays(customers.ObservationEnd.DayNumber + 1 - origin.DayNumber), CalibrationEnd(fig, customers));
        fig.Labels(fig.L(Capitalised(fig.Unit(unit)) + " since the first purchase of the cohort", "距群组首次购买的" + fig.Unit(unit) + "数"), fig.L("Cumulative repeat transactions", "累计重复购买次数"));
        fig.Plot.Axes.Margins(bottom: 0);
        return fig.Finish();
    }

    /// <summary>The actual and expected cumulative repeat purchases at whole periods (the model's unit) from <see cref="TrackingCurves.Origin"/>.</summary>
    internal sealed record TrackingCurves(double[] Times, DateOnly Origin, double[] Actual, double[] Expected);

    /// <summary>The curves of the tracking plots: the costly part, free of any plotting.</summary>
    internal static TrackingCurves Curves(PurchaseModel model, CustomerSummaries customers)
    {
        var (times, origin) = TrackingTimes(customers, model.TimeUnit);
        return new TrackingCurves(times, origin, CohortForecast.ActualCumulativeRepeatPurchases(customers, model.TimeUnit, times),
            CohortForecast.ExpectedCumulativeRepeatPurchases(model, customers, times));
    }

    private static ClvPlot Tracking(PurchaseModel model, CustomerSummaries customers, PlotOptions? options, bool cumulative, TrackingCurves? curves = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(customers);
        var fig = cumulative
            ? new Figure(options, "Tracking: cumulative repeat transactions, actual vs " + model.Name, "跟踪图：累计重复购买，实际与 " + model.Name)
            : new Figure(options, "Tracking: repeat transactions per " + Text.Unit(PlotLanguage.English, model.TimeUnit).TrimEnd('s') + ", actual vs " + model.Name, "跟踪图：每" + Text.Unit(PlotLanguage.Chinese, model.TimeUnit) + "重复购买，实际与 " + model.Name);
        var unit = model.TimeUnit;
        curves ??= Curves(model, customers);
        var (times, origin, actual, expected) = curves;
        double[] xs = times;
        if (!cumulative)
        {
            xs = times[1..];
            actual = Differences(actual, times);
            expected = Differences(expected, times);
        }

        fig.Line(fig.L("Actual", "实际"), xs, actual, 7);
        fig.Line(fig.L("Model", "模型") + " (" + model.Name + ")", xs, expected, 1, dashed: true);
        fig.Marker(unit.FromDays(customers.ObservationEnd.DayNumber + 1 - origin.DayNumber), CalibrationEnd(fig, customers));
        string x = fig.L(Capitalised(fig.Unit(unit)) + " since the first purchase of the cohort", "距群组首次购买的" + fig.Unit(unit) + "数");
        fig.Labels(x, cumulative ? fig.L("Cumulative repeat transactions", "累计重复购买次数") : fig.L("Repeat transactions", "重复购买次数"));
        fig.Plot.Axes.Margins(bottom: 0);
        return fig.Finish();
    }

    /// <summary>The most steps a tracking curve has (one point more): beyond it, the curve steps by several whole periods.</summary>
    internal const int MaxTrackingPoints = 2_000;

    /// <summary>
    /// Whole periods 0..n from the earliest first purchase to the holdout end, and that origin; when n is above
    /// <see cref="MaxTrackingPoints"/> (a log with a far-off date, or days over decades), every k-th period with k the
    /// smallest step that keeps the count within it, and n itself last.
    /// </summary>
    private static (double[] Times, DateOnly Origin) TrackingTimes(CustomerSummaries customers, TimeUnit unit)
    {
        DateOnly? origin = null;
        foreach (var c in customers.AsSpan())
        {
            if (c.FirstPurchase is { } first && (origin is null || first < origin))
            {
                origin = first;
            }
        }

        if (origin is null)
        {
            throw new ArgumentException("The summaries have no customer with a purchase: there is nothing to track.", nameof(customers));
        }

        int days = customers.HoldoutEnd.DayNumber + 1 - origin.Value.DayNumber;
        int periods = Math.Max(1, (int)Math.Floor(unit.FromDays(days) + 1e-9));
        int step = (periods + MaxTrackingPoints - 1) / MaxTrackingPoints;
        var times = new List<double>(Math.Min(periods, MaxTrackingPoints) + 2);
        for (int i = 0; i < periods; i += step)
        {
            times.Add(i);
        }

        times.Add(periods);
        return (times.ToArray(), origin.Value);
    }

    private static string CalibrationEnd(Figure fig, CustomerSummaries customers) =>
        fig.L("Calibration end ", "校准期结束 ") + Text.Date(customers.ObservationEnd);

    /// <summary>The increase of a cumulative curve per period between consecutive times (one period apart unless the curve steps).</summary>
    private static double[] Differences(double[] cumulative, double[] times)
    {
        var d = new double[cumulative.Length - 1];
        for (int i = 1; i < cumulative.Length; i++)
        {
            d[i - 1] = (cumulative[i] - cumulative[i - 1]) / (times[i] - times[i - 1]);
        }

        return d;
    }

    private static string Capitalised(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
