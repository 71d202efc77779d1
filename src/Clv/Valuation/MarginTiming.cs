namespace Clv.Valuation;

/// <summary>
/// When, within each period, a retained customer's margin arrives. A margin arriving at time τ (in periods) is
/// counted for every customer still alive at τ (survival r^τ) and discounted by (1 + d)^τ.
/// </summary>
public enum MarginTiming
{
    /// <summary>
    /// At the end of each period (τ = 1, 2, ...): the customer must be retained through the period to pay. The
    /// infinite-horizon value is m r / (1 + d - r).
    /// </summary>
    End = 0,

    /// <summary>
    /// At the start of each period (τ = 0, 1, ...): the first margin is paid at acquisition, undiscounted. The
    /// infinite-horizon value is m (1 + d) / (1 + d - r).
    /// </summary>
    Start = 1,

    /// <summary>In the middle of each period (τ = 0.5, 1.5, ...): the start-of-period value times (r / (1 + d))^(1/2).</summary>
    Middle = 2,
}
