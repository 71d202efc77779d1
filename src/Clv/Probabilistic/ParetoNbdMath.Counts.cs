using Clv.Internal;
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
    /// P(N(t) &gt; 0) for a customer alive at time 0: 1 − P(N(t) = 0) formed without that subtraction, as
    /// S(t) (1 − A(t)) + ∫_0^t f(τ) (1 − A(τ)) dτ, with S the dropout survival (β/(β + t))^s, f its density and
    /// A(τ) = (α/(α + τ))^r the chance of no purchase in τ; each 1 − A is −expm1(−r log1p(τ/α)). It keeps its digits where
    /// it is tiny (a short horizon, a low level asked of the next-purchase time), where 1 − P(0) had an absolute floor near
    /// 1e-16 (the time by which a purchase has probability 1e-300 came out as 8.9e-16 instead of about 1e-300). The
    /// quadrature runs in v = ln(β + τ) − ln β, with τ = β expm1(v), over the count integral's range.
    /// </summary>
    public static double AnyPurchaseProbability(double r, double alpha, double s, double beta, double time)
    {
        if (time == 0)
        {
            return 0;
        }

        double span = SpecialMath.Log1P(time / beta);
        double survivor = Math.Exp(-s * span) * SomePurchase(r, alpha, time);
        double hi = Math.Min(span, 46 / s);
        int panels = CountPanels(0, hi, 0);
        double panelWidth = hi / panels;
        double integral = 0;
        for (int p = 0; p < panels; p++)
        {
            double mid = (p + 0.5) * panelWidth;
            for (int i = 0; i < GaussNodes.Length; i++)
            {
                // s β^s (β + τ)^-(s + 1) dτ = s e^(-s v) dv
                double v = mid + (0.5 * panelWidth * GaussNodes[i]);
                integral += GaussWeights[i] * s * Math.Exp(-s * v) * SomePurchase(r, alpha, beta * SpecialMath.ExpM1(v));
            }
        }

        return Math.Clamp(survivor + (0.5 * panelWidth * integral), 0, 1);
    }

    /// <summary>
    /// P(some purchase before dropping out) for a customer alive at time 0, E[λ/(λ + μ)], the limit of
    /// <see cref="AnyPurchaseProbability"/> as t grows: taken at a t where what is left, at most S(t) A(t), is below e^-50.
    /// </summary>
    public static double AnyPurchaseLimit(double r, double alpha, double s, double beta) =>
        AnyPurchaseProbability(r, alpha, s, beta, Math.Exp(LimitLnHorizon(r, alpha, s, beta)) - beta);

    /// <summary>ln(β + t) of the horizon taken as the limit: S(t) A(t), which decays like (β + τ)^-(r + s), has fallen by e^-50 there (capped at 700).</summary>
    private static double LimitLnHorizon(double r, double alpha, double s, double beta) =>
        Math.Min(Math.Log(beta) + Math.Max(0, Math.Log(alpha / beta)) + 1 + (50 / (r + s)), 700);

    /// <summary>1 − (α/(α + τ))^r, the chance of at least one purchase in τ at a Gamma(r, α) rate, to full relative precision.</summary>
    private static double SomePurchase(double r, double alpha, double tau) => -SpecialMath.ExpM1(-r * SpecialMath.Log1P(tau / alpha));

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
