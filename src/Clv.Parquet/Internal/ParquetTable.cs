using Clv.Parquet.Internal.Pages;
using Parquet;
using Parquet.Schema;

namespace Clv.Parquet.Internal;

/// <summary>
/// A table of named, typed columns of equal length, written as one Parquet file: every writer of the package
/// (transactions, summaries, scores) is a list of <c>Add</c> calls and a <see cref="WriteTo(string)"/>, for example
/// <c>new ParquetTable(n).Add("customer_id", ids).Add("p_alive", pAlive).Add("stage", stages).WriteTo(path)</c>
/// (a per-customer scorecard is one column per field; leave a field out rather than fill it with zeros, or give it as
/// nullable values).
/// </summary>
/// <remarks>
/// <para>Types as other readers see them: text is <c>BYTE_ARRAY</c> with the <c>STRING</c> logical type (UTF-8), a date is
/// <c>INT32</c> with the <c>DATE</c> logical type, whole numbers are <c>INT32</c> or <c>INT64</c>, numbers <c>DOUBLE</c>,
/// flags <c>BOOLEAN</c>. A column given as nullable values is <c>OPTIONAL</c> (a missing value is a null, never a zero),
/// any other column <c>REQUIRED</c>. Rows go in row groups of <see cref="RowGroupRows"/>.</para>
/// <para>A file path is written through a temporary file in the same folder, moved over the destination once complete:
/// a reader never sees half a file, and a failed write leaves an existing file as it was.</para>
/// </remarks>
internal sealed class ParquetTable
{
    /// <summary>
    /// Rows per row group by default: 131,072, near DuckDB's 122,880. A reader holds one group at a time, and a group is
    /// the unit a reader decodes while the previous one is being used, so smaller groups bound memory and overlap better.
    /// </summary>
    public const int DefaultRowGroupRows = 1 << 17;

    private readonly List<Column> _columns = [];
    private readonly Scratch _scratch = new();

    /// <summary>Creates an empty table of <paramref name="rowCount"/> rows.</summary>
    public ParquetTable(int rowCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        RowCount = rowCount;
    }

    /// <summary>Rows of every column.</summary>
    public int RowCount { get; }

    /// <summary>Rows per row group (tests make it small to put rows across groups).</summary>
    public int RowGroupRows { get; init; } = DefaultRowGroupRows;

    /// <summary>
    /// Whether a table of computed columns only (the scorecard) is written by <see cref="FlatFileWriter"/> rather than
    /// Parquet.Net (tests compare the two).
    /// </summary>
    internal bool UseFlatWriter { get; init; } = true;

    /// <summary>The column names, in order.</summary>
    public IReadOnlyList<string> Columns => [.. _columns.Select(c => c.Field.Name)];

    /// <summary>A text column with no null (<c>REQUIRED</c>).</summary>
    public ParquetTable Add(string name, IReadOnlyList<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var text = new ReadOnlyMemory<char>[values.Count];
        for (int i = 0; i < text.Length; i++)
        {
            text[i] = (values[i] ?? throw new ArgumentException(ThrowHelper.Format($"Column '{name}' is not nullable, but row {i} is null."), nameof(values))).AsMemory();
        }

        return Add(new ValueColumn<ReadOnlyMemory<char>>(new DataField<string>(name, false), text));
    }

    /// <summary>A text column where null is a missing value (<c>OPTIONAL</c>).</summary>
    public ParquetTable AddNullable(string name, IReadOnlyList<string?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var text = new ReadOnlyMemory<char>?[values.Count];
        for (int i = 0; i < text.Length; i++)
        {
            text[i] = values[i]?.AsMemory();
        }

        return Add(new NullableColumn<ReadOnlyMemory<char>>(new DataField<string>(name, true), text));
    }

    /// <summary>A column of numbers (<c>DOUBLE</c>, <c>REQUIRED</c>).</summary>
    public ParquetTable Add(string name, ReadOnlyMemory<double> values) => Add(new ValueColumn<double>(new DataField<double>(name, false), values));

    /// <summary>A column of numbers, null where missing (<c>DOUBLE</c>, <c>OPTIONAL</c>).</summary>
    public ParquetTable Add(string name, ReadOnlyMemory<double?> values) => Add(new NullableColumn<double>(new DataField<double>(name, true), values));

    /// <summary>A column of whole numbers (<c>INT32</c>, <c>REQUIRED</c>).</summary>
    public ParquetTable Add(string name, ReadOnlyMemory<int> values) => Add(new ValueColumn<int>(new DataField<int>(name, false), values));

    /// <summary>A column of whole numbers, null where missing (<c>INT32</c>, <c>OPTIONAL</c>).</summary>
    public ParquetTable Add(string name, ReadOnlyMemory<int?> values) => Add(new NullableColumn<int>(new DataField<int>(name, true), values));

    /// <summary>A column of whole numbers (<c>INT64</c>, <c>REQUIRED</c>).</summary>
    public ParquetTable Add(string name, ReadOnlyMemory<long> values) => Add(new ValueColumn<long>(new DataField<long>(name, false), values));

    /// <summary>A column of whole numbers, null where missing (<c>INT64</c>, <c>OPTIONAL</c>).</summary>
    public ParquetTable Add(string name, ReadOnlyMemory<long?> values) => Add(new NullableColumn<long>(new DataField<long>(name, true), values));

    /// <summary>A column of flags, null where missing (<c>BOOLEAN</c>, <c>OPTIONAL</c>).</summary>
    public ParquetTable Add(string name, ReadOnlyMemory<bool?> values) => Add(new NullableColumn<bool>(new DataField<bool>(name, true), values));

    /// <summary>A column of flags (<c>BOOLEAN</c>, <c>REQUIRED</c>).</summary>
    public ParquetTable Add(string name, ReadOnlyMemory<bool> values) => Add(new ValueColumn<bool>(new DataField<bool>(name, false), values));

    /// <summary>A column of calendar dates (<c>DATE</c>, <c>REQUIRED</c>).</summary>
    public ParquetTable Add(string name, ReadOnlyMemory<DateOnly> values) => Add(new ValueColumn<DateOnly>(new DataField<DateOnly>(name, false), values));

    /// <summary>A column of calendar dates, null where missing (<c>DATE</c>, <c>OPTIONAL</c>).</summary>
    public ParquetTable Add(string name, ReadOnlyMemory<DateOnly?> values) => Add(new NullableColumn<DateOnly>(new DataField<DateOnly>(name, true), values));

    /// <summary>
    /// A text column computed row by row, null where missing (<c>OPTIONAL</c>): <paramref name="value"/> is called for each row
    /// while its row group is written, so only one group's values are held at a time, never the whole column.
    /// </summary>
    /// <param name="name">The column's name.</param>
    /// <param name="value">The value of a row.</param>
    /// <param name="distinct">
    /// True when the values hardly repeat (ids, messages): written plain at once, where a dictionary would only be tried
    /// and given up for every row group (a whole group's values hashed each time).
    /// </param>
    public ParquetTable AddText(string name, Func<int, string?> value, bool distinct = false)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Add(new ComputedColumn<ReadOnlyMemory<char>>(new DataField<string>(name, true), RowCount, _scratch, i => value(i)?.AsMemory())
        {
            Distinct = distinct,
            Flat = new FlatColumn(name, FlatKind.Text, distinct, value, null, null),
        });
    }

    /// <summary>A column of whole numbers computed row by row, null where missing (<c>INT32</c>, <c>OPTIONAL</c>); see <see cref="AddText"/>.</summary>
    public ParquetTable AddIntegers(string name, Func<int, int?> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Add(new ComputedColumn<int>(new DataField<int>(name, true), RowCount, _scratch, value) { Flat = new FlatColumn(name, FlatKind.Int32, false, null, value, null) });
    }

    /// <summary>A column of numbers computed row by row, null where missing (<c>DOUBLE</c>, <c>OPTIONAL</c>); see <see cref="AddText"/>.</summary>
    public ParquetTable AddNumbers(string name, Func<int, double?> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Add(new ComputedColumn<double>(new DataField<double>(name, true), RowCount, _scratch, value) { Flat = new FlatColumn(name, FlatKind.Double, false, null, null, value) });
    }

    /// <summary>Writes the table to a file through a temporary file in the same folder, moved over <paramref name="path"/> when complete.</summary>
    public void WriteTo(string path)
    {
        ReplacedFile.Write(path, temp =>
        {
            using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16);
            WriteTo(stream);
        });
    }

    /// <summary>Writes the table to a stream (writable and seekable; left open, positioned after the file).</summary>
    public void WriteTo(Stream stream) => Blocking.Wait(() => WriteAsync(stream));

    private ParquetTable Add(Column column)
    {
        if (column.Length != RowCount)
        {
            throw new ArgumentException(ThrowHelper.Format($"Column '{column.Field.Name}' has {column.Length} rows, but the table has {RowCount}."), nameof(column));
        }

        if (_columns.Exists(c => string.Equals(c.Field.Name, column.Field.Name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new ArgumentException(ThrowHelper.Format($"The table already has a column named '{column.Field.Name}' (names are compared ignoring case, as most readers do)."), nameof(column));
        }

        _columns.Add(column);
        return this;
    }

    private async Task WriteAsync(Stream stream)
    {
        if (UseFlatWriter && _columns.Count > 0 && _columns.TrueForAll(c => c.Flat is not null))
        {
            FlatFileWriter.Write(stream, [.. _columns.Select(c => c.Flat!)], RowCount, RowGroupRows);
            return;
        }

        var schema = new ParquetSchema(_columns.Select(c => (Field)c.Field));
        var options = new ParquetOptions();
        foreach (var column in _columns.Where(c => TransactionParquetReader.IsText(c.Field) && !c.Distinct))
        {
            // Dictionary-encode text where values repeat (ids of repeat customers, units, labels): Parquet.Net's
            // threshold keeps plain encoding for a group whose values are mostly distinct. Smaller, and much faster to read.
            options.ColumnEncodingHints[column.Field.Path.ToString()] = EncodingHint.Dictionary;
        }

        await using var writer = await ParquetWriter.CreateAsync(schema, stream, options, append: false).ConfigureAwait(false);
        int start = 0;
        do
        {
            int count = Math.Min(RowGroupRows, RowCount - start);
            using (var group = writer.CreateRowGroup())
            {
                foreach (var column in _columns)
                {
                    await column.WriteAsync(group, start, count).ConfigureAwait(false);
                }

                group.CompleteValidate();
            }

            start += count;
        }
        while (start < RowCount);
    }

    private abstract class Column(DataField field)
    {
        public DataField Field { get; } = field;

        /// <summary>Values that hardly repeat: no dictionary is tried.</summary>
        public bool Distinct { get; init; }

        /// <summary>The column for <see cref="FlatFileWriter"/>, when it can write it.</summary>
        public FlatColumn? Flat { get; init; }

        public abstract int Length { get; }

        public abstract Task WriteAsync(ParquetRowGroupWriter group, int start, int count);
    }

    private sealed class ValueColumn<T>(DataField field, ReadOnlyMemory<T> values) : Column(field)
        where T : struct
    {
        public override int Length => values.Length;

        public override Task WriteAsync(ParquetRowGroupWriter group, int start, int count) => group.WriteAsync(Field, values.Slice(start, count));
    }

    private sealed class NullableColumn<T>(DataField field, ReadOnlyMemory<T?> values) : Column(field)
        where T : struct
    {
        public override int Length => values.Length;

        public override Task WriteAsync(ParquetRowGroupWriter group, int start, int count) => group.WriteAsync(Field, values.Slice(start, count));
    }

    /// <summary>Values computed for one row group at a time into a buffer shared by the columns of the same type.</summary>
    private sealed class ComputedColumn<T>(DataField field, int length, Scratch scratch, Func<int, T?> value) : Column(field)
        where T : struct
    {
        public override int Length => length;

        public override Task WriteAsync(ParquetRowGroupWriter group, int start, int count)
        {
            var buffer = scratch.Get<T?>(count);
            for (int i = 0; i < count; i++)
            {
                buffer[i] = value(start + i);
            }

            return group.WriteAsync(Field, new ReadOnlyMemory<T?>(buffer, 0, count));
        }
    }

    /// <summary>
    /// One buffer per element type, reused by every computed column of that type: columns are written one after the other, each
    /// write awaited before the next column fills the buffer.
    /// </summary>
    private sealed class Scratch
    {
        private readonly Dictionary<Type, Array> _buffers = [];

        public T[] Get<T>(int length)
        {
            if (_buffers.TryGetValue(typeof(T), out var buffer) && buffer.Length >= length)
            {
                return (T[])buffer;
            }

            var created = new T[length];
            _buffers[typeof(T)] = created;
            return created;
        }
    }
}
