namespace Clv.Lifecycle;

/// <summary>
/// One row of an <see cref="EarlyWarningReport"/>: a customer who crossed from an active stage into
/// <see cref="LifecycleStage.Dormant"/> or <see cref="LifecycleStage.Churned"/> between two dates, with the value at
/// risk and a plain reason.
/// </summary>
/// <param name="CustomerIndex">The customer's position in the summaries.</param>
/// <param name="CustomerId">The customer's identifier.</param>
/// <param name="PreviousStage">The (active) stage at the earlier date.</param>
/// <param name="Stage">The stage at the warning date: <see cref="LifecycleStage.Dormant"/> or <see cref="LifecycleStage.Churned"/>.</param>
/// <param name="DaysSinceLastPurchase">Whole days from the last purchase day to the warning date.</param>
/// <param name="GapMultiple">
/// <paramref name="DaysSinceLastPurchase"/> divided by the customer's mean gap between purchase days (in days);
/// NaN for a customer with a single purchase day.
/// </param>
/// <param name="ValueAtRisk">The value at risk: historical net spend up to the warning date, or the value supplied by the caller (for example CLV).</param>
/// <param name="Reason">A plain reason, for example "no purchase for 97 days, 3.2x their usual gap of 30 days".</param>
public readonly record struct ChurnWarning(
    int CustomerIndex,
    string CustomerId,
    LifecycleStage PreviousStage,
    LifecycleStage Stage,
    int DaysSinceLastPurchase,
    double GapMultiple,
    double ValueAtRisk,
    string Reason)
{
    /// <summary>The customer and the reason: <c>"regular: no purchase for 97 days, 3.2x their usual gap of 30 days"</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => CustomerId + ": " + Reason;
}
