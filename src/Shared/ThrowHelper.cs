// Shared source: compiled into Clv.Csv and Clv.Parquet (each gets its own internal copy; packages share no internals).
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Clv.Shared;

/// <summary>Throw helpers of the reader packages (Clv.Csv, Clv.Parquet), kept out of line so that the reader's loops stay small.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void ArgumentOutOfRange(string paramName, object? value, string message) =>
        throw new ArgumentOutOfRangeException(paramName, value, message);

    [DoesNotReturn]
    public static void Argument(string paramName, string message, Exception? inner = null) =>
        throw new ArgumentException(message, paramName, inner);

    [DoesNotReturn]
    public static void ArgumentNull(string paramName, string message) =>
        throw new ArgumentNullException(paramName, message);

    /// <summary>Formats with the invariant culture: every message of the package is culture-invariant.</summary>
    public static string Format(FormattableString message) => message.ToString(CultureInfo.InvariantCulture);
}
