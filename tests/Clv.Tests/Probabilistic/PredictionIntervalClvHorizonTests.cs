using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// The CLV intervals of a <see cref="PredictionIntervalReport"/> are over <see cref="PredictionIntervalOptions.Clv"/>'s horizon,
/// not over the purchase horizon t: the README's example sets 39 weeks of purchases beside a 36-month CLV. The report's
/// text names both, so the CLV column is not read as a 39-week value.
/// </summary>
public class PredictionIntervalClvHorizonTests
{
    private static readonly PredictiveClvOptions ThreeYears = new() { Periods = 36, Period = TimeUnit.Month, MarginRate = 0.3 };

    private static PredictionIntervalReport Compute(FitResult<GammaGammaModel>? spend) =>
        PredictionIntervals.Compute(CdnowFits.BgNbd, spend, CdnowFits.Summaries, 39, new PredictionIntervalOptions { Draws = 20, Clv = ThreeYears });

    [Fact]
    public void ToString_WithClv_NamesTheClvHorizonBesideThePurchaseHorizon()
    {
        var report = Compute(CdnowFits.GammaGamma);
        string header = report.ToString().Split('\n')[0];
        Assert.Contains("horizon 39 Week, CLV over 36 Month)", header, StringComparison.Ordinal);
        Assert.Same(ThreeYears, report.Clv);
    }

    [Fact]
    public void ToString_WithoutClv_NamesThePurchaseHorizonOnly()
    {
        var report = Compute(null);
        string header = report.ToString().Split('\n')[0];
        Assert.Contains("horizon 39 Week)", header, StringComparison.Ordinal);
        Assert.Null(report.Clv);
        Assert.DoesNotContain("CLV", header, StringComparison.Ordinal);
    }
}
