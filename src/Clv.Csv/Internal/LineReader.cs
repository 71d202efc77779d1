using System.Buffers;

namespace Clv.Csv.Internal;

/// <summary>
/// Splits a text reader into physical lines over one pooled char buffer, without allocating per line.
/// Line ends are <c>\r\n</c>, <c>\n</c> or <c>\r</c>; a returned span is valid until the next call.
/// </summary>
internal sealed class LineReader : IDisposable
{
    private const int InitialSize = 1 << 16;
    private readonly TextReader _reader;
    private char[] _buffer;
    private int _pos;
    private int _end;
    private bool _eof;

    public LineReader(TextReader reader)
    {
        _reader = reader;
        _buffer = ArrayPool<char>.Shared.Rent(InitialSize);
    }

    /// <summary>1-based number of the line last returned; 0 before the first.</summary>
    public long LineNumber { get; private set; }

    public bool TryReadLine(out ReadOnlySpan<char> line)
    {
        int scanFrom = 0;
        while (true)
        {
            var available = _buffer.AsSpan(_pos, _end - _pos);
            int i = available[scanFrom..].IndexOfAny('\r', '\n');
            if (i >= 0)
            {
                i += scanFrom;
                if (available[i] == '\r' && i + 1 == available.Length && !_eof)
                {
                    // A '\r' at the end of the buffer: read on to see whether '\n' follows.
                    scanFrom = i;
                    Fill();
                    continue;
                }

                line = available[..i];
                int skip = available[i] == '\r' && i + 1 < available.Length && available[i + 1] == '\n' ? 2 : 1;
                _pos += i + skip;
                LineNumber++;
                return true;
            }

            if (_eof)
            {
                if (available.IsEmpty)
                {
                    line = default;
                    return false;
                }

                line = available;
                _pos = _end;
                LineNumber++;
                return true;
            }

            // Offsets are relative to the unread tail, so they stay valid when Fill moves it.
            scanFrom = available.Length;
            Fill();
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

    /// <summary>Moves the unread tail to the start of the buffer (growing it when full) and reads more.</summary>
    private void Fill()
    {
        int remaining = _end - _pos;
        if (_pos > 0)
        {
            Array.Copy(_buffer, _pos, _buffer, 0, remaining);
            _pos = 0;
            _end = remaining;
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
