// Shared source: compiled into Clv.Csv, Clv.Parquet, Clv.Data, Clv.Orleans and Clv.Tool (each gets its own internal copy; packages share no internals).
using System.Globalization;

namespace Clv.Shared;

/// <summary>What a .NET date format string holds: a time of day, an offset.</summary>
internal static class DateFormats
{
    /// <summary>Standard (one-letter) formats that hold a time: full, general, round-trip-less sortable, RFC 1123, universal.</summary>
    private const string StandardWithTime = "fFgGrRstTuU";

    /// <summary>Standard formats whose text carries the offset or says UTC ("GMT", "Z").</summary>
    private const string StandardWithOffset = "rRu";

    /// <summary>
    /// Whether the format has a time of day or an offset, so rows are parsed as timestamps. The one-letter formats
    /// "o" and "O" stay dates ("yyyy-MM-dd" for a <see cref="DateOnly"/>), as they always were.
    /// </summary>
    public static bool HasTime(string format) =>
        format.Length == 1 ? StandardWithTime.Contains(format[0], StringComparison.Ordinal) : Specifiers(format).Any(c => c is 'h' or 'H' or 'm' or 's' or 'f' or 'F' or 't' or 'z' or 'K');

    /// <summary>Whether the format's text carries an offset (custom 'z' or 'K', or "r", "R", "u").</summary>
    public static bool HasOffset(string format) =>
        format.Length == 1 ? StandardWithOffset.Contains(format[0], StringComparison.Ordinal) : Specifiers(format).Any(c => c is 'z' or 'K');

    /// <summary>
    /// Whether text in the format names a whole calendar date: two dates written in it read back as themselves. A format
    /// without the year, the month or the day (<c>MM-dd</c>, <c>HH:mm</c>, <c>yyyy-MM</c>) would have .NET fill the missing
    /// part from today's date or with 1, so a log would depend on the day it is read.
    /// </summary>
    /// <exception cref="FormatException">The format is not a valid date format string.</exception>
    public static bool HasWholeDate(string format)
    {
        ReadOnlySpan<(int Year, int Month, int Day)> probes = [(2001, 2, 3), (1998, 11, 27)];
        foreach (var (year, month, day) in probes)
        {
            string text = new DateTimeOffset(year, month, day, 4, 5, 6, TimeSpan.Zero).ToString(format, CultureInfo.InvariantCulture);
            if (!DateTimeOffset.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var back)
                || (back.Year, back.Month, back.Day) != (year, month, day))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The calendar day of a timestamp written in <paramref name="format"/> (a format with a time; see <see cref="HasTime"/>),
    /// by <see cref="CalendarDay"/>'s rule, the same in the CSV, Parquet and database readers: a time without an offset is a
    /// wall clock and counts on its date as written; a time with an offset counts on its own clock's day, or on its day in
    /// <paramref name="timeZone"/>. The custom specifier <c>K</c> also matches no offset at all (what .NET writes for a
    /// <see cref="DateTime"/> of kind <see cref="DateTimeKind.Unspecified"/>): such a row is a wall clock too, never taken for UTC.
    /// </summary>
    /// <param name="s">The text, trimmed.</param>
    /// <param name="format">The format.</param>
    /// <param name="withoutOffset"><see cref="WithoutOptionalOffset"/> of <paramref name="format"/>.</param>
    /// <param name="offsets"><see cref="HasOffset"/> of <paramref name="format"/>.</param>
    /// <param name="timeZone">The zone whose calendar days count for a time with an offset; null for its own day.</param>
    /// <param name="day">The calendar day.</param>
    /// <returns>Whether the text is a timestamp in the format.</returns>
    public static bool TryParseDay(ReadOnlySpan<char> s, string format, string? withoutOffset, bool offsets, TimeZoneInfo? timeZone, out DateOnly day)
    {
        // A text that matches the format without its 'K' has no offset: a wall clock, its date as written.
        if (withoutOffset is not null && DateTimeOffset.TryParseExact(s, withoutOffset, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var wall))
        {
            day = DateOnly.FromDateTime(wall.DateTime);
            return true;
        }

        if (!DateTimeOffset.TryParseExact(s, format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var stamp))
        {
            day = default;
            return false;
        }

        day = offsets ? CalendarDay.Of(stamp, timeZone) : DateOnly.FromDateTime(stamp.DateTime);
        return true;
    }

    /// <summary>
    /// The format without its <c>K</c> specifiers, or null when it has none: text that matches it carries no offset (a row
    /// the format's <c>K</c> matched with nothing).
    /// </summary>
    public static string? WithoutOptionalOffset(string format)
    {
        if (format.Length == 1 || !Specifiers(format).Contains('K'))
        {
            return null;
        }

        var kept = new System.Text.StringBuilder(format.Length);
        for (int i = 0; i < format.Length; i++)
        {
            char c = format[i];
            if (c == '\\')
            {
                kept.Append(format.AsSpan(i, Math.Min(2, format.Length - i)));
                i++;
            }
            else if (c is '\'' or '"')
            {
                int close = format.IndexOf(c, i + 1);
                int end = close < 0 ? format.Length - 1 : close;
                kept.Append(format.AsSpan(i, end - i + 1));
                i = end;
            }
            else if (c != 'K')
            {
                kept.Append(c);
            }
        }

        return kept.ToString();
    }

    /// <summary>The format's specifier letters, skipping quoted literals ('..' and "..") and escaped characters (\x).</summary>
    private static IEnumerable<char> Specifiers(string format)
    {
        for (int i = 0; i < format.Length; i++)
        {
            char c = format[i];
            if (c == '\\')
            {
                i++;
            }
            else if (c is '\'' or '"')
            {
                int close = format.IndexOf(c, i + 1);
                i = close < 0 ? format.Length : close;
            }
            else
            {
                yield return c;
            }
        }
    }
}
