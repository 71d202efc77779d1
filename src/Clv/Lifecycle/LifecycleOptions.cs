using Clv.Internal;

namespace Clv.Lifecycle;

/// <summary>
/// The day windows of a <see cref="LifecyclePolicy"/>. All windows are whole calendar days; a threshold is
/// crossed only when it is exceeded ("longer than 90 days": 90 days quiet is still active, 91 is dormant).
/// Validated once when the policy is built; errors name the property (<c>options.DormantAfterDays</c>).
/// </summary>
public sealed class LifecycleOptions
{
    /// <summary>The shared default windows: activation 30 days, dormant after 90, churned after 180, reactivation hold 90, mature from 4 purchase days or 365 days of tenure.</summary>
    public static LifecycleOptions Default { get; } = new();

    /// <summary>
    /// A customer is <see cref="LifecycleStage.New"/> while the classification date is at most this many days after
    /// the first purchase day. Default 30. At least 0.
    /// </summary>
    public int ActivationWindowDays { get; init; } = 30;

    /// <summary>
    /// Days of quiet after which a buyer is <see cref="LifecycleStage.Dormant"/> (quiet time &gt; this). Default 90.
    /// Used by the day rule, and by the gap and probability rules for customers with a single purchase day. At least 0.
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

    /// <summary>Checks every window once; errors name the property path (<c>options.DormantAfterDays</c>).</summary>
    /// <returns>This instance.</returns>
    internal LifecycleOptions Validate()
    {
        Guard.NonNegative(ActivationWindowDays, "options.ActivationWindowDays");
        Guard.NonNegative(DormantAfterDays, "options.DormantAfterDays");
        Guard.NonNegative(ChurnedAfterDays, "options.ChurnedAfterDays");
        Guard.NonNegative(ReactivationHoldDays, "options.ReactivationHoldDays");
        Guard.NonNegative(MatureMinTenureDays, "options.MatureMinTenureDays");
        if (ChurnedAfterDays < DormantAfterDays)
        {
            ThrowHelper.ArgumentOutOfRange("options.ChurnedAfterDays", ChurnedAfterDays, Guard.Format(
                $"options.ChurnedAfterDays ({ChurnedAfterDays}): the churn threshold ({ChurnedAfterDays} days) cannot be below the dormancy threshold ({DormantAfterDays} days)."));
        }

        if (MatureMinPurchaseDays < 2)
        {
            ThrowHelper.ArgumentOutOfRange("options.MatureMinPurchaseDays", MatureMinPurchaseDays, Guard.Format(
                $"options.MatureMinPurchaseDays must be at least 2 (a mature customer is a repeat buyer), but was {MatureMinPurchaseDays}."));
        }

        return this;
    }
}
