using Clv.Probabilistic;
using MathNet.Numerics;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// BG/BB's chance of a purchase within k opportunities, walked a product of ratios at a time, against each term from its own
/// closed form (F_j = B(α + x + 1, β + n - x + j) B(γ, δ + n + j + 1) / (B(α, β) B(γ, δ) L), summed with compensation), and
/// the median wait of a customer who nearly never buys nor leaves: it walks to the 10^8 stop and is infinite.
/// </summary>
public class BetaGeoBetaBinomAnyPurchaseTests
{
    public static TheoryData<double, double, double, double, int, int, int> Cases => new()
    {
        { 1.204, 0.750, 0.657, 2.783, 3, 4, 6 },     // the donation data's parameters (Fader, Hardie and Shang 2010)
        { 1.204, 0.750, 0.657, 2.783, 0, 0, 6 },
        { 0.05, 3.0, 0.02, 40.0, 1, 2, 30 },         // rare buyers who rarely leave: a long, slow sum
        { 8.0, 0.5, 2.0, 0.3, 25, 25, 25 },
        { 1e-3, 2.0, 1e-3, 100.0, 0, 0, 6 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ProbabilityOfAnyPurchase_EqualsTheSumOfTheClosedFormTerms(double alpha, double beta, double gamma, double delta, int x, int tx, int n)
    {
        var model = new BetaGeoBetaBinomModel(alpha, beta, gamma, delta);
        var h = new BinaryPurchaseHistory(x, tx, n);
        double lnL = model.LikelihoodLn(h), lnBab = SpecialFunctions.BetaLn(alpha, beta), lnBgd = SpecialFunctions.BetaLn(gamma, delta);
        double sum = 0, compensation = 0;
        int checkedAt = 0;
        foreach (int k in new[] { 1, 2, 10, 1023, 1024, 1025, 2048, 5000, 200_000 })
        {
            for (int j = checkedAt; j < k; j++)
            {
                double term = Math.Exp(SpecialFunctions.BetaLn(alpha + x + 1, beta + n - x + j) - lnBab + SpecialFunctions.BetaLn(gamma, delta + n + j + 1) - lnBgd - lnL);
                double t = sum + term;
                compensation += Math.Abs(sum) >= Math.Abs(term) ? (sum - t) + term : (term - t) + sum;
                sum = t;
            }

            checkedAt = k;
            double expected = Math.Min(sum + compensation, 1), actual = model.ProbabilityOfAnyPurchase(h, k);
            Assert.True(Math.Abs(actual - expected) <= 1e-12 * expected, $"k = {k}: {actual:R} against {expected:R}");
        }
    }

    [Fact]
    public void ProbabilityOfAnyPurchase_TermsBelowTheSmallestNormalDouble_KeepFalling()
    {
        // 50 purchases in 100,000 opportunities under a model where almost everyone leaves at once (γ = 41): the first term
        // is about 8e-322, a subnormal double. Carried as a plain double times ratios near 1 it stopped falling (the sum grew
        // by the same few units of 2^-1074 every step: 7.9e-317 at 10^5 opportunities where the sum is 8.5e-319).
        var model = new BetaGeoBetaBinomModel(1, 1, 41, 1);
        var h = new BinaryPurchaseHistory(50, 50, 100_000);
        double lnL = model.LikelihoodLn(h), lnBab = SpecialFunctions.BetaLn(1, 1), lnBgd = SpecialFunctions.BetaLn(41, 1);
        double sum = 0;
        for (int j = 0; j < 100_000; j++)
        {
            sum += Math.Exp(SpecialFunctions.BetaLn(1 + 50 + 1, 1 + 100_000 - 50 + j) - lnBab + SpecialFunctions.BetaLn(41, 1 + 100_000 + j + 1) - lnBgd - lnL);
            if (j + 1 is 1_000 or 100_000)
            {
                double actual = model.ProbabilityOfAnyPurchase(h, j + 1);
                Assert.True(sum > 0 && Math.Abs(actual - sum) <= 1e-6 * sum, $"k = {j + 1}: {actual:R} against {sum:R}");
            }
        }
    }

    [Fact]
    public void NextPurchaseTime_BuyerAndLeaverBothNearZero_WalksToTheStopAndIsInfinite()
    {
        // α = 1e-6: nearly every customer's chance to buy is about 0; γ = 1e-6: nearly none ever leaves. P(a purchase some
        // day) stays far below one half, but P(alive, no purchase yet) stays above it for more than 10^8 opportunities, so
        // the walk goes to its documented stop.
        var model = new BetaGeoBetaBinomModel(1e-6, 2, 1e-6, 100);
        var h = new BinaryPurchaseHistory(0, 0, 6);

        Assert.Equal(double.PositiveInfinity, model.NextPurchaseTime(h, 0.5));
        Assert.InRange(model.ProbabilityOfAnyPurchase(h, 100_000_000), 0, 0.5);
    }
}
