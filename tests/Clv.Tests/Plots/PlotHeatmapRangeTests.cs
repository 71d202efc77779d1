using Clv.Lifecycle;
using Clv.Plots;
using SkiaSharp;

namespace Clv.Tests.Plots;

/// <summary>
/// A heatmap of one cell, or of one value: ScottPlot drew nothing for one row or column (its cell-centre rectangle has no
/// size), and its colour scale had no width for one value, so the cell number was white on the white page. Seen in the
/// report of a two-day log: the lifecycle migration (everyone New on both days, 100% in the one cell) was an empty frame
/// beside its colour bar.
/// </summary>
[Collection("Plots")]   // one plot at a time: ScottPlot's font caches are process-wide (see ClvPlot's remarks)
public class PlotHeatmapRangeTests
{
    [Fact]
    public void Migration_EveryoneStaysInOneStage_TheCellIsColouredOnAZeroTo100Scale()
    {
        var customers = ClvReportShortSpanTests.TwoDays(new DateOnly(2024, 6, 1), new DateOnly(2024, 6, 1), new DateOnly(2024, 6, 2));
        var transitions = LifecycleTransitionReport.Create(LifecyclePolicy.FromDays(), customers, new DateOnly(2024, 6, 1), new DateOnly(2024, 6, 2));
        var plot = LifecyclePlots.Migration(transitions);
        Assert.Equal(100, Assert.Single(plot.Matrix!.Cast<double>()));
        Assert.Equal((0.0, 100.0), plot.ColourRange);

        // A point of the one cell away from its number: coloured (the top of Viridis, yellow), not the white page.
        using var bitmap = SKBitmap.Decode(plot.ToPng());
        var pixel = bitmap.GetPixel(bitmap.Width * 35 / 100, bitmap.Height * 30 / 100);
        Assert.True(pixel.Red > 200 && pixel.Green > 200 && pixel.Blue < 100, $"pixel {pixel}");
    }

    [Fact]
    public void Migration_Cdnow_ScaleIsTheCellsRange()
    {
        var plot = LifecyclePlots.Migration(PlotCases.Transitions);
        var cells = plot.Matrix!.Cast<double>().Where(v => !double.IsNaN(v)).ToArray();
        Assert.Equal((cells.Min(), cells.Max()), plot.ColourRange);
    }

    [Fact]
    public void ProbabilityAliveMatrix_EveryCellNearlyOne_ColouredOnZeroToOne()
    {
        // Hardly any dropout: P(alive) from 0.99999... to 1. On the cells' own range the colour bar read 0.9999999992 to 1
        // and the cells ran from dark purple to yellow, as if some customers were gone (the report of a two-day log).
        var customers = ClvReportShortSpanTests.TwoDays(new DateOnly(2024, 5, 1), new DateOnly(2024, 5, 2));
        var model = new Clv.Probabilistic.BgNbdModel(0.25, 4, 1e-6, 1e6, TimeUnit.Day);
        var plot = ProbabilisticPlots.ProbabilityAliveMatrix(model, customers);
        var cells = plot.Matrix!.Cast<double>().Where(v => !double.IsNaN(v)).ToArray();
        Assert.InRange(cells.Min(), 0.999, 1);
        Assert.True(cells.Min() < cells.Max());
        Assert.Equal((0.0, 1.0), plot.ColourRange);
        Assert.Equal((0.0, 1.0), ProbabilisticPlots.ProbabilityAliveMatrix(PlotCases.Model, PlotCases.Customers).ColourRange);
    }
}
