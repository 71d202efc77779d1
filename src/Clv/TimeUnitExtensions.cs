using System.Runtime.CompilerServices;
using Clv.Internal;

namespace Clv;

/// <summary>Conversions between days and <see cref="TimeUnit"/> values.</summary>
public static class TimeUnitExtensions
{
    /// <summary>Days in a 365.25-day year, the basis of <see cref="TimeUnit.Month"/> and <see cref="TimeUnit.Year"/>.</summary>
    public const double DaysPerYear = 365.25;

    /// <summary>The exact length of one <paramref name="unit"/> in days (1, 7, 30.4375 or 365.25).</summary>
    /// <param name="unit">The unit.</param>
    /// <returns>The length in days.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="unit"/> is not a defined value.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double LengthInDays(this TimeUnit unit) => unit switch
    {
        TimeUnit.Day => 1.0,
        TimeUnit.Week => 7.0,
        TimeUnit.Month => DaysPerYear / 12.0,
        TimeUnit.Year => DaysPerYear,
        _ => ThrowUndefined(unit),
    };

    /// <summary>How many of <paramref name="unit"/> make a 365.25-day year (365.25, 52.18, 12 or 1).</summary>
    /// <param name="unit">The unit.</param>
    /// <returns>Periods per year.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="unit"/> is not a defined value.</exception>
    public static double PeriodsPerYear(this TimeUnit unit) => DaysPerYear / unit.LengthInDays();

    /// <summary>Converts a number of days to <paramref name="unit"/>, exactly (fractional, never floored).</summary>
    /// <param name="unit">The target unit.</param>
    /// <param name="days">A number of days.</param>
    /// <returns><paramref name="days"/> divided by the unit's length in days.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="unit"/> is not a defined value.</exception>
    public static double FromDays(this TimeUnit unit, double days) => days / unit.LengthInDays();

    /// <summary>Converts an amount of <paramref name="unit"/> to days.</summary>
    /// <param name="unit">The source unit.</param>
    /// <param name="amount">An amount of time in <paramref name="unit"/>.</param>
    /// <returns>The amount in days.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="unit"/> is not a defined value.</exception>
    public static double ToDays(this TimeUnit unit, double amount) => amount * unit.LengthInDays();

    /// <summary>Converts an amount of time from <paramref name="unit"/> to <paramref name="target"/>.</summary>
    /// <param name="unit">The source unit.</param>
    /// <param name="amount">An amount of time in <paramref name="unit"/>.</param>
    /// <param name="target">The target unit.</param>
    /// <returns>The same span of time in <paramref name="target"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="unit"/> or <paramref name="target"/> is not a defined value (the exception names which).</exception>
    public static double ConvertTo(this TimeUnit unit, double amount, TimeUnit target)
    {
        double days = amount * unit.LengthInDays();
        Guard.Unit(target);
        return days / target.LengthInDays();
    }

    private static double ThrowUndefined(TimeUnit unit)
    {
        ThrowHelper.ArgumentOutOfRange(nameof(unit), unit, Guard.Format($"Time unit {(int)unit} is not defined; use Day, Week, Month or Year."));
        return 0;
    }
}
