using Clv.Internal;
using MathNet.Numerics.Distributions;

namespace Clv.Probabilistic;

/// <summary>The generative processes of the BG/NBD family and Pareto/NBD, one customer at a time.</summary>
internal static partial class PurchaseSimulation
{
    /// <summary>
    /// Up to this many expected purchases (rate × time) each purchase is drawn in turn, as always; above it, where a customer
    /// could go on for billions of draws, the count is drawn at once (a Poisson count, a geometric dropout and an order statistic).
    /// </summary>
    internal const double InTurnLimit = 1e5;

    /// <summary>The most purchases a simulated history is drawn for: its count is an int.</summary>
    internal const double CountLimit = 1e9;

    /// <summary>The most purchases listed for one customer of a simulated log (each is a row).</summary>
    internal const double ListedLimit = 1e7;

    /// <summary>
    /// BG/NBD (MBG/NBD when <paramref name="modified"/>): λ ~ Gamma(r, α), p ~ Beta(a, b); purchases at rate λ, each followed by
    /// dropout with probability p (MBG/NBD: also at time 0). Draws (x, t_x) for a customer observed for <paramref name="age"/>.
    /// </summary>
    public static PurchaseHistory BetaGeometric(bool modified, double r, double alpha, double a, double b, double age, Random random, List<double>? purchaseTimes)
    {
        double lambda = Gamma.Sample(random, r, alpha);
        double p = Beta.Sample(random, a, b);
        purchaseTimes?.Add(0);
        if (modified && random.NextDouble() < p)
        {
            return new PurchaseHistory(0, 0, age);
        }

        if (lambda * age > InTurnLimit)
        {
            return AtOnce(lambda, Geometric(p, random), age, age, random, purchaseTimes);
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

    /// <summary>
    /// Pareto/NBD: λ ~ Gamma(r, α), μ ~ Gamma(s, β), a lifetime τ ~ Exponential(μ), and Poisson(λ) purchases on
    /// (0, min(τ, T)]. Draws (x, t_x) for a customer observed for <paramref name="age"/>.
    /// </summary>
    public static PurchaseHistory ParetoNbd(double r, double alpha, double s, double beta, double age, Random random, List<double>? purchaseTimes)
    {
        double lambda = Gamma.Sample(random, r, alpha);
        double mu = Gamma.Sample(random, s, beta);
        double lifetime = -Math.Log(1 - random.NextDouble()) / mu;
        double end = Math.Min(lifetime, age);
        purchaseTimes?.Add(0);
        return lambda * end > InTurnLimit
            ? AtOnce(lambda, double.PositiveInfinity, end, age, random, purchaseTimes)
            : InTurn(lambda, double.PositiveInfinity, end, age, random, purchaseTimes);
    }

    /// <summary>
    /// Purchases at rate λ on (0, end], the last one the <paramref name="stop"/>-th (infinite: no stop), where λ end is above
    /// <see cref="InTurnLimit"/>. The count is min(N, K) with N ~ Poisson(λ end) and K the stop, independent; the x-th of N
    /// uniform purchase times is end × Beta(x, N − x + 1). Purchase by purchase when the stop comes first.
    /// </summary>
    private static PurchaseHistory AtOnce(double lambda, double stop, double end, double age, Random random, List<double>? purchaseTimes)
    {
        double expected = lambda * end;
        if (Math.Min(stop, expected) <= (purchaseTimes is null ? InTurnLimit : ListedLimit))
        {
            return InTurn(lambda, stop, end, age, random, purchaseTimes);
        }

        double limit = purchaseTimes is null ? CountLimit : ListedLimit;
        if (purchaseTimes is not null || expected > limit)
        {
            string what = purchaseTimes is null ? "a simulated history can hold (its count is an int)" : "are listed for one customer of a simulated log";
            ThrowHelper.ArgumentOutOfRange(purchaseTimes is null ? "ages" : "firstPurchases", age, Guard.Format(
                $"A customer simulated for {age:G6} periods drew a purchase rate of {lambda:G4} a period and kept buying: about {expected:G3} purchases, more than the {limit:N0} {what}. The model's rate (r/alpha) is too high for ages this long."));
        }

        return Counted(lambda, stop, end, age, random);
    }

    /// <summary>
    /// Purchases at rate λ on (0, end], the last one the <paramref name="stop"/>-th, drawn at once: x = min(N, K) with
    /// N ~ Poisson(λ end) independent of the stop K, and t_x the x-th of N uniform times on (0, end], end × Beta(x, N − x + 1)
    /// (end × U^(1/N) when x = N). λ end must be at most <see cref="CountLimit"/>.
    /// </summary>
    internal static PurchaseHistory Counted(double lambda, double stop, double end, double age, Random random)
    {
        int n = Poisson.Sample(random, lambda * end);
        int x = (int)Math.Min(n, stop);
        double fraction = x == 0 ? 0
            : x == n ? Math.Exp(Math.Log(1 - random.NextDouble()) / n)
            : Beta.Sample(random, x, n - x + 1.0);
        return new PurchaseHistory(x, end * fraction, age);
    }

    /// <summary>Purchases one by one, exponential gaps at rate λ, until the <paramref name="stop"/>-th or past <paramref name="end"/>.</summary>
    private static PurchaseHistory InTurn(double lambda, double stop, double end, double age, Random random, List<double>? purchaseTimes)
    {
        int x = 0;
        double t = 0, tx = 0;
        while (x < stop)
        {
            t += -Math.Log(1 - random.NextDouble()) / lambda;
            if (!(t <= end))
            {
                break;
            }

            x++;
            tx = t;
            purchaseTimes?.Add(t);
        }

        return new PurchaseHistory(x, tx, age);
    }

    /// <summary>The purchase after which a customer with dropout chance p per purchase drops: P(K = k) = (1 − p)^(k − 1) p, k ≥ 1; infinite at p = 0.</summary>
    private static double Geometric(double p, Random random)
    {
        double lnKeep = SpecialMath.Log1P(-p);
        return lnKeep < 0 ? 1 + Math.Floor(Math.Log(1 - random.NextDouble()) / lnKeep) : double.PositiveInfinity;
    }
}
