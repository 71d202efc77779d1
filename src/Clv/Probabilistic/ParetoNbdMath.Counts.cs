using MathNet.Numerics;

namespace Clv.Probabilistic;

/// <summary>Pareto/NBD's purchase-count distribution: P(N(t) = k) by quadrature over the dropout time.</summary>
internal static partial class ParetoNbdMath
{
    /// <summary>
    /// P(N(t) = k) for a customer alive at time 0 whose purchase rate is Gamma(r, alpha) and dropout rate
    /// Gamma(s, beta): (beta/(beta + t))^s NB(k; tau = t) + integral over (0, t) of s beta^s (beta + tau)^-(s + 1) NB(k; tau) d tau,
    /// with NB(k; tau) = G(r + k)/(G(r) k!) (alpha/(alpha + tau))^r (tau/(alpha + tau))^k. The integral is taken by
    /// composite Gauss-Legendre quadrature in u = ln(beta + tau), where the integrand is smooth.
    /// </summary>
    public static double PurchaseCountProbability(double r, double alpha, double s, double beta, int count, double time)
    {
        if (time == 0)
        {
            return count == 0 ? 1 : 0;
        }

        double lnCoefficient = SpecialFunctions.GammaLn(r + count) - SpecialFunctions.GammaLn(r) - SpecialFunctions.GammaLn(count + 1.0);
        double lnBeta = Math.Log(beta);
        double survivor = Math.Exp((s * (lnBeta - Math.Log(beta + time))) + LnNegativeBinomial(lnCoefficient, r, alpha, count, time));

        var (lo, hi) = CountPanelRange(s, beta, time, lnBeta);
        int panels = CountPanels(lo, hi, count);
        double panelWidth = (hi - lo) / panels;
        double integral = 0;
        for (int p = 0; p < panels; p++)
        {
            double mid = lo + ((p + 0.5) * panelWidth);
            for (int i = 0; i < GaussNodes.Length; i++)
            {
                double u = mid + (0.5 * panelWidth * GaussNodes[i]);
                double tau = Math.Max(Math.Exp(u) - beta, 0);

                // s beta^s (beta + tau)^-(s + 1) d tau = s beta^s e^(-s u) du
                double lnDensity = Math.Log(s) + (s * (lnBeta - u));
                integral += GaussWeights[i] * Math.Exp(lnDensity + LnNegativeBinomial(lnCoefficient, r, alpha, count, tau));
            }
        }

        integral *= 0.5 * panelWidth;
        return Math.Clamp(survivor + integral, 0, 1);
    }

    /// <summary>
    /// The range of u = ln(β + τ) the count integral covers. The dropout density s β^s e^(-s u) has fallen by e^-46 at
    /// u = ln β + 46/s: beyond, the integral is below 1e-20, and a large s (dropout far faster than the horizon) would put its
    /// whole mass inside the first panel, between the nodes (P(0 purchases) came out as 0.004 where it is 1 - 1e-8). The
    /// panels cover where the mass is.
    /// </summary>
    internal static (double Lo, double Hi) CountPanelRange(double s, double beta, double time, double lnBeta) =>
        (lnBeta, Math.Min(Math.Log(beta + time), lnBeta + (46 / s)));

    /// <summary>The count integral's panels: the count's Poisson-like peak has relative width about 1/sqrt(count), and panels scale with it.</summary>
    internal static int CountPanels(double lo, double hi, int count) =>
        (int)Math.Clamp(Math.Ceiling((hi - lo) * (4 + (2 * Math.Sqrt(count)))), 8, 4000);

    /// <summary>
    /// P(no purchase before dropping out) for a customer alive at time 0: E[μ/(λ + μ)], the limit of P(N(t) = 0) as t grows. Taken
    /// as P(N(t) = 0) at a t where the integrand, which decays like (β + τ)^-(r + s), has fallen by e^-50 (capped at ln(β + t) = 700).
    /// </summary>
    public static double NeverPurchaseProbability(double r, double alpha, double s, double beta)
    {
        double lnBeta = Math.Log(beta);
        double upper = Math.Min(lnBeta + Math.Max(0, Math.Log(alpha / beta)) + 1 + (50 / (r + s)), 700);
        return PurchaseCountProbability(r, alpha, s, beta, 0, Math.Exp(upper) - beta);
    }

    /// <summary>ln NB(k; τ) = lnCoefficient + r ln(α/(α + τ)) + k ln(τ/(α + τ)), lnCoefficient = ln(Γ(r + k)/(Γ(r) k!)).</summary>
    internal static double LnNegativeBinomial(double lnCoefficient, double r, double alpha, int count, double tau)
    {
        double lnDen = Math.Log(alpha + tau);
        double lnTauPart = count == 0 ? 0 : count * (Math.Log(tau) - lnDen);
        return lnCoefficient + (r * (Math.Log(alpha) - lnDen)) + lnTauPart;
    }

    private static readonly MathNet.Numerics.Integration.GaussLegendreRule Gauss = new(-1, 1, 20);

    internal static readonly double[] GaussNodes = Gauss.Abscissas;

    internal static readonly double[] GaussWeights = Gauss.Weights;
}
