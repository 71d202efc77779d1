using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic.Recovery;

/// <summary>BG/NBD, MBG/NBD and Pareto/NBD recover simulated truth over a grid of parameters, at 10k, 100k and 1M customers.</summary>
public class PurchaseModelRecoveryTests
{
    private static (FitResult<BgNbdModel>, Func<double>) FitBg(double[] t, int n, int seed)
    {
        var truth = new BgNbdModel(t[0], t[1], t[2], t[3], TimeUnit.Week);
        var data = truth.Simulate(Recovery.Ages(n, seed), seed);
        return (BgNbdModel.Fit(data, TimeUnit.Week, null), () => Recovery.LikelihoodLn(truth, data));
    }

    private static (FitResult<MbgNbdModel>, Func<double>) FitMbg(double[] t, int n, int seed)
    {
        var truth = new MbgNbdModel(t[0], t[1], t[2], t[3], TimeUnit.Week);
        var data = truth.Simulate(Recovery.Ages(n, seed), seed);
        return (MbgNbdModel.Fit(data, TimeUnit.Week, null), () => Recovery.LikelihoodLn(truth, data));
    }

    private static (FitResult<ParetoNbdModel>, Func<double>) FitPareto(double[] t, int n, int seed)
    {
        var truth = new ParetoNbdModel(t[0], t[1], t[2], t[3], TimeUnit.Week);
        var data = truth.Simulate(Recovery.Ages(n, seed), seed);
        return (ParetoNbdModel.Fit(data, TimeUnit.Week, null), () => Recovery.LikelihoodLn(truth, data));
    }

    [Fact]
    public void BgNbd_Grid10k_ConvergedFitsWithinFourStandardErrors() =>
        Recovery.Check("BG/NBD 10k", Recovery.Run(Recovery.Grid(), (t, seed) => FitBg(t, 10_000, seed)), 66);

    [Fact]
    public void MbgNbd_Grid10k_ConvergedFitsWithinFourStandardErrors() =>
        Recovery.Check("MBG/NBD 10k", Recovery.Run(Recovery.Grid(), (t, seed) => FitMbg(t, 10_000, seed)), 69);

    [Fact]
    public void ParetoNbd_CornersAt10k_ConvergedFitsWithinFourStandardErrors() =>
        Recovery.Check("Pareto/NBD 10k (alpha = 6, beta = 4)", Recovery.Run(Recovery.Grid().Where(t => t[1] == 6 && t[3] == 4), (t, seed) => FitPareto(t, 10_000, seed)), 9);

    [Fact]
    [Trait("Category", "Large")]
    public void ParetoNbd_Grid10k_ConvergedFitsWithinFourStandardErrors()
    {
        Assert.SkipUnless(Recovery.LargeEnabled, Recovery.LargeSkipReason);
        Recovery.Check("Pareto/NBD 10k (beta = 4, alpha below 50)", Recovery.Run(Recovery.Grid().Where(t => t[3] == 4 && t[1] < 50), (t, seed) => FitPareto(t, 10_000, seed)), 18);
    }

    [Fact]
    public void BgNbd_IssueCase300k_ConvergesAndRecoversEveryParameterWithinFourStandardErrors()
    {
        // The 1.0 issue's log: r 0.8, alpha 6, a 0.5, b 4; births over the first 12 weeks, calibration at week 52.
        var (fit, _) = FitBg([0.8, 6, 0.5, 4], 300_000, 42);
        TestContext.Current.TestOutputHelper?.WriteLine(fit.StatusMessage + " " + Recovery.Describe(fit.Parameters));
        Assert.Equal(FitStatus.Converged, fit.Status);
        Assert.InRange(Recovery.Deviation(fit.Parameters, [0.8, 6, 0.5, 4]), 0, 4);
    }

    [Theory]
    [InlineData(5_000)]
    [InlineData(10_000)]
    public void BgAndMbg_TwentySeeds_EveryFitConverges(int customers)
    {
        double[] truth = [0.8, 6, 0.5, 4];
        Recovery.Check($"BG/NBD {customers} x 20 seeds", Recovery.Run(Enumerable.Repeat(truth, 20), (t, seed) => FitBg(t, customers, seed)), 20);
        Recovery.Check($"MBG/NBD {customers} x 20 seeds", Recovery.Run(Enumerable.Repeat(truth, 20), (t, seed) => FitMbg(t, customers, seed)), 20);
    }

    [Fact]
    [Trait("Category", "Large")]
    public void BgNbd_Grid100k_ConvergedFitsWithinFourStandardErrors()
    {
        Assert.SkipUnless(Recovery.LargeEnabled, Recovery.LargeSkipReason);
        Recovery.Check("BG/NBD 100k", Recovery.Run(Recovery.Grid(), (t, seed) => FitBg(t, 100_000, seed)), 74);
    }

    [Fact]
    [Trait("Category", "Large")]
    public void MbgNbd_Grid100k_ConvergedFitsWithinFourStandardErrors()
    {
        Assert.SkipUnless(Recovery.LargeEnabled, Recovery.LargeSkipReason);
        Recovery.Check("MBG/NBD 100k", Recovery.Run(Recovery.Grid(), (t, seed) => FitMbg(t, 100_000, seed)), 78);
    }

    [Fact]
    [Trait("Category", "Large")]
    public void AllThree_OneMillionCustomers_ConvergeWithinFourStandardErrors()
    {
        Assert.SkipUnless(Recovery.LargeEnabled, Recovery.LargeSkipReason);
        double[][] truths = [[0.8, 6, 0.5, 4], [0.1, 0.5, 1, 20], [3, 50, 5, 0.5]];
        Recovery.Check("BG/NBD 1M", Recovery.Run(truths, (t, seed) => FitBg(t, 1_000_000, seed)), truths.Length);
        Recovery.Check("MBG/NBD 1M", Recovery.Run(truths, (t, seed) => FitMbg(t, 1_000_000, seed)), truths.Length);
        Recovery.Check("Pareto/NBD 1M", Recovery.Run(truths, (t, seed) => FitPareto(t, 1_000_000, seed)), truths.Length);
    }

    [Theory]
    [Trait("Category", "Large")]
    [InlineData(50_000)]
    [InlineData(100_000)]
    public void BgAndMbg_TwentySeedsLarge_EveryFitConverges(int customers) => BgAndMbgSeeds(customers);

    private static void BgAndMbgSeeds(int customers)
    {
        Assert.SkipUnless(Recovery.LargeEnabled, Recovery.LargeSkipReason);
        double[] truth = [0.8, 6, 0.5, 4];
        Recovery.Check($"BG/NBD {customers} x 20 seeds", Recovery.Run(Enumerable.Repeat(truth, 20), (t, seed) => FitBg(t, customers, seed)), 20);
        Recovery.Check($"MBG/NBD {customers} x 20 seeds", Recovery.Run(Enumerable.Repeat(truth, 20), (t, seed) => FitMbg(t, customers, seed)), 20);
    }
}
