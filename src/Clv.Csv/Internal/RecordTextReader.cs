namespace Clv.Csv.Internal;

/// <summary>
/// A text reader that serves one record at a time, so that one CsvHelper <see cref="CsvHelper.CsvParser"/> parses
/// every quoted record of a file: <see cref="Set"/> a record (ending with '\n'), then call the parser's Read once.
/// </summary>
internal sealed class RecordTextReader : TextReader
{
    private string _text = string.Empty;
    private int _pos;

    public void Set(string text)
    {
        _text = text;
        _pos = 0;
    }

    public override int Peek() => _pos < _text.Length ? _text[_pos] : -1;

    public override int Read() => _pos < _text.Length ? _text[_pos++] : -1;

    public override int Read(char[] buffer, int index, int count)
    {
        int n = Math.Min(count, _text.Length - _pos);
        _text.CopyTo(_pos, buffer, index, n);
        _pos += n;
        return n;
    }

    public override int Read(Span<char> buffer)
    {
        int n = Math.Min(buffer.Length, _text.Length - _pos);
        _text.AsSpan(_pos, n).CopyTo(buffer);
        _pos += n;
        return n;
    }
}
