// Shared source: compiled into Clv.Csv and Clv.Parquet (each gets its own internal copy; packages share no internals).
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
