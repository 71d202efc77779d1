using Clv.Lifecycle;

namespace Clv.Tests.Lifecycle;

public class LifecycleStageExtensionsTests
{
    [Theory]
    [InlineData(LifecycleStage.Lead, "Lead", "线索期")]
    [InlineData(LifecycleStage.New, "New", "首购期")]
    [InlineData(LifecycleStage.Growing, "Growing", "成长期")]
    [InlineData(LifecycleStage.Mature, "Mature", "成熟期")]
    [InlineData(LifecycleStage.Dormant, "Dormant", "沉睡期")]
    [InlineData(LifecycleStage.Churned, "Churned", "流失期")]
    [InlineData(LifecycleStage.Reactivated, "Reactivated", "召回")]
    [InlineData(LifecycleStage.NotYetAcquired, "Not yet acquired", "未获客")]
    public void Labels_EachStage_EnglishAndChinese(LifecycleStage stage, string english, string chinese)
    {
        Assert.Equal(english, stage.EnglishLabel());
        Assert.Equal(chinese, stage.ChineseLabel());
    }

    [Fact]
    public void Labels_UndefinedStage_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ((LifecycleStage)8).EnglishLabel());
        Assert.Throws<ArgumentOutOfRangeException>(() => ((LifecycleStage)200).ChineseLabel());
    }

    [Fact]
    public void IsActiveAndIsQuiet_AllStages_PartitionBuyers()
    {
        Assert.Equal(LifecycleStageExtensions.StageCount, Enum.GetValues<LifecycleStage>().Length);
        Assert.Equal(Enumerable.Range(0, LifecycleStageExtensions.StageCount), Enum.GetValues<LifecycleStage>().Select(s => (int)s));
        foreach (var s in Enum.GetValues<LifecycleStage>())
        {
            int groups = (s.IsActive() ? 1 : 0) + (s.IsQuiet() ? 1 : 0) + (s is LifecycleStage.Lead or LifecycleStage.NotYetAcquired ? 1 : 0);
            Assert.Equal(1, groups);
        }
    }
}
