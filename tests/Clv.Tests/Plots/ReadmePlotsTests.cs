using Clv.Tests.Probabilistic;

namespace Clv.Tests.Plots;

/// <summary>Runs the README's plot examples and checks what their comments state.</summary>
[Collection("Plots")]   // one plot at a time: ScottPlot's font caches are process-wide (see ClvPlot's remarks)
public class ReadmePlotsTests
{
    [Fact]
    public void PlotExamples_Cdnow_WriteTheFilesTheReadmeNames()
    {
        string folder = Directory.CreateTempSubdirectory("clv-readme-plots-").FullName;
        try
        {
            var customers = CdnowFits.Summaries;
            var tracking = ReadmeExamples.PlotsProbabilistic(PlotCases.Rows, customers, folder);
            Assert.Equal((800, 500), (tracking.Width, tracking.Height));
            var (w, h, _, _) = PlotImages.Png(File.ReadAllBytes(Path.Combine(folder, "tracking-weekly.png")));
            Assert.Equal((1200, 700), (w, h));
            Assert.Contains("Calibration end 1997-09-30", tracking.Texts);
            PlotImages.Svg(File.ReadAllText(Path.Combine(folder, "tracking.svg")));

            var lifecycle = ReadmeExamples.PlotsRfmLifecycle(customers, folder);
            Assert.Contains("1997-09-30", lifecycle[1].Title, StringComparison.Ordinal);
            Assert.Contains("1998-06-30", lifecycle[1].Title, StringComparison.Ordinal);

            var value = ReadmeExamples.PlotsValue(customers, CdnowFits.BgNbd.Model, CdnowFits.GammaGamma.Model, folder);
            Assert.Contains("Gini 0.556 (normalised 0.638)", value[0].Title, StringComparison.Ordinal);

            var (segments, error) = ReadmeExamples.PlotsChinese(customers, folder);
            Assert.Equal("RFM 分群客户数", segments.Title);
            Assert.Equal("Noto Sans CJK SC", segments.FontFamily);
            Assert.NotNull(error);
            Assert.Equal("DejaVu Sans", error.FontFamily);
            Assert.Equal("冠军客户", error.Missing);

            string[] expected =
            [
                "tracking.png", "tracking.svg", "tracking-weekly.png", "frequency.png", "holdout.png", "expected-52.png", "alive.png",
                "alive-history.png", "rates.png", "dropout.png", "spend.png", "timelines.png", "models.png", "segments.png",
                "segment-value.png", "rf-counts.png", "rf-value.png", "stages.png", "migration.png", "retention.png", "clv.png",
                "lorenz.png", "deciles.png", "ltv-cac.png", "segments-zh.png",
            ];
            Assert.Equal(expected.Order(StringComparer.Ordinal), Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void ReportExample_Cdnow_WritesBothReports()
    {
        string folder = Directory.CreateTempSubdirectory("clv-readme-report-").FullName;
        try
        {
            string html = ReadmeExamples.PlotsReport(CdnowFits.Summaries, folder);
            Assert.Equal(html, File.ReadAllText(Path.Combine(folder, "report.html")));
            Assert.Contains("客户终身价值报告", File.ReadAllText(Path.Combine(folder, "report-zh.html")), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void ChannelExample_StatesTheRatios()
    {
        var channels = Clv.Valuation.ChannelReport.Create(
            [new Clv.Valuation.ChannelCustomer("search", AcquisitionCost: 40, Value: 300, MarginPerPeriod: 10),
             new Clv.Valuation.ChannelCustomer("tv", 200, 150, 5)],
            marginPeriod: TimeUnit.Month);
        var texts = PlotImages.SvgTexts(PlotImages.Svg(Clv.Plots.ValuePlots.ChannelValueToCost(channels).ToSvg()));
        Assert.Contains("7.5 : 1", texts);
        Assert.Contains("0.8 : 1", texts);
    }
}
