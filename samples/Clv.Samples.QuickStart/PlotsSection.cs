using Clv.Plots;
using Clv.Probabilistic;
using Clv.Rfm;

namespace Clv.Samples.QuickStart;

/// <summary>Writes the whole analysis as one HTML report and the main plots as PNG files into an output folder, and says where.</summary>
internal static class PlotsSection
{
    public static void Print(CustomerSummaries customers, string folder, TextWriter output)
    {
        Directory.CreateDirectory(folder);
        output.WriteLine("== Report and plots (Clv.Plots) ==");

        // One self-contained HTML file: fits, holdout, diagnostics, segments, stages, top customers (inline SVG, no script).
        string report = Path.Combine(folder, "report.html");
        ClvReport.Write(report, customers, null);

        BgNbdModel model = BgNbdModel.Fit(customers).Model;
        var plots = new Dictionary<string, ClvPlot>
        {
            ["tracking"] = ProbabilisticPlots.TrackingCumulative(model, customers),
            ["frequency"] = ProbabilisticPlots.FrequencyInCalibration(model, customers, maxFrequency: 7),
            ["p-alive-matrix"] = ProbabilisticPlots.ProbabilityAliveMatrix(model, customers),
            ["rfm-segments"] = RfmPlots.SegmentSizes(SegmentReport.Create(customers, RfmScorer.Score(customers), SegmentMap.RfGrid())),
        };
        foreach (var (name, plot) in plots)
        {
            plot.SavePng(Path.Combine(folder, name + ".png"));
        }

        output.WriteLine($"Report: {Path.GetFullPath(report)}");
        output.WriteLine($"{plots.Count} plots (PNG) in {Path.GetFullPath(folder)}: {string.Join(", ", plots.Keys)}");
        output.WriteLine();
    }
}
