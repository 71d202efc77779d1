using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// MBG/NBD at the published CDNOW parameters against values computed independently: the individual-level model
/// (Poisson purchases, a drop-out chance p at time 0 and after every purchase) integrated numerically over the gamma
/// and beta mixing distributions at 30 digits (mpmath), with no closed form and no 2F1. The script is
/// <c>tests/Clv.Tests/Probabilistic/mbg_golden.py</c>.
/// </summary>
public class MbgNbdGoldenTests
{
    private static readonly MbgNbdModel Model = new(0.524838, 6.182990, 0.891356, 1.614000, TimeUnit.Week);

    [Theory]
    [InlineData(1, 0.053060650248075)]
    [InlineData(3, 0.150793082484534)]
    [InlineData(32, 1.03660989028746)]
    [InlineData(78, 1.80363720759328)]
    public void ExpectedPurchases(double time, double expected) =>
        Close(expected, Model.ExpectedPurchases(time));

    [Theory]
    [InlineData(0, 0, 38.86, 0.389716410101746)]
    [InlineData(1, 1.71, 38.86, 0.170819639966882)]
    [InlineData(23, 39, 39, 0.965052203152938)]
    [InlineData(5, 30, 39, 0.685024351470388)]
    [InlineData(20, 30, 39, 0.202480637409837)]
    [InlineData(2, 30.43, 38.86, 0.706126314916178)]
    public void ProbabilityAlive(int x, double recency, double age, double expected) =>
        Close(expected, Model.ProbabilityAlive(x, recency, age));

    [Theory]
    [InlineData(2, 30.43, 38.86, 39, 1.26267102821851)]
    [InlineData(0, 0, 38.86, 52, 0.197628566392013)]
    public void ConditionalExpectedPurchases(int x, double recency, double age, double time, double expected) =>
        Close(expected, Model.ConditionalExpectedPurchases(x, recency, age, time));

    [Theory]
    [InlineData(0, 39, 0.582605424434609)]
    [InlineData(1, 39, 0.182763404478785)]
    [InlineData(10, 2, 2.20767175896055e-8)]
    [InlineData(11, 30, 0.00186922393971007)]
    public void PurchaseCountProbability(int count, double time, double expected) =>
        Close(expected, Model.PurchaseCountProbability(count, time));

    [Theory]
    [InlineData(0, 0, 40, -0.544702507900559)]
    [InlineData(1, 1.71, 38.86, -4.46049310569689)]
    [InlineData(200, 38, 40, 91.7635122793121)]
    public void LikelihoodLn(int x, double recency, double age, double expected) =>
        Close(expected, Model.LikelihoodLn(x, recency, age));

    private static void Close(double expected, double actual) =>
        Assert.True(Math.Abs(actual - expected) <= 1e-10 * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");
}
