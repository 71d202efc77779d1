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

    [Fact]
    public void ProbabilityAliveMatrix_FewFrequencies_TicksOnlyWholeFrequencies()
    {
        // Rows x = 0 to 2 (a three-day log) were labelled -0.4, -0.2, 0, 0.2, ... 2.4: fractions of a purchase.
        var day = new DateOnly(2024, 5, 30);
        var rows = new List<Transaction>();
        for (int i = 0; i < 120; i++)
        {
            rows.Add(new Transaction("c" + i, day, 10 + (i % 7)));
            if (i % 2 == 0)
            {
                rows.Add(new Transaction("c" + i, day.AddDays(1), 12));
            }

            if (i % 3 == 0)
            {
                rows.Add(new Transaction("c" + i, day.AddDays(2), 9));
            }
        }

        var customers = CustomerSummaries.FromTransactions(rows.ToArray(), day.AddDays(2), TimeUnit.Day);
        var model = new Clv.Probabilistic.BgNbdModel(0.25, 4, 0.8, 2.4, TimeUnit.Day);
        var plot = ProbabilisticPlots.ProbabilityAliveMatrix(model, customers);
        var texts = PlotImages.SvgTexts(PlotImages.Svg(plot.ToSvg()));
        Assert.Equal(3, plot.Matrix!.GetLength(0));   // x = 0 to 2

        // The left axis's tick labels follow its title in the SVG (the colour bar's title comes next).
        int title = texts.IndexOf("Repeat frequency x");
        var ticks = texts.Skip(title + 1).TakeWhile(t => t != "P(alive)").ToList();
        Assert.Equal(["0", "1", "2"], ticks);
    }
}
