namespace Clv.Lifecycle;

/// <summary>English and Chinese labels of <see cref="LifecycleStage"/> values, and stage groups.</summary>
public static class LifecycleStageExtensions
{
    /// <summary>Number of stages (8): stage values run from 0 to <see cref="StageCount"/> - 1.</summary>
    public const int StageCount = 8;

    private static readonly string[] English = ["Lead", "New", "Growing", "Mature", "Dormant", "Churned", "Reactivated", "Not yet acquired"];
    private static readonly string[] Chinese = ["线索期", "首购期", "成长期", "成熟期", "沉睡期", "流失期", "召回", "未获客"];

    /// <summary>The English label: Lead, New, Growing, Mature, Dormant, Churned, Reactivated, Not yet acquired.</summary>
    /// <param name="stage">The stage.</param>
    /// <returns>The label.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stage"/> is not a defined value.</exception>
    public static string EnglishLabel(this LifecycleStage stage) => English[Index(stage)];

    /// <summary>The Chinese label: 线索期, 首购期, 成长期, 成熟期, 沉睡期, 流失期, 召回, 未获客.</summary>
    /// <param name="stage">The stage.</param>
    /// <returns>The label.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stage"/> is not a defined value.</exception>
    public static string ChineseLabel(this LifecycleStage stage) => Chinese[Index(stage)];

    /// <summary>
    /// Whether the stage counts as an active customer: <see cref="LifecycleStage.New"/>, <see cref="LifecycleStage.Growing"/>,
    /// <see cref="LifecycleStage.Mature"/> or <see cref="LifecycleStage.Reactivated"/>.
    /// </summary>
    /// <param name="stage">The stage.</param>
    /// <returns>True for the four active stages.</returns>
    public static bool IsActive(this LifecycleStage stage) =>
        stage is LifecycleStage.New or LifecycleStage.Growing or LifecycleStage.Mature or LifecycleStage.Reactivated;

    /// <summary>Whether the stage is <see cref="LifecycleStage.Dormant"/> or <see cref="LifecycleStage.Churned"/>.</summary>
    /// <param name="stage">The stage.</param>
    /// <returns>True for the two quiet stages.</returns>
    public static bool IsQuiet(this LifecycleStage stage) => stage is LifecycleStage.Dormant or LifecycleStage.Churned;

    private static int Index(LifecycleStage stage)
    {
        int i = (int)stage;
        if ((uint)i >= StageCount)
        {
            Internal.ThrowHelper.ArgumentOutOfRange(nameof(stage), stage, Internal.Guard.Format($"stage must be a defined LifecycleStage (0 to 7), but was {i}."));
        }

        return i;
    }
}
