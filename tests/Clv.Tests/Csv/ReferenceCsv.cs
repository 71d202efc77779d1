using System.Globalization;
using System.Text;

namespace Clv.Tests.Csv;

/// <summary>
/// An independent reader of the CSV dialect the library promises, written for the tests only: the whole text in
/// memory, one character at a time, no buffers, no fast paths. The differential tests compare the library with it.
/// </summary>
/// <remarks>
/// The rules (TransactionCsv's documentation): UTF-8 with one byte order mark skipped and invalid bytes as U+FFFD;
/// line breaks \r\n, \n, \r; every quote toggles "inside quotes" and a record ends at the first line break outside
/// quotes; a record longer than maxLength characters, spanning more than maxLines lines, or whose quote is open at the
/// end of the text is an error at its first line and reading resumes on the next line; blank records are skipped;
/// fields follow RFC 4180 (a quoted field may be surrounded by spaces and tabs; a quote in an unquoted field, or text
/// after a closing quote, makes the record bad); values are trimmed of spaces and tabs.
/// </remarks>
internal static class ReferenceCsv
{
    /// <summary>What a lenient read must give: good rows and rejections in file order, or a file-level error line.</summary>
    public sealed record Expected(List<ExpectedRow> Rows, List<RejectedRow> Rejected, long? FileErrorLine)
    {
        /// <summary>The line a strict read fails at: the file error, or the first rejection; null when it succeeds.</summary>
        public long? StrictErrorLine => FileErrorLine ?? (Rejected.Count > 0 ? Rejected[0].LineNumber : null);

        /// <summary>Good rows before the strict error (what a strict streamed read has added to its builder).</summary>
        public int RowsBeforeStrictError => StrictErrorLine is { } line ? Rows.Count(r => r.Line < line) : Rows.Count;
    }

    public sealed record ExpectedRow(long Line, string Id, DateOnly Date, double Amount);

    public static string Decode(byte[] bytes)
    {
        int skip = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        return new UTF8Encoding(false, false).GetString(bytes, skip, bytes.Length - skip);
    }

    public static Expected Read(byte[] bytes, bool whitespace, int maxLength, int maxLines)
    {
        string text = Decode(bytes);
        var rows = new List<ExpectedRow>();
        var rejected = new List<RejectedRow>();
        string[]? header = null;
        foreach (var (line, record, isError) in Records(text, !whitespace, maxLength, maxLines))
        {
            if (!isError && IsBlank(record))
            {
                continue;
            }

            if (header is null)
            {
                var names = isError ? null : Fields(record, whitespace);
                if (names is null)
                {
                    return new Expected(rows, rejected, line);
                }

                header = [.. names.Select(n => n.Trim(' ', '\t'))];
                if (Array.FindIndex(header, n => n.Equals("customer_id", StringComparison.OrdinalIgnoreCase)) < 0
                    || Array.FindIndex(header, n => n.Equals("date", StringComparison.OrdinalIgnoreCase)) < 0
                    || Array.FindIndex(header, n => n.Equals("amount", StringComparison.OrdinalIgnoreCase)) < 0)
                {
                    return new Expected(rows, rejected, line);
                }

                continue;
            }

            int id = Array.FindIndex(header, n => n.Equals("customer_id", StringComparison.OrdinalIgnoreCase));
            int date = Array.FindIndex(header, n => n.Equals("date", StringComparison.OrdinalIgnoreCase));
            int amount = Array.FindIndex(header, n => n.Equals("amount", StringComparison.OrdinalIgnoreCase));
            if (isError)
            {
                rejected.Add(new RejectedRow(line, null, Cap(record), ""));
                continue;
            }

            var fields = Fields(record, whitespace);
            if (fields is null)
            {
                rejected.Add(new RejectedRow(line, null, Cap(record), ""));
                continue;
            }

            int needed = Math.Max(id, Math.Max(date, amount)) + 1;
            if (fields.Count < needed)
            {
                int missing = new[] { id, date, amount }.Where(i => i >= fields.Count).Min();
                rejected.Add(new RejectedRow(line, header[missing], Cap(record), ""));
                continue;
            }

            string idText = fields[id].Trim(' ', '\t'), dateText = fields[date].Trim(' ', '\t'), amountText = fields[amount].Trim(' ', '\t');
            if (idText.Length == 0)
            {
                rejected.Add(new RejectedRow(line, header[id], Cap(record), ""));
            }
            else if (idText.Contains('\uFFFD', StringComparison.Ordinal))
            {
                rejected.Add(new RejectedRow(line, header[id], Cap(idText), ""));
            }
            else if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                rejected.Add(new RejectedRow(line, header[date], Cap(dateText), ""));
            }
            else if (!double.TryParse(amountText, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            {
                rejected.Add(new RejectedRow(line, header[amount], Cap(amountText), ""));
            }
            else
            {
                rows.Add(new ExpectedRow(line, idText, day, value));
            }
        }

        return new Expected(rows, rejected, null);
    }

    /// <summary>The raw text as the library keeps it: at most 200 characters, then "..." and the full length.</summary>
    public static string Cap(string text) =>
        text.Length <= 200 ? text : string.Concat(text.AsSpan(0, char.IsHighSurrogate(text[199]) ? 199 : 200), $"... ({text.Length.ToString("N0", CultureInfo.InvariantCulture)} characters)");

    private static bool IsBlank(string record) => record.All(c => c is ' ' or '\t');

    /// <summary>(first line, text, error): the text of an error is the record's first line.</summary>
    private static IEnumerable<(long Line, string Text, bool Error)> Records(string text, bool quotes, int maxLength, int maxLines)
    {
        int pos = 0;
        long line = 1;
        while (pos < text.Length)
        {
            bool inQuotes = false;
            int breaks = 0, firstBreakStart = -1, firstBreakEnd = -1, end = -1, next = -1;
            for (int i = pos; i < text.Length;)
            {
                char c = text[i];
                if (quotes && c == '"')
                {
                    inQuotes = !inQuotes;
                    i++;
                }
                else if (c is '\r' or '\n')
                {
                    int length = c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                    if (!inQuotes)
                    {
                        (end, next) = (i, i + length);
                        break;
                    }

                    breaks++;
                    if (firstBreakStart < 0)
                    {
                        (firstBreakStart, firstBreakEnd) = (i, i + length);
                    }

                    i += length;
                }
                else
                {
                    i++;
                }
            }

            bool unterminated = end < 0 && inQuotes;
            if (end < 0)
            {
                (end, next) = (text.Length, text.Length);
            }

            if (unterminated || end - pos > maxLength || breaks >= maxLines)
            {
                int firstLineEnd = firstBreakStart >= 0 ? firstBreakStart : end;
                yield return (line, text[pos..firstLineEnd], true);
                pos = firstBreakStart >= 0 ? firstBreakEnd : next;
                line++;
                continue;
            }

            yield return (line, text[pos..end], false);
            pos = next;
            line += breaks + 1;
        }
    }

    /// <summary>RFC 4180 as a state machine over characters; null when the record's quotes are bad.</summary>
    private static List<string>? Fields(string record, bool whitespace)
    {
        if (whitespace)
        {
            return [.. record.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)];
        }

        var fields = new List<string>();
        var value = new StringBuilder();
        var state = State.Start;
        foreach (char c in record)
        {
            switch (state)
            {
                case State.Start when c is ' ' or '\t':
                    value.Append(c);
                    break;
                case State.Start when c == '"':
                    value.Clear();
                    state = State.Quoted;
                    break;
                case State.Start or State.Unquoted when c == ',':
                    fields.Add(value.ToString());
                    value.Clear();
                    state = State.Start;
                    break;
                case State.Start or State.Unquoted when c == '"':
                    return null;
                case State.Start or State.Unquoted:
                    value.Append(c);
                    state = State.Unquoted;
                    break;
                case State.Quoted when c == '"':
                    state = State.QuoteInQuoted;
                    break;
                case State.Quoted:
                    value.Append(c);
                    break;
                case State.QuoteInQuoted when c == '"':
                    value.Append('"');
                    state = State.Quoted;
                    break;
                case State.QuoteInQuoted or State.AfterQuoted when c is ' ' or '\t':
                    state = State.AfterQuoted;
                    break;
                case State.QuoteInQuoted or State.AfterQuoted when c == ',':
                    fields.Add(value.ToString());
                    value.Clear();
                    state = State.Start;
                    break;
                default:
                    return null;
            }
        }

        if (state == State.Quoted)
        {
            return null;
        }

        fields.Add(value.ToString());
        return fields;
    }

    private enum State
    {
        Start,
        Unquoted,
        Quoted,
        QuoteInQuoted,
        AfterQuoted,
    }
}
