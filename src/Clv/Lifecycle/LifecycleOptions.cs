namespace Clv.Lifecycle;

/// <summary>
/// The day windows of a <see cref="LifecyclePolicy"/>. All windows are whole calendar days; a threshold is
/// crossed only when it is exceeded ("longer than 90 days": 90 days quiet is still active, 91 is dormant).
/// Validated when the policy is built.
/// </summary>
public sealed class LifecycleOptions
{
    /// <summary>
    /// A customer is <see cref="LifecycleStage.New"/> while the classification date is at most this many days after
    /// the first purchase day. Default 30. At least 0.
    /// </summary>
    public int ActivationWindowDays { get; init; } = 30;

    /// <summary>
    /// Days of quiet after which a buyer is <see cref="LifecycleStage.Dormant"/> (quiet time &gt; this). Default 90.
    /// Used by the day rule, and by the gap rule for customers with fewer than two purchase days. At least 0.
    /// </summary>
    public int DormantAfterDays { get; init; } = 90;

    /// <summary>
    /// Days of quiet after which a buyer is <see cref="LifecycleStage.Churned"/> (quiet time &gt; this). Default 180.
    /// At least <see cref="DormantAfterDays"/>.
    /// </summary>
    public int ChurnedAfterDays { get; init; } = 180;

    /// <summary>
    /// A customer stays <see cref="LifecycleStage.Reactivated"/> while the classification date is at most this many
    /// days after a purchase that ended a dormant or churned spell (unless quiet again). Default 90. At least 0.
    /// </summary>
    public int ReactivationHoldDays { get; init; } = 90;

    /// <summary>A repeat buyer with at least this many purchase days is <see cref="LifecycleStage.Mature"/>. Default 4. At least 2.</summary>
    public int MatureMinPurchaseDays { get; init; } = 4;

    /// <summary>
    /// A repeat buyer whose first purchase day is at least this many days before the classification date is
    /// <see cref="LifecycleStage.Mature"/>. Default 365. At least 0.
    /// </summary>
    public int MatureMinTenureDays { get; init; } = 365;
}
