using Clv.Probabilistic;
using MathNet.Numerics;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// ln L of BG/NBD and MBG/NBD near the ridge where every customer buys at one rate λ: with r = λα and α in the trillions the
/// gamma mixture of rates is a point mass, and ln L must tend to the likelihood with the rate fixed at λ (an independent
/// closed form: Poisson purchases, the dropout probability still Beta(a, b)). The terms r ln α and (r + x) ln(α + T) are
/// each 1e13 there; summed apart they left ln L wrong by units in the third decimal.
/// </summary>
public class BetaGeometricRidgeTests
{
    internal const double Rate = 0.5;

    /// <summary>2,000 customers over 40 weeks, Poisson purchases at <see cref="Rate"/> a week, a tenth stopping early, in days.</summary>
    internal static readonly Lazy<CustomerSummaries> OneRate = new(() =>
    {
        var random = new Random(7);
        var origin = new DateOnly(2024, 1, 1);
        var rows = new List<Transaction>();
        for (int c = 0; c < 2_000; c++)
        {
            string id = "c" + c;
            rows.Add(new Transaction(id, origin, 10));
            double stop = random.NextDouble() < 0.1 ? random.NextDouble() * 280 : 280;
            for (double day = -Math.Log(1 - random.NextDouble()) * 7 / Rate; day < stop; day += -Math.Log(1 - random.NextDouble()) * 7 / Rate)
            {
                rows.Add(new Transaction(id, origin.AddDays((int)day), 10));
            }
        }

        return CustomerSummaries.FromTransactions(rows.ToArray(), origin.AddDays(280), TimeUnit.Week);
    });

    /// <summary>MBG/NBD or BG/NBD, and α.</summary>
    public static TheoryData<bool, double> Scales => new()
    {
        { false, 1e12 },
        { false, 1e14 },
        { true, 1e12 },
        { true, 1e14 },
    };

    [Theory]
    [MemberData(nameof(Scales))]
    public void PerCustomerLikelihood_AtTheRidge_IsTheOneRateLikelihood(bool modified, double alpha)
    {
        var (a, b) = (0.8, 2.4);
        var model = modified ? (PurchaseModel)new MbgNbdModel(Rate * alpha, alpha, a, b, TimeUnit.Week) : new BgNbdModel(Rate * alpha, alpha, a, b, TimeUnit.Week);
        double sum = 0, limit = 0;
        foreach (var c in OneRate.Value)
        {
            sum += model.LikelihoodLn(c.Frequency, c.Recency, c.Age);
            limit += OneRateLn(modified, a, b, c.Frequency, c.Recency, c.Age);
        }

        // The point-mass limit is reached to O((x - λT)² / r) per customer: about 1e-9 here at α = 1e12.
        Assert.True(Math.Abs(sum - limit) < 1e-5, $"ln L {sum:R} against the one-rate {limit:R}: {sum - limit:G3} apart");
    }

    [Theory]
    [MemberData(nameof(Scales))]
    public void FittingLikelihood_AtTheRidge_IsTheOneRateLikelihood(bool modified, double alpha)
    {
        var (a, b) = (0.8, 2.4);
        var rows = HistoryRows.FromSummaries(OneRate.Value.AsMemory(), TestContext.Current.CancellationToken);
        var problem = new BetaGeometricLikelihood(modified, modified ? "MBG/NBD" : "BG/NBD", rows);
        double ll = problem.LogLikelihood([Math.Log(Rate * alpha), Math.Log(alpha), Math.Log(a), Math.Log(b)], new double[4], TestContext.Current.CancellationToken);
        double limit = OneRate.Value.Sum(c => OneRateLn(modified, a, b, c.Frequency, c.Recency, c.Age));
        Assert.True(Math.Abs(ll - limit) < 1e-5, $"ln L {ll:R} against the one-rate {limit:R}: {ll - limit:G3} apart");
    }

    /// <summary>
    /// ln L with the rate fixed at λ: λ^x [E(1-p)^x e^(-λT) + E p(1-p)^(x-1) e^(-λ t_x)] for BG/NBD (second term only when
    /// x &gt; 0), λ^x [E(1-p)^(x+1) e^(-λT) + E p(1-p)^x e^(-λ t_x)] for MBG/NBD, p ~ Beta(a, b).
    /// </summary>
    private static double OneRateLn(bool modified, double a, double b, int x, double tx, double t)
    {
        double lnB = SpecialFunctions.BetaLn(a, b);
        double stay = SpecialFunctions.BetaLn(a, b + x + (modified ? 1 : 0)) - lnB - (Rate * t);
        double lnRate = x * Math.Log(Rate);
        if (!modified && x == 0)
        {
            return lnRate + stay;
        }

        double drop = SpecialFunctions.BetaLn(a + 1, b + x - (modified ? 0 : 1)) - lnB - (Rate * tx);
        double m = Math.Max(stay, drop);
        return lnRate + m + Math.Log(Math.Exp(stay - m) + Math.Exp(drop - m));
    }
}
