using Clv.Internal;
using MathNet.Numerics;

namespace Clv.Probabilistic;

/// <summary>
/// The Pareto/NBD formulas in log space (Fader, Hardie and Lee 2005, "A note on deriving the Pareto/NBD model
/// and related expressions"). Arguments are trusted: <see cref="ParetoNbdModel"/> validates them.
/// </summary>
/// <remarks>
/// The likelihood's A0 is written through the tail integral
/// F(t) = integral from t to infinity of (alpha + tau)^-(r + x) (beta + tau)^-(s + 1) d tau, which is
/// 2F1(r + s + x, s + 1; r + s + x + 1; (alpha - beta)/(alpha + t)) / ((r + s + x)(alpha + t)^(r + s + x)) when
/// alpha &gt;= beta and 2F1(r + s + x, r + x; r + s + x + 1; (beta - alpha)/(beta + t)) / ((r + s + x)(beta + t)^(r + s + x))
/// when alpha &lt; beta, so A0 = (r + s + x)(F(t_x) - F(T)) and s/(r + s + x) A0 = s (F(t_x) - F(T)).
/// Every term is kept as a logarithm with a sign; the difference is taken by log-sum-exp with signs.
/// <para>
/// The tail and the alive term are returned multiplied by α^r β^s (their logarithms plus r ln α + s ln β), the likelihood's
/// own factor: -a ln(M + t) + r ln α + s ln β is summed as -r ln((M + t)/α) - s ln((M + t)/β) - x ln(M + t), M = max(α, β),
/// with ln(1 + t/M) taken directly. Where every customer buys at one rate (r and α in the hundreds of millions) the
/// terms of the plain form are 1e10 each and cancel to a few units.
/// </para>
/// </remarks>
internal static partial class ParetoNbdMath
{
    /// <summary>Above this 2F1 argument the tail is integrated numerically instead (the series needs ~1/(1 - z) terms).</summary>
    private const double SeriesLimit = 0.95;

    /// <summary>ln |α^r β^s F(t)| with its sign (always +1 for valid parameters).</summary>
    public static double LnTail(double r, double alpha, double s, double beta, int x, double t, out int sign)
    {
        double a = r + s + x;
        bool alphaLarger = alpha >= beta;
        double large = (alphaLarger ? alpha : beta) + t, small = (alphaLarger ? beta : alpha) + t;
        double b = alphaLarger ? s + 1 : r + x;
        double z = (large - small) / large;
        double lnI;
        if (z > SeriesLimit)
        {
            sign = 1;
            lnI = LnTailIntegralByQuadrature(a, b, small / large, out _, out _, out _);
        }
        else
        {
            lnI = Hypergeometric.Hyp2F1Ln(a, b, a + 1, z, out sign) - Math.Log(a);
        }

        return lnI - Scale(r, alpha, s, beta, x, t, out _, out _);
    }

    /// <summary>
    /// a ln(M + t) - r ln α - s ln β with M = max(α, β), a = r + s + x, without the cancellation of its terms; and the
    /// two logarithms it is made of, ln((M + t)/α) and ln((M + t)/β).
    /// </summary>
    private static double Scale(double r, double alpha, double s, double beta, int x, double t, out double overAlpha, out double overBeta)
    {
        double large = Math.Max(alpha, beta);
        double grow = SpecialMath.LnOneAndRatio(t, large);
        overAlpha = alpha >= beta ? grow : Math.Log(beta / alpha) + grow;
        overBeta = alpha >= beta ? Math.Log(alpha / beta) + grow : grow;
        return (r * overAlpha) + (s * overBeta) + (x * Math.Log(large + t));
    }

    /// <summary>
    /// ln F(t) = -a ln M + ln integral_0^1 v^(a - 1) (1 - z v)^-b dv (Euler's integral for 2F1(a, b; a + 1; z)/a), for z near 1
    /// where the series converges slowly: [0, 1/2] is 2F1(a, b; a + 1; z/2) (1/2)^a / a by its fast series, and on [1/2, 1]
    /// with w = 1 - v = e^y the peak of (eps + z w)^-b at w ~ eps/b is smooth in y and taken by Gauss-Legendre panels.
    /// </summary>
    /// <param name="a">r + s + x.</param>
    /// <param name="b">s + 1 (alpha &gt;= beta) or r + x.</param>
    /// <param name="epsilon">1 - z = (min(alpha, beta) + t)/(max(alpha, beta) + t), computed without cancellation.</param>
    /// <param name="large">max(alpha, beta) + t.</param>
    internal static double LnTailByQuadrature(double a, double b, double epsilon, double large) =>
        LnTailIntegralByQuadrature(a, b, epsilon, out _, out _, out _) - (a * Math.Log(large));

    /// <summary>
    /// ln α^r β^s F(t) with its gradient d / d(ln r, ln α, ln s, ln β), analytic in both branches: F(t) = I(a, b, z) / M^a with
    /// I(a, b, z) = ∫₀¹ v^(a−1) (1 − z v)^(−b) dv = ₂F₁(a, b; a + 1; z)/a, a = r + s + x, and (b, z, M) = (s + 1, (α − β)/(α + t), α + t)
    /// when α ≥ β or (r + x, (β − α)/(β + t), β + t) otherwise. The derivatives of I in a, b and z are summed alongside the series
    /// (or the quadrature) that gives I, then carried to the parameters by the chain rule.
    /// </summary>
    public static double LnTail(double r, double alpha, double s, double beta, int x, double t, Span<double> gradient)
    {
        double a = r + s + x;
        bool alphaLarger = alpha >= beta;
        double large = (alphaLarger ? alpha : beta) + t, small = (alphaLarger ? beta : alpha) + t;
        double b = alphaLarger ? s + 1 : r + x;
        double z = (large - small) / large;
        double lnI, ia, ib, iz;
        if (z == 0)
        {
            // I(a, b, 0) = 1/a; dI/dz = b/(a + 1) · (1/a) at z = 0.
            lnI = -Math.Log(a);
            ia = -1 / a;
            ib = 0;
            iz = a * b / (a + 1);
        }
        else if (z > SeriesLimit)
        {
            lnI = LnTailIntegralByQuadrature(a, b, small / large, out ia, out ib, out iz);
        }
        else
        {
            Span<double> h = stackalloc double[4];
            lnI = Hypergeometric.Hyp2F1Ln(a, b, a + 1, z, out _, h) - Math.Log(a);
            ia = h[0] + h[2] - (1 / a);
            ib = h[1];
            iz = h[3];
        }

        // d ln F = d ln I − a d ln M − ln M da, with da/dr = da/ds = 1 and b, z, M as above; r ln α + s ln β adds
        // (r ln α, r, s ln β, s), which turns the ln M of the first and third into ln(M/α) and ln(M/β).
        double scale = Scale(r, alpha, s, beta, x, t, out double overAlpha, out double overBeta);
        double baseR = ia - overAlpha, baseS = ia - overBeta;
        if (alphaLarger)
        {
            gradient[0] = r * baseR;
            gradient[2] = s * (baseS + ib);
            gradient[1] = (alpha * ((iz * small / (large * large)) - (a / large))) + r;
            gradient[3] = (beta * (-iz / large)) + s;
        }
        else
        {
            gradient[0] = r * (baseR + ib);
            gradient[2] = s * baseS;
            gradient[1] = (alpha * (-iz / large)) + r;
            gradient[3] = (beta * ((iz * small / (large * large)) - (a / large))) + s;
        }

        return lnI - scale;
    }

    /// <summary>
    /// ln I(a, b, z) by <see cref="LnTailByQuadrature"/>'s split (series on [0, 1/2], Gauss-Legendre panels on [1/2, 1]), with
    /// d ln I / d(a, b, z): under the integral they weight the integrand by ln v, −ln(1 − z v) and b v/(1 − z v). Where a is
    /// large against b (r in the millions), by Gauss-Laguerre instead (<see cref="LnTailIntegralByLaguerre"/>).
    /// </summary>
    private static double LnTailIntegralByQuadrature(double a, double b, double epsilon, out double da, out double db, out double dz) =>
        LaguerreApplies(a, b, epsilon)
            ? LnTailIntegralByLaguerre(a, b, epsilon, out da, out db, out dz)
            : LnTailIntegralByPanels(a, b, epsilon, out da, out db, out dz);

    /// <summary><see cref="LnTailIntegralByQuadrature"/>'s split: the series on [0, 1/2] and Gauss-Legendre panels on [1/2, 1].</summary>
    internal static double LnTailIntegralByPanels(double a, double b, double epsilon, out double da, out double db, out double dz)
    {
        double z = 1 - epsilon;

        // [0, 1/2]: (1/2)^a I(a, b, z/2).
        Span<double> h = stackalloc double[4];
        double lnLow = Hypergeometric.Hyp2F1Ln(a, b, a + 1, 0.5 * z, out _, h) - (a * Math.Log(2)) - Math.Log(a);
        double lowA = h[0] + h[2] - (1 / a) - Math.Log(2), lowB = h[1], lowZ = 0.5 * h[3];

        // [1/2, 1] in y = ln w, w = 1 - v: Gauss-Legendre panels of width 1 down to y_c, below which the integrand
        // ε^-b e^y (1 - e^y)^(a-1) (1 + (z/ε) e^y)^-b is ε^-b (q - k q²) + O(q³) with q = e^y, k = a - 1 + b z/ε: that part is
        // taken in closed form, q_c - k q_c²/2, with k q_c = 1e-5 so the neglected terms are below 1e-10 of it.
        double lnEps = Math.Log(epsilon);
        double lnK = LnSlope(a, b, z, epsilon, lnEps);
        double lo = Math.Min(Math.Log(1e-5) - lnK, -Math.Log(2) - 1), hi = -Math.Log(2);
        int panels = (int)Math.Ceiling(hi - lo);
        double width = (hi - lo) / panels;
        double lnScale = -b * lnEps;
        double qc = Math.Exp(lo);
        double below = qc * (1 - (0.5 * Math.Exp(lnK + lo)));

        // Every node's term is at most w e^(-(a-1) w) (ln v <= -w, u >= ε), falling in w past w = 1/(a - 1), and the sum is at least
        // the closed-form part: panels whose terms are all below 1e-17 of that are skipped (where r is in the hundreds of millions,
        // as when every customer buys at one rate, that is half of them).
        double lnCut = Math.Log(1e-17 * below / (hi - lo));
        double sum = 0, sa = 0, sb = 0, sz = 0;
        for (int p = 0; p < panels; p++)
        {
            double edge = lo + (p * width), wEdge = Math.Exp(edge);
            if (a > 1 && (a - 1) * wEdge >= 1 && edge - ((a - 1) * wEdge) < lnCut)
            {
                break;
            }

            double mid = lo + ((p + 0.5) * width);
            for (int i = 0; i < TailNodes.Length; i++)
            {
                double y = mid + (0.5 * width * TailNodes[i]);
                double w = Math.Exp(y);
                double lnV = SpecialMath.Log1P(-w);
                double u = epsilon + (z * w);
                double lnU = Math.Log(u);
                double f = TailWeights[i] * 0.5 * width * Math.Exp(((a - 1) * lnV) - (b * lnU) + y - lnScale);
                sum += f;
                sa += f * lnV;
                sb -= f * lnU;
                sz += f * (1 - w) / u;
            }
        }

        // The closed-form part below y_c (scaled by ε^b): d ln integrand / d(a, b, z) → (0, -ln ε, b/ε) as q → 0.
        sum += below;
        sb -= below * lnEps;
        sz += below / epsilon;

        double lnHigh = lnScale + Math.Log(sum);
        double ln = SpecialMath.LnAddExp(lnLow, lnHigh);
        double shareLow = Math.Exp(lnLow - ln), shareHigh = Math.Exp(lnHigh - ln);
        da = (shareLow * lowA) + (shareHigh * sa / sum);
        db = (shareLow * lowB) + (shareHigh * sb / sum);
        dz = (shareLow * lowZ) + (shareHigh * b * sz / sum);
        return ln;
    }

    /// <summary>
    /// ln k, k = a - 1 + b z/ε (at least 1e-300): the slope of the quadrature's integrand at w → 0, in log space because
    /// b/ε overflows when r or s is huge and ε tiny (r = 1e300, β/α = 3e99: an infinite k made 2^31 panels, a hang).
    /// </summary>
    private static double LnSlope(double a, double b, double z, double epsilon, double lnEps)
    {
        double k = (a - 1) + (b * z / epsilon);
        return double.IsFinite(k)
            ? Math.Log(Math.Max(k, 1e-300))
            : SpecialMath.LnAddExp(Math.Log(Math.Max(a - 1, 1e-300)), Math.Log(b) + Math.Log(z) - lnEps);
    }

    /// <summary>ln |α^r β^s A0| with its sign: A0 = (r + s + x)(F(t_x) - F(T)); -infinity (sign 0) when t_x = T.</summary>
    public static double LnA0(double r, double alpha, double s, double beta, int x, double recency, double age, out int sign)
    {
        double lnTx = LnTail(r, alpha, s, beta, x, recency, out int signTx);
        double lnT = LnTail(r, alpha, s, beta, x, age, out int signT);
        double lnDiff = SpecialMath.LnDiffExp(lnTx, signTx, lnT, signT, out sign);
        return lnDiff + Math.Log(r + s + x);
    }

    /// <summary>ln of α^r β^s s (F(t_x) - F(T)), the "died between t_x and T" term; -infinity when it vanishes.</summary>
    public static double LnDiedTerm(double r, double alpha, double s, double beta, int x, double recency, double age)
    {
        if (!(recency < age))
        {
            return double.NegativeInfinity;
        }

        double lnTx = LnTail(r, alpha, s, beta, x, recency, out _);
        double lnT = LnTail(r, alpha, s, beta, x, age, out _);
        return LnDiedTerm(s, lnTx, lnT);
    }

    /// <summary>ln of α^r β^s s (F(t_x) - F(T)) from the tails' <see cref="LnTail(double, double, double, double, int, double, out int)"/> at t_x and T.</summary>
    public static double LnDiedTerm(double s, double lnTx, double lnT)
    {
        double lnDiff = SpecialMath.LnDiffExp(lnTx, 1, lnT, 1, out int sign);

        // The difference is positive in exact arithmetic; a non-positive result is rounding when t_x is within
        // an ulp of T, where the term is negligible against the alive term.
        return sign > 0 ? Math.Log(s) + lnDiff : double.NegativeInfinity;
    }

    /// <summary>ln of the "alive at T" term α^r β^s (α + T)^-(r + x) (β + T)^-s, as -r ln(1 + T/α) - x ln(α + T) - s ln(1 + T/β).</summary>
    public static double LnAliveTerm(double r, double alpha, double s, double beta, int x, double age) =>
        (-r * SpecialMath.LnOneAndRatio(age, alpha)) - (x * Math.Log(alpha + age)) - (s * SpecialMath.LnOneAndRatio(age, beta));

    /// <summary>ln L for one customer.</summary>
    public static double LnLikelihood(double r, double alpha, double s, double beta, int x, double recency, double age)
    {
        double lnAlive = LnAliveTerm(r, alpha, s, beta, x, age);
        double lnDied = LnDiedTerm(r, alpha, s, beta, x, recency, age);
        return SpecialMath.GammaLnRatio(r, x) + SpecialMath.LnAddExp(lnAlive, lnDied);
    }

    /// <summary>P(alive | x, t_x, T) = 1 / (1 + s (F(t_x) - F(T)) / ((alpha + T)^-(r + x) (beta + T)^-s)).</summary>
    public static double ProbabilityAlive(double r, double alpha, double s, double beta, int x, double recency, double age)
    {
        double lnAlive = LnAliveTerm(r, alpha, s, beta, x, age);
        double lnDied = LnDiedTerm(r, alpha, s, beta, x, recency, age);
        return 1.0 / (1.0 + Math.Exp(lnDied - lnAlive));
    }

    /// <summary>P(alive) from precomputed tails ln F(t_x) and ln F(T) (see <see cref="LnTail(double, double, double, double, int, double, out int)"/>).</summary>
    public static double ProbabilityAlive(double r, double alpha, double s, double beta, int x, double recency, double age, double lnTx, double lnT)
    {
        if (!(recency < age))
        {
            return 1;
        }

        double lnAlive = LnAliveTerm(r, alpha, s, beta, x, age);
        return 1.0 / (1.0 + Math.Exp(LnDiedTerm(s, lnTx, lnT) - lnAlive));
    }

    /// <summary>
    /// E[X(t)] = r beta / (alpha (s - 1)) [1 - (beta/(beta + t))^(s - 1)], written as
    /// (r/alpha) beta ln(1 + t/beta) (e^u - 1)/u with u = (1 - s) ln(1 + t/beta), which is the same for s != 1 and
    /// its limit (r/alpha) beta ln(1 + t/beta) at s = 1.
    /// </summary>
    public static double ExpectedPurchases(double r, double alpha, double s, double beta, double time) =>
        r / alpha * GrowthIntegral(s, beta, time);

    /// <summary>
    /// E[Y(t) | x, t_x, T] = (r + x)/(alpha + T) (beta + T)/(s - 1) [1 - ((beta + T)/(beta + T + t))^(s - 1)] P(alive),
    /// in the same s-stable form as <see cref="ExpectedPurchases"/>.
    /// </summary>
    public static double ConditionalExpectedPurchases(double r, double alpha, double s, double beta, int x, double recency, double age, double time)
    {
        if (time == 0)
        {
            return 0;
        }

        return ProbabilityAlive(r, alpha, s, beta, x, recency, age) * ExpectedPurchasesIfAlive(r, alpha, s, beta, x, age, time);
    }

    /// <summary>E[Y(t) | alive at T, x] = (r + x)/(alpha + T) (beta + T)/(s - 1) [1 - ((beta + T)/(beta + T + t))^(s - 1)], s-stable.</summary>
    public static double ExpectedPurchasesIfAlive(double r, double alpha, double s, double beta, int x, double age, double time) =>
        time == 0 ? 0 : (r + x) / (alpha + age) * GrowthIntegral(s, beta + age, time);

    /// <summary>
    /// The expected time alive within (0, t] for a customer alive at 0 with dropout rate ~ Gamma(s, beta):
    /// beta/(s - 1) [1 - (beta/(beta + t))^(s - 1)], s-stable (exact limit beta ln(1 + t/beta) at s = 1).
    /// </summary>
    public static double GrowthIntegral(double s, double beta, double time)
    {
        double lnRatio = SpecialMath.Log1P(time / beta);
        double u = (1 - s) * lnRatio;
        return beta * lnRatio * ExpM1OverX(u);
    }

    /// <summary>(e^u - 1)/u, 1 at u = 0.</summary>
    private static double ExpM1OverX(double u) =>
        Math.Abs(u) < 1e-8 ? 1 + (0.5 * u) : SpecialMath.ExpM1(u) / u;

    /// <summary>The tail integral's panels are one unit of ln w wide, where its integrand is smooth: 12 nodes give 1e-12.</summary>
    private static readonly MathNet.Numerics.Integration.GaussLegendreRule TailGauss = new(-1, 1, 12);

    private static readonly double[] TailNodes = TailGauss.Abscissas;

    private static readonly double[] TailWeights = TailGauss.Weights;
}
