using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Clv.Internal;

/// <summary>Throw helpers kept out of line so that hot paths stay small.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void ArgumentOutOfRange(string paramName, object? value, string message) =>
        throw new ArgumentOutOfRangeException(paramName, value, message);

    /// <summary>The exception <see cref="ArgumentOutOfRange"/> throws, for a <c>throw</c> the compiler sees (a catch that rethrows).</summary>
    public static ArgumentOutOfRangeException OutOfRange(string paramName, object? value, string message) => new(paramName, value, message);

    [DoesNotReturn]
    public static void Argument(string paramName, string message) =>
        throw new ArgumentException(message, paramName);

    [DoesNotReturn]
    public static void LengthMismatch(string paramName, int expected, int actual) =>
        throw new ArgumentException(
            string.Create(CultureInfo.InvariantCulture, $"Destination length ({actual}) must equal source length ({expected})."),
            paramName);

    [DoesNotReturn]
    public static void InvalidOperation(string message) => throw new InvalidOperationException(message);
}
