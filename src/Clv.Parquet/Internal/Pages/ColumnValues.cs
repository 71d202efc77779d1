using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Clv.Parquet.Internal.Pages;

/// <summary>Where <see cref="ChunkReader"/> puts a column's non-null values, in row order: from a dictionary page, plain pages, and dictionary-indexed pages.</summary>
internal abstract class ColumnValues
{
    /// <summary>Non-null values decoded so far.</summary>
    public int Count { get; protected set; }

    /// <summary>Empties the values for a row group of up to <paramref name="rows"/> rows.</summary>
    public abstract void Reset(int rows);

    /// <summary>A dictionary page: <paramref name="count"/> entries, plain-encoded.</summary>
    public abstract void Dictionary(ReadOnlySpan<byte> data, int count);

    /// <summary>A plain-encoded data page's <paramref name="count"/> values.</summary>
    public abstract void Plain(ReadOnlySpan<byte> data, int count);

    /// <summary>A dictionary-encoded data page's values, as entries of the last dictionary.</summary>
    public abstract void Indexed(ReadOnlySpan<int> indices);

    protected static PageFormatException CutShort() => new("The page's values are cut short.");

    /// <summary>Each index's dictionary entry into <paramref name="output"/>; an index outside the dictionary is a malformed page.</summary>
    protected static void Lookup<T>(ReadOnlySpan<int> indices, ReadOnlySpan<T> dictionary, Span<T> output)
    {
        for (int i = 0; i < indices.Length; i++)
        {
            int k = indices[i];
            if ((uint)k >= (uint)dictionary.Length)
            {
                throw new PageFormatException($"A dictionary index of {k} where the dictionary has {dictionary.Length} entries.");
            }

            output[i] = dictionary[k];
        }
    }
}

/// <summary>
/// Customer ids as the builder's table block takes them: a table of id texts (entry k ends at <see cref="Ends"/>[k]) and,
/// per non-null value, its entry (-1 for an empty id). A dictionary's entries become table entries once (text decoded from
/// UTF-8, or numbers written as invariant decimal text), and each row refers to its entry: the builder looks each entry up
/// once. A plain value starts a new entry unless it is the same as the previous plain value.
/// </summary>
internal sealed class IdValues(bool text, bool int64) : ColumnValues
{
    private char[] _table = new char[1 << 16];
    private int[] _ends = [];
    private int[] _dictionary = [];
    private int _dictionaryCount;
    private int[] _entries = [];
    private int _lastPlain = -1;

    public int TableLength { get; private set; }

    public int EntryCount { get; private set; }

    public ReadOnlySpan<char> Table => _table.AsSpan(0, TableLength);

    public ReadOnlySpan<int> Ends => _ends.AsSpan(0, EntryCount);

    /// <summary>Each non-null value's entry, -1 for an empty id.</summary>
    public ReadOnlySpan<int> Entries => _entries.AsSpan(0, Count);

    public override void Reset(int rows)
    {
        if (_entries.Length < rows)
        {
            _entries = new int[rows];
        }

        Count = 0;
        TableLength = 0;
        EntryCount = 0;
        _dictionaryCount = 0;
        _lastPlain = -1;
    }

    public override void Dictionary(ReadOnlySpan<byte> data, int count)
    {
        if (_dictionary.Length < count)
        {
            _dictionary = new int[count];
        }

        int p = 0;
        for (int k = 0; k < count; k++)
        {
            _dictionary[k] = NewEntry(data, ref p);
        }

        _dictionaryCount = count;
    }

    public override void Plain(ReadOnlySpan<byte> data, int count)
    {
        Reserve(count);
        int p = 0;
        for (int i = 0; i < count; i++)
        {
            int entry = NewEntry(data, ref p);
            if (entry >= 0 && _lastPlain >= 0 && Entry(entry).SequenceEqual(Entry(_lastPlain)))
            {
                // The same id as the previous plain value: drop the new entry's text, reuse the old entry.
                EntryCount--;
                TableLength = EntryCount == 0 ? 0 : _ends[EntryCount - 1];
                entry = _lastPlain;
            }

            _lastPlain = entry;
            _entries[Count++] = entry;
        }
    }

    public override void Indexed(ReadOnlySpan<int> indices)
    {
        Reserve(indices.Length);
        Lookup(indices, _dictionary.AsSpan(0, _dictionaryCount), _entries.AsSpan(Count, indices.Length));

        Count += indices.Length;
        _lastPlain = -1;
    }

    private ReadOnlySpan<char> Entry(int entry)
    {
        int start = entry == 0 ? 0 : _ends[entry - 1];
        return _table.AsSpan(start, _ends[entry] - start);
    }

    private void Reserve(int count)
    {
        if (Count + count > _entries.Length)
        {
            throw new PageFormatException("The pages hold more values than the row group has rows.");
        }
    }

    /// <summary>Decodes the value at <paramref name="p"/> into a new table entry; returns it, or -1 for an empty id.</summary>
    private int NewEntry(ReadOnlySpan<byte> data, ref int p)
    {
        if (EntryCount == _ends.Length)
        {
            Array.Resize(ref _ends, Math.Max(1024, _ends.Length * 2));
        }

        if (text)
        {
            if (data.Length - p < 4)
            {
                throw CutShort();
            }

            int length = BinaryPrimitives.ReadInt32LittleEndian(data[p..]);
            p += 4;
            if ((uint)length > (uint)(data.Length - p))
            {
                throw CutShort();
            }

            var bytes = data.Slice(p, length);
            p += length;
            if (length == 0)
            {
                return -1;
            }

            EnsureTable(length);
            var target = _table.AsSpan(TableLength);
            int written;
            if (Ascii.IsValid(bytes))
            {
                for (int b = 0; b < bytes.Length; b++)
                {
                    target[b] = (char)bytes[b];
                }

                written = bytes.Length;
            }
            else
            {
                written = Encoding.UTF8.GetChars(bytes, target);
            }

            TableLength += written;
        }
        else
        {
            int size = int64 ? 8 : 4;
            if (data.Length - p < size)
            {
                throw CutShort();
            }

            long number = int64 ? BinaryPrimitives.ReadInt64LittleEndian(data[p..]) : BinaryPrimitives.ReadInt32LittleEndian(data[p..]);
            p += size;
            EnsureTable(20);
            number.TryFormat(_table.AsSpan(TableLength), out int written, default, System.Globalization.CultureInfo.InvariantCulture);
            TableLength += written;
        }

        _ends[EntryCount] = TableLength;
        return EntryCount++;
    }

    private void EnsureTable(int bytes)
    {
        // UTF-8 never decodes to more chars than bytes.
        if (TableLength + bytes > _table.Length)
        {
            Array.Resize(ref _table, Math.Max(_table.Length * 2, TableLength + bytes));
        }
    }
}

/// <summary>A numeric column's non-null values as doubles: <c>DOUBLE</c> as it is, <c>FLOAT</c> widened, <c>INT32</c> and <c>INT64</c> converted (a <c>DATE</c>'s days since 1970 exactly).</summary>
internal sealed class NumberValues(int physicalType) : ColumnValues
{
    /// <summary>Parquet physical types (parquet.thrift <c>Type</c>) the page reader decodes.</summary>
    public const int Int32 = 1, Int64 = 2, Float = 4, Double = 5, ByteArray = 6;

    private double[] _values = [];
    private double[] _dictionary = [];
    private int _dictionaryCount;

    private int Size => physicalType switch { Int64 or Double => 8, _ => 4 };

    public ReadOnlySpan<double> Values => _values.AsSpan(0, Count);

    public override void Reset(int rows)
    {
        if (_values.Length < rows)
        {
            _values = new double[rows];
        }

        Count = 0;
        _dictionaryCount = 0;
    }

    public override void Dictionary(ReadOnlySpan<byte> data, int count)
    {
        if (_dictionary.Length < count)
        {
            _dictionary = new double[count];
        }

        Convert(data, _dictionary.AsSpan(0, count));
        _dictionaryCount = count;
    }

    public override void Plain(ReadOnlySpan<byte> data, int count)
    {
        if (count > _values.Length - Count)
        {
            throw new PageFormatException("The pages hold more values than the row group has rows.");
        }

        Convert(data, _values.AsSpan(Count, count));
        Count += count;
    }

    public override void Indexed(ReadOnlySpan<int> indices)
    {
        if (indices.Length > _values.Length - Count)
        {
            throw new PageFormatException("The pages hold more values than the row group has rows.");
        }

        Lookup(indices, _dictionary.AsSpan(0, _dictionaryCount), _values.AsSpan(Count, indices.Length));

        Count += indices.Length;
    }

    private void Convert(ReadOnlySpan<byte> data, Span<double> output)
    {
        if ((long)output.Length * Size > data.Length)
        {
            throw CutShort();
        }

        switch (physicalType)
        {
            case Double:
                MemoryMarshal.Cast<byte, double>(data[..(output.Length * 8)]).CopyTo(output);
                break;
            case Float:
                {
                    var floats = MemoryMarshal.Cast<byte, float>(data[..(output.Length * 4)]);
                    for (int i = 0; i < output.Length; i++)
                    {
                        output[i] = floats[i];
                    }

                    break;
                }

            case Int64:
                {
                    var longs = MemoryMarshal.Cast<byte, long>(data[..(output.Length * 8)]);
                    for (int i = 0; i < output.Length; i++)
                    {
                        output[i] = longs[i];
                    }

                    break;
                }

            default:
                {
                    var ints = MemoryMarshal.Cast<byte, int>(data[..(output.Length * 4)]);
                    for (int i = 0; i < output.Length; i++)
                    {
                        output[i] = ints[i];
                    }

                    break;
                }
        }
    }
}
