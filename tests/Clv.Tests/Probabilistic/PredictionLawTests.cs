using Clv.Probabilistic;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// The laws every prediction obeys, checked for every model over random parameters (the recovery grid's ranges) and
/// random histories: probabilities in [0, 1], expectations non-negative and non-decreasing in the horizon, P(alive)
/// falling with time since the last purchase and rising with recency, P(any purchase) below P(alive), count
/// probabilities a sub-distribution. Each property draws its values from one integer seed, so a failure prints a
/// seed that reproduces it.
/// </summary>
public class PredictionLawTests
{
    private const double Slack = 1e-9;

    /// <summary>A random BG/NBD, MBG/NBD or Pareto/NBD model, with parameters over the ranges of the recovery grid.</summary>
    private static PurchaseModel Model(Random g)
    {
        double r = Between(g, 0.1, 3), alpha = Between(g, 0.5, 50), a = Between(g, 0.2, 5), b = Between(g, 0.5, 20);
        return g.Next(3) switch
        {
            0 => new BgNbdModel(r, alpha, a, b, TimeUnit.Week),
            1 => new MbgNbdModel(r, alpha, a, b, TimeUnit.Week),
            _ => new ParetoNbdModel(r, alpha, Between(g, 0.2, 5), Between(g, 0.5, 50), TimeUnit.Week),
        };
    }

    /// <summary>Log-uniform between the bounds.</summary>
    private static double Between(Random g, double low, double high) => low * Math.Pow(high / low, g.NextDouble());

    private static (int X, double Tx, double T) History(Random g)
    {
        int x = g.Next(4) == 0 ? 0 : g.Next(1, g.Next(2) == 0 ? 10 : 200);
        double t = Between(g, 0.1, 150);
        return (x, x == 0 ? 0 : t * g.NextDouble(), t);
    }

    private static bool AtMost(double a, double b) => a <= b + (Slack * Math.Max(1, Math.Abs(b)));

    [Property(MaxTest = 400)]
    public Property ProbabilityAlive_InUnitInterval_FallingWithAgeRisingWithRecency(int seed)
    {
        var g = new Random(seed);
        var m = Model(g);
        var (x, tx, t) = History(g);
        double later = t + Between(g, 0.01, 100);
        double p = m.ProbabilityAlive(x, tx, t);
        double pLater = m.ProbabilityAlive(x, tx, later);
        double pRecent = m.ProbabilityAlive(x, tx + ((t - tx) * g.NextDouble()), t);
        return (p is >= 0 and <= 1 && AtMost(pLater, p) && AtMost(p, pRecent))
            .Label($"{m}: x {x}, t_x {tx}, T {t}: P {p}, at T {later}: {pLater}, more recent: {pRecent}");
    }

    [Property(MaxTest = 300)]
    public Property ConditionalExpectedPurchases_ZeroAtZero_NonDecreasingInTheHorizon(int seed)
    {
        var g = new Random(seed);
        var m = Model(g);
        var (x, tx, t) = History(g);
        double h1 = Between(g, 0.01, 100), h2 = h1 + Between(g, 0.01, 100);
        double e0 = m.ConditionalExpectedPurchases(x, tx, t, 0);
        double e1 = m.ConditionalExpectedPurchases(x, tx, t, h1);
        double e2 = m.ConditionalExpectedPurchases(x, tx, t, h2);
        return (e0 == 0 && e1 >= 0 && double.IsFinite(e2) && AtMost(e1, e2))
            .Label($"{m}: x {x}, t_x {tx}, T {t}: E(0) {e0}, E({h1}) {e1}, E({h2}) {e2}");
    }

    [Property(MaxTest = 300)]
    public Property ProbabilityOfAnyPurchase_BelowProbabilityAlive_NonDecreasingInTheHorizon(int seed)
    {
        var g = new Random(seed);
        var m = Model(g);
        var (x, tx, t) = History(g);
        double h1 = Between(g, 0.01, 100), h2 = h1 + Between(g, 0.01, 100);
        double p1 = m.ProbabilityOfAnyPurchase(x, tx, t, h1);
        double p2 = m.ProbabilityOfAnyPurchase(x, tx, t, h2);
        double alive = m.ProbabilityAlive(x, tx, t);
        return (p1 >= 0 && AtMost(p1, p2) && AtMost(p2, alive) && m.ProbabilityOfAnyPurchase(x, tx, t, 0) == 0)
            .Label($"{m}: x {x}, t_x {tx}, T {t}: P(any, {h1}) {p1}, P(any, {h2}) {p2}, P(alive) {alive}");
    }

    [Property(MaxTest = 200)]
    public Property ExpectedPurchases_ZeroAtZero_NonDecreasing_AndTheCountDistributionSumsToAtMostOne(int seed)
    {
        var g = new Random(seed);
        var m = Model(g);
        double t1 = Between(g, 0.01, 100), t2 = t1 + Between(g, 0.01, 100);
        double sum = 0;
        bool each = true;
        for (int n = 0; n < 60; n++)
        {
            double p = m.PurchaseCountProbability(n, t1);
            each &= p is >= 0 and <= 1;
            sum += p;
        }

        return (m.ExpectedPurchases(0) == 0 && AtMost(m.ExpectedPurchases(t1), m.ExpectedPurchases(t2)) && each && AtMost(sum, 1))
            .Label($"{m}: E({t1}) {m.ExpectedPurchases(t1)}, E({t2}) {m.ExpectedPurchases(t2)}, P(0..59) sums to {sum}");
    }

    [Property(MaxTest = 300)]
    public Property BgBb_ProbabilityAlive_InUnitInterval_AndExpectationNonDecreasingInPeriods(int seed)
    {
        var g = new Random(seed);
        var m = new BetaGeoBetaBinomModel(Between(g, 0.2, 5), Between(g, 0.2, 5), Between(g, 0.2, 5), Between(g, 0.2, 5));
        int n = g.Next(1, 30);
        int x = g.Next(0, n + 1);
        int tx = x == 0 ? 0 : g.Next(x, n + 1);
        var h = new BinaryPurchaseHistory(x, tx, n);
        var longer = new BinaryPurchaseHistory(x, tx, n + g.Next(1, 10));
        int k = g.Next(0, 20);
        double p = m.ProbabilityAlive(h);
        return (p is >= 0 and <= 1 && AtMost(m.ProbabilityAlive(longer), p)
                && AtMost(m.ConditionalExpectedPurchases(h, k), m.ConditionalExpectedPurchases(h, k + 1))
                && AtMost(m.ExpectedPurchases(k), m.ExpectedPurchases(k + 1)))
            .Label($"{m}: x {x}, t_x {tx}, n {n}: P(alive) {p}");
    }

    [Property(MaxTest = 300)]
    public Property GammaGamma_ConditionalSpend_LiesBetweenThePopulationMeanAndTheCustomersMean(int seed)
    {
        // E[Z | x, z̄] = w (population mean) + (1 - w) z̄ with w = (q - 1) / (p x + q - 1): a shrinkage, never outside.
        var g = new Random(seed);
        var m = new GammaGammaModel(Between(g, 0.5, 20), 1 + Between(g, 0.01, 20), Between(g, 0.5, 100));
        int x = g.Next(1, 100);
        double mean = Between(g, 0.01, 10_000);
        double e = m.ConditionalExpectedSpend(x, mean);
        double low = Math.Min(m.MeanSpend, mean), high = Math.Max(m.MeanSpend, mean);
        double shrunkMore = m.ConditionalExpectedSpend(x + 1, mean);
        return (AtMost(low, e) && AtMost(e, high) && AtMost(Math.Abs(shrunkMore - mean), Math.Abs(e - mean)))
            .Label($"{m}: x {x}, mean {mean}: E {e}, population {m.MeanSpend}, with x + 1: {shrunkMore}");
    }
}
