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
            Spend = GammaGammaModel.Fit(customers).Model,
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
