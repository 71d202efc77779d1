using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Clv.Plots;

namespace Clv.Tests.Plots;

/// <summary>
/// Plots on a web server's many threads: an application's own ScottPlot plots keep ScottPlot's default font whatever Clv
/// plots are made before or beside them, and Clv plots made on many threads at once are the ones made one at a time.
/// </summary>
[Collection("Plots")]   // the tests change ScottPlot's process-wide default font for a moment
public partial class PlotConcurrencyTests
{
    private static readonly PlotOptions Chinese = new() { Language = PlotLanguage.Chinese };

    [Fact]
    public void HostPlot_AfterAChineseClvPlot_DrawsInScottPlotsDefaultFont()
    {
        string before = HostSvg();
        Assert.Equal([HostFamily()], Families(before));

        // Plot.Font.Set left its typeface as ScottPlot's Fonts.DefaultFontStyle, which wins over a label's font name: the
        // application's next plot drew every text in Noto Sans CJK SC.
        PlotCases.All["TrackingCumulative"](Chinese).ToSvg();
        Assert.Equal(before, HostSvg());
    }

    [Fact]
    public async Task HostPlots_WhileChineseClvPlotsAreMade_DrawInScottPlotsDefaultFont()
    {
        string expected = HostSvg();
        using var stop = new CancellationTokenSource();
        var clv = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                PlotCases.All["SegmentSizes"](Chinese).ToSvg();
            }
        }, TestContext.Current.CancellationToken);

        // A Clv plot made ScottPlot's default font its own while it finished and rendered: the application's plots built
        // in that time drew in Noto Sans CJK SC (nearly every one of 200, on two cores).
        var wrong = new List<string>();
        for (int i = 0; i < 200 && wrong.Count == 0; i++)
        {
            string svg = HostSvg();
            if (svg != expected)
            {
                wrong.Add(string.Join(", ", Families(svg)));
            }
        }

        await stop.CancelAsync();
        await clv;
        Assert.Empty(wrong);
    }

    [Fact]
    public void ClvPlots_WithAnotherDefaultFontInScottPlot_SameSvgAndPng()
    {
        string[] names = [.. PlotCases.All.Keys];
        var expected = names.Select(n => PlotCases.All[n](Chinese).ToSvg() + Convert.ToBase64String(PlotCases.All[n](null).ToPng())).ToArray();
        string saved = ScottPlot.Fonts.Default;
        var savedTypeface = ScottPlot.Fonts.DefaultFontStyle;
        try
        {
            // An application that set its own font (ScottPlot's Plot.Font.Set does both) changes no Clv plot.
            ScottPlot.Fonts.Default = "DejaVu Sans Mono";
            ScottPlot.Fonts.DefaultFontStyle = ScottPlot.Fonts.GetTypeface("DejaVu Sans Mono", false, false);
            var actual = names.Select(n => PlotCases.All[n](Chinese).ToSvg() + Convert.ToBase64String(PlotCases.All[n](null).ToPng())).ToArray();
            Assert.Equal(expected, actual);
        }
        finally
        {
            ScottPlot.Fonts.Default = saved;
            ScottPlot.Fonts.DefaultFontStyle = savedTypeface;
        }
    }

    [Fact]
    public void ClvPlots_MadeOnManyThreads_SameSvgAsOneAtATime()
    {
        var jobs = PlotCases.All.Keys.SelectMany(n => new[] { (n, (PlotOptions?)null), (n, Chinese) }).ToArray();
        string[] expected = [.. jobs.Select(j => PlotCases.All[j.n](j.Item2).ToSvg())];
        var wrong = new ConcurrentBag<string>();
        Parallel.For(0, 2 * jobs.Length, new ParallelOptions { MaxDegreeOfParallelism = 12, CancellationToken = TestContext.Current.CancellationToken }, k =>
        {
            int i = k % jobs.Length;
            if (PlotCases.All[jobs[i].n](jobs[i].Item2).ToSvg() != expected[i])
            {
                wrong.Add(jobs[i].n + (jobs[i].Item2 is null ? "" : " (Chinese)"));
            }
        });
        Assert.Empty(wrong);
    }

    /// <summary>An application's own ScottPlot plot (title, axes, a series in the legend, a text label) as SVG.</summary>
    private static string HostSvg()
    {
        var plot = new ScottPlot.Plot();
        plot.Title("Orders per week");
        plot.XLabel("week");
        var line = plot.Add.ScatterLine(new double[] { 1, 2, 3 }, new double[] { 3, 1, 2 });
        line.LegendText = "orders";
        plot.Add.Text("peak", 1, 3);
        plot.ShowLegend();
        return ClipId().Replace(plot.GetSvgXml(400, 300), "cl");
    }

    /// <summary>The family ScottPlot draws its default font with.</summary>
    private static string HostFamily() => ScottPlot.Fonts.GetTypeface(ScottPlot.Fonts.Default, false, false).FamilyName;

    private static string[] Families(string svg) => [.. FontFamily().Matches(svg).Select(m => m.Groups[1].Value).Distinct()];

    [GeneratedRegex("font-family=\"([^\"]*)\"")]
    private static partial Regex FontFamily();

    [GeneratedRegex("cl_[0-9a-f]+")]
    private static partial Regex ClipId();
}
