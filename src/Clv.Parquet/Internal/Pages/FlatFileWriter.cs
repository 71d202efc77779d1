using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Clv.Parquet.Internal.Pages;

/// <summary>
/// Writes a Parquet file of flat, nullable (<c>OPTIONAL</c>) text, INT32 and DOUBLE columns computed row by row: the
/// scorecard's shape. One data page (format 1) per column and row group, after a dictionary page for repeating text and
/// for whole numbers of a small range (scores, codes, days);
/// definition levels in the RLE / bit-packing hybrid, values plain or as dictionary indices; each column chunk Snappy
/// compressed unless that saves too little to be worth a reader's time (then uncompressed); the null count in each
/// chunk's statistics. The same types, names and layout of values as Parquet.Net writes, at a fraction of its cost.
/// </summary>
internal sealed partial class FlatFileWriter
{
    /// <summary>A dictionary with more entries than this is given up for the row group (the chunk is written plain).</summary>
    private const int MaxDictionaryEntries = 1 << 14;

    /// <summary>Whole numbers spanning more values than this are written plain.</summary>
    private const int MaxIntegerRange = 1 << 16;

    private const int Plain = 0, Rle = 3, RleDictionary = 8;
    private const int Uncompressed = 0, Snappy = 1;
    private const int DataPage = 0, DictionaryPage = 2;
    private const int Optional = 1, Utf8 = 0;

    /// <summary>The bytes of a data page compressed first to see whether the whole page is worth compressing.</summary>
    private const int SampleBytes = 1 << 16;

    private static readonly byte[] Magic = "PAR1"u8.ToArray();

    private readonly Stream _stream;
    private readonly IReadOnlyList<FlatColumn> _columns;
    private readonly List<Group> _groups = [];
    private readonly ArrayBufferWriter<byte> _body = new(1 << 16);
    private readonly ArrayBufferWriter<byte> _dictionary = new(1 << 10);
    private readonly ArrayBufferWriter<byte> _levelBytes = new(1 << 10);
    private readonly ArrayBufferWriter<byte> _header = new(256);
    private readonly Dictionary<string, int> _byInstance = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, int> _byValue = new(StringComparer.Ordinal);
    private readonly List<string> _entries = [];
    private readonly string?[] _recent = new string?[16];
    private readonly int[] _recentIndex = new int[16];
    private byte[] _compressed = [];
    private byte[] _compressedDictionary = [];
    private int[] _levels = [];
    private int[] _indices = [];
    private double[] _doubles = [];
    private int[] _ints = [];
    private int[] _slots = [];
    private int[] _integerEntries = [];
    private string[] _texts = [];
    private long _position;

    private FlatFileWriter(Stream stream, IReadOnlyList<FlatColumn> columns)
    {
        _stream = stream;
        _columns = columns;
    }

    /// <summary>Writes <paramref name="rows"/> rows of <paramref name="columns"/> to <paramref name="stream"/>, <paramref name="groupRows"/> rows a row group.</summary>
    public static void Write(Stream stream, IReadOnlyList<FlatColumn> columns, int rows, int groupRows)
    {
        var writer = new FlatFileWriter(stream, columns);
        writer.Bytes(Magic);
        for (int start = 0; start < rows; start += groupRows)
        {
            writer.WriteGroup(start, Math.Min(groupRows, rows - start));
        }

        writer.Footer(rows);
    }

    private void WriteGroup(int start, int count)
    {
        var group = new Group(_position, count, new Chunk[_columns.Count]);
        for (int c = 0; c < _columns.Count; c++)
        {
            group.Chunks[c] = WriteChunk(_columns[c], start, count);
        }

        _groups.Add(group);
    }

    private Chunk WriteChunk(FlatColumn column, int start, int count)
    {
        Grow(ref _levels, count);
        _body.ResetWrittenCount();
        _dictionary.ResetWrittenCount();
        int present = column.Kind switch
        {
            FlatKind.Double => Gather(column.Number!, start, count, ref _doubles),
            FlatKind.Int32 => Gather(column.Integer!, start, count, ref _ints),
            _ => GatherText(column.Text!, start, count),
        };

        // Definition levels: their byte length, then the hybrid with 1 bit a level.
        _levelBytes.ResetWrittenCount();
        HybridEncoder.Encode(_levels.AsSpan(0, count), 1, _levelBytes);
        BinaryPrimitives.WriteInt32LittleEndian(_body.GetSpan(4), _levelBytes.WrittenCount);
        _body.Advance(4);
        Append(_levelBytes.WrittenSpan, _body);

        // Text (unless marked distinct) and whole numbers of a small range go as a dictionary page and the indices, bit-packed.
        int entries = column.Kind switch
        {
            FlatKind.Text => column.Distinct ? 0 : Dictionary(present),
            FlatKind.Int32 => IntegerDictionary(present),
            _ => 0,
        };
        int encoding = entries > 0 ? RleDictionary : Plain;
        if (entries > 0)
        {
            int width = Math.Max(1, 32 - int.LeadingZeroCount(entries - 1));
            _body.GetSpan(1)[0] = (byte)width;
            _body.Advance(1);
            HybridEncoder.Encode(_indices.AsSpan(0, present), width, _body);
            if (column.Kind == FlatKind.Text)
            {
                PlainText(_entries, _dictionary);
            }
            else
            {
                Append(MemoryMarshal.AsBytes(_integerEntries.AsSpan(0, entries)), _dictionary);
            }
        }
        else
        {
            switch (column.Kind)
            {
                case FlatKind.Double:
                    Append(MemoryMarshal.AsBytes(_doubles.AsSpan(0, present)), _body);
                    break;
                case FlatKind.Int32:
                    Append(MemoryMarshal.AsBytes(_ints.AsSpan(0, present)), _body);
                    break;
                default:
                    PlainText(_texts.AsSpan(0, present), _body);
                    break;
            }
        }

        // Snappy unless it saves under an eighth of the data page: near-random doubles hardly shrink, and reading them
        // uncompressed is faster. A page whose first 64 KiB do not shrink is not compressed at all (most of the cost saved).
        var body = _body.WrittenSpan;
        Grow(ref _compressed, Snappier.Snappy.GetMaxCompressedLength(body.Length));
        int compressed = body.Length;
        if (Worth(body.Length > SampleBytes ? Snappier.Snappy.Compress(body[..SampleBytes], _compressed) : 0, Math.Min(body.Length, SampleBytes)))
        {
            compressed = Snappier.Snappy.Compress(body, _compressed);
        }

        int codec = Worth(compressed, body.Length) ? Snappy : Uncompressed;

        var chunk = new Chunk { Kind = column.Kind, Name = column.Name, Values = count, Nulls = count - present, Codec = codec, Dictionary = entries > 0, Start = _position };
        if (entries > 0)
        {
            chunk.DictionaryOffset = _position;
            var dictionary = _dictionary.WrittenSpan;
            if (codec == Snappy)
            {
                Grow(ref _compressedDictionary, Snappier.Snappy.GetMaxCompressedLength(dictionary.Length));
                Page(chunk, DictionaryPage, dictionary.Length, _compressedDictionary.AsSpan(0, Snappier.Snappy.Compress(dictionary, _compressedDictionary)), entries, Plain);
            }
            else
            {
                Page(chunk, DictionaryPage, dictionary.Length, dictionary, entries, Plain);
            }
        }

        // The data page was compressed above to choose the codec: those bytes, or the page as it is.
        chunk.DataOffset = _position;
        Page(chunk, DataPage, body.Length, codec == Snappy ? _compressed.AsSpan(0, compressed) : body, count, encoding);
        return chunk;
    }

    /// <summary>Whether compressing <paramref name="length"/> bytes to <paramref name="compressed"/> saves at least an eighth.</summary>
    private static bool Worth(int compressed, int length) => compressed < length - (length >> 3);

    private int Gather<T>(Func<int, T?> value, int start, int count, ref T[] values)
        where T : struct
    {
        Grow(ref values, count);
        int present = 0;
        for (int i = 0; i < count; i++)
        {
            if (value(start + i) is { } v)
            {
                values[present++] = v;
                _levels[i] = 1;
            }
            else
            {
                _levels[i] = 0;
            }
        }

        return present;
    }

    private int GatherText(Func<int, string?> value, int start, int count)
    {
        Grow(ref _texts, count);
        int present = 0;
        for (int i = 0; i < count; i++)
        {
            if (value(start + i) is { } v)
            {
                _texts[present++] = v;
                _levels[i] = 1;
            }
            else
            {
                _levels[i] = 0;
            }
        }

        return present;
    }

    private static void PlainText(ReadOnlySpan<string> values, ArrayBufferWriter<byte> output)
    {
        foreach (string value in values)
        {
            int max = Encoding.UTF8.GetMaxByteCount(value.Length);
            var span = output.GetSpan(4 + max);
            int length = Encoding.UTF8.GetBytes(value, span[4..]);
            BinaryPrimitives.WriteInt32LittleEndian(span, length);
            output.Advance(4 + length);
        }
    }

    private static void PlainText(List<string> values, ArrayBufferWriter<byte> output) => PlainText(CollectionsMarshal.AsSpan(values), output);

    private static void Append(ReadOnlySpan<byte> bytes, ArrayBufferWriter<byte> output)
    {
        bytes.CopyTo(output.GetSpan(bytes.Length));
        output.Advance(bytes.Length);
    }

    private void Bytes(ReadOnlySpan<byte> bytes)
    {
        _stream.Write(bytes);
        _position += bytes.Length;
    }

    /// <summary>Makes <paramref name="array"/> at least <paramref name="length"/> long: a scratch buffer, its contents not kept.</summary>
    private static void Grow<T>(ref T[] array, int length)
    {
        if (array.Length < length)
        {
            array = new T[Math.Max(length, array.Length * 2)];
        }
    }
}
