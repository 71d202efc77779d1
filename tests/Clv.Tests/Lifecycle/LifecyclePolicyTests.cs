using Clv.Lifecycle;

namespace Clv.Tests.Lifecycle;

public class LifecyclePolicyTests
{
    private static readonly LifecyclePolicy Days = LifecyclePolicy.FromDays();

    [Theory]
    [InlineData(89, LifecycleStage.New)]
    [InlineData(90, LifecycleStage.New)]
    [InlineData(91, LifecycleStage.Dormant)]
    [InlineData(179, LifecycleStage.Dormant)]
    [InlineData(180, LifecycleStage.Dormant)]
    [InlineData(181, LifecycleStage.Churned)]
    public void Classify_OnePurchaseAtDormancyAndChurnBoundaries_QuietOnlyPastThreshold(int quietDays, LifecycleStage expected) =>
        Assert.Equal(expected, Log.Classify(Days, quietDays, 0));

    [Theory]
    [InlineData(29, LifecycleStage.New)]
    [InlineData(30, LifecycleStage.New)]
    [InlineData(31, LifecycleStage.Growing)]
    public void Classify_RepeatBuyerAtActivationBoundary_NewThenGrowing(int asOf, LifecycleStage expected) =>
        Assert.Equal(expected, Log.Classify(Days, asOf, 0, 10));

    [Theory]
    [InlineData(0, LifecycleStage.New)]
    [InlineData(45, LifecycleStage.New)]
    public void Classify_OnePurchasePastActivationWindow_StaysNewUntilQuiet(int asOf, LifecycleStage expected) =>
        Assert.Equal(expected, Log.Classify(Days, asOf, 0));

    [Theory]
    [InlineData(new[] { 0, 10, 20 }, LifecycleStage.Growing)]
    [InlineData(new[] { 0, 10, 20, 30 }, LifecycleStage.Mature)]
    [InlineData(new[] { 0, 10, 20, 30, 35 }, LifecycleStage.Mature)]
    public void Classify_AtMaturePurchaseDayBoundary_MatureFromFourDays(int[] days, LifecycleStage expected) =>
        Assert.Equal(expected, Log.Classify(Days, 40, days));

    [Theory]
    [InlineData(364, LifecycleStage.Growing)]
    [InlineData(365, LifecycleStage.Mature)]
    [InlineData(366, LifecycleStage.Mature)]
    public void Classify_AtMatureTenureBoundary_MatureFrom365Days(int asOf, LifecycleStage expected)
    {
        var policy = LifecyclePolicy.FromDays(new LifecycleOptions { MatureMinPurchaseDays = 100, DormantAfterDays = 400, ChurnedAfterDays = 400 });
        Assert.Equal(expected, Log.Classify(policy, asOf, 0, 300));
    }

    [Theory]
    [InlineData(89, LifecycleStage.Growing)]
    [InlineData(90, LifecycleStage.Growing)]
    [InlineData(91, LifecycleStage.Reactivated)]
    [InlineData(200, LifecycleStage.Reactivated)]
    public void Classify_AtReactivationGapBoundary_ReactivatedOnlyAfterQuietSpell(int gap, LifecycleStage expected) =>
        Assert.Equal(expected, Log.Classify(Days, gap + 10, 0, gap));

    [Theory]
    [InlineData(59, LifecycleStage.Reactivated)]
    [InlineData(60, LifecycleStage.Reactivated)]
    [InlineData(61, LifecycleStage.Growing)]
    public void Classify_AtReactivationHoldBoundary_HoldsForWindow(int sinceReturn, LifecycleStage expected)
    {
        var policy = LifecyclePolicy.FromDays(new LifecycleOptions { ReactivationHoldDays = 60 });
        Assert.Equal(expected, Log.Classify(policy, 100 + sinceReturn, 0, 100));
    }

    [Fact]
    public void Classify_PurchaseAfterReturnWithinHold_StaysReactivated() =>
        Assert.Equal(LifecycleStage.Reactivated, Log.Classify(Days, 230, 0, 200, 210));

    [Fact]
    public void Classify_ReactivatedCustomerGoesQuietAgain_Dormant()
    {
        var policy = LifecyclePolicy.FromDays(new LifecycleOptions { ReactivationHoldDays = 120 });
        Assert.Equal(LifecycleStage.Reactivated, Log.Classify(policy, 290, 0, 200));
        Assert.Equal(LifecycleStage.Dormant, Log.Classify(policy, 291, 0, 200));
    }

    [Fact]
    public void Classify_SameDayPurchases_CountAsOnePurchaseDay()
    {
        var summaries = Log.Summaries(0, Log.Buy("c", 0, 5), Log.Buy("c", 0, 7), Log.Buy("c", 0, 9));
        Assert.Equal(LifecycleStage.New, Days.Classify(summaries, 0, Log.B.AddDays(90)));
        Assert.Equal(LifecycleStage.Dormant, Days.Classify(summaries, 0, Log.B.AddDays(91)));

        // Four purchases on one day are one purchase day: not mature.
        var repeat = Log.Summaries(0, Log.Buy("c", 0), Log.Buy("c", 40), Log.Buy("c", 40), Log.Buy("c", 40));
        Assert.Equal(LifecycleStage.Growing, Days.Classify(repeat, 0, Log.B.AddDays(50)));
    }

    [Fact]
    public void Classify_RefundsOnly_Lead()
    {
        var summaries = Log.Summaries(0, new Transaction("r", Log.B, -20), new Transaction("r", Log.B.AddDays(50), -5));
        Assert.Equal(LifecycleStage.Lead, Days.Classify(summaries, 0, Log.B));
        Assert.Equal(LifecycleStage.Lead, Days.Classify(summaries, 0, Log.B.AddDays(1000)));
    }

    [Fact]
    public void Classify_RefundAfterPurchase_DoesNotCountAsActivity()
    {
        var summaries = Log.Summaries(0, Log.Buy("c", 0), new Transaction("c", Log.B.AddDays(80), -10));
        Assert.Equal(LifecycleStage.Dormant, Days.Classify(summaries, 0, Log.B.AddDays(91)));
    }

    [Fact]
    public void Classify_LeadWithFirstPurchaseLater_LeadThenNew()
    {
        var summaries = Log.Summaries(0, new Transaction("c", Log.B, -1), Log.Buy("c", 20));
        Assert.Equal(LifecycleStage.Lead, Days.Classify(summaries, 0, Log.B.AddDays(19)));
        Assert.Equal(LifecycleStage.New, Days.Classify(summaries, 0, Log.B.AddDays(20)));
    }

    [Fact]
    public void Classify_InteractionsWithoutPurchase_Lead()
    {
        var summaries = Log.Summaries(0, new Transaction("c", Log.B, -1));
        var engaged = new CustomerEngagement(Log.B.AddDays(5), HasOpenOpportunity: true);
        Assert.Equal(LifecycleStage.Lead, Days.Classify(summaries, 0, engaged, Log.B.AddDays(10)));
        Assert.Equal(LifecycleStage.Lead, Days.Classify(summaries, 0, new CustomerEngagement(Log.B.AddDays(5), false), Log.B.AddDays(10)));
    }

    [Fact]
    public void Classify_InteractionAfterLastPurchase_RestartsQuietClock()
    {
        var interacted = new CustomerEngagement(Log.B.AddDays(50), false);
        Assert.Equal(LifecycleStage.New, Log.Classify(Days, 140, interacted, 0));
        Assert.Equal(LifecycleStage.Dormant, Log.Classify(Days, 141, interacted, 0));
        Assert.Equal(LifecycleStage.Dormant, Log.Classify(Days, 140, 0));
    }

    [Fact]
    public void Classify_InteractionAfterAsOfDate_Ignored()
    {
        var later = new CustomerEngagement(Log.B.AddDays(130), false);
        Assert.Equal(LifecycleStage.Dormant, Log.Classify(Days, 120, later, 0));
    }

    [Fact]
    public void Classify_OpenOpportunity_NeverQuiet()
    {
        var open = new CustomerEngagement(null, HasOpenOpportunity: true);
        Assert.Equal(LifecycleStage.New, Log.Classify(Days, 500, open, 0));
        Assert.Equal(LifecycleStage.Mature, Log.Classify(Days, 500, open, 0, 10, 20, 30));
    }

    [Theory]
    [InlineData(30, LifecycleStage.Growing)]
    [InlineData(31, LifecycleStage.Dormant)]
    [InlineData(60, LifecycleStage.Dormant)]
    [InlineData(61, LifecycleStage.Churned)]
    public void Classify_GapMultipleAtBoundaries_ScalesWithMeanGap(int quietDays, LifecycleStage expected)
    {
        var policy = LifecyclePolicy.RelativeToGap(3, 6);
        Assert.Equal(expected, Log.Classify(policy, 20 + quietDays, 0, 10, 20));
    }

    [Fact]
    public void Classify_GapMultipleWithOnePurchase_FallsBackToDays()
    {
        var policy = LifecyclePolicy.RelativeToGap(3, 6);
        Assert.Equal(LifecycleStage.New, Log.Classify(policy, 90, 0));
        Assert.Equal(LifecycleStage.Dormant, Log.Classify(policy, 91, 0));
    }

    [Fact]
    public void Classify_GapMultipleReactivation_UsesGapBeforeReturn()
    {
        // Gap 10 then a 40-day gap: 40 > 3 x 10, so the return at day 60 ended a dormant spell.
        var policy = LifecyclePolicy.RelativeToGap(3, 6);
        Assert.Equal(LifecycleStage.Reactivated, Log.Classify(policy, 65, 0, 10, 20, 60));
        Assert.Equal(LifecycleStage.Mature, Log.Classify(policy, 65, 0, 10, 20, 50));
    }

    [Fact]
    public void Classify_AliveProbability_PassesStatisticsAsOfDateInSummaryUnit()
    {
        var seen = new List<(int X, double Tx, double T)>();
        var policy = LifecyclePolicy.FromAliveProbability(
            (x, tx, t, _) =>
            {
                seen.Add((x, tx, t));
                return t - tx <= 10 ? 0.9 : t - tx <= 20 ? 0.3 : 0.1;
            },
            dormantBelow: 0.5,
            churnedBelow: 0.2);
        var rows = new[] { Log.Buy("c", 0), Log.Buy("c", 14), Log.Buy("c", 70) };
        var weeks = CustomerSummaries.FromTransactions(rows, Log.B, TimeUnit.Week, Log.FarEnd);

        Assert.Equal(LifecycleStage.Growing, policy.Classify(weeks, 0, Log.B.AddDays(35)));
        Assert.Equal((1, 2.0, 5.0), seen[0]);
        seen.Clear();
        Assert.Equal(LifecycleStage.Dormant, policy.Classify(weeks, 0, Log.B.AddDays(70 + 77)));
        Assert.Equal((2, 10.0, 21.0), seen[0]);
        Assert.Equal(LifecycleStage.Churned, policy.Classify(weeks, 0, Log.B.AddDays(70 + 147)));
    }

    [Fact]
    public void Classify_ProviderOutsideUnitInterval_Throws()
    {
        var policy = LifecyclePolicy.FromAliveProbability((_, _, _, _) => 1.5, 0.5, 0.2);
        var ex = Assert.Throws<InvalidOperationException>(() => Log.Classify(policy, 10, 0, 5));
        Assert.Contains("1.5", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromDays_ChurnBelowDormancy_RejectedWithReason()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => LifecyclePolicy.FromDays(new LifecycleOptions { DormantAfterDays = 90, ChurnedAfterDays = 60 }));
        Assert.Contains("churn threshold (60 days) cannot be below the dormancy threshold (90 days)", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1, 90, 180, 90, 365)]
    [InlineData(30, -1, 180, 90, 365)]
    [InlineData(30, 90, -5, 90, 365)]
    [InlineData(30, 90, 180, -1, 365)]
    [InlineData(30, 90, 180, 90, -1)]
    public void FromDays_NegativeWindow_Rejected(int activation, int dormant, int churned, int hold, int tenure)
    {
        var options = new LifecycleOptions
        {
            ActivationWindowDays = activation,
            DormantAfterDays = dormant,
            ChurnedAfterDays = churned,
            ReactivationHoldDays = hold,
            MatureMinTenureDays = tenure,
        };
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => LifecyclePolicy.FromDays(options));
        Assert.Contains("-", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromDays_MatureMinPurchaseDaysBelowTwo_Rejected()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => LifecyclePolicy.FromDays(new LifecycleOptions { MatureMinPurchaseDays = 1 }));
        Assert.Equal("options.MatureMinPurchaseDays", ex.ParamName);
    }

    [Theory]
    [InlineData("ActivationWindowDays")]
    [InlineData("DormantAfterDays")]
    [InlineData("ChurnedAfterDays")]
    [InlineData("ReactivationHoldDays")]
    [InlineData("MatureMinTenureDays")]
    public void Options_NegativeWindow_ErrorNamesThePropertyPathAndValue(string property)
    {
        var options = property switch
        {
            "ActivationWindowDays" => new LifecycleOptions { ActivationWindowDays = -3 },
            "DormantAfterDays" => new LifecycleOptions { DormantAfterDays = -3 },
            "ChurnedAfterDays" => new LifecycleOptions { ChurnedAfterDays = -3 },
            "ReactivationHoldDays" => new LifecycleOptions { ReactivationHoldDays = -3 },
            _ => new LifecycleOptions { MatureMinTenureDays = -3 },
        };
        foreach (var build in new Func<LifecyclePolicy>[] { () => LifecyclePolicy.FromDays(options), () => LifecyclePolicy.RelativeToGap(3, 6, options), () => LifecyclePolicy.FromAliveProbability((_, _, _, _) => 1, 0.5, 0.2, options) })
        {
            var ex = Assert.Throws<ArgumentOutOfRangeException>(build);
            Assert.Equal("options." + property, ex.ParamName);
            Assert.Contains("options." + property + " must be at least 0, but was -3.", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Options_Default_IsTheDocumentedWindowsAndUsedForNull()
    {
        var d = LifecycleOptions.Default;
        Assert.Equal((30, 90, 180, 90, 4, 365), (d.ActivationWindowDays, d.DormantAfterDays, d.ChurnedAfterDays, d.ReactivationHoldDays, d.MatureMinPurchaseDays, d.MatureMinTenureDays));
        Assert.Same(LifecycleOptions.Default, LifecyclePolicy.FromDays().Options);
        Assert.Same(LifecycleOptions.Default, LifecyclePolicy.RelativeToGap(3, 6).Options);
    }

    [Fact]
    public void FromDays_EqualThresholds_Accepted()
    {
        var policy = LifecyclePolicy.FromDays(new LifecycleOptions { DormantAfterDays = 90, ChurnedAfterDays = 90 });
        Assert.Equal(LifecycleStage.Churned, Log.Classify(policy, 91, 0));
        Assert.Equal(90, policy.DormantThreshold);
        Assert.Equal(LifecycleQuietRule.Days, policy.Rule);
    }

    [Theory]
    [InlineData(3, 2)]
    [InlineData(0, 6)]
    [InlineData(double.NaN, 6)]
    [InlineData(3, double.PositiveInfinity)]
    public void RelativeToGap_InvalidMultiples_Rejected(double dormant, double churned) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => LifecyclePolicy.RelativeToGap(dormant, churned));

    [Theory]
    [InlineData(0.5, 0.6)]
    [InlineData(1.1, 0.2)]
    [InlineData(0.5, -0.1)]
    [InlineData(double.NaN, 0.2)]
    public void FromAliveProbability_InvalidThresholds_Rejected(double dormant, double churned) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => LifecyclePolicy.FromAliveProbability((_, _, _, _) => 1, dormant, churned));

    [Fact]
    public void Classify_DateBeforeFirstPurchaseDay_ThrowsNamingDataRange()
    {
        var summaries = TestData.CdnowSummaries();
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Days.Classify(summaries, new DateOnly(1996, 12, 31)));
        Assert.Equal("asOf", ex.ParamName);
        Assert.Contains("asOf (1996-12-31) is before the first purchase day of the data (1997-01-01)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("The data run from 1997-01-01 to 1998-06-30.", ex.Message, StringComparison.Ordinal);
        var first = Days.Classify(summaries, new DateOnly(1997, 1, 1));
        Assert.All(first, s => Assert.True(s is LifecycleStage.New or LifecycleStage.NotYetAcquired));
        Assert.Equal(summaries.Count(c => c.FirstPurchase == new DateOnly(1997, 1, 1)), first.Count(s => s == LifecycleStage.New));
    }

    [Fact]
    public void Classify_DateAfterHoldoutEnd_ThrowsWithReason()
    {
        var summaries = TestData.CdnowSummaries();
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Days.Classify(summaries, new DateOnly(1998, 7, 1)));
        Assert.Contains("after the summaries' holdout end (1998-06-30)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("The data run from 1997-01-01 to 1998-06-30.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_WrongLengths_Throw()
    {
        var summaries = TestData.CdnowSummaries();
        Assert.Throws<ArgumentException>(() => Days.Classify(summaries, summaries.ObservationEnd, new LifecycleStage[3]));
        Assert.Throws<ArgumentException>(() => Days.Classify(summaries, new CustomerEngagement[2], summaries.ObservationEnd, new LifecycleStage[summaries.Count]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Days.Classify(summaries, summaries.Count, summaries.ObservationEnd));
    }

    [Fact]
    public void Classify_BatchOnCdnow_EqualsScalar()
    {
        var summaries = TestData.CdnowSummaries();
        var engagement = new CustomerEngagement[summaries.Count];
        for (int i = 0; i < engagement.Length; i += 7)
        {
            engagement[i] = new CustomerEngagement(new DateOnly(1998, 1, 1).AddDays(i % 90), i % 3 == 0);
        }

        foreach (var policy in new[] { Days, LifecyclePolicy.RelativeToGap(3, 6), LifecyclePolicy.FromAliveProbability((x, tx, t, _) => Math.Exp(-(t - tx) / (x + 2.0) / 10), 0.5, 0.2) })
        {
            foreach (var date in new[] { new DateOnly(1997, 9, 30), new DateOnly(1998, 2, 14), new DateOnly(1998, 6, 30) })
            {
                var batch = new LifecycleStage[summaries.Count];
                policy.Classify(summaries, engagement, date, batch);
                for (int i = 0; i < summaries.Count; i++)
                {
                    Assert.Equal(policy.Classify(summaries, i, engagement[i], date), batch[i]);
                }
            }
        }
    }

    [Fact]
    public void Classify_Batch_AllocatesNothing()
    {
        var summaries = TestData.CdnowSummaries();
        var destination = new LifecycleStage[summaries.Count];
        var policy = LifecyclePolicy.RelativeToGap(3, 6);
        var date = new DateOnly(1998, 3, 31);
        long allocated = Allocations.Least(5, () =>
        {
            policy.Classify(summaries, date, destination);
            Days.Classify(summaries, date, destination);
        });

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Classify_CdnowAtObservationEnd_EveryBuyerHasAStageAndNoLeads()
    {
        var summaries = TestData.CdnowSummaries();
        var stages = Days.Classify(summaries, summaries.ObservationEnd);
        Assert.Equal(2357, stages.Length);
        Assert.DoesNotContain(LifecycleStage.Lead, stages);

        // Nobody bought for the first time within 30 days of 1997-09-30 (the cohort was acquired in Q1 1997).
        Assert.DoesNotContain(LifecycleStage.New, stages);
        for (int i = 0; i < stages.Length; i++)
        {
            int quiet = summaries[i].DaysSinceLastPurchase!.Value;
            Assert.Equal(quiet > 180, stages[i] == LifecycleStage.Churned);
            Assert.Equal(quiet > 90 && quiet <= 180, stages[i] == LifecycleStage.Dormant);
        }
    }
}
