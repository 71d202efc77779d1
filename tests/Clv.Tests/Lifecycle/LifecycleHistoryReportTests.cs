using Clv.Lifecycle;

namespace Clv.Tests.Lifecycle;

public class LifecycleHistoryReportTests
{
    [Fact]
    public void CreateAtMonthEnds_Cdnow_TenMonthEndsEachEqualToClassify()
    {
        var summaries = TestData.CdnowSummaries();
        var policy = LifecyclePolicy.RelativeToGap(3, 6);
        var history = LifecycleHistoryReport.CreateAtMonthEnds(policy, summaries, new DateOnly(1997, 9, 1), new DateOnly(1998, 6, 30));

        Assert.Equal(10, history.Dates.Length);
        Assert.Equal(new DateOnly(1997, 9, 30), history.Dates[0]);
        Assert.Equal(new DateOnly(1998, 2, 28), history.Dates[5]);
        Assert.Equal(new DateOnly(1998, 6, 30), history.Dates[9]);
        Assert.Equal(summaries.Count, history.CustomerCount);
        for (int j = 0; j < history.Dates.Length; j++)
        {
            var stages = policy.Classify(summaries, history.Dates[j]);
            var counts = history.StageCounts(j);
            Assert.Equal(summaries.Count, counts.ToArray().Sum());
            for (int s = 0; s < LifecycleStageExtensions.StageCount; s++)
            {
                Assert.Equal(stages.Count(x => (int)x == s), counts[s]);
            }

            for (int i = 0; i < stages.Length; i++)
            {
                Assert.Equal(stages[i], history[i, j]);
            }
        }

        Assert.Equal(10, history.CustomerStages(3).Length);
    }

    [Fact]
    public void Create_InvalidDates_Throw()
    {
        var summaries = TestData.CdnowSummaries();
        var policy = LifecyclePolicy.FromDays();
        var end = summaries.ObservationEnd;
        Assert.Throws<ArgumentException>(() => LifecycleHistoryReport.Create(policy, summaries, []));
        Assert.Throws<ArgumentException>(() => LifecycleHistoryReport.Create(policy, summaries, [end.AddDays(5), end.AddDays(5)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => LifecycleHistoryReport.Create(policy, summaries, [new DateOnly(1996, 12, 31)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => LifecycleHistoryReport.CreateAtMonthEnds(policy, summaries, end.AddDays(1), end.AddDays(20)));
        Assert.Throws<ArgumentOutOfRangeException>(() => LifecycleHistoryReport.CreateAtMonthEnds(policy, summaries, end, new DateOnly(1998, 7, 31)));
    }

    [Fact]
    public void Rows_Cdnow_NonEmptyStageCountsPerDate()
    {
        var summaries = TestData.CdnowSummaries();
        var history = LifecycleHistoryReport.CreateAtMonthEnds(LifecyclePolicy.FromDays(), summaries, new DateOnly(1997, 1, 1), new DateOnly(1998, 6, 30));
        Assert.Equal(18, history.Dates.Length);
        int k = 0;
        for (int j = 0; j < history.Dates.Length; j++)
        {
            for (int s = 0; s < LifecycleStageExtensions.StageCount; s++)
            {
                int count = history.StageCounts(j)[s];
                if (count > 0)
                {
                    Assert.Equal(new LifecycleHistoryRow(history.Dates[j], (LifecycleStage)s, count, count / (double)summaries.Count), history.Rows[k++]);
                }
            }
        }

        Assert.Equal(k, history.Rows.Count);

        // The Q1 1997 cohort: some customers had not bought by the end of January, everyone had by the end of March.
        Assert.True(history.StageCounts(0)[(int)LifecycleStage.NotYetAcquired] > 0);
        Assert.Equal(0, history.StageCounts(2)[(int)LifecycleStage.NotYetAcquired]);
    }

    [Fact]
    public void ToString_HandBuilt_InvariantTableOfCountsPerDate()
    {
        var summaries = Log.Summaries(100, Log.Buy("early", 0, 100), Log.Buy("early", 30, 100), Log.Buy("late", 60, 900));
        var history = LifecycleHistoryReport.Create(LifecyclePolicy.FromDays(), summaries, [Log.B.AddDays(40), Log.B.AddDays(100)]);
        string expected =
            "Lifecycle history, 2 customers at 2 dates\n" +
            "date        Lead  New  Growing  Mature  Dormant  Churned  Reactivated  Not yet acquired\n" +
            "2020-02-10     0    0        1       0        0        0            0                 1\n" +
            "2020-04-10     0    1        1       0        0        0            0                 0\n";
        Assert.Equal(expected, Culture.Invariant(history.ToString));
    }

    [Fact]
    public void CreateAtMonthEnds_ToDecember9999_EveryMonthEndWithoutSteppingPastIt()
    {
        // A log with a far-off date (a placeholder 9999-12-31) makes the holdout run to the last day there is.
        Transaction[] log = [new("a", new DateOnly(1997, 1, 5), 10), new("a", new DateOnly(1997, 3, 1), 10), new("b", DateOnly.MaxValue, 5)];
        var summaries = CustomerSummaries.FromTransactions(log, new DateOnly(1997, 6, 30), TimeUnit.Week);
        var history = LifecycleHistoryReport.CreateAtMonthEnds(LifecyclePolicy.FromDays(), summaries, new DateOnly(9999, 10, 15), DateOnly.MaxValue);
        Assert.Equal([new DateOnly(9999, 10, 31), new DateOnly(9999, 11, 30), DateOnly.MaxValue], history.Dates.ToArray());
    }
}
