namespace Clv.Probabilistic;

/// <summary>What a customer acquired now is expected to be worth (<see cref="PredictiveClv.NewCustomer"/>), in the spend's currency.</summary>
/// <param name="ExpectedRepeatPurchases">E[X(t)] over the horizon: repeat purchases after the first, from the unconditional model.</param>
/// <param name="MeanSpend">The population mean spend per transaction, p v / (q - 1), from the Gamma-Gamma model.</param>
/// <param name="FirstPurchaseValue">The margin of the first purchase, at time 0 (undiscounted): margin rate x mean spend.</param>
/// <param name="RepeatValue">The discounted expected margin of the repeat purchases over the horizon (what <see cref="PredictiveClv"/> values for an existing customer).</param>
public readonly record struct NewCustomerValue(double ExpectedRepeatPurchases, double MeanSpend, double FirstPurchaseValue, double RepeatValue)
{
    /// <summary>The first purchase's margin plus the repeat value: the lifetime value to weigh against the cost of acquisition.</summary>
    public double Value => FirstPurchaseValue + RepeatValue;
}
