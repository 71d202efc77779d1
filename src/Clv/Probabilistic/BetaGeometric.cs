using System.Runtime.CompilerServices;
using Clv.Internal;
using MathNet.Numerics;

namespace Clv.Probabilistic;

/// <summary>
/// The formulas shared by BG/NBD (Fader, Hardie and Lee 2005) and MBG/NBD (Batislam, Denizel and Filiztekin 2007),
/// with <c>modified</c> selecting MBG/NBD. Everything is computed in log space so large x (thousands) and long
/// ages stay finite; callers validate arguments.
/// </summary>
internal static class BetaGeometric
{
    /// <summary>
    /// Below this distance from a = 1 the expectations (removable singularity at a = 1, where the closed forms divide by
    /// a − 1) are interpolated linearly between a = 1 − this and a = 1 + this: exact to O(this²) relative, against the
    /// cancellation of the closed form itself.
    /// </summary>
    private const double NearOne = 1e-4;

    /// <summary>
    /// ln L for one customer. Its r ln α - (r + x) ln(α + T) is computed as -r ln(1 + T/α) - x ln(α + T) (and the same at t_x):
    /// the first form's two terms cancel when r and α are large (the ridge where every customer buys at one rate).
    /// </summary>
    public static double LogLikelihood(bool modified, double r, double alpha, double a, double b, int x, double tx, double t)
    {
        double a1 = SpecialMath.GammaLnRatio(r, x);
        double lnAlphaT = Math.Log(alpha + t);
        double lnRatioT = SpecialMath.LnOneAndRatio(t, alpha);
        double a3 = (-r * lnRatioT) - (x * lnAlphaT);
        if (modified)
        {
            double a2 = SpecialMath.GammaLnRatio(b, x + 1) - SpecialMath.GammaLnRatio(a + b, x + 1);
            double a4 = Math.Log(a) - Math.Log(b + x) + ((r + x) * (lnRatioT - SpecialMath.LnOneAndRatio(tx, alpha)));
            return a1 + a2 + a3 + SpecialMath.Log1PExp(a4);
        }
        else
        {
            double a2 = SpecialMath.GammaLnRatio(b, x) - SpecialMath.GammaLnRatio(a + b, x);
            if (x == 0)
            {
                return a1 + a2 + a3;
            }

            double a4 = Math.Log(a) - Math.Log(b + (x - 1)) - (r * SpecialMath.LnOneAndRatio(tx, alpha)) - (x * Math.Log(alpha + tx));
            double m = Math.Max(a3, a4);
            return a1 + a2 + m + Math.Log(Math.Exp(a3 - m) + Math.Exp(a4 - m));
        }
    }

    /// <summary>ln of the odds that the customer is dead: P(alive) = 1 / (1 + e^L). -∞ for BG/NBD at x = 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double LnOddsDead(bool modified, double r, double alpha, double a, double b, int x, double tx, double t)
    {
        if (!modified && x == 0)
        {
            return double.NegativeInfinity;
        }

        double lnRatio = SpecialMath.LnOneAndRatio(t - tx, alpha + tx);
        // x - 1 first: b + x - 1 rounds a tiny b to 0 at x = 1 (here, in ln L and in the count probabilities).
        double bx = modified ? b + x : b + (x - 1);
        return Math.Log(a / bx) + ((r + x) * lnRatio);
    }

    /// <summary>P(alive) = 1 / (1 + e^L), exactly 0 when e^L overflows and exactly 1 at L = -∞.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double ProbabilityAlive(bool modified, double r, double alpha, double a, double b, int x, double tx, double t)
    {
        double l = LnOddsDead(modified, r, alpha, a, b, x, tx, t);
        return l > 745 ? 0.0 : 1 / (1 + Math.Exp(l));
    }

    /// <summary>E[Y(t) | alive at T, x]: the conditional expectation divided by P(alive); depends on x and T only.</summary>
    public static double ExpectedPurchasesIfAlive(bool modified, double r, double alpha, double a, double b, int x, double age, double time)
    {
        if (time == 0)
        {
            return 0;
        }

        if (Math.Abs(a - 1) < NearOne)
        {
            return AcrossOne(a, AliveCore(modified, r, alpha, 1 - NearOne, b, x, age, time), AliveCore(modified, r, alpha, 1 + NearOne, b, x, age, time));
        }

        return AliveCore(modified, r, alpha, a, b, x, age, time);
    }

    /// <summary>
    /// E[Y(t_k) | alive at T, x] for several horizons at once: the 2F1 series shares its coefficients across the
    /// horizons, so a whole CLV horizon costs about one series. Falls back to one series per horizon when a shared
    /// sum would leave the safe range.
    /// </summary>
    public static void ExpectedPurchasesIfAlive(bool modified, double r, double alpha, double a, double b, int x, double age, ReadOnlySpan<double> times, Span<double> destination)
    {
        if (Math.Abs(a - 1) < NearOne || times.Length > 4096)
        {
            for (int k = 0; k < times.Length; k++)
            {
                destination[k] = ExpectedPurchasesIfAlive(modified, r, alpha, a, b, x, age, times[k]);
            }

            return;
        }

        double c = modified ? a + b + x : a + b + (x - 1);
        double second = modified ? b + x + 1 : b + x;
        double e = r + x;
        Span<double> z = stackalloc double[times.Length];
        Span<double> lnOneMinusZ = stackalloc double[times.Length];
        Span<double> lnF = stackalloc double[times.Length];
        for (int k = 0; k < times.Length; k++)
        {
            z[k] = times[k] / (alpha + age + times[k]);
            lnOneMinusZ[k] = -SpecialMath.LnOneAndRatio(times[k], alpha + age);
        }

        if (!TryHyp2F1LnMany(e, second, c, z, lnOneMinusZ, lnF))
        {
            for (int k = 0; k < times.Length; k++)
            {
                destination[k] = ExpectedPurchasesIfAlive(modified, r, alpha, a, b, x, age, times[k]);
            }

            return;
        }

        for (int k = 0; k < times.Length; k++)
        {
            double value = times[k] == 0 ? 0 : c / (a - 1) * -SpecialMath.ExpM1((e * lnOneMinusZ[k]) + lnF[k]);
            destination[k] = times[k] == 0 || Plausible(value, e, alpha + age, a, second, times[k]) ? value : AliveCore(modified, r, alpha, a, b, x, age, times[k]);
        }
    }

    /// <summary>The value at <paramref name="a"/> (within <see cref="NearOne"/> of 1) on the line through the values at 1 ± <see cref="NearOne"/>.</summary>
    private static double AcrossOne(double a, double below, double above) => below + ((a - (1 - NearOne)) / (2 * NearOne) * (above - below));

    /// <summary>E[X(t)] for a new customer.</summary>
    public static double ExpectedPurchases(bool modified, double r, double alpha, double a, double b, double time)
    {
        if (time == 0)
        {
            return 0;
        }

        if (Math.Abs(a - 1) < NearOne)
        {
            return AcrossOne(a, ExpectedCore(modified, r, alpha, 1 - NearOne, b, time), ExpectedCore(modified, r, alpha, 1 + NearOne, b, time));
        }

        return ExpectedCore(modified, r, alpha, a, b, time);
    }

    /// <summary>P(X(t) = n) for a new customer.</summary>
    public static double PurchaseCountProbability(bool modified, double r, double alpha, double a, double b, int n, double time)
    {
        if (time == 0)
        {
            // Nobody purchases in no time; MBG/NBD's drop at time 0 does not change the count.
            return n == 0 ? 1 : 0;
        }

        double lnBab = SpecialFunctions.BetaLn(a, b);
        double lnU = -SpecialMath.LnOneAndRatio(time, alpha);  // ln(alpha / (alpha + t))
        double lnZ = Math.Log(time) - Math.Log(alpha + time);
        double z = time / (alpha + time);
        int shift = modified ? 1 : 0;
        double lnFirst = SpecialFunctions.BetaLn(a, b + n + shift) - lnBab + SpecialFunctions.GammaLn(r + n) - SpecialFunctions.GammaLn(r)
            - SpecialFunctions.GammaLn(n + 1.0) + (r * lnU) + (n * lnZ);
        double first = Math.Exp(lnFirst);
        double second = 0;
        if (modified || n > 0)
        {
            double tail = n == 0 ? 1 : SpecialFunctions.BetaRegularized(n, r, z);
            second = Math.Exp(SpecialFunctions.BetaLn(a + 1, b + (n - 1 + shift)) - lnBab) * tail;
        }

        return Math.Clamp(first + second, 0, 1);
    }

    /// <summary>P(at least one purchase in the next t | alive at T, x) = 1 − ((α + T)/(α + T + t))^(r + x) (a customer alive at T drops out only after a purchase).</summary>
    public static double AnyPurchaseIfAlive(double r, double alpha, int x, double age, double time) =>
        -SpecialMath.ExpM1((r + x) * -SpecialMath.LnOneAndRatio(time, alpha + age));

    /// <summary>The t with 1 - ((alpha + T)/(alpha + T + t))^(r + x) = target, in closed form: (alpha + T) expm1(-ln(1 - target)/(r + x)).</summary>
    public static double NextPurchaseTimeIfAlive(double r, double alpha, int x, double age, double target) =>
        (alpha + age) * SpecialMath.ExpM1(-SpecialMath.Log1P(-target) / (r + x));

    private static double AliveCore(bool modified, double r, double alpha, double a, double b, int x, double age, double time)
    {
        // BG/NBD: (a + b + x - 1)/(a - 1) [1 - ((α+T)/(α+T+t))^(r+x) 2F1(r + x, b + x; a + b + x - 1; z)]
        // MBG/NBD: (a + b + x)/(a - 1) [1 - ((α+T)/(α+T+t))^(r+x) 2F1(r + x, b + x + 1; a + b + x; z)], z = t/(α+T+t)
        double c = modified ? a + b + x : a + b + (x - 1);
        double second = modified ? b + x + 1 : b + x;
        double z = time / (alpha + age + time);
        double lnOneMinusZ = -SpecialMath.LnOneAndRatio(time, alpha + age);
        double value = c / (a - 1) * OneMinusPowerHyp(r + x, second, c, z, lnOneMinusZ);
        return Plausible(value, r + x, alpha + age, a, second, time) ? value : BetaGeometricFallback.ExpectedIfAlive(r + x, alpha + age, a, second, time);
    }

    private static double ExpectedCore(bool modified, double r, double alpha, double a, double b, double time)
    {
        // BG/NBD: (a + b - 1)/(a - 1) [1 - (α/(α+t))^r 2F1(r, b; a + b - 1; t/(α+t))]
        // MBG/NBD: b/(a - 1) [1 - (α/(α+t))^r 2F1(r, b + 1; a + b; t/(α+t))]
        double c = modified ? a + b : a + b - 1;
        double second = modified ? b + 1 : b;
        double prefactor = modified ? b : c;
        double z = time / (alpha + time);
        double lnOneMinusZ = -SpecialMath.LnOneAndRatio(time, alpha);
        double value = prefactor / (a - 1) * OneMinusPowerHyp(r, second, c, z, lnOneMinusZ);

        // MBG/NBD's new customer has first survived the first purchase's coin, with probability b/(a + b), and is then a
        // customer alive with dropout Beta(a, b + 1): the same bounds apply to the value divided by that chance.
        double coin = modified ? b / (a + b) : 1;
        return Plausible(value / coin, r, alpha, a, second, time) ? value : coin * BetaGeometricFallback.ExpectedIfAlive(r, alpha, a, second, time);
    }

    /// <summary>
    /// Whether a closed-form E over p ~ Beta(a, b′) of g(p) = (1 − (1 + p t/A)^(−s))/p can be the value: positive, finite, and
    /// between g(E p) = g(a/(a + b′)) and g(0) = s t/A (to 1e-9 relative). g is decreasing and convex in p (it is the integral over
    /// u from 0 to t/A of s (1 + u p)^(−s−1)), so the value is at most g(0) and, by Jensen's inequality, at least g(E p). A 2F1
    /// whose series or connection formula lost its digits lands outside: r = 1e4, α = 1e-12, a = b = 1e-4 gave a new customer
    /// E[X(52)] = 1.006 where g(E p) = 2 and the value is about 2.6e17.
    /// </summary>
    private static bool Plausible(double value, double s, double capitalA, double a, double bPrime, double time)
    {
        if (!(value > 0 && double.IsFinite(value)))
        {
            return false;
        }

        double scale = time / capitalA;
        double meanP = a / (a + bPrime);
        double lower = -SpecialMath.ExpM1(-s * SpecialMath.Log1P(meanP * scale)) / meanP;
        double upper = s * scale;
        return value >= lower * (1 - 1e-9) && value <= upper * (1 + 1e-9);
    }

    /// <summary>1 - (1 - z)^e 2F1(e, second; c; z), with the product formed in log space.</summary>
    private static double OneMinusPowerHyp(double e, double second, double c, double z, double lnOneMinusZ)
    {
        double lnF = Clv.Internal.Hypergeometric.Hyp2F1Ln(e, second, c, z, out int sign);
        double lnProduct = (e * lnOneMinusZ) + lnF;
        return sign > 0 ? -SpecialMath.ExpM1(lnProduct) : 1 - (sign * Math.Exp(lnProduct));
    }

    /// <summary>
    /// ln 2F1(a, b; c; z_k) for several z in [0, 1) with shared series coefficients, after the same Euler
    /// transformation choice as <see cref="Clv.Internal.Hypergeometric.Hyp2F1Ln(double, double, double, double, out int)"/>. False when a coefficient leaves
    /// the safe range, a sum is not positive, or the series does not settle: the caller then sums one series per z.
    /// </summary>
    private static bool TryHyp2F1LnMany(double a, double b, double c, ReadOnlySpan<double> z, ReadOnlySpan<double> lnOneMinusZ, Span<double> lnF)
    {
        double shift = 0;
        if (Math.Abs(c - a) + Math.Abs(c - b) < Math.Abs(a) + Math.Abs(b))
        {
            shift = c - a - b;
            (a, b) = (c - a, c - b);
        }

        int m = z.Length;
        Span<double> sum = stackalloc double[m];
        Span<double> power = stackalloc double[m];
        sum.Fill(1);
        power.Fill(1);
        double zMax = 0;
        for (int k = 0; k < m; k++)
        {
            zMax = Math.Max(zMax, z[k]);
        }

        double coefficient = 1, powerMax = 1;
        bool converged = false;
        for (int n = 0; n < 200_000; n++)
        {
            double ratio = (a + n) * (b + n) / ((c + n) * (n + 1));
            coefficient *= ratio;
            if (!(Math.Abs(coefficient) < 1e250))
            {
                return coefficient == 0 && FinishMany(sum, shift, lnOneMinusZ, lnF);
            }

            double smallest = double.MaxValue;
            for (int k = 0; k < m; k++)
            {
                power[k] *= z[k];
                sum[k] += coefficient * power[k];
                smallest = Math.Min(smallest, Math.Abs(sum[k]));
            }

            powerMax *= zMax;
            if (coefficient == 0 || (Math.Abs(coefficient * powerMax) <= 1e-17 * smallest && Math.Abs(ratio * zMax) < 1))
            {
                converged = true;
                break;
            }
        }

        return converged && FinishMany(sum, shift, lnOneMinusZ, lnF);
    }

    private static bool FinishMany(ReadOnlySpan<double> sum, double shift, ReadOnlySpan<double> lnOneMinusZ, Span<double> lnF)
    {
        for (int k = 0; k < sum.Length; k++)
        {
            if (!(sum[k] > 0) || !double.IsFinite(sum[k]))
            {
                return false;
            }

            lnF[k] = Math.Log(sum[k]) + (shift * lnOneMinusZ[k]);
        }

        return true;
    }


}
