namespace Clv.Probabilistic;

/// <summary>One cohort at one period of <see cref="ContractCohortReport"/>: actual against model survivors and retention.</summary>
/// <param name="Cohort">The cohort's index in the input, from 0.</param>
/// <param name="Period">The period t, from 1 to the cohort's last observed period.</param>
/// <param name="ActualAlive">Subscribers of the cohort still active at t.</param>
/// <param name="ExpectedAlive">The model's expectation: cohort size x S(t).</param>
/// <param name="ActualRetention">Actual alive(t) / alive(t - 1) (NaN when nobody was left at t - 1).</param>
/// <param name="ExpectedRetention">The model's retention rate r(t) = (β + t - 1) / (α + β + t - 1).</param>
public readonly record struct ContractCohortRow(int Cohort, int Period, int ActualAlive, double ExpectedAlive, double ActualRetention, double ExpectedRetention);
