using System.Runtime.CompilerServices;
using Parquet;
using Parquet.Schema;

namespace Clv.Parquet.Internal;

/// <summary>
/// One column of the current row group, decoded as Parquet stores it: the non-null values packed, and (for an
/// <c>OPTIONAL</c> column) a definition level per row saying which rows are null. <see cref="Next"/> walks the rows in order.
/// Buffers are kept and grown across row groups.
/// </summary>
internal sealed class ColumnBuffer<T>(DataField field)
    where T : struct
{
    private readonly int _maxLevel = field.MaxDefinitionLevel;
    private T[] _values = [];
    private int[] _levels = [];
    private int _row;
    private int _next;

    public DataField Field { get; } = field;

    public void Read(ParquetRowGroupReader group, int rows)
    {
        if (_values.Length < rows)
        {
            _values = new T[rows];
        }

        if (_maxLevel > 0 && _levels.Length < rows)
        {
            _levels = new int[rows];
        }

        Memory<int>? levels = _maxLevel > 0 ? _levels.AsMemory(0, rows) : (Memory<int>?)null;
        Blocking.Wait(() => group.ReadRawAsync(Field, _values.AsMemory(0, rows), levels, null).AsTask());
        _row = 0;
        _next = 0;
    }

    /// <summary>The next row's value; false when it is null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Next(out T value)
    {
        if (_maxLevel > 0 && _levels[_row++] < _maxLevel)
        {
            value = default;
            return false;
        }

        value = _values[_next++];
        return true;
    }
}
