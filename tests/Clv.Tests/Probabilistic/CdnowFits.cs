using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>The CDNOW summaries and fits, computed once for every test class that needs them.</summary>
internal static class CdnowFits
{
    private static readonly Lazy<CustomerSummaries> LazySummaries = new(TestData.CdnowSummaries);
    private static readonly Lazy<FitResult<BgNbdModel>> LazyBgNbd = new(() => BgNbdModel.Fit(Summaries));
    private static readonly Lazy<FitResult<MbgNbdModel>> LazyMbgNbd = new(() => MbgNbdModel.Fit(Summaries));
    private static readonly Lazy<FitResult<GammaGammaModel>> LazyGammaGamma = new(() => GammaGammaModel.Fit(Summaries));

    public static CustomerSummaries Summaries => LazySummaries.Value;

    public static FitResult<BgNbdModel> BgNbd => LazyBgNbd.Value;

    public static FitResult<MbgNbdModel> MbgNbd => LazyMbgNbd.Value;

    public static FitResult<GammaGammaModel> GammaGamma => LazyGammaGamma.Value;

    /// <summary>The rounded published BG/NBD parameters of REFERENCE.md.</summary>
    public static BgNbdModel Published { get; } = new(0.243, 4.414, 0.793, 2.426, TimeUnit.Week);

    /// <summary>The published BG/NBD estimates of REFERENCE.md (the E[X(t)] and P(alive) tables are at these).</summary>
    public static BgNbdModel Fitted { get; } = new(0.242593, 4.413532, 0.792886, 2.425752, TimeUnit.Week);

    public static void Relative(double expected, double actual, double tolerance)
    {
        double error = Math.Abs(actual - expected) / Math.Abs(expected);
        Assert.True(error <= tolerance, $"expected {expected:R}, got {actual:R} (relative error {error:G3} > {tolerance:G3})");
    }
}
