using Clv.Probabilistic;
using MathNet.Numerics;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// BG/BB with a purchase-probability beta far below 1 (p ~ Beta(alpha, beta) then puts all its mass at p = 1: an alive customer buys at
/// every opportunity). Beta + (n - x) used to be formed as (beta + n) - x, which is exactly 0 when beta is below n times the rounding
/// unit, and MathNet's BetaLn threw "Value must be positive (Parameter 'w')" out of the public API.
/// </summary>
public class BetaGeoBetaBinomTinyBetaTests
{
    private const double Gamma = 0.66, Delta = 2.78;

    [Theory]
    [InlineData(1e-300)]
    [InlineData(1e-17)]
    public void Predictions_BoughtAtEveryOpportunity_GiveTheCertainPurchaseLimit(double beta)
    {
        var model = new BetaGeoBetaBinomModel(1.2, beta, Gamma, Delta);
        var history = new BinaryPurchaseHistory(6, 6, 6);

        // p = 1: L = P(alive through opportunity 6) = B(gamma, delta + 6)/B(gamma, delta), no died term (t_x = n).
        double expectedLn = SpecialFunctions.BetaLn(Gamma, Delta + 6) - SpecialFunctions.BetaLn(Gamma, Delta);
        Assert.Equal(expectedLn, model.LikelihoodLn(history), 1e-9);

        // Alive at 6 for certain, so alive at 7 with (delta + 6)/(gamma + delta + 6), and then buys there.
        double aliveNext = (Delta + 6) / (Gamma + Delta + 6);
        Assert.Equal(aliveNext, model.ProbabilityAlive(history), 1e-9);
        Assert.Equal(1, model.ProbabilityAlive(history, 0), 1e-9);
        Assert.Equal(aliveNext, model.ProbabilityOfAnyPurchase(history, 1), 1e-9);
        Assert.Equal(aliveNext + (aliveNext * (Delta + 7) / (Gamma + Delta + 7)), model.ConditionalExpectedPurchases(history, 2), 1e-9);
        Assert.Equal(1, model.NextPurchaseTime(history, 0.5));
    }

    [Fact]
    public void LikelihoodLn_OnePurchaseThenSilence_IsTheChanceOfDyingAfterIt()
    {
        // p = 1 and x = t_x = 1 < n: the customer died right after opportunity 1, L = B(gamma + 1, delta + 1)/B(gamma, delta).
        var model = new BetaGeoBetaBinomModel(1.2, 1e-300, Gamma, Delta);
        double expected = SpecialFunctions.BetaLn(Gamma + 1, Delta + 1) - SpecialFunctions.BetaLn(Gamma, Delta);
        Assert.Equal(expected, model.LikelihoodLn(new BinaryPurchaseHistory(1, 1, 6)), 1e-9);
    }

    [Fact]
    public void FitLikelihood_TinyBeta_EqualsThePerHistorySum()
    {
        (int X, int Tx, int N)[] keys = [(6, 6, 6), (1, 1, 6), (3, 5, 6), (0, 0, 6)];
        double[] weights = [5, 3, 2, 7];
        var problem = new BetaGeoBetaBinomLikelihood("BG/BB", ["alpha", "beta", "gamma", "delta"], keys, weights, weights.Sum());
        double[] theta = [Math.Log(1.2), Math.Log(1e-300), Math.Log(Gamma), Math.Log(Delta)];
        double total = problem.LogLikelihood(theta, new double[4], CancellationToken.None);

        var model = new BetaGeoBetaBinomModel(1.2, Math.Exp(theta[1]), Gamma, Delta);
        double expected = keys.Select((k, i) => weights[i] * model.LikelihoodLn(new BinaryPurchaseHistory(k.X, k.Tx, k.N))).Sum();
        Assert.False(double.IsNaN(total));
        Assert.Equal(expected, total, 1e-9 * Math.Abs(expected));
    }
}
