using System.Globalization;

namespace Clv.Internal;

/// <summary>
/// The two doubles whose shortest text from .NET does not read back as themselves: 2^-25 is written
/// "2.980232238769531E-08" and 2^-958 "4.104536801298376E-289" (with either sign) by <c>ToString("R")</c>,
/// <c>Utf8JsonWriter</c> and CsvHelper alike, and each of those texts reads as the double just below. Every other double's
/// shortest text reads back (checked over all powers of two and millions of others: at a power of two the gap to the double
/// below is half the gap above, and only these two fall into it). Writers that promise round-trip text write these two with
/// 17 significant digits.
/// </summary>
internal static class RoundTripText
{
    private const ulong MantissaMask = (1UL << 52) - 1;

    /// <summary>Whether <paramref name="value"/> is ±2^-25 or ±2^-958, whose shortest .NET text does not read back.</summary>
    public static bool IsMisread(double value)
    {
        ulong bits = BitConverter.DoubleToUInt64Bits(value);
        return (bits & MantissaMask) == 0 && ((bits >> 52) & 0x7FF) is 1023 - 25 or 1023 - 958;
    }

    /// <summary>17 significant digits, invariant: reads back as <paramref name="value"/> ("2.9802322387695312E-08").</summary>
    public static string Long(double value) => value.ToString("G17", CultureInfo.InvariantCulture);
}
