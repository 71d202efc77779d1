namespace Clv.Internal;

/// <summary>
/// The Gauss hypergeometric function 2F1(a, b; c; z) for real parameters and real z in [0, 1)
/// (MathNet.Numerics has none). Summed as its power series in scaled form, so terms that would overflow a
/// double (x in the thousands) stay finite, after Euler's transformation
/// 2F1(a, b; c; z) = (1 - z)^(c - a - b) 2F1(c - a, c - b; c; z) whenever that shrinks the numerator parameters. Close
/// to z = 1, where the power series would need about 1/(1 - z) terms (a BG/NBD expectation a thousand years out), the
/// value comes from the connection formula to 1 - z instead (DLMF 15.8.4).
/// </summary>
internal static class Hypergeometric
{
    private const int MaxTerms = 1_000_000;

    /// <summary>Above this z, <see cref="Hyp2F1Ln(double, double, double, double, out int)"/> uses the connection formula to 1 - z.</summary>
    internal const double NearOne = 0.9999;
    private const double Rescale = 1e250;
    private static readonly double LnRescale = Math.Log(Rescale);

    /// <summary>2F1(a, b; c; z).</summary>
    public static double Hyp2F1(double a, double b, double c, double z)
    {
        double ln = Hyp2F1Ln(a, b, c, z, out int sign);
        return sign * Math.Exp(ln);
    }

    /// <summary>
    /// ln |2F1(a, b; c; z)|, with the sign of the value in <paramref name="sign"/> (0 when the value is 0); NaN with sign 0 when
    /// the series it needs does not settle within a million terms.
    /// </summary>
    public static double Hyp2F1Ln(double a, double b, double c, double z, out int sign) => Hyp2F1Ln(a, b, c, z, double.NaN, out sign);

    /// <summary>
    /// 2F1(a, b; c; z) with 1 - z given exactly as <paramref name="oneMinusZ"/>, for z so close to 1 that 1 - z would lose its
    /// digits (z = 1/(1 + d) with d = 1e-17 rounds to 1): the connection formula then works from the exact 1 - z.
    /// </summary>
    public static double Hyp2F1(double a, double b, double c, double z, double oneMinusZ)
    {
        double ln = Hyp2F1Ln(a, b, c, z, oneMinusZ, out int sign);
        return sign * Math.Exp(ln);
    }

    /// <summary>ln |2F1(a, b; c; z)| with 1 - z given exactly (NaN: computed as 1 - z, with log1p(-z) for Euler's factor).</summary>
    private static double Hyp2F1Ln(double a, double b, double c, double z, double oneMinusZ, out int sign)
    {
        if (z == 0)
        {
            sign = 1;
            return 0;
        }

        bool exact = !double.IsNaN(oneMinusZ);
        double w = exact ? oneMinusZ : 1 - z;
        if (z > NearOne && NearOneLn(a, b, c, w, out sign) is { } nearOne)
        {
            return nearOne;
        }

        // Euler's transformation shrinks the numerator parameters when c is close to a + b (the BG/NBD case with
        // x in the thousands), but a parameter below -1 makes its Pochhammer symbol change sign term after term,
        // and the alternating sum then cancels catastrophically. So it is used only when it is both smaller and
        // sign-stable; otherwise the direct series (rescaled, so it cannot overflow) is summed.
        double ca = c - a, cb = c - b;
        bool eulerStable = ca > -1 && cb > -1;
        bool directStable = a > -1 && b > -1;
        if (eulerStable && (!directStable || Math.Abs(ca) + Math.Abs(cb) < Math.Abs(a) + Math.Abs(b)))
        {
            // Euler: (1 - z)^(c - a - b) 2F1(c - a, c - b; c; z)
            double series = SeriesLn(ca, cb, c, z, out sign);
            return series + ((c - a - b) * (exact ? Math.Log(w) : SpecialMath.Log1P(-z)));
        }

        return SeriesLn(a, b, c, z, out sign);
    }

    /// <summary>
    /// ln |sum_k (a)_k (b)_k / ((c)_k k!) z^k| with rescaling, so huge intermediate terms never overflow; NaN (sign 0) when the
    /// series has not settled within <see cref="MaxTerms"/> terms (its terms rise while (a + k)(b + k) z > (c + k)(k + 1): BG/NBD's
    /// 2F1(r, b; a + b − 1; t/(α + t)) with r = 1e4 and t/α = 100 needs a million), rather than the partial sum as if it were the
    /// value: the BG/NBD family's expectations then take their quadrature over dropout.
    /// </summary>
    private static double SeriesLn(double a, double b, double c, double z, out int sign)
    {
        double sum = 1, term = 1, logScale = 0;
        for (int k = 0; ; k++)
        {
            if (k == MaxTerms)
            {
                sign = 0;
                return double.NaN;
            }

            double ratio = (a + k) * (b + k) / ((c + k) * (k + 1)) * z;
            term *= ratio;
            sum += term;
            if (term == 0 || (Math.Abs(term) <= 1e-17 * Math.Abs(sum) && Math.Abs(ratio) < 1))
            {
                break;
            }

            if (Math.Abs(sum) > Rescale || Math.Abs(term) > Rescale)
            {
                sum /= Rescale;
                term /= Rescale;
                logScale += LnRescale;
            }
        }

        sign = Math.Sign(sum);
        return Math.Log(Math.Abs(sum)) + logScale;
    }

    /// <summary>
    /// ln |2F1(a, b; c; z)| from the two series in w = 1 - z (DLMF 15.8.4), with s = c - a - b:
    /// Γ(c)Γ(s)/(Γ(c-a)Γ(c-b)) 2F1(a, b; 1-s; w) + w^s Γ(c)Γ(-s)/(Γ(a)Γ(b)) 2F1(c-a, c-b; 1+s; w). Where s is within
    /// 1e-6 of an integer m the gamma factors have poles that cancel: the value is interpolated by a cubic through
    /// s = m ± 1e-4 and m ± 2e-4 (each evaluated by moving c; <c>HypergeometricNearOneTests</c> hold it within 1e-8 of
    /// 50-digit references). Null where the two terms cancel to less than 1e-8 of their size (the caller then sums the
    /// power series).
    /// </summary>
    private static double? NearOneLn(double a, double b, double c, double w, out int sign)
    {
        double s = c - a - b;
        double m = Math.Round(s);
        if (Math.Abs(s - m) > 1e-6)
        {
            return ConnectionLn(a, b, c, w, out sign);
        }

        // Cubic interpolation in s through m - 2Δ, m - Δ, m + Δ and m + 2Δ, in a scale that keeps the four values finite.
        const double Delta = 1e-4;
        ReadOnlySpan<double> offsets = [-2, -1, 1, 2];
        Span<double> ln = stackalloc double[4];
        Span<int> signs = stackalloc int[4];
        sign = 0;
        for (int j = 0; j < 4; j++)
        {
            if (ConnectionLn(a, b, c + (m + (offsets[j] * Delta) - s), w, out signs[j]) is not { } value)
            {
                return null;
            }

            ln[j] = value;
        }

        double scale = Math.Max(Math.Max(ln[0], ln[1]), Math.Max(ln[2], ln[3]));
        double x = (s - m) / Delta, sum = 0;
        for (int j = 0; j < 4; j++)
        {
            double weight = 1;
            for (int k = 0; k < 4; k++)
            {
                weight *= k == j ? 1 : (x - offsets[k]) / (offsets[j] - offsets[k]);
            }

            sum += weight * signs[j] * Math.Exp(ln[j] - scale);
        }

        sign = Math.Sign(sum);
        return sign == 0 ? double.NegativeInfinity : Math.Log(Math.Abs(sum)) + scale;
    }

    private static double? ConnectionLn(double a, double b, double c, double w, out int sign)
    {
        double s = c - a - b;
        double lnW = Math.Log(w);
        double first = double.NegativeInfinity, second = double.NegativeInfinity;
        int firstSign = 0, secondSign = 0;
        double lnGammaC = GammaLnSigned(c, out int signC);
        if (Reciprocal(c - a, out double lnCa, out int signCa) && Reciprocal(c - b, out double lnCb, out int signCb))
        {
            first = lnGammaC + GammaLnSigned(s, out int signS) - lnCa - lnCb + SeriesLn(a, b, 1 - s, w, out int seriesSign);
            firstSign = signC * signS * signCa * signCb * seriesSign;
        }

        if (Reciprocal(a, out double lnA, out int signA) && Reciprocal(b, out double lnB, out int signB))
        {
            second = (s * lnW) + lnGammaC + GammaLnSigned(-s, out int signMinusS) - lnA - lnB + SeriesLn(c - a, c - b, 1 + s, w, out int seriesSign);
            secondSign = signC * signMinusS * signA * signB * seriesSign;
        }

        double scale = Math.Max(first, second);
        sign = 0;
        if (!double.IsFinite(scale))
        {
            return null;
        }

        double value = (firstSign * Math.Exp(first - scale)) + (secondSign * Math.Exp(second - scale));
        if (Math.Abs(value) < 1e-8)
        {
            return null;
        }

        sign = Math.Sign(value);
        return Math.Log(Math.Abs(value)) + scale;
    }

    /// <summary>ln |Γ(x)| and the sign of Γ(x), for x not a pole (by reflection below 1/2).</summary>
    private static double GammaLnSigned(double x, out int sign)
    {
        if (x >= 0.5)
        {
            sign = 1;
            return MathNet.Numerics.SpecialFunctions.GammaLn(x);
        }

        double sin = Math.Sin(Math.PI * x);
        sign = Math.Sign(sin);
        return Math.Log(Math.PI / Math.Abs(sin)) - MathNet.Numerics.SpecialFunctions.GammaLn(1 - x);
    }

    /// <summary>ln |Γ(x)| and its sign for 1/Γ(x); false at a pole of Γ (x = 0, -1, -2, ...), where 1/Γ(x) = 0.</summary>
    private static bool Reciprocal(double x, out double lnAbs, out int sign)
    {
        if (x <= 0 && x == Math.Floor(x))
        {
            (lnAbs, sign) = (0, 0);
            return false;
        }

        lnAbs = GammaLnSigned(x, out sign);
        return true;
    }

    /// <summary>
    /// ln |2F1(a, b; c; z)| for z in (0, 1) with its partial derivatives d ln|2F1| / d(a, b, c, z) in <paramref name="gradient"/>, summed
    /// alongside the series: term k carries d ln term_k / da = Σ_(j&lt;k) 1/(a + j) (likewise b, and c with a minus sign) and
    /// d ln term_k / dz = k / z. Uses the same Euler transformation choice as <see cref="Hyp2F1Ln(double, double, double, double, out int)"/>.
    /// </summary>
    public static double Hyp2F1Ln(double a, double b, double c, double z, out int sign, Span<double> gradient)
    {
        double ca = c - a, cb = c - b;
        bool eulerStable = ca > -1 && cb > -1;
        bool directStable = a > -1 && b > -1;
        Span<double> g = stackalloc double[4];
        if (eulerStable && (!directStable || Math.Abs(ca) + Math.Abs(cb) < Math.Abs(a) + Math.Abs(b)))
        {
            double lnOneMinusZ = SpecialMath.Log1P(-z);
            double series = SeriesLn(ca, cb, c, z, out sign, g);
            gradient[0] = -lnOneMinusZ - g[0];
            gradient[1] = -lnOneMinusZ - g[1];
            gradient[2] = lnOneMinusZ + g[0] + g[1] + g[2];
            gradient[3] = g[3] - ((c - a - b) / (1 - z));
            return series + ((c - a - b) * lnOneMinusZ);
        }

        double direct = SeriesLn(a, b, c, z, out sign, g);
        g.CopyTo(gradient);
        return direct;
    }

    /// <summary>
    /// The series of <see cref="SeriesLn(double, double, double, double, out int)"/> with d ln|sum| / d(a, b, c, z); NaN (sign 0,
    /// gradient NaN) when it has not settled within <see cref="MaxTerms"/> terms.
    /// </summary>
    private static double SeriesLn(double a, double b, double c, double z, out int sign, Span<double> gradient)
    {
        double sum = 1, term = 1, logScale = 0;
        double da = 0, db = 0, dc = 0, sa = 0, sb = 0, sc = 0, sz = 0;
        for (int k = 0; ; k++)
        {
            if (k == MaxTerms)
            {
                sign = 0;
                gradient[..4].Fill(double.NaN);
                return double.NaN;
            }

            double ratio = (a + k) * (b + k) / ((c + k) * (k + 1)) * z;
            da += 1 / (a + k);
            db += 1 / (b + k);
            dc -= 1 / (c + k);
            term *= ratio;
            sum += term;
            sa += term * da;
            sb += term * db;
            sc += term * dc;
            sz += term * (k + 1);
            if (term == 0 || (Math.Abs(term) <= 1e-17 * Math.Abs(sum) && Math.Abs(ratio) < 1 && Math.Abs(term * (k + 1)) <= 1e-17 * Math.Abs(sz)))
            {
                break;
            }

            if (Math.Abs(sum) > Rescale || Math.Abs(term) > Rescale || Math.Abs(sz) > Rescale)
            {
                sum /= Rescale;
                term /= Rescale;
                sa /= Rescale;
                sb /= Rescale;
                sc /= Rescale;
                sz /= Rescale;
                logScale += LnRescale;
            }
        }

        sign = Math.Sign(sum);
        gradient[0] = sa / sum;
        gradient[1] = sb / sum;
        gradient[2] = sc / sum;
        gradient[3] = sz / (sum * z);
        return Math.Log(Math.Abs(sum)) + logScale;
    }
}
