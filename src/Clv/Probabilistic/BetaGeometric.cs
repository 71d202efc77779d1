using Clv.Internal;
using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace Clv.Probabilistic;

/// <summary>
/// The formulas shared by BG/NBD (Fader, Hardie and Lee 2005) and MBG/NBD (Batislam, Denizel and Filiztekin 2007),
/// with <c>modified</c> selecting MBG/NBD. Everything is computed in log space so large x (thousands) and long
/// ages stay finite; callers validate arguments.
/// </summary>
internal static class BetaGeometric
{
    /// <summary>Below this distance from a = 1 the expectations (removable singularity at a = 1) are averaged from a = 1 ± this.</summary>
    private const double NearOne = 1e-4;

    /// <summary>ln L for one customer.</summary>
    public static double LogLikelihood(bool modified, double r, double alpha, double a, double b, int x, double tx, double t)
    {
        double a1 = SpecialFunctions.GammaLn(r + x) - SpecialFunctions.GammaLn(r) + (r * Math.Log(alpha));
        double lnAlphaT = Math.Log(alpha + t);
        if (modified)
        {
            double a2 = SpecialFunctions.GammaLn(a + b) + SpecialFunctions.GammaLn(b + x + 1) - SpecialFunctions.GammaLn(b) - SpecialFunctions.GammaLn(a + b + x + 1);
            double a3 = -(r + x) * lnAlphaT;
            double a4 = Math.Log(a) - Math.Log(b + x) + ((r + x) * (lnAlphaT - Math.Log(alpha + tx)));
            return a1 + a2 + a3 + Log1PExp(a4);
        }
        else
        {
            double a2 = SpecialFunctions.GammaLn(a + b) + SpecialFunctions.GammaLn(b + x) - SpecialFunctions.GammaLn(b) - SpecialFunctions.GammaLn(a + b + x);
            double a3 = -(r + x) * lnAlphaT;
            if (x == 0)
            {
                return a1 + a2 + a3;
            }

            double a4 = Math.Log(a) - Math.Log(b + x - 1) - ((r + x) * Math.Log(alpha + tx));
            double m = Math.Max(a3, a4);
            return a1 + a2 + m + Math.Log(Math.Exp(a3 - m) + Math.Exp(a4 - m));
        }
    }

    /// <summary>Total weighted ln L over compressed rows at p = (r, alpha, a, b); gradient with respect to p.</summary>
    public static double TotalLogLikelihood(bool modified, HistoryRows rows, ReadOnlySpan<double> p, Span<double> gradient)
    {
        double r = p[0], alpha = p[1], a = p[2], b = p[3];
        double lnAlpha = Math.Log(alpha), lnA = Math.Log(a);
        double lgR = SpecialFunctions.GammaLn(r), psiR = SpecialFunctions.DiGamma(r);
        double lgB = SpecialFunctions.GammaLn(b), psiB = SpecialFunctions.DiGamma(b);
        double lgAb = SpecialFunctions.GammaLn(a + b), psiAb = SpecialFunctions.DiGamma(a + b);
        int shift = modified ? 1 : 0;
        double ll = 0, gr = 0, gAlpha = 0, ga = 0, gb = 0;
        var xs = rows.DistinctX;
        for (int j = 0; j < xs.Length; j++)
        {
            int x = xs[j];
            double w = rows.XWeight[j];
            double rx = r + x;
            double psiBx = SpecialFunctions.DiGamma(b + x + shift), psiAbx = SpecialFunctions.DiGamma(a + b + x + shift);
            double a1 = SpecialFunctions.GammaLn(rx) - lgR + (r * lnAlpha);
            double a2 = lgAb + SpecialFunctions.GammaLn(b + x + shift) - lgB - SpecialFunctions.GammaLn(a + b + x + shift);
            ll += w * (a1 + a2);
            gr += w * (SpecialFunctions.DiGamma(rx) - psiR + lnAlpha);
            gAlpha += w * r / alpha;
            ga += w * (psiAb - psiAbx);
            gb += w * (psiAb + psiBx - psiB - psiAbx);

            int end = rows.XStart[j + 1];
            if (modified)
            {
                double lnOdds0 = lnA - Math.Log(b + x);
                double invBx = 1 / (b + x);
                for (int i = rows.XStart[j]; i < end; i++)
                {
                    double wi = rows.Weight[i];
                    double aT = alpha + rows.Age[i], aTx = alpha + rows.Recency[i];
                    double lnT = Math.Log(aT), lnTx = Math.Log(aTx);
                    double a4 = lnOdds0 + (rx * (lnT - lnTx));
                    double s = Sigmoid(a4);
                    ll += wi * ((-rx * lnT) + Log1PExp(a4));
                    gr += wi * (-lnT + (s * (lnT - lnTx)));
                    gAlpha += wi * ((-rx / aT) + (s * rx * ((1 / aT) - (1 / aTx))));
                    ga += wi * s / a;
                    gb -= wi * s * invBx;
                }
            }
            else if (x == 0)
            {
                for (int i = rows.XStart[j]; i < end; i++)
                {
                    double wi = rows.Weight[i];
                    double aT = alpha + rows.Age[i];
                    double lnT = Math.Log(aT);
                    ll -= wi * rx * lnT;
                    gr -= wi * lnT;
                    gAlpha -= wi * rx / aT;
                }
            }
            else
            {
                double lnOdds0 = lnA - Math.Log(b + x - 1);
                double invBx = 1 / (b + x - 1);
                for (int i = rows.XStart[j]; i < end; i++)
                {
                    double wi = rows.Weight[i];
                    double aT = alpha + rows.Age[i], aTx = alpha + rows.Recency[i];
                    double lnT = Math.Log(aT), lnTx = Math.Log(aTx);
                    double a3 = -rx * lnT;
                    double a4 = lnOdds0 - (rx * lnTx);
                    double m = Math.Max(a3, a4);
                    double e3 = Math.Exp(a3 - m), e4 = Math.Exp(a4 - m);
                    double sum = e3 + e4;
                    double p3 = e3 / sum, p4 = e4 / sum;
                    ll += wi * (m + Math.Log(sum));
                    gr -= wi * ((p3 * lnT) + (p4 * lnTx));
                    gAlpha -= wi * rx * ((p3 / aT) + (p4 / aTx));
                    ga += wi * p4 / a;
                    gb -= wi * p4 * invBx;
                }
            }
        }

        gradient[0] = gr;
        gradient[1] = gAlpha;
        gradient[2] = ga;
        gradient[3] = gb;
        return ll;
    }

    /// <summary>ln of the odds that the customer is dead: P(alive) = 1 / (1 + e^L). -∞ for BG/NBD at x = 0.</summary>
    public static double LnOddsDead(bool modified, double r, double alpha, double a, double b, int x, double tx, double t)
    {
        if (!modified && x == 0)
        {
            return double.NegativeInfinity;
        }

        double lnRatio = SpecialMath.Log1P((t - tx) / (alpha + tx));
        double lnB = modified ? Math.Log(b + x) : Math.Log(b + x - 1);
        return Math.Log(a) - lnB + ((r + x) * lnRatio);
    }

    /// <summary>P(alive) = 1 / (1 + e^L), exactly 0 when e^L overflows and exactly 1 at L = -∞.</summary>
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
            return 0.5 * (AliveCore(modified, r, alpha, 1 + NearOne, b, x, age, time) + AliveCore(modified, r, alpha, 1 - NearOne, b, x, age, time));
        }

        return AliveCore(modified, r, alpha, a, b, x, age, time);
    }

    /// <summary>E[X(t)] for a new customer.</summary>
    public static double ExpectedPurchases(bool modified, double r, double alpha, double a, double b, double time)
    {
        if (time == 0)
        {
            return 0;
        }

        if (Math.Abs(a - 1) < NearOne)
        {
            return 0.5 * (ExpectedCore(modified, r, alpha, 1 + NearOne, b, time) + ExpectedCore(modified, r, alpha, 1 - NearOne, b, time));
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

        double lnBab = LnBeta(a, b);
        double lnU = -SpecialMath.Log1P(time / alpha);  // ln(alpha / (alpha + t))
        double lnZ = Math.Log(time) - Math.Log(alpha + time);
        double z = time / (alpha + time);
        int shift = modified ? 1 : 0;
        double lnFirst = LnBeta(a, b + n + shift) - lnBab + SpecialFunctions.GammaLn(r + n) - SpecialFunctions.GammaLn(r)
            - SpecialFunctions.GammaLn(n + 1.0) + (r * lnU) + (n * lnZ);
        double first = Math.Exp(lnFirst);
        double second = 0;
        if (modified || n > 0)
        {
            double tail = n == 0 ? 1 : SpecialFunctions.BetaRegularized(n, r, z);
            second = Math.Exp(LnBeta(a + 1, b + n - 1 + shift) - lnBab) * tail;
        }

        return Math.Clamp(first + second, 0, 1);
    }

    /// <summary>Probability of at least one purchase in the next <paramref name="time"/>: P(alive) (1 - ((α + T)/(α + T + t))^(r + x)).</summary>
    public static double ProbabilityOfPurchase(bool modified, double r, double alpha, double a, double b, int x, double tx, double age, double time)
    {
        double alive = ProbabilityAlive(modified, r, alpha, a, b, x, tx, age);
        double none = (r + x) * -SpecialMath.Log1P(time / (alpha + age));
        return Math.Clamp(alive * -SpecialMath.ExpM1(none), 0, 1);
    }

    /// <summary>Draws (x, t_x) for a customer observed for <paramref name="age"/> from the model's generative process.</summary>
    public static PurchaseHistory Simulate(bool modified, double r, double alpha, double a, double b, double age, Random random, List<double>? purchaseTimes)
    {
        double lambda = Gamma.Sample(random, r, alpha);
        double p = Beta.Sample(random, a, b);
        purchaseTimes?.Add(0);
        if (modified && random.NextDouble() < p)
        {
            return new PurchaseHistory(0, 0, age);
        }

        int x = 0;
        double t = 0, tx = 0;
        while (true)
        {
            t += -Math.Log(1 - random.NextDouble()) / lambda;
            if (!(t <= age))
            {
                break;
            }

            x++;
            tx = t;
            purchaseTimes?.Add(t);
            if (random.NextDouble() < p)
            {
                break;
            }
        }

        return new PurchaseHistory(x, tx, age);
    }

    public static double LnBeta(double a, double b) =>
        SpecialFunctions.GammaLn(a) + SpecialFunctions.GammaLn(b) - SpecialFunctions.GammaLn(a + b);

    private static double AliveCore(bool modified, double r, double alpha, double a, double b, int x, double age, double time)
    {
        // BG/NBD: (a + b + x - 1)/(a - 1) [1 - ((α+T)/(α+T+t))^(r+x) 2F1(r + x, b + x; a + b + x - 1; z)]
        // MBG/NBD: (a + b + x)/(a - 1) [1 - ((α+T)/(α+T+t))^(r+x) 2F1(r + x, b + x + 1; a + b + x; z)], z = t/(α+T+t)
        double c = modified ? a + b + x : a + b + x - 1;
        double second = modified ? b + x + 1 : b + x;
        double z = time / (alpha + age + time);
        double lnOneMinusZ = -SpecialMath.Log1P(time / (alpha + age));
        double value = c / (a - 1) * OneMinusPowerHyp(r + x, second, c, z, lnOneMinusZ);
        return double.IsFinite(value) ? Math.Max(value, 0) : 0;
    }

    private static double ExpectedCore(bool modified, double r, double alpha, double a, double b, double time)
    {
        // BG/NBD: (a + b - 1)/(a - 1) [1 - (α/(α+t))^r 2F1(r, b; a + b - 1; t/(α+t))]
        // MBG/NBD: b/(a - 1) [1 - (α/(α+t))^r 2F1(r, b + 1; a + b; t/(α+t))]
        double c = modified ? a + b : a + b - 1;
        double second = modified ? b + 1 : b;
        double prefactor = modified ? b : c;
        double z = time / (alpha + time);
        double lnOneMinusZ = -SpecialMath.Log1P(time / alpha);
        double value = prefactor / (a - 1) * OneMinusPowerHyp(r, second, c, z, lnOneMinusZ);
        return double.IsFinite(value) ? Math.Max(value, 0) : 0;
    }

    /// <summary>1 - (1 - z)^e 2F1(e, second; c; z), with the product formed in log space.</summary>
    private static double OneMinusPowerHyp(double e, double second, double c, double z, double lnOneMinusZ)
    {
        double lnF = Clv.Internal.Hypergeometric.Hyp2F1Ln(e, second, c, z, out int sign);
        double lnProduct = (e * lnOneMinusZ) + lnF;
        return sign > 0 ? -SpecialMath.ExpM1(lnProduct) : 1 - (sign * Math.Exp(lnProduct));
    }

    private static double Log1PExp(double v) => v > 35 ? v : SpecialMath.Log1P(Math.Exp(v));

    private static double Sigmoid(double v) => v >= 0 ? 1 / (1 + Math.Exp(-v)) : Math.Exp(v) / (1 + Math.Exp(v));
}
