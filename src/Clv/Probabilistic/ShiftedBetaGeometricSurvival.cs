using Clv.Internal;

namespace Clv.Probabilistic;

/// <summary>
/// ln S(t) of the sBG model in bounded time for every t: the exact product Π_(k ≤ t) (β + k - 1) / (α + β + k - 1) up to
/// <see cref="ProductLimit"/> periods, and beyond it the closed form S(t) = B(α, β + t) / B(α, β) continued from the product's
/// value, with the ln Γ differences taken from Stirling's series so that large arguments keep their digits.
/// </summary>
internal static class ShiftedBetaGeometricSurvival
{
    /// <summary>Up to this period S(t) is the product term by term (bit-identical to the published recursion).</summary>
    internal const int ProductLimit = 1000;

    /// <summary>ln S(t) for t ≥ 0.</summary>
    internal static double LnSurvival(double alpha, double beta, int t)
    {
        int head = Math.Min(t, ProductLimit);
        double lnS = 0;
        for (int k = 1; k <= head; k++)
        {
            lnS += Math.Log((beta + (k - 1)) / (alpha + beta + (k - 1)));
        }

        return t <= ProductLimit ? lnS : Continued(alpha, beta, lnS, t);
    }

    /// <summary>ln S(t) for t &gt; <see cref="ProductLimit"/>, given ln S at <see cref="ProductLimit"/>.</summary>
    /// <remarks>
    /// ln S(t) - ln S(t0) = [ln Γ(β + t) - ln Γ(β + t0)] - [ln Γ(α + β + t) - ln Γ(α + β + t0)] = G(β + t0) - G(β + t), with
    /// G(x) = ln Γ(x + α) - ln Γ(x) and x ≥ t0 = 1000, where Stirling's series to 1/z⁵ is exact to double precision.
    /// </remarks>
    internal static double Continued(double alpha, double beta, double lnSAtLimit, int t) =>
        lnSAtLimit + (GammaShift(beta + ProductLimit, alpha) - GammaShift(beta + (double)t, alpha));

    /// <summary>ln Γ(x + a) - ln Γ(x) for x ≥ 1000 and a &gt; 0, without the cancellation of differencing two large ln Γ values.</summary>
    internal static double GammaShift(double x, double a) =>
        ((x - 0.5) * SpecialMath.Log1P(a / x)) + (a * Math.Log(x + a)) - a + (StirlingTail(x + a) - StirlingTail(x));

    /// <summary>ln Γ(z) - [(z - 1/2) ln z - z + ln(2π)/2] = 1/(12z) - 1/(360z³) + 1/(1260z⁵) - ...</summary>
    internal static double StirlingTail(double z)
    {
        double inv = 1 / z, inv2 = inv * inv;
        return inv * ((1.0 / 12) - (inv2 * ((1.0 / 360) - (inv2 / 1260))));
    }
}
