using System.Buffers;
using System.Runtime.CompilerServices;

namespace Clv.Csv.Internal;

/// <summary>What <see cref="RecordReader.Read"/> found.</summary>
internal enum RecordStatus
{
    /// <summary>The end of the text: no record.</summary>
    End,

    /// <summary>A whole record.</summary>
    Complete,

    /// <summary>A quote opened on the record's first line is not closed before the end of the text.</summary>
    Unterminated,

    /// <summary>The record is longer than the character cap (often a quote that is never closed).</summary>
    TooLong,

    /// <summary>The record spans more lines than the line cap (often a quote that is never closed).</summary>
    TooManyLines,
}

/// <summary>
/// The one place that decides where a record ends: cuts a text into records over one pooled char buffer, without
/// allocating per record.
/// </summary>
/// <remarks>
/// <para>Line breaks are <c>\r\n</c>, <c>\n</c> or <c>\r</c>. With quotes interpreted, every quote character toggles
/// "inside quotes", and a record ends at the first line break outside quotes (so a quoted field may hold line
/// breaks; for RFC 4180 text this is exactly its record rule, and text with stray quotes is cut the same way every
/// time). Without quotes (whitespace-delimited files) a record is a line.</para>
/// <para>A record longer than <c>maxLength</c> characters or spanning more than <c>maxLines</c> lines, and a record
/// whose quote is still open at the end of the text, is reported (<see cref="RecordStatus.TooLong"/>,
/// <see cref="RecordStatus.TooManyLines"/>, <see cref="RecordStatus.Unterminated"/>) as its first line alone, and reading resumes at the line after it: a
/// stray quote costs one line, never the rest of the file. At most about <c>maxLength</c> characters are buffered.</para>
/// </remarks>
internal sealed class RecordReader : IDisposable
{
    private const int PrefixLength = 256;
    private readonly TextReader _reader;
    private readonly bool _quotes;
    private readonly int _maxLength;
    private readonly int _maxLines;
    private readonly char[] _prefix = new char[PrefixLength];
    private char[] _buffer;
    private int _start;
    private int _end;
    private bool _eof;
    private long _nextLine = 1;

    /// <summary>Creates a reader.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="quotes">Whether quote characters are interpreted.</param>
    /// <param name="maxLength">The most characters a record may have (line breaks inside it included).</param>
    /// <param name="maxLines">The most lines a record may span.</param>
    /// <param name="bufferSize">The initial buffer size (tests make it tiny to put records across buffer edges).</param>
    public RecordReader(TextReader reader, bool quotes, int maxLength, int maxLines, int bufferSize)
    {
        _reader = reader;
        _quotes = quotes;
        _maxLength = maxLength;
        _maxLines = maxLines;
        _buffer = ArrayPool<char>.Shared.Rent(Math.Max(bufferSize, 1));
    }

    /// <summary>1-based line number of the record last returned (its first line).</summary>
    public long LineNumber { get; private set; }

    /// <summary>Whether the record last returned holds a quote character (always false without quotes).</summary>
    public bool HasQuote { get; private set; }

    /// <summary>The full length of the text last returned: for a record in error the length of its first line, of which the text may be only the start.</summary>
    public long Length { get; private set; }

    /// <summary>Reads the next record.</summary>
    /// <param name="text">The record (without its line break), or for an error the record's first line (or its start); valid until the next call.</param>
    /// <returns>What was found.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public RecordStatus Read(out ReadOnlySpan<char> text)
    {
        text = default;
        LineNumber = _nextLine;
        HasQuote = false;
        if (_start == _end && !Fill())
        {
            return RecordStatus.End;
        }

        // p: where scanning resumes; firstBreak: the first line break inside quotes (where an error record's
        // first line ends). Indices are absolute in the buffer and move with it when Fill compacts.
        int p = _start;
        bool inQuotes = false;
        int breaks = 0;
        int firstBreak = -1, firstBreakLength = 0;
        while (true)
        {
            var window = _buffer.AsSpan(p, _end - p);
            int at = _quotes ? window.IndexOfAny('"', '\r', '\n') : window.IndexOfAny('\r', '\n');
            if (at < 0)
            {
                if (_end - _start > _maxLength)
                {
                    return TooLong(p, firstBreak, firstBreakLength, out text);
                }

                if (_eof)
                {
                    return inQuotes ? Unterminated(firstBreak, firstBreakLength, out text) : Complete(_end, 0, breaks, out text);
                }

                p = _end;
                Fill(ref p, ref firstBreak);
                continue;
            }

            int i = p + at;
            char c = _buffer[i];
            if (c == '"')
            {
                inQuotes = !inQuotes;
                HasQuote = true;
                p = i + 1;
                continue;
            }

            if (i - _start > _maxLength)
            {
                return TooLong(i, firstBreak, firstBreakLength, out text);
            }

            if (c == '\r' && i + 1 == _end && !_eof)
            {
                // A '\r' at the end of the buffer: read on to see whether '\n' follows, then look at it again.
                p = i;
                Fill(ref p, ref firstBreak);
                continue;
            }

            int breakLength = c == '\r' && i + 1 < _end && _buffer[i + 1] == '\n' ? 2 : 1;
            if (!inQuotes)
            {
                return Complete(i, breakLength, breaks, out text);
            }

            if (firstBreak < 0)
            {
                (firstBreak, firstBreakLength) = (i, breakLength);
            }

            if (++breaks >= _maxLines)
            {
                return FirstLineOnly(firstBreak, firstBreakLength, RecordStatus.TooManyLines, out text);
            }

            p = i + breakLength;
        }
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private RecordStatus Complete(int end, int breakLength, int breaks, out ReadOnlySpan<char> text)
    {
        text = _buffer.AsSpan(_start, end - _start);
        Length = text.Length;
        _start = end + breakLength;
        _nextLine += breaks + 1;
        return RecordStatus.Complete;
    }

    /// <summary>The record's first line, given alone; the next record starts on the line after it.</summary>
    private RecordStatus FirstLineOnly(int firstBreak, int firstBreakLength, RecordStatus status, out ReadOnlySpan<char> text)
    {
        text = _buffer.AsSpan(_start, firstBreak - _start);
        Length = text.Length;
        _start = firstBreak + firstBreakLength;
        _nextLine++;
        return status;
    }

    private RecordStatus Unterminated(int firstBreak, int firstBreakLength, out ReadOnlySpan<char> text) =>
        firstBreak >= 0
            ? FirstLineOnly(firstBreak, firstBreakLength, RecordStatus.Unterminated, out text)
            : FirstLineOnly(_end, 0, RecordStatus.Unterminated, out text);

    /// <summary>
    /// A record over the cap. When its first line ended inside the record, that line is the error; otherwise the
    /// first line itself is too long: its start is kept and the rest of it skipped without buffering it.
    /// </summary>
    /// <param name="p">A position on the first line up to which there is no line break (when the first line has not ended).</param>
    /// <param name="firstBreak">The first line break inside the record, or -1.</param>
    /// <param name="firstBreakLength">Its length (2 for <c>\r\n</c>).</param>
    /// <param name="text">The first line, or its start.</param>
    private RecordStatus TooLong(int p, int firstBreak, int firstBreakLength, out ReadOnlySpan<char> text)
    {
        if (firstBreak >= 0)
        {
            return FirstLineOnly(firstBreak, firstBreakLength, RecordStatus.TooLong, out text);
        }

        // Keep the line's start (for the raw text of the error) while skipping the rest of it.
        int kept = 0;
        long skipped = 0;
        int breakLength = 0;
        while (true)
        {
            int at = _buffer.AsSpan(p, _end - p).IndexOfAny('\r', '\n');
            if (at < 0)
            {
                if (_eof)
                {
                    p = _end;
                    break;
                }

                // Nothing in the buffer is needed any more.
                kept = Keep(kept, _end);
                skipped += _end - _start;
                _start = _end;
                p = _end;
                Fill(ref p, ref firstBreak);
                continue;
            }

            p += at;
            if (_buffer[p] == '\r' && p + 1 == _end && !_eof)
            {
                kept = Keep(kept, p);
                skipped += p - _start;
                _start = p;
                Fill(ref p, ref firstBreak);
                continue;
            }

            breakLength = _buffer[p] == '\r' && p + 1 < _end && _buffer[p + 1] == '\n' ? 2 : 1;
            break;
        }

        kept = Keep(kept, p);
        Length = skipped + (p - _start);
        text = _prefix.AsSpan(0, kept);
        _start = p + breakLength;
        _nextLine++;
        return RecordStatus.TooLong;
    }

    /// <summary>Adds the buffer's text from <c>_start</c> to <paramref name="end"/> to the kept line start, up to its capacity.</summary>
    private int Keep(int kept, int end)
    {
        int more = Math.Min(PrefixLength - kept, end - _start);
        _buffer.AsSpan(_start, more).CopyTo(_prefix.AsSpan(kept));
        return kept + more;
    }

    private bool Fill()
    {
        int p = _start, none = -1;
        Fill(ref p, ref none);
        return _end > _start;
    }

    /// <summary>Moves the unread text to the start of the buffer (growing it when full) and reads more.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Fill(ref int p, ref int firstBreak)
    {
        int shift = _start;
        if (shift > 0)
        {
            Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= shift;
            _start = 0;
            p -= shift;
            if (firstBreak >= 0)
            {
                firstBreak -= shift;
            }
        }

        if (_end == _buffer.Length)
        {
            var larger = ArrayPool<char>.Shared.Rent(_buffer.Length * 2);
            Array.Copy(_buffer, larger, _end);
            ArrayPool<char>.Shared.Return(_buffer);
            _buffer = larger;
        }

        int read = _reader.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
        }
        else
        {
            _end += read;
        }
    }
}
