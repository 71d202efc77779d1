namespace Clv.Crm;

/// <summary>The per-customer value a <see cref="Scorecard"/> ranks for its ABC class (<see cref="ScorecardOptions.AbcBasis"/>).</summary>
public enum AbcBasis
{
    /// <summary>Historical value (<see cref="Valuation.HistoricalValue"/> with <see cref="ScorecardOptions.HistoricalValue"/>): what the customer has been worth so far.</summary>
    HistoricalValue = 0,

    /// <summary>Predicted CLV (<see cref="Probabilistic.PredictiveClv"/>): needs <see cref="ScorecardOptions.Purchases"/> and <see cref="ScorecardOptions.Spend"/>.</summary>
    Clv = 1,
}
