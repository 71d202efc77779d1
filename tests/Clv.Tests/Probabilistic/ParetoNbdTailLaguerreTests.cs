using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// The Pareto/NBD tail integral I(a, b, z) = ∫₀¹ v^(a−1) (1 − z v)^(−b) dv where a = r + s + x is in the millions (every
/// customer buying at one rate): 16-point Gauss-Laguerre in τ = −ln v, instead of a series and a few hundred panel nodes.
/// </summary>
public class ParetoNbdTailLaguerreTests
{
    /// <summary>(a, b, ε = 1 − z) and ln I, d ln I/da, d ln I/db, d ln I/dz by mpmath 1.3 at 40 digits (adaptive quadrature of ∫₀^∞ e^(−aτ) (1 − z e^(−τ))^(−b) dτ).</summary>
    public static TheoryData<double, double, double, double, double, double, double> References => new()
    {
        { 5e7, 38, 1.1e-5, 416.075148878893, -1.8711589844903208e-8, 11.415917134324539, 3448688.9802189331 },
        { 4.3e8, 38.5, 1.28e-6, 502.44624736414326, -2.174024486434948e-9, 13.56695490089246, 30027211.285631672 },
        { 1e8, 1e5, 0.01, 460498.50351747173, -9.09918256536772e-9, 4.605169285169837, 9999990.9008339106 },
        { 2000, 0.5, 0.05, -6.1077289075756401, -0.00049768175474196595, 2.9863686696351537, 9.9023415346104564 },
        { 1e4, 100, 0.03, 341.16590890268754, -7.5659360969601996e-5, 3.5041177208277126, 3324.9682208672893 },
        { 1300, 0.01, 0.05, -7.1403061805682012, -0.00076912167051761591, 2.9813372942143115, 0.19701187566213485 },
        { 1e9, 1e6, 0.002, 6214586.9703582467, -6.6711155575295447e-10, 6.2146077655336364, 499999833.2222222 },
        { 3e6, 2.5, 0.5, -13.181255728564951, -3.3333305555615741e-7, 0.69314684722711197, 4.9999966666727778 },
    };

    [Theory]
    [MemberData(nameof(References))]
    public void Laguerre_MatchesMpmath(double a, double b, double epsilon, double lnI, double da, double db, double dz)
    {
        Assert.True(ParetoNbdMath.LaguerreApplies(a, b, epsilon), "the case lies where the rule is used");
        double value = ParetoNbdMath.LnTailIntegralByLaguerre(a, b, epsilon, out double ga, out double gb, out double gz);
        Assert.Equal(lnI, value, 1e-13 * Math.Max(1, Math.Abs(lnI)));
        Assert.Equal(da, ga, 1e-11 * Math.Abs(da));
        Assert.Equal(db, gb, 1e-12 * Math.Abs(db));
        Assert.Equal(dz, gz, 1e-12 * Math.Abs(dz));
    }

    [Fact]
    public void Laguerre_AgreesWithPanels_WhereverItIsUsed()
    {
        // The panels (series on [0, 1/2], Gauss-Legendre in ln(1 − v) on [1/2, 1]) are good to about 1e-10 in ln I's
        // derivatives; every case of the grid where the rule applies must agree with them to that.
        int used = 0;
        foreach (double a in new[] { 1e3, 3e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9 })
        {
            foreach (double b in new[] { 0.01, 0.5, 1, 2.5, 10, 38, 100, 1e3, 1e4, 1e5 })
            {
                foreach (double epsilon in new[] { 0.05, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-8, 1e-10 })
                {
                    if (!ParetoNbdMath.LaguerreApplies(a, b, epsilon))
                    {
                        continue;
                    }

                    used++;
                    double laguerre = ParetoNbdMath.LnTailIntegralByLaguerre(a, b, epsilon, out double la, out double lb, out double lz);
                    double panels = ParetoNbdMath.LnTailIntegralByPanels(a, b, epsilon, out double pa, out double pb, out double pz);
                    string at = $"a = {a}, b = {b}, ε = {epsilon}";
                    Assert.True(Math.Abs(laguerre - panels) <= 1e-12 * Math.Max(1, Math.Abs(panels)), $"{at}: ln I {laguerre} against {panels}");
                    Assert.True(Math.Abs(la - pa) <= 1e-9 * Math.Abs(pa), $"{at}: d/da {la} against {pa}");
                    Assert.True(Math.Abs(lb - pb) <= 1e-9 * Math.Abs(pb), $"{at}: d/db {lb} against {pb}");
                    Assert.True(Math.Abs(lz - pz) <= 1e-9 * Math.Abs(pz), $"{at}: d/dz {lz} against {pz}");
                }
            }
        }

        Assert.True(used >= 150, $"the grid reaches the rule in {used} cases");
    }

    [Theory]
    [InlineData(1000, 0.5, 0.05)]   // a too small: D = 51 against 2 (b + 32) = 65
    [InlineData(1e9, 1, 1e-8)]       // ε too small: D = 10
    [InlineData(1e6, 1e5, 0.01)]     // b too large against D = 10,050
    public void Laguerre_NotUsed_WhereTheSingularityIsNear(double a, double b, double epsilon) =>
        Assert.False(ParetoNbdMath.LaguerreApplies(a, b, epsilon));

    [Fact]
    public void LnTail_OneRateRidge_GradientMatchesCentralDifferences()
    {
        // r and α in the hundreds of millions (a one-rate population's fit walks there): the tail goes through the rule.
        foreach (var (x, t) in new[] { (0, 0.0), (3, 10.5), (12, 52.0), (40, 77.9) })
        {
            ParetoNbdTailGradientTests.AssertGradient(4.3e8, 1.47e9, 37.5, 1876, x, t, valueTolerance: 1e-13, step: 1e-6, gradientTolerance: 1e-5);
        }
    }
}
