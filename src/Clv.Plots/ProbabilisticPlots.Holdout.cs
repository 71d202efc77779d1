using Clv.Plots.Internal;
using Clv.Probabilistic;

namespace Clv.Plots;

/// <summary>Calibration vs holdout by recency and by time since the last purchase.</summary>
public static partial class ProbabilisticPlots
{
    /// <summary>
    /// Calibration vs holdout by recency: mean holdout purchases of customers grouped by calibration recency t_x (equal-width
    /// bins from 0 to the largest t_x), actual (<see cref="CustomerSummary.HoldoutPurchaseDays"/>) vs the model's
    /// E[Y(t) | x, t_x, T] over the holdout length t (<see cref="PurchaseModel.ConditionalExpectedPurchases(CustomerSummaries, double)"/>).
    /// </summary>
    /// <param name="model">The fitted model.</param>
    /// <param name="customers">The summaries, with a holdout period (leads are skipped).</param>
    /// <param name="bins">The number of recency groups, 2 to 50. Default 8.</param>
    /// <param name="options">Size, title, language and font; null for <see cref="PlotOptions.Default"/>.</param>
    /// <returns>The plot.</returns>
    public static ClvPlot CalibrationVsHoldoutByRecency(PurchaseModel model, CustomerSummaries customers, int bins = 8, PlotOptions? options = null) =>
        HoldoutBy(model, customers, bins, options, c => c.Recency,
            "Calibration vs holdout: holdout purchases by calibration recency", "校准期与预测期：按校准期最近购买的预测期购买",
            "Recency t_x in calibration (", "校准期最近购买 t_x (");

    /// <summary>
    /// Calibration vs holdout by time since the last purchase: mean holdout purchases of customers grouped by T − t_x at
    /// the observation end (equal-width bins), actual vs the model's E[Y(t) | x, t_x, T] over the holdout length.
    /// </summary>
    /// <param name="model">The fitted model.</param>
    /// <param name="customers">The summaries, with a holdout period (leads are skipped).</param>
    /// <param name="bins">The number of groups, 2 to 50. Default 8.</param>
    /// <param name="options">Size, title, language and font; null for <see cref="PlotOptions.Default"/>.</param>
    /// <returns>The plot.</returns>
    public static ClvPlot CalibrationVsHoldoutByTimeSinceLastPurchase(PurchaseModel model, CustomerSummaries customers, int bins = 8, PlotOptions? options = null) =>
        HoldoutBy(model, customers, bins, options, c => c.Age - c.Recency,
            "Calibration vs holdout: holdout purchases by time since the last purchase", "校准期与预测期：按距末次购买时间的预测期购买",
            "Time since the last purchase at the calibration end (", "校准期末距末次购买时间 (");

    private static ClvPlot HoldoutBy(PurchaseModel model, CustomerSummaries customers, int bins, PlotOptions? options, Func<CustomerSummary, double> key,
        string title, string chineseTitle, string axis, string chineseAxis)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(customers);
        if (bins is < 2 or > 50)
        {
            throw new ArgumentOutOfRangeException(nameof(bins), bins, Text.Format($"bins must be 2 to 50, but was {bins}."));
        }

        double length = customers.TimeUnit == model.TimeUnit ? customers.HoldoutLength : customers.TimeUnit.ConvertTo(customers.HoldoutLength, model.TimeUnit);
        if (!(length > 0))
        {
            throw new ArgumentException(Text.Format($"The summaries have no holdout period (holdout end {Text.Date(customers.HoldoutEnd)} is not after the observation end {Text.Date(customers.ObservationEnd)})."), nameof(customers));
        }

        double[] predicted = model.ConditionalExpectedPurchases(customers, length);
        double top = 0;
        foreach (var c in customers.AsSpan())
        {
            if (c.HasPurchase)
            {
                top = Math.Max(top, key(c));
            }
        }

        double width = top > 0 ? top / bins : 1;
        var count = new double[bins];
        var actual = new double[bins];
        var expected = new double[bins];
        for (int i = 0; i < customers.Count; i++)
        {
            var c = customers[i];
            if (!c.HasPurchase)
            {
                continue;
            }

            int b = Math.Min((int)(key(c) / width), bins - 1);
            count[b]++;
            actual[b] += c.HoldoutPurchaseDays;
            expected[b] += predicted[i];
        }

        var used = Enumerable.Range(0, bins).Where(b => count[b] > 0).ToArray();
        var xs = used.Select(b => (b + 0.5) * width).ToArray();
        var fig = new Figure(options, title, chineseTitle);
        fig.Line(fig.L("Actual", "实际"), xs, used.Select(b => actual[b] / count[b]).ToArray(), 7, markers: true);
        fig.Line(fig.L("Model", "模型") + " (" + model.Name + ")", xs, used.Select(b => expected[b] / count[b]).ToArray(), 1, markers: true, dashed: true);
        fig.Labels(fig.L(axis, chineseAxis) + Text.Unit(fig.Options.Language, customers.TimeUnit) + ")", fig.L("Mean repeat transactions in holdout", "预测期平均重复购买次数"));
        double highest = used.Max(b => Math.Max(actual[b], expected[b]) / count[b]);
        fig.Plot.Axes.SetLimitsY(0, highest * 1.12);
        var first = used.First();
        var last = used.Last();

        // The legend goes where the curves are low.
        fig.Plot.Legend.Alignment = actual[first] / count[first] > actual[last] / count[last] ? ScottPlot.Alignment.UpperRight : ScottPlot.Alignment.UpperLeft;
        return fig.Finish();
    }
}
