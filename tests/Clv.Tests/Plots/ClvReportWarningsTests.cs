using Clv.Plots;

namespace Clv.Tests.Plots;

/// <summary>
/// The report shows the summaries' warnings under its data summary: a placeholder date (1900-01-01 for a missing date)
/// stretched one customer's age over 97 years while the page said nothing of it.
/// </summary>
[Collection("Plots")]   // one plot at a time: ScottPlot's font caches are process-wide (see ClvPlot's remarks)
public class ClvReportWarningsTests
{
    [Theory(Timeout = 300_000)]
    [InlineData(PlotLanguage.English, "Warning: ")]
    [InlineData(PlotLanguage.Chinese, "数据警告：")]
    public async Task ToHtml_PlaceholderDateInTheLog_ShowsTheSummariesWarningInTheDataSection(PlotLanguage language, string prefix)
    {
        var log = TestData.CdnowSample().Append(new Transaction("1", new DateOnly(1900, 1, 1), 10)).ToArray();
        var customers = CustomerSummaries.FromTransactions(log, TestData.CdnowCalibrationEnd, TimeUnit.Week);
        string warning = Assert.Single(customers.Warnings);
        Assert.StartsWith("The earliest transaction (1900-01-01, the first row of 1 customer)", warning, StringComparison.Ordinal);

        string html = await Task.Run(() => ClvReport.ToHtml(customers, new ClvReportOptions { Language = language }), TestContext.Current.CancellationToken);

        // Under the data cards, before the model fits, HTML-encoded ("customers'" has an apostrophe).
        int at = html.IndexOf("<p class=\"warn\" role=\"alert\">" + prefix + "The earliest transaction (1900-01-01", StringComparison.Ordinal);
        Assert.True(at > 0, "no warning in the page");
        Assert.True(at < html.IndexOf("</section>", StringComparison.Ordinal), "the warning is not in the data section");
        Assert.Contains(System.Net.WebUtility.HtmlEncode(warning), html, StringComparison.Ordinal);
    }

    [Fact(Timeout = 300_000)]
    public async Task ToHtml_NoWarnings_NoWarningParagraph()
    {
        Assert.Empty(TestData.CdnowSummaries().Warnings);
        string html = await Task.Run(() => ClvReport.ToHtml(TestData.CdnowSummaries()), TestContext.Current.CancellationToken);
        Assert.DoesNotContain("class=\"warn\"", html, StringComparison.Ordinal);
    }
}
