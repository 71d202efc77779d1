// Shared source: compiled into Clv.Csv, Clv.Parquet and Clv.Data (each gets its own internal copy; packages share no internals).
using System.Globalization;
using System.Text;

namespace Clv.Shared;

/// <summary>
/// Keeps what a message quotes bounded and readable: raw text capped at <see cref="RawTextCap"/> characters with its
/// full length, and invisible characters (a stray byte order mark, a zero-width space, control characters) escaped.
/// </summary>
internal static class MessageText
{
    /// <summary>Characters of raw text kept in <see cref="RejectedRow.RawText"/> and in the readers' format exceptions.</summary>
    public const int RawTextCap = 200;

    /// <summary>Characters a message shows of one quoted value (a capped raw text fits, with its length).</summary>
    private const int ShowCap = 240;

    /// <summary>Characters a message shows of a list of header names.</summary>
    private const int ListCap = 300;

    /// <summary>The text itself when it has at most <see cref="RawTextCap"/> characters, else its start, "..." and its full length.</summary>
    /// <param name="text">The text, or (when <paramref name="fullLength"/> is larger) its start.</param>
    /// <param name="fullLength">The length of the whole text.</param>
    public static string Cap(ReadOnlySpan<char> text, long fullLength)
    {
        if (fullLength <= RawTextCap && text.Length == fullLength)
        {
            return text.ToString();
        }

        int keep = Math.Min(text.Length, RawTextCap);
        if (keep > 0 && char.IsHighSurrogate(text[keep - 1]))
        {
            keep--;
        }

        return string.Concat(text[..keep], string.Create(CultureInfo.InvariantCulture, $"... ({fullLength:N0} characters)"));
    }

    /// <inheritdoc cref="Cap(ReadOnlySpan{char}, long)"/>
    public static string Cap(ReadOnlySpan<char> text) => Cap(text, text.Length);

    /// <summary>The text as a message shows it: invisible characters escaped (<c>\ufeff</c>, <c>\n</c>), at most 240 characters then "...".</summary>
    public static string Show(string text)
    {
        if (text.Length <= ShowCap && IsAllVisible(text))
        {
            return text;
        }

        var shown = new StringBuilder(Math.Min(text.Length, ShowCap) + 8);
        foreach (char c in text)
        {
            if (shown.Length >= ShowCap)
            {
                return shown.Append("...").ToString();
            }

            Append(shown, c);
        }

        return shown.ToString();
    }

    /// <summary>Header names as a message lists them: each shown escaped, the list cut after 300 characters with the number of names.</summary>
    public static string ShowList(IReadOnlyList<string> names)
    {
        var list = new StringBuilder();
        for (int i = 0; i < names.Count; i++)
        {
            if (list.Length >= ListCap)
            {
                return list.Append(string.Create(CultureInfo.InvariantCulture, $"... ({names.Count} names)")).ToString();
            }

            if (i > 0)
            {
                list.Append(", ");
            }

            list.Append(Show(names[i]));
        }

        return list.ToString();
    }

    private static bool IsAllVisible(string text)
    {
        if (!text.AsSpan().ContainsAnyExceptInRange(' ', '~'))
        {
            return true;
        }

        foreach (char c in text)
        {
            if (IsInvisible(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Control and format characters, line and paragraph separators, and spaces other than U+0020.</summary>
    private static bool IsInvisible(char c) => char.GetUnicodeCategory(c) switch
    {
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => true,
        UnicodeCategory.SpaceSeparator => c != ' ',
        _ => false,
    };

    private static void Append(StringBuilder shown, char c)
    {
        switch (c)
        {
            case '\n':
                shown.Append("\\n");
                break;
            case '\r':
                shown.Append("\\r");
                break;
            case '\t':
                shown.Append("\\t");
                break;
            default:
                if (IsInvisible(c))
                {
                    shown.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                }
                else
                {
                    shown.Append(c);
                }

                break;
        }
    }
}
