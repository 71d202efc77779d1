namespace Clv.Parquet.Internal;

/// <summary>The good rows of one row group, ids end to end as <see cref="CustomerSummariesBuilder"/>'s block API takes them.</summary>
internal sealed class RowBlock
{
    private char[] _text = new char[1 << 16];
    private int _textLength;
    private int[] _idEnds = [];
    private DateOnly[] _dates = [];
    private double[] _amounts = [];

    public int Count { get; private set; }

    public ReadOnlySpan<char> Text => _text.AsSpan(0, _textLength);

    public ReadOnlySpan<int> IdEnds => _idEnds.AsSpan(0, Count);

    public ReadOnlySpan<DateOnly> Dates => _dates.AsSpan(0, Count);

    public ReadOnlySpan<double> Amounts => _amounts.AsSpan(0, Count);

    /// <summary>Empties the block for a group of up to <paramref name="rows"/> rows.</summary>
    public void Reset(int rows)
    {
        if (_idEnds.Length < rows)
        {
            _idEnds = new int[rows];
            _dates = new DateOnly[rows];
            _amounts = new double[rows];
        }

        Count = 0;
        _textLength = 0;
    }

    public void Add(ReadOnlySpan<char> id, DateOnly date, double amount)
    {
        if (_textLength + id.Length > _text.Length)
        {
            Array.Resize(ref _text, Math.Max(_text.Length * 2, _textLength + id.Length));
        }

        id.CopyTo(_text.AsSpan(_textLength));
        _textLength += id.Length;
        _idEnds[Count] = _textLength;
        _dates[Count] = date;
        _amounts[Count] = amount;
        Count++;
    }

    /// <summary>The id of good row <paramref name="index"/>.</summary>
    public ReadOnlySpan<char> Id(int index)
    {
        int start = index == 0 ? 0 : _idEnds[index - 1];
        return _text.AsSpan(start, _idEnds[index] - start);
    }
}
