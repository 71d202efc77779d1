using Clv.Internal;

namespace Clv.Valuation;

/// <summary>
/// The terms of a retention-based discounted CLV: the period that margins and retention rates are measured in,
/// the discount rate (converted to that period by exact compounding), when margins arrive, and the horizon.
/// Validated once per call; errors name the property (<c>options.Horizon</c>).
/// </summary>
public sealed class RetentionClvOptions
{
    /// <summary>
    /// The shared default terms: yearly margins and retention, 10% a year, margins at the end of each year, an infinite
    /// horizon (the textbook m r / (1 + d - r)).
    /// </summary>
    public static RetentionClvOptions Default { get; } = new();

    /// <summary>
    /// The period of the margin and retention rate, e.g. <see cref="TimeUnit.Month"/> for a monthly margin and monthly
    /// retention. Default <see cref="TimeUnit.Year"/>: set it whenever the margins or retention rates are not yearly.
    /// </summary>
    public TimeUnit Period { get; init; } = TimeUnit.Year;

    /// <summary>
    /// The discount rate, in any period: the library converts it to <see cref="Period"/> by exact compounding
    /// ((1 + d)^(period length / rate period length) - 1, 365.25-day year, 365.25/12-day month). Default 10% a year;
    /// use <see cref="DiscountRate.Zero"/> for undiscounted sums.
    /// </summary>
    public DiscountRate DiscountRate { get; init; } = DiscountRate.Annual(0.1);

    /// <summary>When within each period the margin arrives. Default <see cref="MarginTiming.End"/> (first margin after one period, m r / (1 + d - r)).</summary>
    public MarginTiming Timing { get; init; } = MarginTiming.End;

    /// <summary>
    /// Number of periods (of <see cref="Period"/>) that margins are counted for: margins at τ = 0..H-1 (start),
    /// 0.5..H-0.5 (middle) or 1..H (end). Null (the default) for an infinite horizon; otherwise at least 0.
    /// </summary>
    public int? Horizon { get; init; }

    /// <summary>Checks every option once; errors name the property path (<c>options.Horizon</c>).</summary>
    /// <returns>This instance.</returns>
    internal RetentionClvOptions Validate()
    {
        if (!Enum.IsDefined(Period))
        {
            ThrowHelper.ArgumentOutOfRange("options.Period", Period, Guard.Format($"options.Period must be a defined TimeUnit, but was {(int)Period}."));
        }

        if (Timing is not (MarginTiming.End or MarginTiming.Start or MarginTiming.Middle))
        {
            ThrowHelper.ArgumentOutOfRange("options.Timing", Timing, Guard.Format($"options.Timing must be End, Start or Middle, but was {(int)Timing}."));
        }

        if (!DiscountRate.TryRatePer(Period, out _))
        {
            ThrowHelper.ArgumentOutOfRange("options.DiscountRate", DiscountRate, Guard.Format(
                $"options.DiscountRate ({DiscountRate.Rate} per {DiscountRate.Period}) compounds to more than the largest finite number per options.Period ({Period}); use a smaller rate or a shorter period."));
        }

        if (Horizon is < 0)
        {
            ThrowHelper.ArgumentOutOfRange("options.Horizon", Horizon, Guard.Format($"options.Horizon must be at least 0 periods (or null for an infinite horizon), but was {Horizon}."));
        }

        return this;
    }
}
