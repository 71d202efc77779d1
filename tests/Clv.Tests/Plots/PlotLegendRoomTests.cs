using Clv.Plots;
using Clv.Probabilistic;

namespace Clv.Tests.Plots;

/// <summary>
/// Legends drawn inside the data area covered the data: over a 20-year log most customers are in the frequency plot's
/// '7+' bars, whose tops were hidden behind the upper-right legend, and the calibration-vs-holdout plot's highest point
/// (the model's mean for 0 repeat purchases) was behind its upper-left legend. A fifth of the height or so is now kept for it
/// (ScottPlot's default margin was a tenth of the data's span).
/// </summary>
[Collection("Plots")]   // one plot at a time: ScottPlot's font caches are process-wide (see ClvPlot's remarks)
public class PlotLegendRoomTests
{
    [Fact]
    public void FrequencyInCalibration_MostCustomersInTheLastBar_KeepsItBelowTheLegend()
    {
        var rows = new List<Transaction>();
        var start = new DateOnly(2005, 1, 3);
        for (int i = 0; i < 200; i++)
        {
            int purchases = i < 160 ? 12 + (i % 9) : i % 4;
            for (int k = 0; k <= purchases; k++)
            {
                rows.Add(new Transaction("c" + i, start.AddDays((i % 50) + (k * 90)), 20 + (i % 13)));
            }
        }

        var customers = CustomerSummaries.FromTransactions(rows.ToArray(), new DateOnly(2010, 12, 31), TimeUnit.Week);
        var plot = ProbabilisticPlots.FrequencyInCalibration(PlotCases.Model, customers);
        plot.ToPng();
        double highest = plot.Series.SelectMany(s => s.Y).Max();
        Assert.Equal(160, plot.Series[0].Y[^1]);
        Assert.True(plot.VerticalLimits.Top >= highest * 1.24, $"top {plot.VerticalLimits.Top}, highest bar {highest}");
        Assert.Equal(0, plot.VerticalLimits.Bottom);
    }

    [Fact]
    public void CalibrationVsHoldout_KeepsTheHighestPointBelowTheLegend()
    {
        var report = HoldoutValidation.Evaluate(PlotCases.Model, PlotCases.Customers);
        var plot = ProbabilisticPlots.CalibrationVsHoldout(report);
        plot.ToPng();
        var (bottom, top) = plot.VerticalLimits;
        var ys = plot.Series.SelectMany(s => s.Y).Where(double.IsFinite).ToArray();
        Assert.True(top - ys.Max() >= 0.18 * (top - bottom), $"limits {bottom} to {top}, highest point {ys.Max()}");
    }
}
