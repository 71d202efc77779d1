using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// BG/BB with large shape parameters, where a fit of a homogeneous population ends (identical customers: alpha and beta run off
/// together along the ridge alpha/beta = p). Each ratio B(alpha + x, beta + m)/B(alpha, beta) used to be a difference of two ln B
/// values of about −1.4e12 at alpha = beta = 1e12, whose rounding swamped the ratio. References: 80-digit mpmath sums of the
/// defining series (ln Γ by loggamma).
/// </summary>
public class BetaGeoBetaBinomLargeShapeTests
{
    [Theory]
    [InlineData(1e12, -4.1588830833631719, 0.9999999999985, 2.49999999999375)]
    [InlineData(1e14, -4.1588830833597069, 0.999999999999985, 2.4999999999999375)]
    public void Predictions_LargeShapes_MatchTheDefiningSums(double shape, double lnL, double alive, double expected5)
    {
        // Before: at 1e12 ln L -4.16406, P(alive) 0.9961, E 2.49907; at 1e14 ln L -4.5, E 2.3947.
        var model = new BetaGeoBetaBinomModel(shape, shape, 0.5, shape);
        var history = new BinaryPurchaseHistory(3, 5, 6);
        Assert.Equal(lnL, model.LikelihoodLn(history), 1e-10);
        Assert.Equal(alive, model.ProbabilityAlive(history), 1e-10);
        Assert.Equal(expected5, model.ConditionalExpectedPurchases(history, 5), 1e-10);
    }

    [Fact]
    public void LikelihoodLn_AtAFittedRidgeEstimate_IsNotPositive()
    {
        // A fit of 100 customers who bought at all 6 opportunities stopped near here; ln L was +2.4e-7, a probability above 1.
        var model = new BetaGeoBetaBinomModel(4.80413e8, 4.68098, 1.02293e-7, 6.93232e7);
        double lnL = model.LikelihoodLn(new BinaryPurchaseHistory(6, 6, 6));
        Assert.True(lnL <= 0, $"ln L = {lnL}");
        Assert.Equal(-5.8461956629789071e-8, lnL, 1e-12);
    }

    [Fact]
    public void Fit_EveryoneBoughtAtEveryOpportunity_LikelihoodIsNotPositive()
    {
        // The fit runs alpha up the ridge (p → 1); its ln L was +0.00043 (a probability of the data above 1).
        var fit = BetaGeoBetaBinomModel.Fit([new BinaryPurchaseHistory(6, 6, 6, 100)]);
        Assert.True(fit.LikelihoodLn <= 0, $"ln L = {fit.LikelihoodLn} at {fit.Model}");
        Assert.True(fit.LikelihoodLn > -1e-3, $"ln L = {fit.LikelihoodLn} at {fit.Model}");
    }

    [Theory]
    [InlineData(1.0000001, 32.304953305607023, 34.599856673065509)]
    [InlineData(0.9999999, 32.305019808677146, 34.599926702270966)]
    public void Expectations_TwoBillionOpportunitiesWithGammaNearOne_MatchTheClosedForm(double gamma, double conditional, double population)
    {
        // Over k > 10,000 opportunities the survival sum is G(1 + delta + m)/G(gamma + delta + m) at m = n and n + k, once a difference of
        // ln G values of 4e10 that kept none of the 1e-7 between them: 124.70 and 128.48 at gamma = 1 + 1e-7, NaN at 1 - 1e-7.
        var model = new BetaGeoBetaBinomModel(1.2, 0.75, gamma, 2.78);
        const int K = 2_000_000_000;
        Assert.Equal(conditional, model.ConditionalExpectedPurchases(new BinaryPurchaseHistory(3, 4, 6), K), 1e-6 * conditional);
        Assert.Equal(population, model.ExpectedPurchases(K), 1e-6 * population);
    }
}
