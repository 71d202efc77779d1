namespace Clv.Probabilistic;

/// <summary>One customer's prediction intervals (see <see cref="PredictionIntervalReport"/> for what each interval carries).</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="AliveProbability">P(alive) under parameter uncertainty.</param>
/// <param name="ExpectedPurchases">E[Y(t) | x, t_x, T] under parameter uncertainty.</param>
/// <param name="Purchases">The number of purchases in the next t itself, from P(Y(t) = n | x, t_x, T) at the fitted parameters (process uncertainty): lower end the (1 − level)/2 quantile L, median, and upper end the smallest n with P(Y ≤ n) ≥ P(Y &lt; L) + level.</param>
/// <param name="Clv">Predictive CLV under the uncertainty of both the purchase and the spend parameters; null when no spend fit was given.</param>
public readonly record struct PredictionIntervalRow(
    string CustomerId,
    PredictionInterval AliveProbability,
    PredictionInterval ExpectedPurchases,
    PredictionInterval Purchases,
    PredictionInterval? Clv);
