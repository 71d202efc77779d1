using Clv.Lifecycle;

namespace Clv.Tests.Lifecycle;

public class LifecycleHistoryTests
{
    [Fact]
    public void AtMonthEnds_Cdnow_TenMonthEndsEachEqualToClassify()
    {
        var summaries = TestData.CdnowSummaries();
        var policy = LifecyclePolicy.RelativeToGap(3, 6);
        var history = LifecycleHistory.AtMonthEnds(policy, summaries, new DateOnly(1997, 9, 1), new DateOnly(1998, 6, 30));

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
    public void AtDates_InvalidDates_Throw()
    {
        var summaries = TestData.CdnowSummaries();
        var policy = LifecyclePolicy.FromDays();
        var end = summaries.ObservationEnd;
        Assert.Throws<ArgumentException>(() => LifecycleHistory.AtDates(policy, summaries, []));
        Assert.Throws<ArgumentException>(() => LifecycleHistory.AtDates(policy, summaries, [end.AddDays(5), end.AddDays(5)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => LifecycleHistory.AtDates(policy, summaries, [end.AddDays(-1)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => LifecycleHistory.AtMonthEnds(policy, summaries, end.AddDays(1), end.AddDays(20)));
        Assert.Throws<ArgumentOutOfRangeException>(() => LifecycleHistory.AtMonthEnds(policy, summaries, end, new DateOnly(1998, 7, 31)));
    }
}
