namespace Clv.Probabilistic;

/// <summary>
/// One subscription account (or a group of identical ones) for an individual-level sBG fit: how many contract periods it has
/// been observed for, and whether it is still active (right-censored) or has cancelled.
/// </summary>
/// <param name="Periods">
/// For a cancelled account, its last period: it renewed <c>Periods - 1</c> times and churned at the end of period
/// <c>Periods</c> (at least 1). For an active account, the periods it has completed so far (at least 0).
/// </param>
/// <param name="IsActive">True when the account is still subscribed at the end of observation (its lifetime is censored).</param>
/// <param name="Weight">How many accounts share this record (default 1; greater than 0).</param>
public readonly record struct ContractRecord(int Periods, bool IsActive, double Weight = 1);
