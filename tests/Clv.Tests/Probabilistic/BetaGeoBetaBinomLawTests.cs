using Clv.Probabilistic;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MathNet.Numerics;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// Closed-form laws of the BG/BB formulas (Fader, Hardie and Shang 2010) that each output must obey exactly, over random
/// models (gamma also within 1e-5 of 1, where the expectations take their series form) and histories.
/// </summary>
public class BetaGeoBetaBinomLawTests
{
    private static readonly Arbitrary<(BetaGeoBetaBinomModel Model, BinaryPurchaseHistory History)> Cases =
        (from a in Gen.Choose(-1000, 1500)
         from b in Gen.Choose(-1000, 1500)
         from g in Gen.Choose(-1000, 1500)
         from nearOne in Gen.Choose(-1000, 1000)
         from useNearOne in Gen.Elements(false, false, true)
         from d in Gen.Choose(-1000, 1500)
         from n in Gen.Choose(0, 60)
         from tx in Gen.Choose(0, 60)
         from x in Gen.Choose(0, 60)
         let t = Math.Min(tx, n)
         let xx = t == 0 ? 0 : 1 + (x % t)
         let gamma = useNearOne ? 1 + (nearOne * 1e-8) : Math.Pow(10, g / 1000.0)
         select (new BetaGeoBetaBinomModel(Math.Pow(10, a / 1000.0), Math.Pow(10, b / 1000.0), gamma, Math.Pow(10, d / 1000.0)),
             new BinaryPurchaseHistory(xx, t, n))).ToArbitrary();

    [Property(MaxTest = 300)]
    public Property ProbabilityAlive_EachPeriodAhead_ScalesBySurvivalRatio() =>
        // P(alive at n + m + 1) / P(alive at n + m) = B(gamma, delta + n + m + 1) / B(gamma, delta + n + m) = (delta + n + m) / (gamma + delta + n + m).
        Prop.ForAll(Cases, c =>
        {
            var (model, h) = c;
            for (int m = 0; m < 6; m++)
            {
                double now = model.ProbabilityAlive(h, m), next = model.ProbabilityAlive(h, m + 1);
                double ratio = (model.Delta + h.Periods + m) / (model.Gamma + model.Delta + h.Periods + m);
                if (now > 1e-250 && !Close(next, now * ratio, 1e-10))
                {
                    return false;
                }
            }

            return true;
        });

    [Property(MaxTest = 300)]
    public Property ConditionalExpectedPurchases_EachPeriodAdds_TheChanceOfAPurchaseThen() =>
        // E[X(n, n + k + 1)] - E[X(n, n + k)] = P(purchase at n + k + 1 | history)
        //   = B(alpha + x + 1, beta + n - x) / B(alpha, beta) * B(gamma, delta + n + k + 1) / B(gamma, delta) / L.
        Prop.ForAll(Cases, c =>
        {
            var (model, h) = c;
            double lnL = model.LikelihoodLn(h);
            double lnBuy = SpecialFunctions.BetaLn(model.Alpha + h.Frequency + 1, model.Beta + h.Periods - h.Frequency) - SpecialFunctions.BetaLn(model.Alpha, model.Beta) - lnL;
            double previous = model.ConditionalExpectedPurchases(h, 0);
            if (previous != 0)
            {
                return false;
            }

            for (int k = 0; k < 8; k++)
            {
                double next = model.ConditionalExpectedPurchases(h, k + 1);
                double chance = Math.Exp(lnBuy + SpecialFunctions.BetaLn(model.Gamma, model.Delta + h.Periods + k + 1) - SpecialFunctions.BetaLn(model.Gamma, model.Delta));
                if (Math.Abs(next - previous - chance) > 1e-12 * (1 + next))
                {
                    return false;
                }

                previous = next;
            }

            return true;
        });

    [Property(MaxTest = 300)]
    public Property ProbabilityOfAnyPurchase_OneOpportunity_IsTheExpectedPurchases_AndGrowsWithin() =>
        // At most one purchase per opportunity: P(any in 1) = E[X(n, n + 1)]; P(any in k) grows with k and never exceeds E[X(n, n + k)].
        Prop.ForAll(Cases, c =>
        {
            var (model, h) = c;
            double one = model.ProbabilityOfAnyPurchase(h, 1);
            if (!Close(one, model.ConditionalExpectedPurchases(h, 1), 1e-10))
            {
                return false;
            }

            double previous = one;
            for (int k = 2; k < 8; k++)
            {
                double any = model.ProbabilityOfAnyPurchase(h, k);
                if (any < previous - 1e-12 || any > model.ConditionalExpectedPurchases(h, k) + 1e-12 || any > 1)
                {
                    return false;
                }

                previous = any;
            }

            return true;
        });

    [Property(MaxTest = 200)]
    public Property LnLikelihood_Gradient_IsTheDerivativeInLogParameters() =>
        Prop.ForAll(Cases, c =>
        {
            var (model, h) = c;
            double[] p = [model.Alpha, model.Beta, model.Gamma, model.Delta];
            Span<double> gradient = stackalloc double[4];
            _ = BetaGeoBetaBinomMath.LnLikelihood(p[0], p[1], p[2], p[3], h.Frequency, h.Recency, h.Periods, gradient);
            for (int j = 0; j < 4; j++)
            {
                const double Step = 1e-5;
                double[] up = (double[])p.Clone(), down = (double[])p.Clone();
                up[j] *= Math.Exp(Step);
                down[j] *= Math.Exp(-Step);
                double numeric = (BetaGeoBetaBinomMath.LnLikelihood(up[0], up[1], up[2], up[3], h.Frequency, h.Recency, h.Periods, default)
                    - BetaGeoBetaBinomMath.LnLikelihood(down[0], down[1], down[2], down[3], h.Frequency, h.Recency, h.Periods, default)) / (2 * Step);
                if (Math.Abs(gradient[j] - numeric) > 1e-5 * (1 + Math.Abs(numeric)))
                {
                    return false;
                }
            }

            return true;
        });

    private static bool Close(double actual, double expected, double relative) =>
        Math.Abs(actual - expected) <= relative * Math.Max(Math.Abs(expected), 1e-300);
}
