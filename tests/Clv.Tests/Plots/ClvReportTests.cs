using System.Diagnostics;
using System.Globalization;
using Clv.Plots;
using Clv.Probabilistic;
using Clv.Tests.Probabilistic;

namespace Clv.Tests.Plots;

/// <summary>The one-file HTML report: self-contained, the library's numbers in its tables, and it loads in headless Chromium.</summary>
[Collection("Plots")]   // one plot at a time: ScottPlot's font caches are process-wide (see ClvPlot's remarks)
public class ClvReportTests
{
    private static readonly Lazy<string> English = new(() => ClvReport.ToHtml(CdnowFits.Summaries));
    private static readonly Lazy<string> Chinese = new(() => ClvReport.ToHtml(CdnowFits.Summaries, new ClvReportOptions { Language = PlotLanguage.Chinese }));

    [Fact]
    public void ToHtml_Cdnow_IsSelfContainedWithInlineSvg()
    {
        string html = English.Value;
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch("href=\"(?!data:image/png;base64,|#)", html);   // heatmaps are embedded PNG data, nothing else is linked
        Assert.DoesNotContain("url(http", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<?xml", html, StringComparison.Ordinal);
        int svgs = html.Split("<svg ").Length - 1;
        Assert.True(svgs >= 12, $"{svgs} inline SVG plots");
        Assert.Equal(svgs, html.Split("viewBox=\"0 0 760 460\"").Length - 1);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ToHtml_EveryPlotsIdsAreItsOwn(bool chinese)
    {
        // A page is one id space: a plot's clip path or image referenced by an id another plot also uses is drawn with the
        // first plot's (clipped legends, a heatmap showing another heatmap's picture).
        string html = chinese ? Chinese.Value : English.Value;
        var ids = System.Text.RegularExpressions.Regex.Matches(html, " id=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.True(ids.Count >= 24, $"{ids.Count} ids");
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        var svgs = html.Split("<svg ")[1..];
        int references = 0;
        foreach (string svg in svgs)
        {
            string body = svg[..svg.IndexOf("</svg>", StringComparison.Ordinal)];
            var own = System.Text.RegularExpressions.Regex.Matches(body, " id=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToHashSet();
            foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(body, "(?:url\\(#|href=\"#)([^)\"]+)"))
            {
                references++;
                Assert.Contains(m.Groups[1].Value, own);
            }
        }

        Assert.True(references >= ids.Count, $"{references} references to {ids.Count} ids");
    }

    [Fact]
    public void ToHtml_OnSeveralThreadsAtOnce_GivesTheSamePage()
    {
        // The report computes its sections' data side by side and draws its plots in turn; reports made at the same time on
        // other threads must not change a byte (plots share ScottPlot's process-wide font state).
        string expected = English.Value;
        var pages = new string[4];
        Parallel.For(0, pages.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => pages[i] = ClvReport.ToHtml(CdnowFits.Summaries));
        Assert.All(pages, page => Assert.Equal(expected, page));
    }

    [Fact]
    public void ToHtml_Cdnow_TablesCarryTheLibrarysNumbers()
    {
        string html = English.Value;
        var comparison = PlotCases.Comparison;
        foreach (var row in comparison.Rows.Where(r => r.Succeeded))
        {
            Assert.Contains(row.Name, html, StringComparison.Ordinal);
            var r = row.Parameters[0];
            Assert.Contains(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{r.Name} {r.Estimate:0.####} ({r.StandardError:0.####})"), html, StringComparison.Ordinal);
        }

        Assert.Contains("r 0.2426", html, StringComparison.Ordinal);                 // BG/NBD r, as published
        Assert.Contains(comparison.BestByBic!.Value.Name + " ★", html, StringComparison.Ordinal);
        Assert.Contains("<b>2,357</b>", html, StringComparison.Ordinal);             // customers
        Assert.Contains("Champions", html, StringComparison.Ordinal);
        Assert.Contains("Value at risk", html, StringComparison.Ordinal);
        var holdout = Clv.Probabilistic.HoldoutValidation.Evaluate(comparison.BestByBic!.Value.Model!, CdnowFits.Summaries);
        Assert.Contains(holdout.Rows[0].ActualMean.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture), html, StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_Chinese_HasChineseHeadingsAndSegmentNames()
    {
        string html = Chinese.Value;
        Assert.Contains("<html lang=\"zh-CN\">", html, StringComparison.Ordinal);
        Assert.Contains("客户终身价值报告", html, StringComparison.Ordinal);
        Assert.Contains(Clv.Rfm.RfmSegment.Champions.ChineseName, html, StringComparison.Ordinal);
        Assert.DoesNotContain("Value at risk", html, StringComparison.Ordinal);

        // Every CDNOW fit converges: the status column says so in Chinese, with no English status left.
        Assert.Contains("<td>已收敛</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">Converged<", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<td>converged</td>", English.Value, StringComparison.Ordinal);
    }

    /// <summary>
    /// With <see cref="ClvReportOptions.Clv"/> the report's CLV is PredictiveClv's with those options (horizon, discount
    /// rate, margin): the total card and the first top customer; before, the report always took no margin and 10% a year.
    /// </summary>
    [Fact]
    public void ToHtml_ClvOptions_TotalAndTopCustomerAreTheScorecardsClv()
    {
        var horizon = new PredictiveClvOptions { Periods = 36, Period = TimeUnit.Month, MarginRate = 0.3, DiscountRate = DiscountRate.Annual(0.25) };
        string html = ClvReport.ToHtml(CdnowFits.Summaries, new ClvReportOptions
        {
            Comparison = ModelComparison.FromFit(CdnowFits.BgNbd, CdnowFits.Summaries),
            Spend = CdnowFits.GammaGamma,
            Clv = horizon,
        });
        double[] clv = PredictiveClv.Compute(CdnowFits.BgNbd.Model, CdnowFits.GammaGamma.Model, CdnowFits.Summaries, horizon);
        Assert.Contains(
            "<b>" + clv.Sum().ToString("N0", CultureInfo.InvariantCulture) + "</b><span>predicted CLV, next 36 months, margin 30%</span>",
            html,
            StringComparison.Ordinal);
        Assert.Contains("<td class=\"n\">" + clv.Max().ToString("N2", CultureInfo.InvariantCulture) + "</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<span>predicted CLV, next 52 weeks</span>", English.Value, StringComparison.Ordinal);   // without: ClvPeriods of the summaries' unit
    }

    [Theory]
    [InlineData(0, 20, "options.ClvPeriods")]
    [InlineData(52, 0, "options.TopCustomers")]
    public void Options_OutOfRange_ThrowNamingTheProperty(int periods, int top, string property)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ClvReport.ToHtml(CdnowFits.Summaries, new ClvReportOptions { ClvPeriods = periods, TopCustomers = top }));
        Assert.Equal(property, e.ParamName);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Report_InHeadlessChromium_LoadsWithoutConsoleErrorsAndIsNotBlank(bool chinese)
    {
        string chromium = Chromium();
        string dir = Directory.CreateTempSubdirectory("clv-report-").FullName;
        try
        {
            string page = Path.Combine(dir, "report.html"), shot = Path.Combine(dir, "report.png");
            File.WriteAllText(page, chinese ? Chinese.Value : English.Value);
            var (exit, log) = Run(chromium, dir, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1280,2400",
                "--enable-logging=stderr", "--v=0", "--screenshot=" + shot, new Uri(page).AbsoluteUri);
            Assert.True(exit == 0, $"chromium exited with {exit}: {log}");
            Assert.DoesNotContain("CONSOLE", log, StringComparison.Ordinal);          // console messages of the page
            Assert.DoesNotContain("net::ERR", log, StringComparison.Ordinal);         // failed loads
            var (width, height, colours, ink) = PlotImages.Png(File.ReadAllBytes(shot));
            Assert.Equal((1280, 2400), (width, height));
            Assert.True(colours > 200, $"{colours} colours");
            Assert.True(ink is > 0.08 and < 0.98, $"{ink:P1} not white");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void ConsoleErrorCheck_APageThatLogsAnError_IsCaught()
    {
        string chromium = Chromium();
        string dir = Directory.CreateTempSubdirectory("clv-report-").FullName;
        try
        {
            string page = Path.Combine(dir, "bad.html");
            File.WriteAllText(page, "<!DOCTYPE html><html><body><script>console.error('broken')</script></body></html>");
            var (_, log) = Run(chromium, dir, "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0",
                "--screenshot=" + Path.Combine(dir, "bad.png"), new Uri(page).AbsoluteUri);
            Assert.Contains("CONSOLE", log, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>The Chromium executable (.ci/run installs Debian's chromium when absent).</summary>
    private static string Chromium()
    {
        string? found = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" }.FirstOrDefault(File.Exists);
        Assert.SkipWhen(found is null, "Chromium is not installed (.ci/run installs it: apt-get install chromium)");
        return found!;
    }

    private static (int Exit, string Log) Run(string file, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = workingDirectory };
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("chromium did not finish in 120 s");
        }

        return (process.ExitCode, stderr.Result + stdout.Result);
    }
}
