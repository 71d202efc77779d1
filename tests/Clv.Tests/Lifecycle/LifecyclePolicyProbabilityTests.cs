using Clv.Lifecycle;
using FsCheck;
using FsCheck.Xunit;

namespace Clv.Tests.Lifecycle;

/// <summary>Under a probability policy, one-time buyers fall back to the day thresholds; repeat buyers follow the provider.</summary>
public class LifecyclePolicyProbabilityTests
{
    [Theory]
    [InlineData(90, LifecycleStage.New)]
    [InlineData(91, LifecycleStage.Dormant)]
    [InlineData(180, LifecycleStage.Dormant)]
    [InlineData(181, LifecycleStage.Churned)]
    [InlineData(3000, LifecycleStage.Churned)]
    public void Classify_OneTimeBuyerWithBgNbdLikeProvider_FallsBackToDayThresholds(int quietDays, LifecycleStage expected)
    {
        // BG/NBD gives P(alive) = 1 at x = 0 whatever the age: without the fallback this buyer would be New forever.
        var policy = LifecyclePolicy.FromAliveProbability((x, _, _, _) => x == 0 ? 1.0 : 0.0, 0.5, 0.2);
        Assert.Equal(expected, Log.Classify(policy, quietDays, 0));
    }

    [Fact]
    public void Classify_OneTimeBuyer_ProviderNotAskedAndFallbackUsesTheOptions()
    {
        int calls = 0;
        var policy = LifecyclePolicy.FromAliveProbability(
            (_, _, _, _) =>
            {
                calls++;
                return 0.0;
            },
            0.5,
            0.2,
            new LifecycleOptions { DormantAfterDays = 10, ChurnedAfterDays = 20 });

        Assert.Equal(LifecycleStage.New, Log.Classify(policy, 10, 0));
        Assert.Equal(LifecycleStage.Dormant, Log.Classify(policy, 11, 0));
        Assert.Equal(LifecycleStage.Churned, Log.Classify(policy, 21, 0));
        Assert.Equal(0, calls);

        // A repeat buyer is the provider's: P = 0 is churned even one day after the last purchase.
        Assert.Equal(LifecycleStage.Churned, Log.Classify(policy, 6, 0, 5));
        Assert.True(calls > 0);
    }

    [Fact]
    public void Classify_RepeatBuyerWithProviderSayingAlive_NeverQuietWhateverTheDays()
    {
        var policy = LifecyclePolicy.FromAliveProbability((_, _, _, _) => 1.0, 0.5, 0.2);
        Assert.Equal(LifecycleStage.Mature, Log.Classify(policy, 3000, 0, 10));
    }

    [Fact]
    public void EarlyWarning_OneTimeBuyerUnderProbabilityPolicy_ReasonHasNoProbability()
    {
        var policy = LifecyclePolicy.FromAliveProbability((x, _, _, _) => x == 0 ? 1.0 : 0.9, 0.5, 0.2);
        var summaries = Log.Summaries(0, Log.Buy("once", 0));
        var w = Assert.Single(EarlyWarningReport.Create(policy, summaries, Log.B.AddDays(10), Log.B.AddDays(100)).Rows);
        Assert.Equal(LifecycleStage.Dormant, w.Stage);
        Assert.Equal("no purchase for 100 days since their only purchase", w.Reason);
    }

    [Property(MaxTest = 200)]
    public bool Classify_AnyProvider_OneTimeBuyersMatchTheDayPolicy(int seed, byte dateOffset, byte constant)
    {
        var rows = Log.Random(seed);
        var summaries = CustomerSummaries.FromTransactions(rows, Log.B.AddDays(100), TimeUnit.Week, Log.FarEnd);
        double p = constant / 255.0;
        var probability = LifecyclePolicy.FromAliveProbability((_, _, _, _) => p, 0.5, 0.2);
        var days = LifecyclePolicy.FromDays();
        var date = summaries.ObservationEnd.AddDays(dateOffset * 3);
        var a = probability.Classify(summaries, date);
        var b = days.Classify(summaries, date);
        var history = LifecycleHistoryReport.Create(probability, summaries, [date]);
        for (int i = 0; i < summaries.Count; i++)
        {
            int purchaseDays = rows.Where(r => r.CustomerId == summaries[i].CustomerId && r.Amount >= 0 && r.Date <= date).Select(r => r.Date).Distinct().Count();
            if (purchaseDays <= 1 && a[i] != b[i])
            {
                return false;
            }

            if (history[i, 0] != a[i])
            {
                return false;
            }
        }

        return true;
    }
}
