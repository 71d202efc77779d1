namespace Clv.Crm;

/// <summary>One customer's health: the score, its band, and the signals that explain it.</summary>
/// <param name="CustomerId">The customer's identifier.</param>
/// <param name="Score">The health score in [0, 100]: 100 x the weighted mean of the customer's non-missing normalised signals (weights renormalised over them); NaN when every signal is missing.</param>
/// <param name="Band">Red, Amber or Green by the thresholds; <see cref="HealthBand.NotScored"/> when <paramref name="Score"/> is NaN.</param>
/// <param name="Reason">The name of the signal with the largest weighted contribution (weight x normalised value) to the score: what keeps the customer healthy. Null when not scored, and when no signal adds a point (a score of 0); ties go to the signal listed first.</param>
/// <param name="Weakest">The name of the signal with the largest weighted shortfall (weight x (1 - normalised value)): what costs the most points. Null when not scored, and when no signal costs a point (a score of 100); ties go to the signal listed first.</param>
public readonly record struct CustomerHealth(string CustomerId, double Score, HealthBand Band, string? Reason, string? Weakest);
