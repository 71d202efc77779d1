using System.Runtime.CompilerServices;
namespace Clv.Csv.Internal;

/// <summary>What is wrong with the quotes of a record (RFC 4180), if anything.</summary>
internal enum QuoteProblem
{
    None,

    /// <summary>A quote character in a field that does not start with one.</summary>
    QuoteInUnquotedField,

    /// <summary>Text between a closing quote and the next delimiter.</summary>
    TextAfterClosingQuote,

    /// <summary>A quoted field without its closing quote.</summary>
    Unclosed,
}

/// <summary>
/// Splits one record into fields. A record without a quote is split on spans of the record (the fast path:
/// nothing is copied); a record with a quote is parsed by RFC 4180 (a quoted field may hold delimiters, line breaks
/// and <c>""</c> for a quote; spaces and tabs around a field are allowed) into a reused buffer; whitespace-delimited
/// records split on runs of spaces and tabs, quotes being ordinary characters.
/// </summary>
internal sealed class FieldSplitter(char delimiter, bool whitespaceDelimited)
{
    private readonly string _padding = delimiter == '\t' ? " " : " \t";
    private (int Start, int Length)[] _fields = new (int, int)[8];
    private char[] _unquoted = new char[256];
    private bool _inUnquoted;

    /// <summary>Fields found (at most the number asked for).</summary>
    public int Count { get; private set; }

    /// <summary>The field that has the quote problem (0-based), when there is one.</summary>
    public int ProblemField { get; private set; }

    /// <summary>
    /// Splits <paramref name="record"/>, keeping its first <paramref name="wanted"/> fields (further fields are
    /// ignored, though a quoted record's quotes are checked to its end).
    /// </summary>
    /// <param name="record">The record.</param>
    /// <param name="hasQuote">Whether the record holds a quote character.</param>
    /// <param name="wanted">The number of fields needed (int.MaxValue for all).</param>
    /// <returns>The record's quote problem, or <see cref="QuoteProblem.None"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public QuoteProblem Split(ReadOnlySpan<char> record, bool hasQuote, int wanted)
    {
        _inUnquoted = false;
        if (whitespaceDelimited)
        {
            Count = SplitWhitespace(record, wanted);
            return QuoteProblem.None;
        }

        if (!hasQuote)
        {
            Count = SplitDelimited(record, wanted);
            return QuoteProblem.None;
        }

        _inUnquoted = true;
        return SplitQuoted(record, wanted);
    }

    /// <summary>Field <paramref name="i"/> (untrimmed unless it was quoted) of the record last split.</summary>
    public ReadOnlySpan<char> Field(ReadOnlySpan<char> record, int i)
    {
        var (start, length) = _fields[i];
        return _inUnquoted ? _unquoted.AsSpan(start, length) : record.Slice(start, length);
    }

    private void Store(int count, int start, int end)
    {
        if (count == _fields.Length)
        {
            Array.Resize(ref _fields, count * 2);
        }

        _fields[count] = (start, end - start);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int SplitDelimited(ReadOnlySpan<char> record, int wanted)
    {
        int count = 0;
        int start = 0;
        while (count < wanted)
        {
            int at = record[start..].IndexOf(delimiter);
            if (at < 0)
            {
                Store(count++, start, record.Length);
                break;
            }

            Store(count++, start, start + at);
            start += at + 1;
        }

        return count;
    }

    /// <summary>Splits on runs of spaces and tabs, ignoring leading and trailing ones.</summary>
    private int SplitWhitespace(ReadOnlySpan<char> record, int wanted)
    {
        int count = 0;
        int pos = 0;
        while (count < wanted)
        {
            int skip = record[pos..].IndexOfAnyExcept(' ', '\t');
            if (skip < 0)
            {
                break;
            }

            pos += skip;
            int length = record[pos..].IndexOfAny(' ', '\t');
            if (length < 0)
            {
                length = record.Length - pos;
            }

            Store(count++, pos, pos + length);
            pos += length;
        }

        return count;
    }

    /// <summary>RFC 4180: every field's value is written to the buffer (quoted ones without their quotes, <c>""</c> as one quote).</summary>
    private QuoteProblem SplitQuoted(ReadOnlySpan<char> record, int wanted)
    {
        if (_unquoted.Length < record.Length)
        {
            _unquoted = new char[Math.Max(record.Length, _unquoted.Length * 2)];
        }

        var output = _unquoted.AsSpan();
        int w = 0, pos = 0, field = 0;
        Count = 0;
        while (true)
        {
            int fieldStart = w;
            int q = pos + LeadingPadding(record[pos..]);
            if (q < record.Length && record[q] == '"')
            {
                // Quoted: up to the quote that is not doubled.
                int i = q + 1;
                while (true)
                {
                    int at = record[i..].IndexOf('"');
                    if (at < 0)
                    {
                        return Problem(QuoteProblem.Unclosed, field);
                    }

                    record.Slice(i, at).CopyTo(output[w..]);
                    w += at;
                    i += at + 1;
                    if (i < record.Length && record[i] == '"')
                    {
                        output[w++] = '"';
                        i++;
                        continue;
                    }

                    break;
                }

                pos = i + LeadingPadding(record[i..]);
                if (pos < record.Length && record[pos] != delimiter)
                {
                    return Problem(QuoteProblem.TextAfterClosingQuote, field);
                }
            }
            else
            {
                int at = record[pos..].IndexOf(delimiter);
                int end = at < 0 ? record.Length : pos + at;
                var text = record[pos..end];
                if (text.Contains('"'))
                {
                    return Problem(QuoteProblem.QuoteInUnquotedField, field);
                }

                text.CopyTo(output[w..]);
                w += text.Length;
                pos = end;
            }

            if (field < wanted)
            {
                Store(field, fieldStart, w);
                Count = field + 1;
            }

            field++;
            if (pos >= record.Length)
            {
                return QuoteProblem.None;
            }

            pos++;
        }
    }

    private QuoteProblem Problem(QuoteProblem problem, int field)
    {
        ProblemField = field;
        return problem;
    }

    private int LeadingPadding(ReadOnlySpan<char> text)
    {
        int i = text.IndexOfAnyExcept(_padding);
        return i < 0 ? text.Length : i;
    }
}
