using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// The BG/BB predictions whose horizon runs from the history's last opportunity n to n + periods: refused, naming the parameter and
/// the limit, once n + periods passes <see cref="int.MaxValue"/> (they were NaN or silently wrong there), accepted right at it.
/// </summary>
public class BetaGeoBetaBinomHorizonTests
{
    private static readonly BetaGeoBetaBinomModel Model = new(0.5, 0.5, 0.5, 0.5);
    private static readonly BetaGeoBetaBinomModel Donations = new(1.2, 0.75, 0.66, 2.78);
    private static readonly BinaryPurchaseHistory History = new(5, 6, 1000);
    private const int Limit = int.MaxValue - 1000;

    private static void AssertRefused(string paramName, int periods, Action call)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(call);
        Assert.Equal(paramName, e.ParamName);
        Assert.Contains($".Periods + {paramName} must be at most {int.MaxValue}, but ", e.Message, StringComparison.Ordinal);
        Assert.Contains($".Periods was 1000 and {paramName} was {periods}.", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Limit + 1)]
    [InlineData(int.MaxValue)]
    public void ConditionalExpectedPurchases_BeyondTheLastOpportunity_Throws(int ahead)
    {
        AssertRefused("periods", ahead, () => Model.ConditionalExpectedPurchases(History, ahead));
        AssertRefused("periods", ahead, () => Donations.ConditionalExpectedPurchases(History, ahead));
    }

    [Fact]
    public void ConditionalExpectedPurchases_AtTheLastOpportunity_IsFiniteAndNoLessThanJustBefore()
    {
        foreach (var model in new[] { Model, Donations })
        {
            double atLimit = model.ConditionalExpectedPurchases(History, Limit);
            double before = model.ConditionalExpectedPurchases(History, Limit - 1000);
            Assert.True(double.IsFinite(atLimit) && atLimit >= before, $"{model}: {atLimit:R} after {before:R}");
            Assert.True(atLimit <= before * (1 + 1e-6), $"{model}: {atLimit:R} jumped from {before:R}");
        }
    }

    [Fact]
    public void ConditionalExpectedPurchasesOverSpan_BeyondTheLastOpportunity_ThrowsNamingTheHistory()
    {
        BinaryPurchaseHistory[] histories = [new(0, 0, 6), History];
        var destination = new double[2];

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Model.ConditionalExpectedPurchases(histories, Limit + 1, destination));

        Assert.Equal("periods", e.ParamName);
        Assert.Contains($"histories[1].Periods + periods must be at most {int.MaxValue}, but histories[1].Periods was 1000 and periods was {Limit + 1}.", e.Message, StringComparison.Ordinal);
        Assert.Equal([0, 0], destination);
    }

    [Fact]
    public void ProbabilityAlive_BeyondTheLastOpportunity_Throws()
    {
        AssertRefused("periodsAhead", Limit + 1, () => Model.ProbabilityAlive(History, Limit + 1));
        double p = Model.ProbabilityAlive(History, Limit);
        Assert.True(p >= 0 && p <= 1, $"P = {p}");
    }

    [Fact]
    public void ProbabilityOfAnyPurchase_BeyondTheLastOpportunity_Throws()
    {
        AssertRefused("periods", int.MaxValue, () => Model.ProbabilityOfAnyPurchase(History, int.MaxValue));
        AssertRefused("periods", Limit + 1, () => Donations.ProbabilityOfAnyPurchase(History, Limit + 1));
    }
}
