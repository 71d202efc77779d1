using Clv.Lifecycle;
using Clv.Rfm;
using Clv.Valuation;

namespace Clv.Crm;

/// <summary>
/// One customer's row of a <see cref="Scorecard"/>: every score the library computes for a CRM field, each the library's own
/// result for the customer. A property is null when its part was not configured (<see cref="ScorecardOptions"/>) or when the
/// customer has no value for it (a lead has no RFM score and no days since a last purchase; a customer who did not go quiet has
/// no churn warning; a customer with no health signal has no score). Never a zero in place of a missing value.
/// Rows are equal when every property is (<see cref="ClvByYear"/> element by element, so the same customer's rows of two
/// scorecards made alike are equal).
/// </summary>
public readonly record struct ScorecardRow
{
    /// <summary>The customer's identifier.</summary>
    public required string CustomerId { get; init; }

    /// <summary>Days from the last purchase day to the observation end (days quiet, <see cref="CustomerSummary.DaysSinceLastPurchase"/>); null for a lead.</summary>
    public int? DaysSinceLastPurchase { get; init; }

    /// <summary>The RFM score (<see cref="RfmScorer"/>); <see cref="RfmScore.Lead"/> for a customer without purchase. Null when RFM is not configured.</summary>
    public RfmScore? Rfm { get; init; }

    /// <summary>The RFM segment (<see cref="RfmSegment.Name"/> and <see cref="RfmSegment.ChineseName"/>) from <see cref="ScorecardOptions.Segments"/>.</summary>
    public RfmSegment? Segment { get; init; }

    /// <summary>The value tier from <see cref="ScorecardOptions.ValueTiers"/> (High Value, Growth, Price-Sensitive, Low Value by default).</summary>
    public RfmSegment? ValueTier { get; init; }

    /// <summary>The lifecycle stage at the observation end (<see cref="LifecyclePolicy.Classify(CustomerSummaries, DateOnly)"/>).</summary>
    public LifecycleStage? Stage { get; init; }

    /// <summary>The <see cref="ChurnWarning.Reason"/> of a customer who went from active to dormant or churned in the warning window; null otherwise.</summary>
    public string? ChurnWarning { get; init; }

    /// <summary>Historical value to the observation end (<see cref="Valuation.HistoricalValue"/>).</summary>
    public double? HistoricalValue { get; init; }

    /// <summary>The ABC class of <see cref="ScorecardOptions.AbcBasis"/>'s value among all the customers (<see cref="AbcClassification"/>).</summary>
    public AbcClass? Abc { get; init; }

    /// <summary>P(alive) from <see cref="ScorecardOptions.Purchases"/>.</summary>
    public double? AliveProbability { get; init; }

    /// <summary>Expected repeat purchases over the horizon, E[Y(t) | x, t_x, T], from <see cref="ScorecardOptions.Purchases"/>.</summary>
    public double? ExpectedPurchases { get; init; }

    /// <summary>Expected spend per purchase, E[M | x, m_x], from <see cref="ScorecardOptions.Spend"/> (the population mean for a customer without repeat purchases).</summary>
    public double? ExpectedSpendPerPurchase { get; init; }

    /// <summary>Predictive CLV over the horizon (<see cref="Probabilistic.PredictiveClv"/>); 0 for a lead.</summary>
    public double? Clv { get; init; }

    /// <summary>CLV by year of the horizon (<see cref="Probabilistic.ClvByPeriod"/> grouped by year): year 1, 2, ...; sums to <see cref="Clv"/>. Null unless both models are set and the horizon's period is a month or a year.</summary>
    public IReadOnlyList<double>? ClvByYear { get; init; }

    /// <summary>Value at risk, CLV x (1 - P(alive)) (<see cref="Probabilistic.PredictiveClv.ValueAtRisk"/>).</summary>
    public double? ValueAtRisk { get; init; }

    /// <summary>The health score in [0, 100] (<see cref="CustomerHealth.Score"/>); null when the customer is not scored.</summary>
    public double? HealthScore { get; init; }

    /// <summary>The health band (Red, Amber, Green or NotScored).</summary>
    public HealthBand? HealthBand { get; init; }

    /// <summary>The signal that contributes most to the health score (<see cref="CustomerHealth.Reason"/>); null when not scored or when none adds a point (score 0).</summary>
    public string? HealthReason { get; init; }

    /// <summary>The signal that costs the most points (<see cref="CustomerHealth.Weakest"/>); null when not scored or when none costs a point (score 100).</summary>
    public string? HealthWeakest { get; init; }

    /// <summary>Whether every property equals <paramref name="other"/>'s; <see cref="ClvByYear"/> element by element.</summary>
    /// <param name="other">The row to compare with.</param>
    /// <returns>True when the rows are equal.</returns>
    public bool Equals(ScorecardRow other) =>
        string.Equals(CustomerId, other.CustomerId, StringComparison.Ordinal)
        && DaysSinceLastPurchase == other.DaysSinceLastPurchase
        && Nullable.Equals(Rfm, other.Rfm)
        && Equals(Segment, other.Segment)
        && Equals(ValueTier, other.ValueTier)
        && Stage == other.Stage
        && string.Equals(ChurnWarning, other.ChurnWarning, StringComparison.Ordinal)
        && Nullable.Equals(HistoricalValue, other.HistoricalValue)
        && Abc == other.Abc
        && Nullable.Equals(AliveProbability, other.AliveProbability)
        && Nullable.Equals(ExpectedPurchases, other.ExpectedPurchases)
        && Nullable.Equals(ExpectedSpendPerPurchase, other.ExpectedSpendPerPurchase)
        && Nullable.Equals(Clv, other.Clv)
        && SameYears(ClvByYear, other.ClvByYear)
        && Nullable.Equals(ValueAtRisk, other.ValueAtRisk)
        && Nullable.Equals(HealthScore, other.HealthScore)
        && HealthBand == other.HealthBand
        && string.Equals(HealthReason, other.HealthReason, StringComparison.Ordinal)
        && string.Equals(HealthWeakest, other.HealthWeakest, StringComparison.Ordinal);

    /// <summary>A hash of the customer id, the stage, the CLV and the health score (equal rows hash alike).</summary>
    /// <returns>The hash.</returns>
    public override int GetHashCode() => HashCode.Combine(CustomerId, Stage, Clv, HealthScore, ClvByYear?.Count);

    private static bool SameYears(IReadOnlyList<double>? a, IReadOnlyList<double>? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        if (a.Count != b.Count)
        {
            return false;
        }

        for (int i = 0; i < a.Count; i++)
        {
            if (!a[i].Equals(b[i]))
            {
                return false;
            }
        }

        return true;
    }
}
