using Clv.Lifecycle;

namespace Clv.Tests.Lifecycle;

public class EarlyWarningTests
{
    private static readonly LifecyclePolicy Days = LifecyclePolicy.FromDays();

    [Fact]
    public void Find_CustomersWhoWentQuiet_RankedByNetSpendWithPlainReason()
    {
        var rows = new[]
        {
            Log.Buy("regular", 0, 10), Log.Buy("regular", 30, 10), Log.Buy("regular", 60, 10),
            Log.Buy("big", 0, 900), Log.Buy("big", 25, 100), new Transaction("big", Log.B.AddDays(26), -50),
            Log.Buy("once", 60, 40),
            Log.Buy("active", 0, 5000), Log.Buy("active", 150, 5),
            Log.Buy("long-gone", 0, 7000),
        };
        var summaries = Log.Summaries(60, rows);
        var warnings = EarlyWarning.Find(Days, summaries, Log.B.AddDays(100), Log.B.AddDays(157));

        Assert.Equal(["big", "once", "regular"], warnings.Select(w => w.CustomerId));
        var big = warnings[0];
        Assert.Equal(950, big.ValueAtRisk);
        Assert.Equal(LifecycleStage.Growing, big.PreviousStage);
        Assert.Equal(LifecycleStage.Dormant, big.Stage);
        Assert.Equal(132, big.DaysSinceLastPurchase);
        Assert.Equal("no purchase for 132 days, 5.3x their usual gap of 25 days", big.Reason);
        Assert.Equal("no purchase for 97 days since their only purchase", warnings[1].Reason);
        Assert.True(double.IsNaN(warnings[1].GapMultiple));
        Assert.Equal("no purchase for 97 days, 3.2x their usual gap of 30 days", warnings[2].Reason);
        Assert.Equal(97 / 30.0, warnings[2].GapMultiple, 12);
        Assert.Equal("regular: no purchase for 97 days, 3.2x their usual gap of 30 days", warnings[2].ToString());
    }

    [Fact]
    public void Find_SuppliedValues_RankByThem()
    {
        var rows = new[] { Log.Buy("a", 0, 10), Log.Buy("b", 0, 20) };
        var summaries = Log.Summaries(0, rows);
        var warnings = EarlyWarning.Find(Days, summaries, Log.B.AddDays(10), Log.B.AddDays(95), [300.0, 100.0]);
        Assert.Equal(["a", "b"], warnings.Select(w => w.CustomerId));
        Assert.Equal(300, warnings[0].ValueAtRisk);
        Assert.Throws<ArgumentException>(() => EarlyWarning.Find(Days, summaries, Log.B, Log.B.AddDays(95), [1.0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => EarlyWarning.Find(Days, summaries, Log.B.AddDays(95), Log.B));
    }

    [Fact]
    public void Find_AliveProbabilityPolicy_ReasonIncludesProbability()
    {
        var policy = LifecyclePolicy.FromAliveProbability((x, tx, t) => t - tx > 50 ? 0.3 : 0.9, 0.5, 0.2);
        var summaries = Log.Summaries(0, Log.Buy("a", 0), Log.Buy("a", 10));
        var warnings = EarlyWarning.Find(policy, summaries, Log.B.AddDays(20), Log.B.AddDays(70));
        var w = Assert.Single(warnings);
        Assert.Equal("no purchase for 60 days, 6.0x their usual gap of 10 days; probability still active 0.30", w.Reason);
    }

    [Fact]
    public void Find_Cdnow_EveryWarningWasActiveAndIsNowQuiet()
    {
        var summaries = TestData.CdnowSummaries();
        var since = new DateOnly(1997, 9, 30);
        var now = new DateOnly(1998, 6, 30);
        var warnings = EarlyWarning.Find(Days, summaries, since, now);
        var s1 = Days.Classify(summaries, since);
        var s2 = Days.Classify(summaries, now);
        int expected = Enumerable.Range(0, s1.Length).Count(i => s1[i].IsActive() && s2[i].IsQuiet());
        Assert.Equal(expected, warnings.Length);
        Assert.True(warnings.Length > 100);
        for (int k = 1; k < warnings.Length; k++)
        {
            Assert.True(warnings[k - 1].ValueAtRisk >= warnings[k].ValueAtRisk);
        }
    }
}
