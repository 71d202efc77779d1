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
}
