using Clv.Internal;

namespace Clv;

/// <summary>
/// A discount rate with the period it applies to. Converting between periods compounds exactly:
/// d_target = (1 + d)^(target length / period length) - 1, with a 365.25-day year and a 365.25/12-day month
/// (never "divide the annual rate by 12", never a 30-day month).
/// </summary>
/// <remarks>An annual rate of 10% is about 0.797% per month and 0.183% per week.</remarks>
public readonly record struct DiscountRate
{
    private DiscountRate(double rate, TimeUnit period)
    {
        Rate = rate;
        Period = period;
    }

    /// <summary>No discounting: every future amount counts in full.</summary>
    public static DiscountRate Zero => default;

    /// <summary>The rate per <see cref="Period"/>, e.g. 0.1 for 10%.</summary>
    public double Rate { get; }

    /// <summary>The period <see cref="Rate"/> applies to.</summary>
    public TimeUnit Period { get; }

    /// <summary>A rate per year (365.25 days).</summary>
    /// <param name="rate">The annual rate, at least 0 (0.1 for 10%).</param>
    /// <returns>The discount rate.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is negative, NaN or infinite.</exception>
    public static DiscountRate Annual(double rate) => Per(TimeUnit.Year, rate);

    /// <summary>A rate per <paramref name="period"/>.</summary>
    /// <param name="period">The period the rate applies to.</param>
    /// <param name="rate">The rate per period, at least 0.</param>
    /// <returns>The discount rate.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is negative, NaN or infinite, or <paramref name="period"/> is undefined.</exception>
    public static DiscountRate Per(TimeUnit period, double rate)
    {
        Guard.NonNegative(rate);
        Guard.Unit(period);
        return new DiscountRate(rate, period);
    }

    /// <summary>The equivalent rate per <paramref name="period"/>, compounding exactly.</summary>
    /// <param name="period">The target period.</param>
    /// <returns>(1 + <see cref="Rate"/>)^(period length / <see cref="Period"/> length) - 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The equivalent rate is too large to be a finite number (a large rate per day compounded over a year), or <paramref name="period"/> is undefined.</exception>
    public double RatePer(TimeUnit period)
    {
        Guard.Unit(period);
        if (!TryRatePer(period, out double rate))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(period), period, Guard.Format(
                $"The discount rate {Rate} per {Period} compounds to more than the largest finite number per {period}; use a smaller rate or a shorter period."));
        }

        return rate;
    }

    /// <summary>The equivalent rate per <paramref name="period"/>; false when it is too large to be a finite number.</summary>
    internal bool TryRatePer(TimeUnit period, out double rate)
    {
        rate = period == Period ? Rate : SpecialMath.ExpM1(SpecialMath.Log1P(Rate) * period.LengthInDays() / Period.LengthInDays());
        return double.IsFinite(rate);
    }

    /// <summary>The same rate expressed per <paramref name="period"/>.</summary>
    /// <param name="period">The target period.</param>
    /// <returns>An equivalent discount rate.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The equivalent rate is too large to be a finite number (a large rate per day compounded over a year), or <paramref name="period"/> is undefined.</exception>
    public DiscountRate ConvertTo(TimeUnit period) => new(RatePer(period), period);

    /// <summary>The continuously compounded rate per <paramref name="period"/>: ln(1 + d) scaled to the period.</summary>
    /// <param name="period">The period.</param>
    /// <returns>The force of interest per period.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is undefined.</exception>
    public double ContinuousRatePer(TimeUnit period)
    {
        Guard.Unit(period);
        return SpecialMath.Log1P(Rate) * period.LengthInDays() / Period.LengthInDays();
    }

    /// <summary>The present value of 1 received after <paramref name="time"/> units of <paramref name="unit"/>: 1 / (1 + d)^t.</summary>
    /// <param name="time">The delay, a finite number of at least 0.</param>
    /// <param name="unit">The unit of <paramref name="time"/>.</param>
    /// <returns>The discount factor, in [0, 1]: 1 at time 0 or a zero rate, 0 only once (1 + d)^t underflows.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="time"/> is negative, NaN or infinite, or <paramref name="unit"/> is undefined.</exception>
    public double DiscountFactor(double time, TimeUnit unit)
    {
        Guard.NonNegative(time);
        Guard.Unit(unit);
        return Math.Exp(-ContinuousRatePer(unit) * time);
    }
}
