using System.Globalization;
using System.Runtime.CompilerServices;

namespace Clv.Internal;

/// <summary>Boundary checks. NaN is rejected explicitly: every comparison is written so that NaN fails it.</summary>
internal static class Guard
{
    /// <summary>Rejects a holdout end before the observation end.</summary>
    public static void HoldoutEnd(DateOnly observationEnd, DateOnly? holdoutEnd)
    {
        if (holdoutEnd is { } he && he < observationEnd)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(holdoutEnd), he, Format($"Holdout end ({he:yyyy-MM-dd}) cannot be before the observation end ({observationEnd:yyyy-MM-dd})."));
        }
    }

    /// <summary>
    /// Rejects an undefined <see cref="TimeUnit"/> under the caller's own parameter name (<see cref="TimeUnitExtensions.LengthInDays"/>
    /// would name its own parameter, <c>unit</c>, whatever the public entry point calls it).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Unit(TimeUnit value, [CallerArgumentExpression(nameof(value))] string paramName = "")
    {
        if (value is < TimeUnit.Day or > TimeUnit.Year)
        {
            ThrowHelper.ArgumentOutOfRange(paramName, value, Format($"{paramName} must be a defined TimeUnit (Day, Week, Month or Year), but was {(int)value}."));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Finite(double value, [CallerArgumentExpression(nameof(value))] string paramName = "")
    {
        if (!double.IsFinite(value))
        {
            ThrowHelper.ArgumentOutOfRange(paramName, value, Format($"{paramName} must be a finite number, but was {value}."));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Positive(double value, [CallerArgumentExpression(nameof(value))] string paramName = "")
    {
        if (!(value > 0) || double.IsPositiveInfinity(value))
        {
            ThrowHelper.ArgumentOutOfRange(paramName, value, Format($"{paramName} must be a finite number greater than 0, but was {value}."));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void NonNegative(double value, [CallerArgumentExpression(nameof(value))] string paramName = "")
    {
        if (!(value >= 0) || double.IsPositiveInfinity(value))
        {
            ThrowHelper.ArgumentOutOfRange(paramName, value, Format($"{paramName} must be a finite number of at least 0, but was {value}."));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void NonNegative(int value, [CallerArgumentExpression(nameof(value))] string paramName = "")
    {
        if (value < 0)
        {
            ThrowHelper.ArgumentOutOfRange(paramName, value, Format($"{paramName} must be at least 0, but was {value}."));
        }
    }

    /// <summary>Checks <paramref name="value"/> lies in the closed interval [min, max].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void InRange(double value, double min, double max, [CallerArgumentExpression(nameof(value))] string paramName = "")
    {
        if (!(value >= min && value <= max))
        {
            ThrowHelper.ArgumentOutOfRange(paramName, value, Format($"{paramName} must be between {min} and {max}, but was {value}."));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SameLength(int sourceLength, int destinationLength, string paramName = "destination")
    {
        if (sourceLength != destinationLength)
        {
            ThrowHelper.LengthMismatch(paramName, sourceLength, destinationLength);
        }
    }

    public static string Format(FormattableString message) => message.ToString(CultureInfo.InvariantCulture);
}
