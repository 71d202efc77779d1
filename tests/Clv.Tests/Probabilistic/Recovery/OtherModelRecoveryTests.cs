using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic.Recovery;

/// <summary>Gamma-Gamma, BG/BB and sBG recover simulated truth over grids of parameters.</summary>
public class OtherModelRecoveryTests
{
    private static double SpendLikelihoodLn(double[] t, int[] x, double[] m)
    {
        var truth = new GammaGammaModel(t[0], t[1], t[2]);
        return x.Select((xi, i) => truth.LikelihoodLn(xi, m[i])).Sum();
    }

    private static (FitResult<BetaGeoBetaBinomModel>, Func<double>) FitBinary(double[] t, int customers, int seed)
    {
        var data = Recovery.SimulateBinary(t[0], t[1], t[2], t[3], customers, 12, seed);
        var truth = new BetaGeoBetaBinomModel(t[0], t[1], t[2], t[3]);
        return (BetaGeoBetaBinomModel.Fit(data), () => data.Sum(h => truth.LikelihoodLn(h)));
    }

    private static (FitResult<ShiftedBetaGeometricModel>, Func<double>) FitCohort(double[] t, int customers, int seed)
    {
        var alive = Recovery.SimulateCohort(t[0], t[1], customers, 12, seed);
        return (ShiftedBetaGeometricModel.Fit(alive), () => ShiftedBetaGeometricLikelihood.LikelihoodLn(t[0], t[1], [.. alive.Select(a => (double)a)], new double[2]));
    }

    private static IEnumerable<double[]> Grid3(double[] first, double[] second, double[] third) =>
        from x in first from y in second from z in third select new[] { x, y, z };

    [Theory]
    [InlineData(10_000)]
    [InlineData(100_000)]
    public void GammaGamma_Grid_ConvergedFitsWithinFourStandardErrors(int customers)
    {
        Assert.SkipWhen(customers > 10_000 && !Recovery.LargeEnabled, Recovery.LargeSkipReason);
        var outcomes = Recovery.Run<GammaGammaModel>(Grid3([0.5, 6, 20], [1.5, 4, 20], [1, 15, 200]), (t, seed) =>
        {
            var (x, m) = Recovery.SimulateSpend(t[0], t[1], t[2], customers, seed);
            return (GammaGammaModel.Fit(x, m, null), () => SpendLikelihoodLn(t, x, m));
        });
        Recovery.Check($"Gamma-Gamma {customers}", outcomes, 27);
    }

    [Theory]
    [InlineData(10_000)]
    [InlineData(100_000)]
    public void BetaGeoBetaBinom_Grid_ConvergedFitsWithinFourStandardErrors(int customers)
    {
        Assert.SkipWhen(customers > 10_000 && !Recovery.LargeEnabled, Recovery.LargeSkipReason);
        var truths = from a in new[] { 0.3, 1.2, 5 } from b in new[] { 0.75, 5 } from g in new[] { 0.3, 0.66, 5 } from d in new[] { 2.8, 10 } select new[] { a, b, g, d };
        var outcomes = Recovery.Run(truths, (t, seed) => FitBinary(t, customers, seed));
        Recovery.Check($"BG/BB {customers}, 12 opportunities", outcomes, 36);
    }

    [Theory]
    [InlineData(10_000)]
    [InlineData(100_000)]
    public void ShiftedBetaGeometric_Grid_ConvergedFitsWithinFourStandardErrors(int customers)
    {
        var truths = from a in new[] { 0.3, 0.7, 3 } from b in new[] { 0.5, 1.2, 10 } select new[] { a, b };
        var outcomes = Recovery.Run(truths, (t, seed) => FitCohort(t, customers, seed));
        Recovery.Check($"sBG {customers}, 12 periods", outcomes, 9);
    }

    [Fact]
    [Trait("Category", "Large")]
    public void OneMillion_EveryModel_ConvergesWithinFourStandardErrors()
    {
        Assert.SkipUnless(Recovery.LargeEnabled, Recovery.LargeSkipReason);
        Recovery.Check("Gamma-Gamma 1M", Recovery.Run<GammaGammaModel>([[6.25, 3.74, 15.4]], (t, seed) =>
        {
            var (x, m) = Recovery.SimulateSpend(t[0], t[1], t[2], 1_000_000, seed);
            return (GammaGammaModel.Fit(x, m, null), () => SpendLikelihoodLn(t, x, m));
        }), 1);
        Recovery.Check("BG/BB 1M", Recovery.Run([[1.2, 0.75, 0.66, 2.78]], (t, seed) => FitBinary(t, 1_000_000, seed)), 1);
        Recovery.Check("sBG 1M", Recovery.Run([[0.7, 1.2]], (t, seed) => FitCohort(t, 1_000_000, seed)), 1);
    }
}
