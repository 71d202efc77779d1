using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// The BG/BB expectations' survival sum sum_j S(j) at its two edges: gamma exactly 1 over more than 10,000 opportunities (the closed
/// form's ratio (1 - ratio(n + k)/ratio(n))/(1 - gamma) was 0/0, NaN) and a gamma so large that (1 - gamma)/(gamma + delta + j) rounds to
/// -1 (log1p gave -infinity, and the sum NaN: E[X(10)] and every conditional expectation were NaN at gamma = 1e300).
/// </summary>
public class BetaGeoBetaBinomSurvivalSumTests
{
    private static readonly BinaryPurchaseHistory History = new(3, 4, 6);

    [Theory]
    [InlineData(10_001)]
    [InlineData(20_000)]
    public void ExpectedPurchases_GammaOne_IsTheHarmonicSum(int periods)
    {
        // gamma = 1: S(j) = delta/(delta + j), so E[X(k)] = alpha/(alpha + beta) delta sum_{j < k} 1/(1 + delta + j).
        const double Alpha = 1.2, Beta = 0.75, Delta = 2.78;
        var model = new BetaGeoBetaBinomModel(Alpha, Beta, 1, Delta);
        double sum = 0;
        for (int j = periods - 1; j >= 0; j--)
        {
            sum += 1 / (1 + Delta + j);
        }

        double expected = Alpha / (Alpha + Beta) * Delta * sum;
        Assert.Equal(expected, model.ExpectedPurchases(periods), 1e-10 * expected);
        Assert.True(double.IsFinite(model.ConditionalExpectedPurchases(History, periods)));
    }

    [Theory]
    [InlineData(1e20, 1e-3)]
    [InlineData(1e300, 2.78)]
    [InlineData(1e300, 1e-300)]
    public void Expectations_HugeGamma_AreTheSumsOfTheirTerms(double gamma, double delta)
    {
        const double Alpha = 1.2, Beta = 0.75;
        var model = new BetaGeoBetaBinomModel(Alpha, Beta, gamma, delta);

        // E[X(10)] = alpha/(alpha + beta) sum_{t = 1..10} S(t), S(t) = prod_{i < t} (delta + i)/(gamma + delta + i).
        double survival = 1, sum = 0;
        for (int t = 1; t <= 10; t++)
        {
            survival *= (delta + t - 1) / (gamma + delta + t - 1);
            sum += survival;
        }

        double population = Alpha / (Alpha + Beta) * sum;
        Assert.Equal(population, model.ExpectedPurchases(10), 1e-12 * population);

        // E[X(n, n + 5) | x, t_x, n] = sum_{j = 1..5} P(alive at n + j) E[p | x, n] = sum_j P(alive at n + j) (alpha + x)/(alpha + beta + n).
        double conditional = 0;
        for (int j = 1; j <= 5; j++)
        {
            conditional += model.ProbabilityAlive(History, j) * (Alpha + 3) / (Alpha + Beta + 6);
        }

        double actual = model.ConditionalExpectedPurchases(History, 5);
        Assert.False(double.IsNaN(actual));
        Assert.Equal(conditional, actual, 1e-9 * conditional);
    }
}
