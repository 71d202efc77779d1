using Clv.Plots;

namespace Clv.Tests.Plots;

/// <summary>Making and writing plots leaves ScottPlot's process-wide settings as the application had them.</summary>
[Collection("Plots")]   // one plot at a time: ScottPlot's font caches are process-wide (see ClvPlot's remarks)
public class PlotGlobalStateTests
{
    [Fact]
    public void MakeAndWrite_ChinesePlot_LeavesScottPlotsDefaultFont()
    {
        // Read and set under the plots' lock: another test's plot sets the default while it holds the lock, and puts it back.
        string saved = Locked(() => ScottPlot.Fonts.Default);
        try
        {
            Locked(() => ScottPlot.Fonts.Default = "Host Application Font");

            // Plot.Font.Set made the plot's font ScottPlot's default: the host's next plot drew in Noto Sans CJK SC.
            var plot = PlotCases.All["TrackingCumulative"](new PlotOptions { Language = PlotLanguage.Chinese });
            Assert.Equal("Host Application Font", Locked(() => ScottPlot.Fonts.Default));
            plot.ToSvg();
            plot.ToPng();
            Assert.Equal("Host Application Font", Locked(() => ScottPlot.Fonts.Default));
            Assert.Equal("Host Application Font", Locked(() => new ScottPlot.Plot().Axes.Title.Label.FontName));
        }
        finally
        {
            Locked(() => ScottPlot.Fonts.Default = saved);
        }
    }

    [Fact]
    public void MakeAndWrite_AfterAnotherPlot_SameSvg()
    {
        // Restoring the default font between plots must not change what a plot draws.
        string first = PlotCases.All["SegmentValue"](null).ToSvg();
        PlotCases.All["SpendFit"](new PlotOptions { Language = PlotLanguage.Chinese }).ToSvg();
        Assert.Equal(first, PlotCases.All["SegmentValue"](null).ToSvg());
    }

    private static T Locked<T>(Func<T> read)
    {
        lock (ClvPlot.Gate)
        {
            return read();
        }
    }
}
