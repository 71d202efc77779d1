using System.Globalization;
using System.Runtime.CompilerServices;

namespace Clv.Csv.Internal;

/// <summary>
/// Turns a row's fields into a customer id, a date and a finite amount (the unit price times the quantity when the
/// columns have one), or rejects the row naming the column
/// and the raw field. Fields are trimmed of spaces and tabs; a field holding U+FFFD (bytes that were not valid
/// UTF-8) is an encoding error.
/// </summary>
internal sealed class RowParser
{
    private const char Replacement = '\uFFFD';
    private readonly string _dateFormat;
    private readonly DateFastPath _dateFast;
    private readonly bool _timestamps;
    private readonly bool _offsets;
    private readonly string? _dateFormatWithoutOffset;
    private readonly TimeZoneInfo? _timeZone;
    private readonly NumberParser _numbers;
    private readonly string _cultureLabel;
    private readonly Rejections _rejections;

    public RowParser(TransactionCsvOptions options, Rejections rejections)
    {
        _rejections = rejections;
        _dateFormat = options.DateFormat;
        _numbers = new NumberParser(options.Culture);
        _cultureLabel = options.Culture.Name.Length == 0 ? "invariant" : options.Culture.Name;
        _timestamps = DateFormats.HasTime(options.DateFormat);
        _offsets = DateFormats.HasOffset(options.DateFormat);
        _dateFormatWithoutOffset = DateFormats.WithoutOptionalOffset(options.DateFormat);
        _timeZone = options.TimeZone;
        _dateFast = options.DateFormat switch
        {
            "yyyy-MM-dd" => DateFastPath.Iso,
            "yyyyMMdd" => DateFastPath.Compact,
            "yyyy-MM-dd HH:mm:ss" => DateFastPath.IsoSpaceTime,
            "yyyy-MM-ddTHH:mm:ss" or "yyyy-MM-dd'T'HH:mm:ss" => DateFastPath.IsoTTime,
            _ => DateFastPath.None,
        };
    }

    /// <summary>Where the fields are and how they are named: set by the reader before the first row (from the header or the indices).</summary>
    public ColumnMap Columns { get; set; } = null!;

    private enum DateFastPath
    {
        None,
        Iso,
        Compact,
        IsoSpaceTime,
        IsoTTime,
    }

    /// <summary>Parses a row's fields; on failure the row goes to the rejections (which throw in strict mode).</summary>
    /// <param name="idField">The customer id field, untrimmed.</param>
    /// <param name="dateField">The date field.</param>
    /// <param name="amountField">The amount field (the unit price when the columns have a quantity).</param>
    /// <param name="quantityField">The quantity field; ignored when the columns have none.</param>
    /// <param name="record">The whole record (the raw text of a row-level rejection).</param>
    /// <param name="lineNumber">The record's first line.</param>
    /// <param name="id">The trimmed customer id (a view of the record or of the splitter's buffer).</param>
    /// <param name="date">The date.</param>
    /// <param name="amount">The amount.</param>
    /// <returns>Whether the row is good.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryParse(ReadOnlySpan<char> idField, ReadOnlySpan<char> dateField, ReadOnlySpan<char> amountField, ReadOnlySpan<char> quantityField, ReadOnlySpan<char> record, long lineNumber, out ReadOnlySpan<char> id, out DateOnly date, out double amount)
    {
        date = default;
        amount = 0;
        id = Trim(idField);
        var columns = Columns;
        var rejections = _rejections;
        if (id.IsEmpty)
        {
            rejections.Row(lineNumber, columns.IdLabel, record, "The customer id is empty.");
            return false;
        }

        if (id.Contains(Replacement))
        {
            rejections.Row(lineNumber, columns.IdLabel, id, "The customer id holds bytes that are not valid UTF-8 (decoded as U+FFFD).");
            return false;
        }

        var dateText = Trim(dateField);
        if (!TryParseDate(dateText, out date))
        {
            rejections.Row(lineNumber, columns.DateLabel, dateText, dateText.Contains(Replacement)
                ? "The date holds bytes that are not valid UTF-8 (decoded as U+FFFD)."
                : ThrowHelper.Format($"Not a date in the format '{_dateFormat}'."));
            return false;
        }

        var amountText = Trim(amountField);
        if (!_numbers.TryParse(amountText, out amount))
        {
            rejections.Row(lineNumber, columns.AmountLabel, amountText, amountText.Contains(Replacement)
                ? "The amount holds bytes that are not valid UTF-8 (decoded as U+FFFD)."
                : ThrowHelper.Format($"Not a number in the culture '{_cultureLabel}'."));
            return false;
        }

        if (!double.IsFinite(amount))
        {
            rejections.Row(lineNumber, columns.AmountLabel, amountText, "The amount is not a finite number (NaN, infinity, or beyond the range of a double).");
            return false;
        }

        return columns.QuantityIndex < 0 || TryQuantity(quantityField, lineNumber, ref amount);
    }

    /// <summary>Multiplies the unit price by the row's quantity, or rejects the row naming the quantity column.</summary>
    private bool TryQuantity(ReadOnlySpan<char> quantityField, long lineNumber, ref double amount)
    {
        var text = Trim(quantityField);
        var label = Columns.QuantityLabel;
        if (!_numbers.TryParse(text, out double quantity))
        {
            _rejections.Row(lineNumber, label, text, text.Contains(Replacement)
                ? "The quantity holds bytes that are not valid UTF-8 (decoded as U+FFFD)."
                : ThrowHelper.Format($"Not a number in the culture '{_cultureLabel}'."));
            return false;
        }

        double product = quantity * amount;
        if (!double.IsFinite(product))
        {
            _rejections.Row(lineNumber, label, text, double.IsFinite(quantity)
                ? ThrowHelper.Format($"The quantity times the unit price ({amount.ToString("R", CultureInfo.InvariantCulture)}) is not a finite number.")
                : "The quantity is not a finite number (NaN, infinity, or beyond the range of a double).");
            return false;
        }

        amount = product + 0.0;   // a zero line (a free item, or the return of one) is +0, a transaction of 0
        return true;
    }

    /// <summary>Trims spaces and tabs (a loop: most fields have none, and the general Trim is a call per side).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ReadOnlySpan<char> Trim(ReadOnlySpan<char> field)
    {
        // Most fields neither start nor end with a character at or below ' ' (spaces, tabs and control characters):
        // one test of each end, and the loops below only for the rest.
        if (field.IsEmpty || (field[0] > ' ' && field[^1] > ' '))
        {
            return field;
        }

        int start = 0, end = field.Length;
        while (start < end && field[start] is ' ' or '\t')
        {
            start++;
        }

        while (end > start && field[end - 1] is ' ' or '\t')
        {
            end--;
        }

        return field[start..end];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryDigits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (char c in s)
        {
            uint digit = (uint)(c - '0');
            if (digit > 9)
            {
                return false;
            }

            value = (value * 10) + (int)digit;
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TryParseDate(ReadOnlySpan<char> s, out DateOnly date)
    {
        // Fast exact paths for the common formats; anything they do not accept goes to TryParseExact,
        // so they only ever accept what TryParseExact accepts.
        if (_dateFast == DateFastPath.Iso && TryIsoDate(s, out date))
        {
            return true;
        }

        int y, m, d;
        if (_dateFast == DateFastPath.Compact && s.Length == 8
            && TryDigits(s[..4], out y) && TryDigits(s.Slice(4, 2), out m) && TryDigits(s.Slice(6, 2), out d)
            && IsValidDate(y, m, d))
        {
            date = new DateOnly(y, m, d);
            return true;
        }

        // "yyyy-MM-dd HH:mm:ss" and the 'T' form: a wall-clock time without an offset counts on its date as written.
        if (_dateFast is DateFastPath.IsoSpaceTime or DateFastPath.IsoTTime && s.Length == 19
            && s[4] == '-' && s[7] == '-' && s[10] == (_dateFast == DateFastPath.IsoSpaceTime ? ' ' : 'T') && s[13] == ':' && s[16] == ':'
            && TryDigits(s[..4], out y) && TryDigits(s.Slice(5, 2), out m) && TryDigits(s.Slice(8, 2), out d) && IsValidDate(y, m, d)
            && TryDigits(s.Slice(11, 2), out int hour) && hour < 24 && TryDigits(s.Slice(14, 2), out int minute) && minute < 60
            && TryDigits(s.Slice(17, 2), out int second) && second < 60)
        {
            date = new DateOnly(y, m, d);
            return true;
        }

        if (!_timestamps)
        {
            return DateOnly.TryParseExact(s, _dateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
        }

        // A timestamp: without an offset it is a wall clock (its date as written); with one, the day follows CalendarDay's
        // rule (its own offset's day, or its day in options.TimeZone).
        return DateFormats.TryParseDay(s, _dateFormat, _dateFormatWithoutOffset, _offsets, _timeZone, out date);

    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsValidDate(int y, int m, int d) => y >= 1 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m);

    /// <summary>
    /// "yyyy-MM-dd" as ten ASCII characters, the eight digits read at fixed places without a loop (the commonest date of all,
    /// on every row of most files); accepts exactly what TryParseExact with that format accepts in that shape.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryIsoDate(ReadOnlySpan<char> s, out DateOnly date)
    {
        date = default;
        if (s.Length != 10 || s[4] != '-' || s[7] != '-')
        {
            return false;
        }

        uint y0 = (uint)(s[0] - '0'), y1 = (uint)(s[1] - '0'), y2 = (uint)(s[2] - '0'), y3 = (uint)(s[3] - '0');
        uint m0 = (uint)(s[5] - '0'), m1 = (uint)(s[6] - '0'), d0 = (uint)(s[8] - '0'), d1 = (uint)(s[9] - '0');
        if ((y0 > 9) | (y1 > 9) | (y2 > 9) | (y3 > 9) | (m0 > 9) | (m1 > 9) | (d0 > 9) | (d1 > 9))
        {
            return false;
        }

        int y = (int)((y0 * 1000) + (y1 * 100) + (y2 * 10) + y3), m = (int)((m0 * 10) + m1), d = (int)((d0 * 10) + d1);
        if (y < 1 || (uint)(m - 1) > 11 || d < 1)
        {
            return false;
        }

        // The day number straight from the proleptic Gregorian calendar (what DateOnly counts), with the month's length
        // and the days before it from one table per kind of year, instead of the checks and divisions of the general constructor.
        bool leap = (y & 3) == 0 && ((y % 100) != 0 || (y % 400) == 0);
        var before = leap ? DaysBeforeMonthLeap : DaysBeforeMonth;
        if (d > before[m] - before[m - 1])
        {
            return false;
        }

        int years = y - 1;
        date = DateOnly.FromDayNumber((years * 365) + (years / 4) - (years / 100) + (years / 400) + before[m - 1] + d - 1);
        return true;
    }

    private static ReadOnlySpan<int> DaysBeforeMonth => [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];

    private static ReadOnlySpan<int> DaysBeforeMonthLeap => [0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366];
}
