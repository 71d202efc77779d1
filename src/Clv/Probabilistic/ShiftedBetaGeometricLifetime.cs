using Clv.Internal;

namespace Clv.Probabilistic;

/// <summary>
/// sBG discounted lifetimes as expectations over the churn probability, for where the 2F1 form cannot give them:
/// DEL = (1 + d) E[1/(p + d)] with p ~ Beta(α, β), DERL(n) = (1 + d) E[(1 − p)/(p + d)] with p ~ Beta(α, β + n − 1) (for one
/// p, the discounted sum of the survival (1 − p)^t is 1/(1 − (1 − p)/(1 + d))). With n = 1e9 and d = 1e-6 the connection
/// formula's two terms cancel and the series needs a million terms (DERL was −∞); with β = 1e300 it is NaN.
/// </summary>
/// <remarks>
/// Both expectations are ratios of integrals over y = logit p, where p^(α−1) (1 − p)^(b−1) dp = e^φ(y) dy with
/// φ(y) = −α ln(1 + e^(−y)) − b ln(1 + e^y), concave; the integrands' logarithms add −ln(p + d) and k ln(1 − p), also concave
/// in y. Each integral is taken by Gauss-Legendre panels half a unit wide walking out from its peak until the integrand is
/// e^−50 of it (a linear tail past 4,000 panels on a side), so the normalising beta function is never formed.
/// </remarks>
internal static class ShiftedBetaGeometricLifetime
{
    private const double PanelWidth = 0.5;
    private const int MaxPanels = 4_000;
    private const double Drop = 50;

    private static readonly MathNet.Numerics.Integration.GaussLegendreRule Rule = new(-1, 1, 16);

    /// <summary>(1 + d) E[(1 − p)^k/(p + d)], p ~ Beta(α, b), k = 0 or 1, d &gt; 0.</summary>
    public static double Expected(double alpha, double b, int k, double d)
    {
        double numerator = LnIntegral(alpha, b, k, d, true);
        double denominator = LnIntegral(alpha, b, 0, d, false);
        return (1 + d) * Math.Exp(numerator - denominator);
    }

    /// <summary>Whether a 2F1 value can be (1 + d) E[(1 − p)^k/(p + d)]: finite and within Jensen's bound and 1/d (to 1e-9).</summary>
    public static bool Plausible(double value, double alpha, double b, int k, double d)
    {
        double mean = alpha / (alpha + b);
        double low = (1 + d) * (k == 0 ? 1 : 1 - mean) / (mean + d), high = (1 + d) / d;
        return double.IsFinite(value) && value >= low * (1 - 1e-9) && value <= high * (1 + 1e-9);
    }

    private static double LnIntegral(double alpha, double b, int k, double d, bool discounted)
    {
        double peak = Peak(alpha, b, k, d, discounted);
        double top = Psi(peak, alpha, b, k, d, discounted);
        double sum = 0;
        foreach (int side in (ReadOnlySpan<int>)[-1, 1])
        {
            double edge = peak;
            for (int panel = 0; ; panel++)
            {
                double next = edge + (side * PanelWidth);
                double center = 0.5 * (edge + next);
                for (int i = 0; i < Rule.Order; i++)
                {
                    double y = center + (0.5 * PanelWidth * Rule.Abscissas[i]);
                    sum += 0.5 * PanelWidth * Rule.Weights[i] * Math.Exp(Psi(y, alpha, b, k, d, discounted) - top);
                }

                edge = next;
                double drop = top - Psi(edge, alpha, b, k, d, discounted);
                if (drop > Drop)
                {
                    break;
                }

                if (panel == MaxPanels)
                {
                    // Past here the log-integrand falls at least linearly (concave): its tail is at most e^ψ/|ψ'|.
                    double slope = Math.Abs(Slope(edge, alpha, b, k, d, discounted));
                    sum += slope > 0 ? Math.Exp(-drop) / slope : double.PositiveInfinity;
                    break;
                }
            }
        }

        return top + Math.Log(sum);
    }

    /// <summary>The peak of the concave log-integrand, by bisection on its slope.</summary>
    private static double Peak(double alpha, double b, int k, double d, bool discounted)
    {
        double low = -1500, high = 1500;
        for (int i = 0; i < 100 && high - low > 1e-9; i++)
        {
            double mid = 0.5 * (low + high);
            if (Slope(mid, alpha, b, k, d, discounted) > 0)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }

        return 0.5 * (low + high);
    }

    /// <summary>ln of the integrand in y = logit p: φ(y) + k ln(1 − p) − ln(p + d) (the last two when discounted).</summary>
    private static double Psi(double y, double alpha, double b, int k, double d, bool discounted)
    {
        double value = (-alpha * Softplus(-y)) - ((b + k) * Softplus(y));
        return discounted ? value - Math.Log(Sigmoid(y) + d) : value;
    }

    private static double Slope(double y, double alpha, double b, int k, double d, bool discounted)
    {
        double p = Sigmoid(y), q = Sigmoid(-y);
        double value = (alpha * q) - ((b + k) * p);
        return discounted ? value - (p * q / (p + d)) : value;
    }

    /// <summary>ln(1 + e^t) without overflow.</summary>
    private static double Softplus(double t) => t > 35 ? t + Math.Exp(-t) : SpecialMath.Log1P(Math.Exp(t));

    private static double Sigmoid(double y) => 1 / (1 + Math.Exp(-y));
}
