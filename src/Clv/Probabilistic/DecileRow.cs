namespace Clv.Probabilistic;

/// <summary>One decile of a <see cref="ValueEvaluationReport"/>: the customers ranked <see cref="Decile"/>-th tenth by prediction.</summary>
/// <param name="Decile">1 for the top tenth by prediction, 10 for the bottom.</param>
/// <param name="Customers">Customers in the decile.</param>
/// <param name="PredictedMean">Their mean prediction.</param>
/// <param name="ActualMean">Their mean realised value (equal predictions on both sides of a decile boundary share theirs pro rata).</param>
/// <param name="ActualShare">Their share of the total realised value (the ten shares add to 1 when the total is positive).</param>
public readonly record struct DecileRow(int Decile, long Customers, double PredictedMean, double ActualMean, double ActualShare);
