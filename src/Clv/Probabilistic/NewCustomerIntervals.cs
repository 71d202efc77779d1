namespace Clv.Probabilistic;

/// <summary>What a customer acquired now is expected to do and be worth, with intervals (<see cref="PredictionIntervals.NewCustomer"/>).</summary>
/// <param name="ExpectedRepeatPurchases">E[X(t)] over the CLV horizon under parameter uncertainty.</param>
/// <param name="RepeatPurchases">The number of repeat purchases itself, from P(X(t) = n) at the fitted parameters (process uncertainty), with the same ends as <see cref="PredictionIntervalRow.Purchases"/>.</param>
/// <param name="Value">The new customer's value (first purchase plus discounted repeat purchases, <see cref="NewCustomerValue.Value"/>) under the uncertainty of both models' parameters.</param>
public readonly record struct NewCustomerIntervals(PredictionInterval ExpectedRepeatPurchases, PredictionInterval RepeatPurchases, PredictionInterval Value);
