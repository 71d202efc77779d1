using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// The BG/BB model's argument rules in every form (one history, a span of histories) and its zero-opportunity answers
/// (written against the survivors of a mutation run over the model: removed checks and the `periods > 0` test went unseen).
/// </summary>
public class BetaGeoBetaBinomArgumentTests
{
    // Fader, Hardie and Shang (2010), the donations data's published estimates.
    private static readonly BetaGeoBetaBinomModel Model = new(1.204, 0.750, 0.657, 2.783);
    private static readonly BinaryPurchaseHistory History = new(3, 5, 6);

    [Fact]
    public void OneHistory_NegativeOpportunities_ThrowNamingTheParameter()
    {
        Assert.Equal("periodsAhead", Assert.Throws<ArgumentOutOfRangeException>(() => Model.ProbabilityAlive(History, -1)).ParamName);
        Assert.Equal("periods", Assert.Throws<ArgumentOutOfRangeException>(() => Model.ConditionalExpectedPurchases(History, -1)).ParamName);
        Assert.Equal("periods", Assert.Throws<ArgumentOutOfRangeException>(() => Model.ProbabilityOfAnyPurchase(History, -1)).ParamName);
        Assert.Equal("periods", Assert.Throws<ArgumentOutOfRangeException>(() => Model.ExpectedPurchases(-1)).ParamName);
    }

    [Fact]
    public void Spans_LengthsDifferOrOpportunitiesNegative_ThrowNamingTheProblem()
    {
        BinaryPurchaseHistory[] histories = [History, new(0, 0, 6)];
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => Model.ProbabilityAlive(histories, new double[1])).ParamName);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => Model.ConditionalExpectedPurchases(histories, 5, new double[3])).ParamName);
        Assert.Equal("periods", Assert.Throws<ArgumentOutOfRangeException>(() => Model.ConditionalExpectedPurchases(histories, -1, new double[2])).ParamName);

        // Refused before any history is read: an empty span with negative opportunities is still an error.
        Assert.Equal("periods", Assert.Throws<ArgumentOutOfRangeException>(() => Model.ConditionalExpectedPurchases([], -1, [])).ParamName);
    }

    [Fact]
    public void Spans_EqualEachHistoryAnsweredAlone()
    {
        // Repeated histories (the batch computes each distinct one once), and histories that differ only in n or in weight.
        BinaryPurchaseHistory[] histories = [History, new(0, 0, 6), new(6, 6, 6), History, new(3, 4, 6, 5), new(3, 4, 7), new(0, 0, 6), new(3, 4, 6), new(0, 0, 365)];
        var alive = new double[histories.Length];
        var expected = new double[histories.Length];
        Model.ProbabilityAlive(histories, alive);
        Model.ConditionalExpectedPurchases(histories, 5, expected);

        for (int i = 0; i < histories.Length; i++)
        {
            Assert.Equal(Model.ProbabilityAlive(histories[i]), alive[i]);
            Assert.Equal(Model.ConditionalExpectedPurchases(histories[i], 5), expected[i]);
        }
    }

    [Fact]
    public void ZeroOpportunitiesAhead_NoPurchaseIsPossible()
    {
        // At k = 0 there is no opportunity: the chance of a purchase is exactly 0 (not the chance at the first one), and so are
        // the expected purchases; P(alive) at opportunity n itself is at least P(alive) at n + 1.
        Assert.Equal(0, Model.ProbabilityOfAnyPurchase(History, 0));
        Assert.True(Model.ProbabilityOfAnyPurchase(History, 1) > 0.1);
        Assert.Equal(0, Model.ConditionalExpectedPurchases(History, 0));
        Assert.Equal(0, Model.ExpectedPurchases(0));
        Assert.True(Model.ProbabilityAlive(History, 0) >= Model.ProbabilityAlive(History, 1));
    }

    [Fact]
    public void Fit_NoPositiveWeight_SaysWhatIsMissing()
    {
        BinaryPurchaseHistory[] histories = [new(1, 2, 6, 0), new(0, 0, 6, 0)];
        var e = Assert.Throws<ArgumentException>(() => BetaGeoBetaBinomModel.Fit(histories));

        Assert.Equal("histories", e.ParamName);
        Assert.Contains("BG/BB needs at least one history with a positive weight to fit.", e.Message, StringComparison.Ordinal);
    }
}
