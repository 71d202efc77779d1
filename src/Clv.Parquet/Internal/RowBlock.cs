using System.Runtime.CompilerServices;

namespace Clv.Parquet.Internal;

/// <summary>
/// The good rows of one row group as <see cref="CustomerSummariesBuilder"/>'s table block API takes them: a table of the
/// group's ids (text end to end, one entry per run of rows with the same id) and, per row, the index of its entry, its
/// date and its amount. Logs grouped by customer, or with a customer's rows of a day together, have far fewer entries
/// than rows, and the builder looks each entry up once. An id that comes back after other ids gets a new entry; the
/// builder resolves equal entries to one customer.
/// </summary>
internal sealed class RowBlock
{
    private char[] _table = new char[1 << 16];
    private int _tableLength;
    private int[] _tableEnds = [];
    private int _entries;
    private int[] _indices = [];
    private DateOnly[] _dates = [];
    private double[] _amounts = [];

    public int Count { get; private set; }

    public ReadOnlySpan<char> Table => _table.AsSpan(0, _tableLength);

    public ReadOnlySpan<int> TableEnds => _tableEnds.AsSpan(0, _entries);

    public ReadOnlySpan<int> Indices => _indices.AsSpan(0, Count);

    public ReadOnlySpan<DateOnly> Dates => _dates.AsSpan(0, Count);

    public ReadOnlySpan<double> Amounts => _amounts.AsSpan(0, Count);

    /// <summary>Empties the block for a group of up to <paramref name="rows"/> rows.</summary>
    public void Reset(int rows)
    {
        if (_indices.Length < rows)
        {
            _indices = new int[rows];
            _tableEnds = new int[rows];
            _dates = new DateOnly[rows];
            _amounts = new double[rows];
        }

        Count = 0;
        _tableLength = 0;
        _entries = 0;
    }

    /// <summary>
    /// Empties the block for a group of up to <paramref name="rows"/> rows whose ids are entries of a table decoded
    /// beforehand (a dictionary's): the block's table becomes a copy of it, and rows are added with <see cref="Add(int, DateOnly, double)"/>.
    /// </summary>
    public void Reset(int rows, ReadOnlySpan<char> table, ReadOnlySpan<int> ends)
    {
        Reset(Math.Max(rows, ends.Length));
        if (_table.Length < table.Length)
        {
            _table = new char[Math.Max(table.Length, _table.Length * 2)];
        }

        table.CopyTo(_table);
        ends.CopyTo(_tableEnds);
        _tableLength = table.Length;
        _entries = ends.Length;
    }

    /// <summary>Adds a good row whose id is entry <paramref name="entry"/> of the table <see cref="Reset(int, ReadOnlySpan{char}, ReadOnlySpan{int})"/> gave.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int entry, DateOnly date, double amount)
    {
        _indices[Count] = entry;
        _dates[Count] = date;
        _amounts[Count] = amount;
        Count++;
    }

    /// <summary>
    /// Adds a good row. A row whose id is the same decoded value as the row before (<paramref name="sameSource"/>: one
    /// dictionary entry), or whose text is the last entry's, joins that entry; any other row starts a new one.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(ReadOnlySpan<char> id, bool sameSource, DateOnly date, double amount)
    {
        if (_entries == 0 || !(sameSource || TextEquals(id, Entry(_entries - 1))))
        {
            if (_tableLength + id.Length > _table.Length)
            {
                Array.Resize(ref _table, Math.Max(_table.Length * 2, _tableLength + id.Length));
            }

            id.CopyTo(_table.AsSpan(_tableLength));
            _tableLength += id.Length;
            _tableEnds[_entries++] = _tableLength;
        }

        _indices[Count] = _entries - 1;
        _dates[Count] = date;
        _amounts[Count] = amount;
        Count++;
    }

    /// <summary>The id of good row <paramref name="index"/>.</summary>
    public ReadOnlySpan<char> Id(int index) => Entry(_indices[index]);

    /// <summary>
    /// Ordinal equality of two ids, char by char. Measured (benchmarks/README.md, "The Parquet read's cold start"):
    /// <c>MemoryExtensions.SequenceEqual</c> here took 40 to 80 ns a call on ids of 8 chars (the precompiled framework
    /// code), 40 to 80 ms of a 1M-customer read; this loop takes a few.
    /// </summary>
    private static bool TextEquals(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        for (int k = 0; k < a.Length; k++)
        {
            if (a[k] != b[k])
            {
                return false;
            }
        }

        return true;
    }

    private ReadOnlySpan<char> Entry(int entry)
    {
        int start = entry == 0 ? 0 : _tableEnds[entry - 1];
        return _table.AsSpan(start, _tableEnds[entry] - start);
    }
}
