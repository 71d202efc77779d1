namespace Clv.Probabilistic;

/// <summary>
/// The (x, t_x, T) statistics of one customer, or of <see cref="Weight"/> identical customers, for fitting a
/// repeat-purchase model without a <see cref="CustomerSummaries"/> (for example simulated or pre-aggregated data).
/// </summary>
/// <param name="Frequency">Repeat frequency x: purchases after the first (at least 0).</param>
/// <param name="Recency">Recency t_x: time from the first to the last purchase, in [0, <paramref name="Age"/>], 0 when x = 0.</param>
/// <param name="Age">Age T: time from the first purchase to the end of observation (at least 0).</param>
/// <param name="Weight">How many customers share these statistics (greater than 0; 1 for one customer).</param>
public readonly record struct PurchaseHistory(int Frequency, double Recency, double Age, double Weight = 1);
