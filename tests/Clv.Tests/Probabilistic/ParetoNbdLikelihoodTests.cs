using Clv.Internal;
using Clv.Probabilistic;
using MathNet.Numerics;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// <see cref="ParetoNbdLikelihood"/> directly: the population's ln L against an oracle that integrates each customer's death
/// term numerically (no 2F1), its gradient against central differences, on both the sequential path (fewer than 4,096 rows)
/// and the parallel one, with weights; its refusals, cancellation, starting points and subsample.
/// </summary>
public class ParetoNbdLikelihoodTests
{
    /// <summary>
    /// One customer's ln L: Γ(r + x)/Γ(r) α^r β^s [(α + T)^-(r + x) (β + T)^-s + s ∫_{t_x}^{T} (α + τ)^-(r + x) (β + τ)^-(s + 1) dτ],
    /// the integral by 256-point Gauss-Legendre in u = ln(α + τ).
    /// </summary>
    private static double OracleLn(double r, double alpha, double s, double beta, int x, double tx, double age)
    {
        double lnC = SpecialFunctions.GammaLn(r + x) - SpecialFunctions.GammaLn(r) + (r * Math.Log(alpha)) + (s * Math.Log(beta));
        double alive = (-(r + x) * Math.Log(alpha + age)) - (s * Math.Log(beta + age));
        if (tx >= age)
        {
            return lnC + alive;
        }

        // Scaled by the alive term so the integrand stays near 1 at τ = T: dτ = e^u du.
        double integral = Integrate.GaussLegendre(
            u =>
            {
                double tau = Math.Exp(u) - alpha;
                return Math.Exp(u + (-(r + x) * u) - ((s + 1) * Math.Log(beta + tau)) - alive);
            },
            Math.Log(alpha + tx),
            Math.Log(alpha + age),
            256);
        return lnC + alive + Math.Log(1 + (s * integral));
    }

    private static PurchaseHistory[] Histories(int count, int seed)
    {
        var random = new Random(seed);
        var result = new PurchaseHistory[count];
        for (int i = 0; i < count; i++)
        {
            int x = i % 7 == 0 ? 0 : random.Next(1, 31);
            double age = i % 50 == 0 ? 0 : 80 * random.NextDouble();
            double tx = x == 0 ? 0 : i % 5 == 0 ? age : age * random.NextDouble();
            result[i] = new PurchaseHistory(x == 0 || age > 0 ? x : 0, tx, age, 0.5 + random.Next(0, 8));
        }

        return result;
    }

    public static readonly TheoryData<int, double, double, double, double> Cases = new()
    {
        { 300, 0.55, 10.6, 0.61, 11.7 },
        { 300, 2, 3, 0.2, 40 },
        { 5_000, 0.55, 10.6, 0.61, 11.7 },
        { 5_000, 0.3, 25, 3, 2 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void LogLikelihood_IsTheWeightedSumOfEachCustomersLnL_AndItsGradient(int count, double r, double alpha, double s, double beta)
    {
        var histories = Histories(count, count);
        var likelihood = ParetoNbdLikelihood.Create(HistoryRows.FromHistories(histories, CancellationToken.None));
        double[] theta = [Math.Log(r), Math.Log(alpha), Math.Log(s), Math.Log(beta)];
        var gradient = new double[4];

        double actual = likelihood.LogLikelihood(theta, gradient, CancellationToken.None);

        double expected = histories.Sum(h => h.Weight * OracleLn(r, alpha, s, beta, h.Frequency, h.Recency, h.Age));
        Assert.True(Math.Abs(actual - expected) <= 1e-10 * Math.Abs(expected), $"{actual:R} against {expected:R}");
        for (int j = 0; j < 4; j++)
        {
            const double Step = 1e-5;
            double[] up = (double[])theta.Clone(), down = (double[])theta.Clone();
            up[j] += Step;
            down[j] -= Step;
            double numeric = (likelihood.LogLikelihood(up, new double[4], CancellationToken.None) - likelihood.LogLikelihood(down, new double[4], CancellationToken.None)) / (2 * Step);
            Assert.True(Math.Abs(gradient[j] - numeric) <= 1e-6 * Math.Max(1, Math.Abs(numeric)), $"d/dθ{j}: {gradient[j]:R} against {numeric:R}");
        }

        // The same theta again gives the same value (the term caches are rebuilt, not accumulated).
        Assert.Equal(actual, likelihood.LogLikelihood(theta, new double[4], CancellationToken.None));
    }

    [Theory]
    [InlineData(800, 0)]
    [InlineData(0, 800)]
    [InlineData(-800, 0)]
    [InlineData(double.NaN, 0)]
    public void LogLikelihood_ParametersOverflowingOrZero_MinusInfinityAndNoGradient(double lnR, double lnBeta)
    {
        var likelihood = ParetoNbdLikelihood.Create(HistoryRows.FromHistories(Histories(100, 1), CancellationToken.None));
        double[] gradient = [1, 2, 3, 4];
        Assert.Equal(double.NegativeInfinity, likelihood.LogLikelihood([lnR, 0, 0, lnBeta], gradient, CancellationToken.None));
        Assert.Equal([0.0, 0, 0, 0], gradient);
    }

    [Theory]
    [InlineData(300)]
    [InlineData(5_000)]
    public void LogLikelihood_CancelledToken_Throws(int count)
    {
        var likelihood = ParetoNbdLikelihood.Create(HistoryRows.FromHistories(Histories(count, 2), CancellationToken.None));
        Assert.ThrowsAny<OperationCanceledException>(() => likelihood.LogLikelihood([0, 0, 0, 0], new double[4], new CancellationToken(canceled: true)));
    }

    [Fact]
    public void Create_Scales_StartsFromTheDataAndForGroupFromOne()
    {
        var histories = Histories(300, 3);
        var rows = HistoryRows.FromHistories(histories, CancellationToken.None);
        double alphaScale = histories.Sum(h => h.Weight * h.Age) / histories.Sum(h => h.Weight * h.Frequency);
        double meanAge = histories.Sum(h => h.Weight * h.Age) / histories.Sum(h => h.Weight);

        var created = ParetoNbdLikelihood.Create(rows);
        Assert.Equal(["r", "alpha", "s", "beta"], created.Names);
        Assert.Equal(new[] { 1, alphaScale, 1, meanAge }, created.Reference, (a, b) => Math.Abs(a - b) <= 1e-12 * b);
        Assert.Equal(new[] { 1, alphaScale, 1, meanAge / 2 }, created.Starts[1], (a, b) => Math.Abs(a - b) <= 1e-12 * b);
        Assert.Equal(5, created.Starts.Count);
        Assert.Equal(histories.Sum(h => h.Weight), created.TotalWeight, 1e-9);

        var group = ParetoNbdLikelihood.ForGroup(rows);
        Assert.Equal([1.0, 1, 1, 1], group.Reference);
        Assert.Equal([0.5, 0.125, 0.5, 0.125], group.Starts[0]);
    }

    [Fact]
    public void Create_NoRepeatPurchases_RefusedNamingTheModel()
    {
        var rows = HistoryRows.FromHistories([new PurchaseHistory(0, 0, 10), new PurchaseHistory(0, 0, 20)], CancellationToken.None);
        var error = Assert.Throws<ModelFitException>(() => ParetoNbdLikelihood.Create(rows));
        Assert.StartsWith("Pareto/NBD fit needs repeat purchases", error.Message, StringComparison.Ordinal);

        // A group may lack repeat purchases: its likelihood is still defined.
        double value = ParetoNbdLikelihood.ForGroup(rows).LogLikelihood([0, 0, 0, 0], new double[4], CancellationToken.None);
        Assert.Equal(OracleLn(1, 1, 1, 1, 0, 0, 10) + OracleLn(1, 1, 1, 1, 0, 0, 20), value, 1e-12);
    }

    [Fact]
    public void Sample_EveryKthRow_IsTheLikelihoodOfThoseRows()
    {
        var rows = HistoryRows.FromHistories(Histories(3_000, 4), CancellationToken.None);
        var likelihood = ParetoNbdLikelihood.Create(rows);
        double[] theta = [Math.Log(0.55), Math.Log(10.6), Math.Log(0.61), Math.Log(11.7)];

        var sample = likelihood.Sample(500)!;
        var direct = ParetoNbdLikelihood.Create(rows.Sample(rows.Count / 500));
        Assert.Equal(direct.LogLikelihood(theta, new double[4], CancellationToken.None), sample.LogLikelihood(theta, new double[4], CancellationToken.None));
        Assert.True(sample.Rows < rows.Count);

        // Asking for more rows than there are keeps them all.
        Assert.Equal(likelihood.LogLikelihood(theta, new double[4], CancellationToken.None), likelihood.Sample(1_000_000)!.LogLikelihood(theta, new double[4], CancellationToken.None));
    }
}
