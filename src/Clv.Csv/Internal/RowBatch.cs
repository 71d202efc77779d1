using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace Clv.Csv.Internal;

/// <summary>
/// Up to <see cref="TransactionCsvReader.ChunkRows"/> data rows of a file, parsed on the reading thread and handed to the
/// thread that feeds the sink: the good rows (id text, date, amount), how many rows were read (good and rejected), and what
/// the reading thread threw after them, if anything. Reused: <see cref="Reset"/> empties it for the next block.
/// </summary>
internal sealed class RowBatch
{
    private char[] _text = new char[TransactionCsvReader.ChunkRows * 12];
    private int _textLength;

    public int[] IdEnds { get; } = new int[TransactionCsvReader.ChunkRows];

    public DateOnly[] Dates { get; } = new DateOnly[TransactionCsvReader.ChunkRows];

    public double[] Amounts { get; } = new double[TransactionCsvReader.ChunkRows];

    /// <summary>Good rows in the batch.</summary>
    public int Count { get; private set; }

    /// <summary>Data rows read into the batch, good and rejected (blank lines are not rows).</summary>
    public int Read { get; set; }

    /// <summary>The reading ended with this batch (the text is exhausted, or <see cref="Failure"/> is set).</summary>
    public bool Last { get; set; }

    /// <summary>What reading threw after the rows of this batch (a strict-mode bad row, a file-level error, an I/O error).</summary>
    public ExceptionDispatchInfo? Failure { get; set; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(ReadOnlySpan<char> id, DateOnly date, double amount)
    {
        if (_textLength + id.Length > _text.Length)
        {
            Array.Resize(ref _text, Math.Max(_text.Length * 2, _textLength + id.Length));
        }

        id.CopyTo(_text.AsSpan(_textLength));
        _textLength += id.Length;
        IdEnds[Count] = _textLength;
        Dates[Count] = date;
        Amounts[Count] = amount;
        Count++;
    }

    /// <summary>The ids of the good rows, end to end (row i's ends at <see cref="IdEnds"/>[i]).</summary>
    public ReadOnlySpan<char> Text => _text.AsSpan(0, _textLength);

    /// <summary>The id of good row <paramref name="index"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ReadOnlySpan<char> Id(int index)
    {
        int start = index == 0 ? 0 : IdEnds[index - 1];
        return _text.AsSpan(start, IdEnds[index] - start);
    }

    public void Reset()
    {
        Count = 0;
        Read = 0;
        _textLength = 0;
        Last = false;
        Failure = null;
    }
}
