using System.Globalization;
using System.Runtime.CompilerServices;

namespace Clv.Csv.Internal;

/// <summary>
/// Parses amounts exactly as <c>double.TryParse(s, NumberStyles.Float, culture)</c> does, with a fast path for plain
/// decimals such as <c>-123.45</c>.
/// </summary>
/// <remarks>
/// The fast path takes an optional '-', at most 15 ASCII digits in all and at most one decimal separator (the
/// culture's, when it is one character and the culture's negative sign is '-'), and computes mantissa / 10^k.
/// Both operands are exact doubles (mantissa &lt; 2^53, k &lt;= 15 &lt;= 22) and IEEE division is correctly rounded,
/// so the result equals the correctly rounded value that double.Parse returns (Clinger's fast path).
/// Anything else (exponents, '+', more digits, NaN, infinity, other signs) goes to double.TryParse.
/// </remarks>
internal sealed class NumberParser
{
    private const int MaxDigits = 15;

    private static readonly double[] PowersOf10 =
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

    private readonly CultureInfo _culture;
    private readonly char _decimalSeparator;
    private readonly bool _fast;

    public NumberParser(CultureInfo culture)
    {
        _culture = culture;
        var format = culture.NumberFormat;
        _fast = format.NumberDecimalSeparator.Length == 1 && format.NegativeSign == "-";
        _decimalSeparator = _fast ? format.NumberDecimalSeparator[0] : '\0';
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryParse(ReadOnlySpan<char> s, out double value)
    {
        if (_fast && TryParseSimple(s, out value))
        {
            return true;
        }

        return double.TryParse(s, NumberStyles.Float, _culture, out value);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TryParseSimple(ReadOnlySpan<char> s, out double value)
    {
        value = 0;
        int i = 0;
        bool negative = false;
        if (s.Length > 0 && s[0] == '-')
        {
            negative = true;
            i = 1;
        }

        long mantissa = 0;
        int digits = 0;
        int fraction = -1;
        for (; i < s.Length; i++)
        {
            char c = s[i];
            uint digit = (uint)(c - '0');
            if (digit <= 9)
            {
                if (++digits > MaxDigits)
                {
                    return false;
                }

                mantissa = (mantissa * 10) + digit;
                if (fraction >= 0)
                {
                    fraction++;
                }
            }
            else if (c == _decimalSeparator && fraction < 0)
            {
                fraction = 0;
            }
            else
            {
                return false;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        double magnitude = fraction > 0 ? mantissa / PowersOf10[fraction] : mantissa;
        value = negative ? -magnitude : magnitude;
        return true;
    }
}
