using Clv.Internal;

namespace Clv.Probabilistic;

/// <summary>
/// BG/NBD's and MBG/NBD's expected purchases by quadrature, where the closed form's 2F1 series fails (a new customer with
/// b ≥ 1e8 and t/α ≥ 5e4, or r = 1e6 with α = 1, used to get 0). A customer alive now, with purchase rate λ ~ Gamma(s, A)
/// and dropout probability p after each purchase, makes E[Y(t) | λ, p] = (1 − e^(−λ p t))/p purchases in t, so
/// E[Y(t)] = E over p ~ Beta(a, b′) of (1 − (1 + p t/A)^(−s))/p. In y = logit p the Beta density is log-concave, its mode at
/// ln(a/b′) and its tails e^(a y) and e^(−b′ y): panels of Gauss-Legendre points step out from the mode, growing in the
/// tails, until the density has fallen by e^-46, and the sum is divided by the same sum of the density (so no Beta function
/// is needed and a truncated tail of the density costs little: the integrand is flat there).
/// </summary>
internal static class BetaGeometricFallback
{
    private static readonly double[] Nodes =
    [
        -0.9602898564975363, -0.7966664774136267, -0.5255324099163290, -0.1834346424956498,
        0.1834346424956498, 0.5255324099163290, 0.7966664774136267, 0.9602898564975363,
    ];

    private static readonly double[] Weights =
    [
        0.1012285362903763, 0.2223810344533745, 0.3137066458778873, 0.3626837833783620,
        0.3626837833783620, 0.3137066458778873, 0.2223810344533745, 0.1012285362903763,
    ];

    /// <summary>Panels per side at most: the growth of 10% a panel reaches any tail of a finite density well within it.</summary>
    private const int MaxPanels = 4000;

    /// <summary>
    /// E over p ~ Beta(<paramref name="a"/>, <paramref name="bPrime"/>) of (1 − (1 + p t/A)^(−s))/p. BG/NBD: a new customer
    /// has s = r, A = α, b′ = b; a customer alive at T after x repeat purchases s = r + x, A = α + T, b′ = b + x (MBG/NBD:
    /// b + x + 1; its new customer is b/(a + b) times the value at b′ = b + 1).
    /// </summary>
    public static double ExpectedIfAlive(double s, double capitalA, double a, double bPrime, double time)
    {
        double mode = Math.Log(a) - Math.Log(bPrime);
        double spread = Math.Sqrt((1 / a) + (1 / bPrime));
        double width = Math.Min(spread, 1) / 2;
        double top = LnDensity(mode, a, bPrime);
        double numerator = 0, denominator = 0;
        Side(+1, mode, width, Math.Max(width, 2 / bPrime), top, s, capitalA, a, bPrime, time, ref numerator, ref denominator);
        Side(-1, mode, width, Math.Max(width, 2 / a), top, s, capitalA, a, bPrime, time, ref numerator, ref denominator);
        return numerator / denominator;
    }

    /// <summary>Panels from the mode out to one side until the density has fallen by e^-46 from its top.</summary>
    private static void Side(int direction, double mode, double width, double maxWidth, double top, double s, double capitalA, double a, double bPrime, double time,
        ref double numerator, ref double denominator)
    {
        double start = mode;
        for (int panel = 0; panel < MaxPanels; panel++)
        {
            double end = start + (direction * width);
            double middle = 0.5 * (start + end), half = 0.5 * width;
            for (int i = 0; i < Nodes.Length; i++)
            {
                double y = middle + (half * Nodes[i]);
                double density = Math.Exp(LnDensity(y, a, bPrime) - top);
                numerator += Weights[i] * half * density * Integrand(y, s, capitalA, time);
                denominator += Weights[i] * half * density;
            }

            if (LnDensity(end, a, bPrime) - top < -46)
            {
                return;
            }

            start = end;
            width = Math.Min(width * 1.1, maxWidth);
        }
    }

    /// <summary>ln of p^a (1 − p)^b′ at p = logistic(y): the Beta density in y = logit p, up to its constant.</summary>
    private static double LnDensity(double y, double a, double bPrime) => (a * y) - ((a + bPrime) * SpecialMath.Log1PExp(y));

    /// <summary>(1 − (1 + p t/A)^(−s))/p at p = logistic(y), s t/A in the limit p → 0.</summary>
    private static double Integrand(double y, double s, double capitalA, double time)
    {
        double p = y < 0 ? Math.Exp(y) / (1 + Math.Exp(y)) : 1 / (1 + Math.Exp(-y));
        double scale = time / capitalA;
        double q = p * scale;
        if (q < 1e-12)
        {
            return s * scale;
        }

        return -SpecialMath.ExpM1(-s * SpecialMath.Log1P(q)) / p;
    }
}
