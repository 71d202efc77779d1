using System.Runtime.CompilerServices;

namespace Clv.Internal;

/// <summary>Small numerical helpers that the framework lacks on every target.</summary>
internal static class SpecialMath
{
    /// <summary>ln(1 + x), accurate for small |x| (Goldberg's correction); +∞ at x = +∞ (where the correction would be ∞/∞).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Log1P(double x)
    {
        double u = 1.0 + x;
        return u == 1.0 || double.IsPositiveInfinity(u) ? x : Math.Log(u) * x / (u - 1.0);
    }

    /// <summary>
    /// ln(1 + t/p) = ln(p + t) - ln p for t ≥ 0, p &gt; 0: accurate for small t/p (where the difference of the two logarithms
    /// cancels: the terms r ln α and (r + x) ln(α + T) of the purchase models' likelihoods), and finite for a p so small
    /// that t/p would overflow.
    /// </summary>
    public static double LnOneAndRatio(double t, double p) =>
        t <= p ? Log1P(t / p) : Math.Log(p + t) - Math.Log(p);

    /// <summary>
    /// exp(x) - 1 to a few units in the last place for every x. Below 1e-5 in size, the cubic Taylor polynomial; below 1 in size,
    /// Kahan's correction (u - 1) x / ln u with u = exp(x), which cancels the rounding of u (a plain exp(x) - 1 loses
    /// 1e-16 / |x| of relative accuracy: 1e-11 at x = 1e-5); beyond, exp(x) - 1.
    /// </summary>
    public static double ExpM1(double x)
    {
        double size = Math.Abs(x);
        if (size < 1e-5)
        {
            return x + (0.5 * x * x) + (x * x * x / 6.0);
        }

        double u = Math.Exp(x);
        if (size < 1)
        {
            return (u - 1.0) * x / Math.Log(u);
        }

        return u - 1.0;
    }

    /// <summary>
    /// The trigamma function ψ'(x) = d² ln Γ(x) / dx² for x &gt; 0 (MathNet has none): the recurrence ψ'(x) = ψ'(x + 1) + 1/x²
    /// up to x ≥ 10, then the asymptotic series 1/x + 1/(2x²) + Σ B₂ₖ / x^(2k+1); relative error below 1e-15.
    /// </summary>
    public static double TriGamma(double x)
    {
        double result = 0;
        while (x < 10)
        {
            result += 1 / (x * x);
            x += 1;
        }

        double inv = 1 / x, inv2 = inv * inv;
        double series = inv2 * ((1.0 / 6) - (inv2 * ((1.0 / 30) - (inv2 * ((1.0 / 42) - (inv2 * ((1.0 / 30) - (inv2 * ((5.0 / 66) - (inv2 * ((691.0 / 2730) - (inv2 * (7.0 / 6)))))))))))));
        return result + inv + (0.5 * inv2) + (inv * series);
    }

    /// <summary>Below this count the gamma-function ratios are summed term by term.</summary>
    private const int RatioSumLimit = 64;

    /// <summary>
    /// ln Γ(a + n) − ln Γ(a) = Σ_(j&lt;n) ln(a + j) for a whole n ≥ 0, with ψ(a + n) − ψ(a) = Σ 1/(a + j) and ψ'(a + n) − ψ'(a) =
    /// −Σ 1/(a + j)². Summed term by term for n below 64 or a above 10⁴ n, where the difference of ln Γ values would lose its
    /// digits (a → ∞ along a ridge or at a boundary: ln Γ(10⁹ + 3) − ln Γ(10⁹) by differences is off by about 10⁻⁶); by
    /// differences of ln Γ, ψ and ψ' otherwise, where they are accurate.
    /// </summary>
    public static double GammaLnRatio(double a, int n, out double digammaRatio, out double trigammaRatio)
    {
        if (n < RatioSumLimit || a > 1e4 * n)
        {
            double ln = 0, psi = 0, tri = 0;
            for (int j = 0; j < n; j++)
            {
                double v = a + j, inv = 1 / v;
                ln += Math.Log(v);
                psi += inv;
                tri -= inv * inv;
            }

            digammaRatio = psi;
            trigammaRatio = tri;
            return ln;
        }

        digammaRatio = MathNet.Numerics.SpecialFunctions.DiGamma(a + n) - MathNet.Numerics.SpecialFunctions.DiGamma(a);
        trigammaRatio = TriGamma(a + n) - TriGamma(a);
        return MathNet.Numerics.SpecialFunctions.GammaLn(a + n) - MathNet.Numerics.SpecialFunctions.GammaLn(a);
    }

    /// <summary>ln Γ(a + n) − ln Γ(a) alone (see <see cref="GammaLnRatio(double, int, out double, out double)"/>).</summary>
    public static double GammaLnRatio(double a, int n)
    {
        if (n < RatioSumLimit || a > 1e4 * n)
        {
            double ln = 0;
            for (int j = 0; j < n; j++)
            {
                ln += Math.Log(a + j);
            }

            return ln;
        }

        return MathNet.Numerics.SpecialFunctions.GammaLn(a + n) - MathNet.Numerics.SpecialFunctions.GammaLn(a);
    }

    /// <summary>ln(e^a + e^b), exact at -infinity.</summary>
    public static double LnAddExp(double a, double b)
    {
        if (double.IsNegativeInfinity(a))
        {
            return b;
        }

        if (double.IsNegativeInfinity(b))
        {
            return a;
        }

        double max = Math.Max(a, b);
        return max + Log1P(Math.Exp(-Math.Abs(a - b)));
    }

    /// <summary>ln |sa e^a - sb e^b| with the sign of the difference (signs are -1, 0 or +1).</summary>
    public static double LnDiffExp(double a, int signA, double b, int signB, out int sign)
    {
        if (signB == 0 || double.IsNegativeInfinity(b))
        {
            sign = signA;
            return a;
        }

        if (signA == 0 || double.IsNegativeInfinity(a))
        {
            sign = -signB;
            return b;
        }

        if (signA != signB)
        {
            // sa e^a + |sb| e^b with the same sign as sa.
            sign = signA;
            return LnAddExp(a, b);
        }

        if (a == b)
        {
            sign = 0;
            return double.NegativeInfinity;
        }

        // Same signs: sa (e^a - e^b).
        double max = Math.Max(a, b), gap = -Math.Abs(a - b);
        double ln = max + LnOneMinusExp(gap);
        sign = a > b ? signA : -signA;
        return ln;
    }

    /// <summary>ln(1 - e^x) for x &lt; 0 (Maechler's two-branch form).</summary>
    private static double LnOneMinusExp(double x) =>
        x > -0.6931471805599453 ? Math.Log(-ExpM1(x)) : Log1P(-Math.Exp(x));

    /// <summary>ln(1 + e^v) without overflow.</summary>
    public static double Log1PExp(double v) => v > 35 ? v : Log1P(Math.Exp(v));
}
