using System.Runtime.InteropServices;
using Clv.Plots.Internal;
using Clv.Probabilistic;

namespace Clv.Plots;

/// <summary>Frequency in calibration and calibration vs holdout.</summary>
public static partial class ProbabilisticPlots
{
    /// <summary>
    /// Frequency in calibration: customers by number of repeat purchases in the calibration period, 0 to k − 1 and
    /// "k+", actual vs the model's expectation Σ_i P(X(T_i) = n) (<see cref="PurchaseModel.PurchaseCountProbability"/>
    /// at each customer's age T_i); Fader, Hardie and Lee 2005, Figure 3.
    /// </summary>
    /// <param name="model">The fitted model.</param>
    /// <param name="customers">The calibration summaries (leads without a purchase are skipped).</param>
    /// <param name="maxFrequency">k: the last bar holds k or more repeat purchases; 1 to 100. Default 7.</param>
    /// <param name="options">Size, title, language and font; null for <see cref="PlotOptions.Default"/>.</param>
    /// <returns>The plot.</returns>
    public static ClvPlot FrequencyInCalibration(PurchaseModel model, CustomerSummaries customers, int maxFrequency = 7, PlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(customers);
        if (maxFrequency is < 1 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(maxFrequency), maxFrequency, Text.Format($"maxFrequency must be 1 to 100, but was {maxFrequency}."));
        }

        var fig = new Figure(options, "Frequency of repeat transactions in calibration, actual vs " + model.Name, "校准期重复购买频次分布，实际与 " + model.Name);
        var actual = new double[maxFrequency + 1];
        var ages = new Dictionary<double, int>();
        int n = 0;
        foreach (ref readonly var c in customers.AsSpan())
        {
            if (!c.HasPurchase)
            {
                continue;
            }

            n++;
            actual[Math.Min(c.Frequency, maxFrequency)]++;
            double age = c.TimeUnit == model.TimeUnit ? c.Age : c.TimeUnit.ConvertTo(c.Age, model.TimeUnit);
            CollectionsMarshal.GetValueRefOrAddDefault(ages, age, out _)++;
        }

        var expected = new double[maxFrequency + 1];
        foreach (var (age, count) in ages)
        {
            for (int k = 0; k < maxFrequency; k++)
            {
                expected[k] += count * model.PurchaseCountProbability(k, age);
            }
        }

        expected[maxFrequency] = n - expected[..maxFrequency].Sum();
        var categories = Enumerable.Range(0, maxFrequency).Select(k => Text.Number(k)).Append(Text.Number(maxFrequency) + "+").ToArray();
        fig.GroupedBars([fig.L("Actual", "实际"), fig.L("Model", "模型") + " (" + model.Name + ")"], [actual, expected], categories);
        fig.Labels(fig.L("Repeat transactions in calibration", "校准期重复购买次数"), fig.L("Customers", "客户数"));
        fig.Plot.Legend.Alignment = ScottPlot.Alignment.UpperRight;
        fig.LegendHeadroom(bottom: 0);   // a long history puts most customers in the last bar, under the legend
        return fig.Finish();
    }

    /// <summary>
    /// Calibration vs holdout: mean holdout purchases of customers grouped by calibration frequency (the last group
    /// open-ended), actual vs the model's conditional expectation; Fader, Hardie and Lee 2005, Figure 4. The rows of a
    /// <see cref="HoldoutReport"/> (<see cref="HoldoutValidation.Evaluate"/>).
    /// </summary>
    /// <param name="report">The holdout report.</param>
    /// <param name="options">Size, title, language and font; null for <see cref="PlotOptions.Default"/>.</param>
    /// <returns>The plot.</returns>
    public static ClvPlot CalibrationVsHoldout(HoldoutReport report, PlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Rows.Count == 0)
        {
            throw new ArgumentException("The holdout report has no rows.", nameof(report));
        }

        string unit = Text.Unit(PlotLanguage.English, report.TimeUnit);
        var fig = new Figure(options,
            Text.Format($"Calibration vs holdout: purchases in the {report.HoldoutLength:0.#} {unit} holdout by calibration frequency"),
            Text.Format($"校准期与预测期：按校准期频次的 {report.HoldoutLength:0.#} {Text.Unit(PlotLanguage.Chinese, report.TimeUnit)}预测期平均购买"));
        var rows = report.Rows;
        double[] xs = Enumerable.Range(0, rows.Count).Select(i => (double)i).ToArray();
        fig.Line(fig.L("Actual", "实际"), xs, rows.Select(r => r.ActualMean).ToArray(), 7, markers: true);
        fig.Line(fig.L("Model", "模型"), xs, rows.Select(r => r.PredictedMean).ToArray(), 1, markers: true, dashed: true);
        fig.Categories(rows.Select(r => r.Label).ToArray());
        fig.Labels(fig.L("Repeat transactions in calibration", "校准期重复购买次数"), fig.L("Mean repeat transactions in holdout", "预测期平均重复购买次数"));
        fig.LegendHeadroom();   // the first group's predicted mean can be the highest point, under the legend
        return fig.Finish();
    }
}
