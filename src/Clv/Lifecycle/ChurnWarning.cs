namespace Clv.Lifecycle;

/// <summary>
/// A customer who crossed from an active stage into <see cref="LifecycleStage.Dormant"/> or
/// <see cref="LifecycleStage.Churned"/> between two dates, with the value at risk and a plain reason.
/// Found by <see cref="EarlyWarning.Find(LifecyclePolicy, CustomerSummaries, DateOnly, DateOnly)"/>.
/// </summary>
public sealed class ChurnWarning
{
    internal ChurnWarning(int customerIndex, string customerId, LifecycleStage previousStage, LifecycleStage stage, int daysSinceLastPurchase, double gapMultiple, double valueAtRisk, string reason)
    {
        CustomerIndex = customerIndex;
        CustomerId = customerId;
        PreviousStage = previousStage;
        Stage = stage;
        DaysSinceLastPurchase = daysSinceLastPurchase;
        GapMultiple = gapMultiple;
        ValueAtRisk = valueAtRisk;
        Reason = reason;
    }

    /// <summary>The customer's position in the summaries.</summary>
    public int CustomerIndex { get; }

    /// <summary>The customer's identifier.</summary>
    public string CustomerId { get; }

    /// <summary>The (active) stage at the earlier date.</summary>
    public LifecycleStage PreviousStage { get; }

    /// <summary>The stage now: <see cref="LifecycleStage.Dormant"/> or <see cref="LifecycleStage.Churned"/>.</summary>
    public LifecycleStage Stage { get; }

    /// <summary>Whole days from the last purchase day to the warning date.</summary>
    public int DaysSinceLastPurchase { get; }

    /// <summary>
    /// <see cref="DaysSinceLastPurchase"/> divided by the customer's mean gap between purchase days (in days);
    /// NaN for a customer with a single purchase day.
    /// </summary>
    public double GapMultiple { get; }

    /// <summary>The value at risk: historical net spend up to the warning date, or the value supplied by the caller (for example CLV).</summary>
    public double ValueAtRisk { get; }

    /// <summary>A plain reason, for example "no purchase for 97 days, 3.2x their usual gap of 30 days".</summary>
    public string Reason { get; }

    /// <inheritdoc />
    public override string ToString() => CustomerId + ": " + Reason;
}
