namespace Clv.Internal;

/// <summary>
/// The Gauss hypergeometric function 2F1(a, b; c; z) for real parameters and real z in [0, 1)
/// (MathNet.Numerics has none). Summed as its power series in scaled form, so terms that would overflow a
/// double (x in the thousands) stay finite, after Euler's transformation
/// 2F1(a, b; c; z) = (1 - z)^(c - a - b) 2F1(c - a, c - b; c; z) whenever that shrinks the numerator parameters.
/// </summary>
internal static class Hypergeometric
{
    private const int MaxTerms = 1_000_000;
    private const double Rescale = 1e250;
    private static readonly double LnRescale = Math.Log(Rescale);

    /// <summary>2F1(a, b; c; z).</summary>
    public static double Hyp2F1(double a, double b, double c, double z)
    {
        double ln = Hyp2F1Ln(a, b, c, z, out int sign);
        return sign * Math.Exp(ln);
    }

    /// <summary>ln |2F1(a, b; c; z)|, with the sign of the value in <paramref name="sign"/> (0 when the value is 0).</summary>
    public static double Hyp2F1Ln(double a, double b, double c, double z, out int sign)
    {
        if (z == 0)
        {
            sign = 1;
            return 0;
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
            return series + ((c - a - b) * SpecialMath.Log1P(-z));
        }

        return SeriesLn(a, b, c, z, out sign);
    }

    /// <summary>ln |sum_k (a)_k (b)_k / ((c)_k k!) z^k| with rescaling, so huge intermediate terms never overflow.</summary>
    private static double SeriesLn(double a, double b, double c, double z, out int sign)
    {
        double sum = 1, term = 1, logScale = 0;
        for (int k = 0; k < MaxTerms; k++)
        {
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

    /// <summary>The series of <see cref="SeriesLn(double, double, double, double, out int)"/> with d ln|sum| / d(a, b, c, z).</summary>
    private static double SeriesLn(double a, double b, double c, double z, out int sign, Span<double> gradient)
    {
        double sum = 1, term = 1, logScale = 0;
        double da = 0, db = 0, dc = 0, sa = 0, sb = 0, sc = 0, sz = 0;
        for (int k = 0; k < MaxTerms; k++)
        {
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
