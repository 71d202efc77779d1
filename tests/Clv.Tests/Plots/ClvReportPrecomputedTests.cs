using System.Text.RegularExpressions;
using Clv.Plots;
using Clv.Probabilistic;
using Clv.Tests.Probabilistic;

namespace Clv.Tests.Plots;

public sealed class ClvReportPrecomputedTests
{
    [Fact]
    public void GivenTheComparisonAndSpendModel_TheReportIsTheSameAsFittingThem()
    {
        var customers = CdnowFits.Summaries;
        string fitted = ClvReport.ToHtml(customers);
        string given = ClvReport.ToHtml(customers, new ClvReportOptions
        {
            Comparison = ModelComparison.Compare(customers),
            Spend = GammaGammaModel.Fit(customers),
        });
        // The text, tables and numbers are identical; the inline SVGs are compared by count only, because ScottPlot's layout
        // can move an axis by a pixel fraction when other plots are drawn at the same time (shared font measurement).
        Assert.Equal(WithoutSvg(fitted), WithoutSvg(given));
        Assert.Equal(Regex.Count(fitted, "<svg"), Regex.Count(given, "<svg"));
    }

    private static string WithoutSvg(string html) => Regex.Replace(html, "<svg.*?</svg>", "<svg/>", RegexOptions.Singleline);

    [Fact]
    public void GivenOneFit_TheReportPredictsWithIt()
    {
        var customers = CdnowFits.Summaries;
        var fit = ParetoNbdModel.Fit(customers);
        string html = ClvReport.ToHtml(customers, new ClvReportOptions { Comparison = ModelComparison.FromFit(fit, customers) });
        Assert.Contains("predictions from Pareto/NBD", html, StringComparison.Ordinal);
        Assert.DoesNotContain("MBG/NBD", html, StringComparison.Ordinal);
        Assert.Contains("★ the model given to the report", html, StringComparison.Ordinal);
        Assert.DoesNotContain("lowest BIC", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PlotLanguage.English, "r 0.2426 (no SE)")]
    [InlineData(PlotLanguage.Chinese, "r 0.2426 (无标准误)")]
    public void AFitWithoutStandardErrors_SaysSo_NotNaN(PlotLanguage language, string expected)
    {
        // A ridge whose information matrix is not positive definite, or a boundary, has no finite standard errors.
        var customers = CdnowFits.Summaries;
        var fit = CdnowFits.BgNbd;
        var without = new FitResult<BgNbdModel>(fit.Model, FitStatus.Ridge, "Ridge: test.", fit.LikelihoodLn, fit.Iterations,
            [.. fit.Parameters.Select(p => p with { StandardError = double.NaN })], fit.ObservationCount, fit.ExcludedCount);
        string html = ClvReport.ToHtml(customers, new ClvReportOptions { Comparison = ModelComparison.FromFit(without, customers), Language = language });
        Assert.Contains(expected, html, StringComparison.Ordinal);
        Assert.DoesNotContain("(NaN)", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"note\">BG/NBD: Ridge: test.</p>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PlotLanguage.English, "Gamma-Gamma spend model: p ", "q 3.", ").")]
    [InlineData(PlotLanguage.Chinese, "Gamma-Gamma 消费模型：p ", "q 3.", ")。")]
    public void TheSpendFit_IsShownWithItsStandardErrors(PlotLanguage language, string start, string standardError, string end)
    {
        var customers = CdnowFits.Summaries;
        var spend = CdnowFits.GammaGamma;
        Assert.True(spend.IsConverged, spend.StatusMessage);
        string html = ClvReport.ToHtml(customers, new ClvReportOptions { Comparison = ModelComparison.FromFit(CdnowFits.BgNbd, customers), Spend = spend, Language = language });
        string note = Regex.Match(html, Regex.Escape(start) + "[^<]*").Value;
        Assert.Contains(standardError, note, StringComparison.Ordinal);
        Assert.Contains("v 15.", note, StringComparison.Ordinal);
        Assert.EndsWith(end, note, StringComparison.Ordinal);
        Assert.Equal(3, Regex.Count(note, @"\(\d"));
    }

    [Theory]
    [InlineData(PlotLanguage.English, "Gamma-Gamma spend model: p 1000000 (no SE), q 1000001 (no SE), v 9.99 (no SE). Boundary: p → ∞")]
    [InlineData(PlotLanguage.Chinese, "Gamma-Gamma 消费模型：p 1000000 (无标准误), q 1000001 (无标准误), v 9.99 (无标准误)（边界: 参数位于取值范围边缘）。Boundary: p → ∞")]
    public void OnePriceForEveryone_TheReportSaysTheSpendModelIsTheLimitAndWhy(PlotLanguage language, string expected)
    {
        // Every purchase at one price: the spend fit is the boundary limit (no maximum); the page used to show only
        // "Gamma-Gamma: p 1000000, q 1000001, v 9.99" with no word on why.
        var rows = TestData.CdnowSample().GroupBy(t => (t.CustomerId, t.Date)).Select(g => new Transaction(g.Key.CustomerId, g.Key.Date, 9.99)).ToArray();
        var customers = CustomerSummaries.FromTransactions(rows, TestData.CdnowCalibrationEnd, TimeUnit.Week);
        var spend = GammaGammaModel.Fit(customers);
        Assert.Equal(FitStatus.Boundary, spend.Status);
        string html = ClvReport.ToHtml(customers, new ClvReportOptions { Comparison = ModelComparison.FromFit(BgNbdModel.Fit(customers), customers), Spend = spend, Language = language });
        Assert.Contains(expected, html, StringComparison.Ordinal);
        Assert.Contains("every one of the", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PlotLanguage.English, "Gamma-Gamma spend model not fitted: ", "The value sections (CLV, top customers, value at risk) are left out.", "Value at risk:")]
    [InlineData(PlotLanguage.Chinese, "Gamma-Gamma 消费模型未能拟合：", "因此略去价值部分", "流失风险价值：")]
    public void NoSpendModel_TheReportSaysWhyTheValueSectionsAreLeftOut(PlotLanguage language, string start, string leftOut, string valueHeading)
    {
        // Every amount zero: the purchase models fit, the spend model cannot. The value sections used to vanish without a word.
        var rows = TestData.CdnowSample().Select(t => new Transaction(t.CustomerId, t.Date, 0)).ToArray();
        var customers = CustomerSummaries.FromTransactions(rows, TestData.CdnowCalibrationEnd, TimeUnit.Week);
        var reason = Assert.Throws<ModelFitException>(() => GammaGammaModel.Fit(customers)).Message;
        string html = ClvReport.ToHtml(customers, new ClvReportOptions { Comparison = ModelComparison.FromFit(BgNbdModel.Fit(customers), customers), Language = language });
        Assert.Contains(System.Net.WebUtility.HtmlEncode(start + reason), html, StringComparison.Ordinal);
        Assert.Contains(leftOut, html, StringComparison.Ordinal);
        Assert.DoesNotContain(valueHeading, html, StringComparison.Ordinal);
    }

    [Fact]
    public void AComparisonInAnotherUnit_IsRejected()
    {
        var days = CustomerSummaries.FromTransactions(TestData.CdnowSample(), TestData.CdnowCalibrationEnd, TimeUnit.Day);
        var weeks = CdnowFits.Summaries;
        var e = Assert.Throws<ArgumentException>(() => { _ = ClvReport.ToHtml(days, new ClvReportOptions { Comparison = ModelComparison.Compare(weeks) }); });
        Assert.Contains("options.Comparison holds a", e.Message, StringComparison.Ordinal);
    }
}
