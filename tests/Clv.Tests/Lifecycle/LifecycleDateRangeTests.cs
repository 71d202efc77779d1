using Clv.Lifecycle;
using FsCheck;
using FsCheck.Xunit;

namespace Clv.Tests.Lifecycle;

/// <summary>
/// Any date of the data can be classified from one set of summaries, and agrees with summaries built at that date;
/// customers not yet acquired then are <see cref="LifecycleStage.NotYetAcquired"/>.
/// </summary>
public class LifecycleDateRangeTests
{
    private static readonly LifecyclePolicy Days = LifecyclePolicy.FromDays();

    private static readonly LifecyclePolicy[] Policies =
    [
        LifecyclePolicy.FromDays(),
        LifecyclePolicy.FromDays(new LifecycleOptions { ActivationWindowDays = 10, DormantAfterDays = 20, ChurnedAfterDays = 45, ReactivationHoldDays = 30, MatureMinPurchaseDays = 3 }),
        LifecyclePolicy.RelativeToGap(2, 4),
        LifecyclePolicy.FromAliveProbability((x, tx, t, _) => Math.Exp(-(t - tx) / (x + 1.0) / 10), 0.5, 0.2),
    ];

    /// <summary>
    /// The law of issue 12 §5: stages at an earlier date D from one set of summaries equal the stages from summaries
    /// built with observation end D. Customers with a purchase by D agree exactly; the only documented difference is a
    /// customer whose rows up to D are all refunds (Lead there, NotYetAcquired here); everyone else is NotYetAcquired.
    /// </summary>
    [Property(MaxTest = 300)]
    public bool Classify_EarlierDate_EqualsSummariesBuiltAtThatDate(int seed, byte offset, byte policyIndex)
    {
        var rows = Log.Random(seed, customers: 20, maxRows: 100);
        var policy = Policies[policyIndex % Policies.Length];
        var full = CustomerSummaries.FromTransactions(rows, Log.B.AddDays(400), TimeUnit.Week);
        var firstPurchase = rows.Where(r => r.Amount >= 0).Select(r => r.Date).DefaultIfEmpty(full.ObservationEnd).Min();
        var date = firstPurchase.AddDays(offset * 2);
        if (date > full.ObservationEnd)
        {
            date = full.ObservationEnd;
        }

        var early = CustomerSummaries.FromTransactions(rows, date, TimeUnit.Week);
        var stages = policy.Classify(full, date);
        var earlyStages = policy.Classify(early, date);
        var history = LifecycleHistoryReport.Create(policy, full, [date]);
        for (int i = 0; i < full.Count; i++)
        {
            var stage = stages[i];
            if (history[i, 0] != stage)
            {
                return false;
            }

            if (!early.TryGetIndex(full[i].CustomerId, out int j))
            {
                if (stage != LifecycleStage.NotYetAcquired)
                {
                    return false;
                }

                continue;
            }

            bool agrees = early[j].HasPurchase
                ? stage == earlyStages[j]
                : earlyStages[j] == LifecycleStage.Lead && stage == (date >= full.ObservationEnd ? LifecycleStage.Lead : LifecycleStage.NotYetAcquired);
            if (!agrees)
            {
                return false;
            }
        }

        return true;
    }

    [Fact]
    public void Classify_CdnowOneYearBeforeTheEnd_EqualsSummariesBuiltThen()
    {
        var rows = TestData.CdnowSample();
        var end = new DateOnly(1998, 6, 30);
        var all = CustomerSummaries.FromTransactions(rows, end, TimeUnit.Week);
        foreach (var policy in new[] { Days, LifecyclePolicy.RelativeToGap(3, 6) })
        {
            foreach (var date in new[] { end, end.AddYears(-1), TestData.CdnowCalibrationEnd, new DateOnly(1997, 2, 14) })
            {
                var then = CustomerSummaries.FromTransactions(rows, date, TimeUnit.Week);
                var expected = policy.Classify(then, date);
                var actual = policy.Classify(all, date);
                int known = 0;
                for (int i = 0; i < all.Count; i++)
                {
                    if (then.TryGetIndex(all[i].CustomerId, out int j))
                    {
                        known++;
                        Assert.Equal(expected[j], actual[i]);
                    }
                    else
                    {
                        Assert.Equal(LifecycleStage.NotYetAcquired, actual[i]);
                    }
                }

                Assert.Equal(then.Count, known);
            }
        }

        // On 1997-02-14 part of the Q1 cohort had not bought yet.
        var february = Days.Classify(all, new DateOnly(1997, 2, 14));
        Assert.Contains(LifecycleStage.NotYetAcquired, february);
        Assert.Contains(LifecycleStage.New, february);
    }

    [Fact]
    public void Classify_FirstDayOfData_AcceptedAndDayBeforeRejected()
    {
        var summaries = Log.Summaries(200, Log.Buy("a", 30), Log.Buy("b", 50), new Transaction("c", Log.B.AddDays(10), -5));
        Assert.Equal([LifecycleStage.New, LifecycleStage.NotYetAcquired, LifecycleStage.NotYetAcquired], Days.Classify(summaries, Log.B.AddDays(30)));
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Days.Classify(summaries, 1, Log.B.AddDays(29)));
        Assert.Equal("asOf", ex.ParamName);
        Assert.Contains("(2020-01-31)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("The data run from 2020-01-31 to", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_BeforeFirstPurchase_NotYetAcquiredUnlessKnownThroughEngagement()
    {
        var summaries = Log.Summaries(100, Log.Buy("early", 0), Log.Buy("late", 60), new Transaction("refunds", Log.B.AddDays(5), -5));
        var date = Log.B.AddDays(40);
        Assert.Equal([LifecycleStage.New, LifecycleStage.NotYetAcquired, LifecycleStage.NotYetAcquired], Days.Classify(summaries, date));

        // An interaction on or before the date, or an open opportunity, shows the customer was known: a lead.
        Assert.Equal(LifecycleStage.Lead, Days.Classify(summaries, 1, new CustomerEngagement(Log.B.AddDays(40), false), date));
        Assert.Equal(LifecycleStage.Lead, Days.Classify(summaries, 1, new CustomerEngagement(null, true), date));
        Assert.Equal(LifecycleStage.NotYetAcquired, Days.Classify(summaries, 1, new CustomerEngagement(Log.B.AddDays(41), false), date));

        // A refund-only customer is dated from the observation end: not yet acquired before it, a lead from it on.
        Assert.Equal(LifecycleStage.NotYetAcquired, Days.Classify(summaries, 2, Log.B.AddDays(99)));
        Assert.Equal(LifecycleStage.Lead, Days.Classify(summaries, 2, Log.B.AddDays(100)));
        Assert.Equal(LifecycleStage.New, Days.Classify(summaries, 1, Log.B.AddDays(60)));
    }

    [Fact]
    public void Reports_BeforeAcquisition_CountNotYetAcquiredOutsideEveryKpiBase()
    {
        // From = day 40: "late" (first purchase day 60) is not yet acquired; To = day 100: New.
        var summaries = Log.Summaries(100, Log.Buy("early", 0, 100), Log.Buy("early", 30, 100), Log.Buy("late", 60, 900));
        var from = Log.B.AddDays(40);
        var to = Log.B.AddDays(100);
        var t = LifecycleTransitionReport.Create(Days, summaries, from, to, highValueShare: 1);

        Assert.Equal(2, t.Population);
        Assert.Equal(1, t.Count(LifecycleStage.NotYetAcquired, LifecycleStage.New));
        Assert.Equal(1, t.Count(LifecycleStage.Growing, LifecycleStage.Growing));
        Assert.Equal(1.0, t.RetentionRate);
        Assert.Equal(0.0, t.RepurchaseRate);
        Assert.True(double.IsNaN(t.ActivationRate));
        Assert.True(double.IsNaN(t.ReactivationRate));
        Assert.Equal(1, t.HighValueCustomers);
        Assert.Contains(new LifecycleTransitionRow(LifecycleStage.NotYetAcquired, LifecycleStage.New, 1, 1.0), t.Rows);

        var history = LifecycleHistoryReport.Create(Days, summaries, [from, to]);
        Assert.Equal(1, history.StageCounts(0)[(int)LifecycleStage.NotYetAcquired]);
        Assert.Equal(0, history.StageCounts(1)[(int)LifecycleStage.NotYetAcquired]);

        var warnings = EarlyWarningReport.Create(Days, summaries, from, Log.B.AddDays(200));
        Assert.Equal(1, warnings.ActiveCustomers);
        Assert.Equal(["early"], warnings.Rows.Select(w => w.CustomerId));
    }

    [Property(MaxTest = 100)]
    public bool History_AnyDatesOfTheData_CountsAddUpToCustomers(int seed, byte first, byte step)
    {
        var rows = Log.Random(seed, customers: 20, maxRows: 100);
        var summaries = CustomerSummaries.FromTransactions(rows, Log.B.AddDays(400), TimeUnit.Day);
        var start = rows.Where(r => r.Amount >= 0).Select(r => r.Date).DefaultIfEmpty(summaries.ObservationEnd).Min().AddDays(first);
        var dates = Enumerable.Range(0, 4).Select(k => start.AddDays(k * (1 + step))).Where(d => d <= summaries.HoldoutEnd).ToArray();
        if (dates.Length == 0)
        {
            return true;
        }

        var history = LifecycleHistoryReport.Create(Days, summaries, dates);
        for (int j = 0; j < dates.Length; j++)
        {
            int total = 0;
            foreach (int c in history.StageCounts(j))
            {
                total += c;
            }

            int rowTotal = history.Rows.Where(r => r.Date == dates[j]).Sum(r => r.Customers);
            if (total != summaries.Count || rowTotal != summaries.Count)
            {
                return false;
            }
        }

        return true;
    }
}
