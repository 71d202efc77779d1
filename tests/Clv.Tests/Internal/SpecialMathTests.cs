using Clv.Internal;
using MathNet.Numerics;

namespace Clv.Tests.Internal;

public class SpecialMathTests
{
    [Theory]
    [InlineData(1e-3)]
    [InlineData(0.5)]
    [InlineData(1)]
    [InlineData(7.25)]
    [InlineData(1e3)]
    public void TriGamma_MatchesDifferencesOfDigamma(double x)
    {
        double h = 1e-4 * x;
        double numeric = (SpecialFunctions.DiGamma(x + h) - SpecialFunctions.DiGamma(x - h)) / (2 * h);
        Assert.Equal(numeric, SpecialMath.TriGamma(x), Math.Abs(numeric) * 1e-7);
    }

    [Fact]
    public void TriGamma_KnownValues()
    {
        Assert.Equal(Math.PI * Math.PI / 6, SpecialMath.TriGamma(1), 1e-14);
        Assert.Equal(Math.PI * Math.PI / 2, SpecialMath.TriGamma(0.5), 1e-13);
    }

    /// <summary>
    /// The asymptotic series to its last term: at x = 10 and 10.5 (no recurrence) against ψ'(n) = π²/6 − Σ_(k&lt;n) 1/k² and
    /// ψ'(n + ½) = π²/2 − 4 Σ_(k≤n) 1/(2k − 1)², computed to 50 digits. The documented 1e-15 relative error holds (6.6e-16 and
    /// 1.4e-16); a wrong sign or operator in the last Bernoulli term (B₁₄) errs by 1.2e-15 to 2e-14.
    /// </summary>
    [Theory]
    [InlineData(10.0, 0.10516633568168575)]
    [InlineData(10.5, 0.09991695605912673)]
    [InlineData(11.0, 0.09516633568168574)]
    public void TriGamma_AsymptoticSeries_WithinItsDocumentedRelativeError(double x, double exact)
    {
        Assert.InRange(Math.Abs(SpecialMath.TriGamma(x) - exact) / exact, 0, 1e-15);
    }

    [Theory]
    [InlineData(0.3, 5)]
    [InlineData(2.5, 63)]
    [InlineData(2.5, 64)]
    [InlineData(2.5, 1000)]
    [InlineData(1e8, 3)]
    [InlineData(1e8, 200)]
    [InlineData(1e12, 40)]
    public void GammaLnRatio_EqualsTheProductItStandsFor(double a, int n)
    {
        double exact = 0, psi = 0, tri = 0;
        for (int j = 0; j < n; j++)
        {
            exact += Math.Log(a + j);
            psi += 1 / (a + j);
            tri -= 1 / ((a + j) * (a + j));
        }

        double value = SpecialMath.GammaLnRatio(a, n, out double digamma, out double trigamma);
        Assert.Equal(exact, value, Math.Max(1e-300, Math.Abs(exact)) * 1e-12);
        Assert.Equal(psi, digamma, Math.Abs(psi) * 1e-9);
        Assert.Equal(tri, trigamma, Math.Abs(tri) * 1e-7);
        Assert.Equal(value, SpecialMath.GammaLnRatio(a, n));
    }

    [Fact]
    public void GammaLnRatio_LargeArgument_IsAccurateWhereGammaLnDifferencesAreNot()
    {
        // ln Γ(1e9 + 3) − ln Γ(1e9) by differences of ln Γ carries an error of order 1e-16 × 2e10, about 1e-6.
        double exact = Math.Log(1e9) + Math.Log(1e9 + 1) + Math.Log(1e9 + 2);
        Assert.Equal(exact, SpecialMath.GammaLnRatio(1e9, 3), 1e-12);
    }
}
