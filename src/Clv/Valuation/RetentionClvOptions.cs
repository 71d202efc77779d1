namespace Clv.Valuation;

/// <summary>
/// The terms of a retention-based discounted CLV: the period that margins and retention rates are measured in,
/// the discount rate (converted to that period by exact compounding), when margins arrive, and the horizon.
/// </summary>
public sealed class RetentionClvOptions
{
    /// <summary>The period of the margin and retention rate, e.g. <see cref="TimeUnit.Month"/> for a monthly margin and monthly retention. Required.</summary>
    public required TimeUnit Period { get; init; }

    /// <summary>
    /// The discount rate, in any period: the library converts it to <see cref="Period"/> by exact compounding
    /// ((1 + d)^(period length / rate period length) - 1, 365.25-day year, 365.25/12-day month). Required; use
    /// <see cref="DiscountRate.Zero"/> for undiscounted sums.
    /// </summary>
    public required DiscountRate DiscountRate { get; init; }

    /// <summary>When within each period the margin arrives. Default <see cref="MarginTiming.End"/> (first margin after one period, m r / (1 + d - r)).</summary>
    public MarginTiming Timing { get; init; } = MarginTiming.End;

    /// <summary>
    /// Number of periods (of <see cref="Period"/>) that margins are counted for: margins at τ = 0..H-1 (start),
    /// 0.5..H-0.5 (middle) or 1..H (end). Null (the default) for an infinite horizon.
    /// </summary>
    public int? Horizon { get; init; }
}
