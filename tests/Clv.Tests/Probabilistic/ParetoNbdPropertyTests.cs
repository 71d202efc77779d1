using Clv.Probabilistic;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Clv.Tests.Probabilistic;

public class ParetoNbdPropertyTests
{
    private static readonly Gen<double> Positive = Gen.Choose(-2000, 2000).Select(k => Math.Pow(10, k / 1000.0)); // 0.01 .. 100

    private static readonly Arbitrary<(ParetoNbdModel Model, int X, double Tx, double T, double Time)> Case =
        (from r in Positive
         from alpha in Positive
         from s in Positive
         from beta in Positive
         from x in Gen.Choose(0, 60)
         from age in Gen.Choose(1, 1000)
         from share in Gen.Choose(0, 100)
         from time in Gen.Choose(0, 520)
         select (new ParetoNbdModel(r, alpha, s, beta, TimeUnit.Week), x, x == 0 ? 0 : age / 10.0 * share / 100.0, age / 10.0, time / 10.0)).ToArbitrary();

    private static readonly Arbitrary<(ParetoNbdModel Model, int X, double Tx, double T, double Time)> ModerateCase =
        (from r in Gen.Choose(10, 300)
         from alpha in Gen.Choose(20, 400)
         from s in Gen.Choose(10, 300)
         from beta in Gen.Choose(10, 400)
         from x in Gen.Choose(0, 15)
         from age in Gen.Choose(10, 600)
         from share in Gen.Choose(0, 100)
         from time in Gen.Choose(1, 200)
         select (new ParetoNbdModel(r / 100.0, alpha / 10.0, s / 100.0, beta / 10.0, TimeUnit.Week), x, x == 0 ? 0 : age / 10.0 * share / 100.0, age / 10.0, time / 10.0)).ToArbitrary();

    [Property]
    public Property ProbabilityAlive_AnyCustomer_InUnitInterval() =>
        Prop.ForAll(Case, c =>
        {
            double p = c.Model.ProbabilityAlive(c.X, c.Tx, c.T);
            return p >= 0 && p <= 1;
        });

    [Property]
    public Property ExpectedPurchases_AnyModel_NonDecreasingInTime() =>
        Prop.ForAll(Case, c => c.Model.ExpectedPurchases(c.Time) <= c.Model.ExpectedPurchases(c.Time + 1) * (1 + 1e-12));

    [Property(MaxTest = 40)]
    public Property ConditionalPurchaseCountProbability_SumOverCounts_IsOneAndMeanIsConditionalExpectation() =>
        Prop.ForAll(ModerateCase, c =>
        {
            double total = 0, mean = 0;
            for (int k = 0; k < 20_000 && total < 1 - 1e-10; k++)
            {
                double pk = c.Model.ConditionalPurchaseCountProbability(k, c.X, c.Tx, c.T, c.Time);
                total += pk;
                mean += k * pk;
            }

            double expected = c.Model.ConditionalExpectedPurchases(c.X, c.Tx, c.T, c.Time);
            return (Math.Abs(total - 1) < 1e-6).Label(FormattableString.Invariant($"sum {total}"))
                .And((Math.Abs(mean - expected) < 1e-3 * Math.Max(1, expected)).Label(FormattableString.Invariant($"mean {mean} vs {expected}")));
        });

    [Property(MaxTest = 20)]
    public Property BatchEqualsScalar() =>
        Prop.ForAll(Case, c =>
        {
            var customers = TestData.CdnowSummaries().AsSpan()[..50].ToArray();
            var p = new double[customers.Length];
            var e = new double[customers.Length];
            c.Model.ProbabilityAlive(customers, p);
            c.Model.ConditionalExpectedPurchases(customers, c.Time, e);
            for (int i = 0; i < customers.Length; i++)
            {
                if (p[i] != c.Model.ProbabilityAlive(customers[i].Frequency, customers[i].Recency, customers[i].Age)
                    || e[i] != c.Model.ConditionalExpectedPurchases(customers[i].Frequency, customers[i].Recency, customers[i].Age, c.Time))
                {
                    return false;
                }
            }

            return true;
        });
}
