using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// Pareto/NBD's P(some purchase in t) keeps its digits where it is tiny: it was 1 − P(no purchase), with an absolute floor
/// near 1e-16, so the time by which a purchase has probability 1e-300 came out as 8.9e-16 (BG/NBD: 2e-300).
/// </summary>
public class ParetoNbdAnyPurchasePrecisionTests
{
    private static readonly ParetoNbdModel Model = new(1, 1, 1, 1, TimeUnit.Week);

    [Theory]
    [InlineData(1e-300)]
    [InlineData(1e-20)]
    [InlineData(1e-12)]
    public void ProbabilityOfAnyPurchase_TinyHorizon_IsTheMeanRateTimesIt(double time)
    {
        // For t far below every scale, P(some purchase) = E[λ] t (1 − O(t)) with E[λ] = r/α = 1; here x = 0, t_x = T = 0.
        double p = Model.ProbabilityOfAnyPurchase(0, 0, 0, time);

        Assert.Equal(1.0, p / time, 6);
    }

    [Theory]
    [InlineData(1e-300)]
    [InlineData(1e-100)]
    [InlineData(1e-15)]
    public void NextPurchaseTime_TinyLevel_IsAboutTheLevelOverTheRate(double level)
    {
        double t = Model.NextPurchaseTime(0, 0, 0, level);

        Assert.Equal(1.0, t / level, 6);
    }

    [Fact]
    public void NextPurchaseTime_LevelBelow1e300AtAHighRate_BoundedNotThrown()
    {
        // P(some purchase) passes 1e-320 before 1e-300 weeks at 1e4 purchases a week: the time is reported as at most 1e-300.
        var fast = new ParetoNbdModel(1e4, 1, 1, 1, TimeUnit.Week);

        double t = fast.NextPurchaseTime(0, 0, 0, 1e-320);

        Assert.InRange(t, 0, 1e-300);
    }

    [Theory]
    [InlineData(0.6, 4.4, 0.6, 11.7, 2, 30.4, 38.9)]
    [InlineData(0.55, 10.58, 0.61, 11.67, 0, 0, 38.9)]
    [InlineData(2.0, 0.5, 0.05, 30, 7, 20, 26)]
    public void ProbabilityOfAnyPurchase_OrdinaryHorizons_AgreesWithOneMinusTheZeroCount_AndRises(double r, double alpha, double s, double beta, int x, double tx, double age)
    {
        var model = new ParetoNbdModel(r, alpha, s, beta, TimeUnit.Week);
        double before = 0;
        foreach (double t in new[] { 0.01, 0.1, 1, 4, 13, 52, 520, 5200 })
        {
            double p = model.ProbabilityOfAnyPurchase(x, tx, age, t);
            double zero = model.ConditionalPurchaseCountProbability(0, x, tx, age, t);

            Assert.Equal(1 - zero, p, 1e-10);
            Assert.True(p >= before - 1e-12, $"P(any purchase) fell from {before} to {p} at t = {t}");
            before = p;
        }
    }
}
