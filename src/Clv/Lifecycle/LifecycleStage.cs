namespace Clv.Lifecycle;

/// <summary>
/// Where a customer stands in the relationship at a date, decided by a <see cref="LifecyclePolicy"/> from
/// measurable rules. Every customer of the summaries gets exactly one stage at every date of the data, including
/// <see cref="NotYetAcquired"/> before their first purchase day. Chinese labels in brackets
/// (see <see cref="LifecycleStageExtensions.ChineseLabel"/>).
/// </summary>
/// <remarks>The numeric values are stable (0 to 7) and can index arrays of length <see cref="LifecycleStageExtensions.StageCount"/>.
/// <see cref="NotYetAcquired"/> comes last so that the stages of customers known at a date keep their values 0 to 6.</remarks>
public enum LifecycleStage : byte
{
    /// <summary>Known, but no purchase yet (线索期): only refunds, interactions or an open opportunity.</summary>
    Lead = 0,

    /// <summary>First purchase within the activation window, or a single purchase that has not gone quiet (首购期).</summary>
    New = 1,

    /// <summary>A repeat buyer past the activation window, not yet mature, and active (成长期).</summary>
    Growing = 2,

    /// <summary>Mature or loyal: a repeat buyer with enough purchase days or tenure, and active (成熟期).</summary>
    Mature = 3,

    /// <summary>Dormant or at risk: quiet for longer than the dormancy threshold (沉睡期).</summary>
    Dormant = 4,

    /// <summary>Churned or lost: quiet for longer than the churn threshold (流失期).</summary>
    Churned = 5,

    /// <summary>Bought again after being dormant or churned, within the reactivation hold window (召回).</summary>
    Reactivated = 6,

    /// <summary>
    /// Not yet a customer at the date (未获客): a date before the summaries' observation end that is before the
    /// customer's first purchase day. Neither active nor quiet; see <see cref="LifecyclePolicy"/> for the rule.
    /// </summary>
    NotYetAcquired = 7,
}
