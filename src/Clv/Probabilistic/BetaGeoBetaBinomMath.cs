using Clv.Internal;
using MathNet.Numerics;

namespace Clv.Probabilistic;

/// <summary>
/// The BG/BB formulas of Fader, Hardie and Shang (2010), "Customer-base analysis in a discrete-time noncontractual
/// setting", all in log space: sums of beta-function ratios are taken by log-sum-exp, so nothing underflows for
/// long histories. Arguments are trusted: <see cref="BetaGeoBetaBinomModel"/> validates them.
/// </summary>
internal static class BetaGeoBetaBinomMath
{
    /// <summary>
    /// ln L(alpha, beta, gamma, delta | x, t_x, n) = ln( B(alpha + x, beta + n - x)/B(alpha, beta) B(gamma, delta + n)/B(gamma, delta)
    /// + sum_{i=0}^{n - t_x - 1} B(alpha + x, beta + t_x - x + i)/B(alpha, beta) B(gamma + 1, delta + t_x + i)/B(gamma, delta) ).
    /// When <paramref name="gradient"/> is not empty it receives d ln L / d(ln alpha, ln beta, ln gamma, ln delta).
    /// </summary>
    public static double LnLikelihood(double alpha, double beta, double gamma, double delta, int x, int tx, int n, Span<double> gradient)
    {
        double lnTerm0 = LnBetaRatio(alpha, beta, x, n - x) + LnBetaRatio(gamma, delta, 0, n);
        int count = n - tx;

        // One pass of log-sum-exp (the largest term so far carries the scale); each died term from the one before.
        double max = lnTerm0, sum = 1;
        double lnFirstDied = count > 0 ? LnDiedTerm(alpha, beta, gamma, delta, x, tx) : 0, lnDied = lnFirstDied;
        for (int i = 0; i < count; i++)
        {
            if (lnDied > max)
            {
                sum = (sum * Math.Exp(max - lnDied)) + 1;
                max = lnDied;
            }
            else
            {
                sum += Math.Exp(lnDied - max);
            }

            lnDied += LnDiedStep(alpha, beta, gamma, delta, x, tx, i);
        }

        double ln = max + Math.Log(sum);
        if (gradient.IsEmpty)
        {
            return ln;
        }

        // d ln L = sum_j w_j d ln term_j, with w_j = term_j / L.
        double psiA = SpecialFunctions.DiGamma(alpha), psiB = SpecialFunctions.DiGamma(beta), psiAb = SpecialFunctions.DiGamma(alpha + beta);
        double psiG = SpecialFunctions.DiGamma(gamma), psiD = SpecialFunctions.DiGamma(delta), psiGd = SpecialFunctions.DiGamma(gamma + delta);
        double psiAx = SpecialFunctions.DiGamma(alpha + x);
        double g0 = 0, g1 = 0, g2 = 0, g3 = 0;
        void Add(double weight, int m, int c, int k)
        {
            double psiAbxm = SpecialFunctions.DiGamma(alpha + beta + x + m);
            double psiGdck = SpecialFunctions.DiGamma(gamma + delta + c + k);
            g0 += weight * (psiAx - psiAbxm - psiA + psiAb);
            g1 += weight * (SpecialFunctions.DiGamma(beta + m) - psiAbxm - psiB + psiAb);
            g2 += weight * (SpecialFunctions.DiGamma(gamma + c) - psiGdck - psiG + psiGd);
            g3 += weight * (SpecialFunctions.DiGamma(delta + k) - psiGdck - psiD + psiGd);
        }

        Add(Math.Exp(lnTerm0 - ln), n - x, 0, n);
        lnDied = lnFirstDied;
        for (int i = 0; i < count; i++)
        {
            Add(Math.Exp(lnDied - ln), tx - x + i, 1, tx + i);
            lnDied += LnDiedStep(alpha, beta, gamma, delta, x, tx, i);
        }

        gradient[0] = alpha * g0;
        gradient[1] = beta * g1;
        gradient[2] = gamma * g2;
        gradient[3] = delta * g3;
        return ln;
    }

    /// <summary>ln of B(alpha + x, beta + t_x - x)/B(alpha, beta) B(gamma + 1, delta + t_x)/B(gamma, delta): alive through t_x, then died (the term i = 0).</summary>
    private static double LnDiedTerm(double alpha, double beta, double gamma, double delta, int x, int tx) =>
        LnBetaRatio(alpha, beta, x, tx - x) + LnBetaRatio(gamma, delta, 1, tx);

    /// <summary>From died term i to i + 1, B(a, b + 1)/B(a, b) = b/(a + b) in both betas: ln[(beta + t_x - x + i)/(alpha + beta + t_x + i) (delta + t_x + i)/(gamma + 1 + delta + t_x + i)].</summary>
    private static double LnDiedStep(double alpha, double beta, double gamma, double delta, int x, int tx, int i) =>
        Math.Log((beta + (tx - x + i)) / (alpha + beta + tx + i) * ((delta + tx + i) / (gamma + 1 + delta + tx + i)));

    /// <summary>P(alive at opportunity n + m | x, t_x, n) = B(alpha + x, beta + n - x)/B(alpha, beta) B(gamma, delta + n + m)/B(gamma, delta) / L.</summary>
    public static double ProbabilityAlive(double alpha, double beta, double gamma, double delta, int x, int tx, int n, int periodsAhead)
    {
        double ln = LnBetaRatio(alpha, beta, x, n - x) + LnBetaRatio(gamma, delta, 0, (double)n + periodsAhead)
            - LnLikelihood(alpha, beta, gamma, delta, x, tx, n, default);
        return Math.Clamp(Math.Exp(ln), 0, 1);
    }

    /// <summary>
    /// P(at least one purchase at opportunities n + 1 .. n + k | x, t_x, n) for k = 1, 2, ...: the sum over j &lt; k of the chance that
    /// the first purchase falls at opportunity n + j + 1 (alive there, j empty opportunities before it),
    /// F_j = B(α + x + 1, β + n - x + j) B(γ, δ + n + j + 1) / (B(α, β) B(γ, δ) L), a sum of positive terms, so a small chance
    /// keeps its relative precision (no difference of numbers near 1). U_j = B(α + x, β + n - x + j) B(γ, δ + n + j) / (B(α, β) B(γ, δ) L)
    /// is the chance of being alive after j empty opportunities. Calls <paramref name="visit"/> with (k, P, U_k) until it returns
    /// false; P + U_k bounds every later P from above.
    /// </summary>
    public static void AnyPurchase(double alpha, double beta, double gamma, double delta, int x, int tx, int n, Func<int, double, double, bool> visit)
    {
        double lnL = LnLikelihood(alpha, beta, gamma, delta, x, tx, n, default);

        // U and F are probabilities (at most 1) that only shrink from j to j + 1: each is carried as a mantissa kept above
        // 1e-150 times a power of two, and each step multiplies the mantissa by a product of two ratios (no logarithm or
        // exponential: a walk of 10^8 opportunities takes a fraction of a second). A plain double would stall once subnormal
        // (a product of ratios near 1 rounds back to the same few units of 2^-1074, and the sum then grows by a constant).
        // Setting them again from their closed forms now and then made them worse: at j = 10^5 the ln-gamma differences in
        // B(a, b + j) lose more digits than 10^5 rounded products do.
        var u = Scaled.FromLn(LnBetaRatio(alpha, beta, x, n - x) + LnBetaRatio(gamma, delta, 0, n) - lnL);
        var f = Scaled.FromLn(LnBetaRatio(alpha, beta, x + 1, n - x) + LnBetaRatio(gamma, delta, 0, n + 1.0) - lnL);
        double p = 0;
        for (int k = 1; ; k++)
        {
            double j = k - 1;
            p += f.Value;

            // From j to j + 1: B(a, b + 1)/B(a, b) = b/(a + b) in both betas.
            double b = beta + (n - x) + j, d = delta + n + j;
            u.Multiply(b / (alpha + beta + n + j) * (d / (gamma + delta + n + j)));
            f.Multiply(b / (alpha + beta + n + j + 1) * ((d + 1) / (gamma + delta + n + j + 1)));
            if (!visit(k, Math.Min(p, 1), u.Value))
            {
                return;
            }
        }
    }

    /// <summary>A positive number as mantissa × 2^exponent, the mantissa kept above 1e-150 (a probability that only shrinks).</summary>
    private struct Scaled
    {
        private const int Floor = -500;
        private double _mantissa;
        private int _exponent;

        /// <summary>The number, rounded once to a double (0 below the smallest subnormal).</summary>
        public readonly double Value => _exponent == 0 ? _mantissa : Math.ScaleB(_mantissa, _exponent);

        /// <summary>e^<paramref name="ln"/>, without underflow for any finite <paramref name="ln"/>.</summary>
        public static Scaled FromLn(double ln)
        {
            if (double.IsNegativeInfinity(ln))
            {
                return default;
            }

            int exponent = ln >= -600 ? 0 : (int)Math.Floor(ln / Math.Log(2));
            return new Scaled { _mantissa = Math.Exp(ln - (exponent * Math.Log(2))), _exponent = exponent };
        }

        /// <summary>Multiplies by a ratio in (0, 1], moving the scale into the exponent before the mantissa gets small.</summary>
        public void Multiply(double ratio)
        {
            _mantissa *= ratio;
            if (_mantissa < 1e-150 && _mantissa > 0)
            {
                _mantissa = Math.ScaleB(_mantissa, -Floor);
                _exponent += Floor;
            }
        }
    }

    /// <summary>
    /// E[X(n, n + n*) | x, t_x, n] = B(alpha + x + 1, beta + n - x)/B(alpha, beta) delta/(gamma - 1) G(gamma + delta)/G(1 + delta)
    /// [G(1 + delta + n)/G(gamma + delta + n) - G(1 + delta + n + n*)/G(gamma + delta + n + n*)] / L, in log space and
    /// stable through gamma = 1.
    /// </summary>
    public static double ConditionalExpectedPurchases(double alpha, double beta, double gamma, double delta, int x, int tx, int n, int periods)
    {
        if (periods == 0)
        {
            return 0;
        }

        double ln = LnBetaRatio(alpha, beta, x + 1, n - x)
            + Math.Log(delta) + RatioChangeLn(gamma, delta, 0, n) + LnSurvivalSum(gamma, delta, n, periods)
            - LnLikelihood(alpha, beta, gamma, delta, x, tx, n, default);
        return Math.Exp(ln);
    }

    /// <summary>E[X(n)] = alpha/(alpha + beta) delta/(gamma - 1) [1 - G(gamma + delta)/G(gamma + delta + n) G(1 + delta + n)/G(1 + delta)], stable through gamma = 1.</summary>
    public static double ExpectedPurchases(double alpha, double beta, double gamma, double delta, int periods)
    {
        if (periods == 0)
        {
            return 0;
        }

        // With ratio(m) = G(1 + delta + m)/G(gamma + delta + m): delta/(gamma - 1) [1 - ratio(n)/ratio(0)].
        double ln = Math.Log(alpha) - Math.Log(alpha + beta) + Math.Log(delta) + LnSurvivalSum(gamma, delta, 0, periods);
        return Math.Exp(ln);
    }

    /// <summary>
    /// ln G(1 + delta + m) - ln G(gamma + delta + m), as ln G(x + c) - ln G(x) with the shift c = |1 - gamma| and the base x the smaller
    /// argument: by Stirling's series once x ≥ 1000 (two ln G values of 1e12 and more differ only in digits their rounding loses).
    /// </summary>
    private static double RatioLn(double gamma, double delta, double m)
    {
        double low = Math.Min(1, gamma) + delta + m, shift = Math.Abs(1 - gamma);
        double ln = low >= 1000 ? ShiftedBetaGeometricSurvival.GammaShift(low, shift) : SpecialFunctions.GammaLn(low + shift) - SpecialFunctions.GammaLn(low);
        return gamma < 1 ? ln : -ln;
    }

    /// <summary>
    /// ln[ratio(m + k)/ratio(m)], ratio(m) = G(1 + delta + m)/G(gamma + delta + m): a difference of <see cref="RatioLn"/> values (each of
    /// the size of |1 - gamma| ln m) while gamma ≤ 2; beyond, where they grow with gamma (6.9e302 at 1e300) and their difference
    /// would keep no digit, the ln G ratios over the k steps.
    /// </summary>
    private static double RatioChangeLn(double gamma, double delta, double m, double k) =>
        gamma <= 2
            ? RatioLn(gamma, delta, m + k) - RatioLn(gamma, delta, m)
            : LnPochhammer(1 + delta + m, k) - LnPochhammer(gamma + delta + m, k);

    /// <summary>
    /// ln[B(a + i, b + j) / B(a, b)] for whole i, j ≥ 0, as ln Γ ratios (<see cref="LnPochhammer"/>) rather than a difference of two
    /// ln B values: at a = b = 1e12 each ln B is about −1.4e12, and its rounding alone (1e-4) exceeded the ratio's own digits.
    /// </summary>
    internal static double LnBetaRatio(double a, double b, double i, double j) =>
        LnPochhammer(a, i) + LnPochhammer(b, j) - LnPochhammer(a + b, i + j);

    /// <summary>
    /// ln Γ(a + n) − ln Γ(a) for a whole n ≥ 0: for a ≥ 1000 by Stirling's series, (a − 1/2) ln(1 + n/a) + n ln(a + n) − n plus the
    /// difference of the series' tails, which keeps its digits however large a is; below, by the difference of MathNet's ln Γ values,
    /// which are small enough there to be accurate.
    /// </summary>
    internal static double LnPochhammer(double a, double n)
    {
        if (n == 0)
        {
            return 0;
        }

        return a >= 1000
            ? ((a - 0.5) * SpecialMath.Log1P(n / a)) + (n * Math.Log(a + n)) - n + (ShiftedBetaGeometricSurvival.StirlingTail(a + n) - ShiftedBetaGeometricSurvival.StirlingTail(a))
            : SpecialFunctions.GammaLn(a + n) - SpecialFunctions.GammaLn(a);
    }

    /// <summary>
    /// ln( [1 - ratio(n + k)/ratio(n)] / (1 - gamma) ), ratio as in <see cref="RatioLn"/>; the bracket and 1 - gamma
    /// change sign together, and the limit at gamma = 1 is the sum of 1/(1 + delta + j), j = n .. n + k - 1.
    /// </summary>
    private static double LnSurvivalSum(double gamma, double delta, int n, int k)
    {
        // Delta = ln ratio(n + k) - ln ratio(n) = sum_j log1p((1 - gamma)/(gamma + delta + j)); we need -expm1(Delta)/(gamma - 1)
        // = expm1(Delta)/(1 - gamma) = [expm1(Delta)/Delta] [Delta/(1 - gamma)]. The sum is taken term by term up to 10,000
        // periods: the difference of the two ln-gamma ratios cancels to about 1e-13 absolute, a relative error of 1e-9 and
        // more in Delta when gamma is within a few hundredths of 1 (P(a purchase) and E[X] then disagreed in the ninth digit).
        double oneMinusGamma = 1 - gamma;
        double change, perUnit;
        if (k > 10_000)
        {
            change = RatioChangeLn(gamma, delta, n, k);

            // At gamma = 1 exactly both are 0: the limit is the sum of 1/(1 + delta + j), a difference of digammas.
            perUnit = oneMinusGamma == 0
                ? SpecialFunctions.DiGamma(1 + delta + n + (double)k) - SpecialFunctions.DiGamma(1 + delta + n)
                : change / oneMinusGamma;
        }
        else
        {
            change = 0;
            perUnit = 0;
            for (int j = n; j < n + k; j++)
            {
                // ln(1 + eps) = ln[(1 + delta + j)/(gamma + delta + j)]: for a large gamma eps rounds to -1 (at 1e16 and beyond),
                // where log1p gave -infinity and the sum NaN, so there the logarithm is of the ratio itself.
                double eps = oneMinusGamma / (gamma + delta + j);
                double log1p = eps < -0.5 ? Math.Log((1 + delta + j) / (gamma + delta + j)) : SpecialMath.Log1P(eps);
                double log1pOverEps = Math.Abs(eps) < 1e-8 ? 1 - (0.5 * eps) : log1p / eps;
                change += log1p;
                perUnit += log1pOverEps / (gamma + delta + j);
            }
        }

        double expm1OverX = Math.Abs(change) < 1e-8 ? 1 + (0.5 * change) : SpecialMath.ExpM1(change) / change;
        return Math.Log(expm1OverX) + Math.Log(perUnit);
    }
}
