using System.Collections.Concurrent;

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
    private Chunk[] _chunks = [];
    private int _written;
    private long _position;

    private FlatFileWriter(Stream stream, IReadOnlyList<FlatColumn> columns)
    {
        _stream = stream;
        _columns = columns;
    }

    /// <summary>Writes <paramref name="rows"/> rows of <paramref name="columns"/> to <paramref name="stream"/>, <paramref name="groupRows"/> rows a row group.</summary>
    /// <remarks>
    /// The column chunks are encoded on the thread pool, a few ahead of the one being written, and written in order (row group
    /// by row group, column by column): the same bytes as encoding them one after the other. Each encoder's buffers are reused
    /// for a later chunk once its pages are written.
    /// </remarks>
    public static void Write(Stream stream, IReadOnlyList<FlatColumn> columns, int rows, int groupRows)
    {
        var writer = new FlatFileWriter(stream, columns);
        writer.Bytes(Magic);
        int width = columns.Count;
        int groups = width == 0 ? 0 : (int)(((long)rows + groupRows - 1) / groupRows);
        var spare = new ConcurrentBag<Encoder>();
        OrderedWork.Run(
            groups * width,
            Environment.ProcessorCount,
            k =>
            {
                int start = k / width * groupRows;
                var encoder = spare.TryTake(out var reuse) ? reuse : new Encoder();
                encoder.Encode(columns[k % width], start, Math.Min(groupRows, rows - start));
                return encoder;
            },
            encoder =>
            {
                writer.Append(encoder);
                spare.Add(encoder);
            });

        writer.Footer(rows);
    }

    /// <summary>Writes an encoded chunk's pages where the file has got to, the chunk's offsets moved there; a row group ends with its last column.</summary>
    private void Append(Encoder encoder)
    {
        if (_written == 0)
        {
            _chunks = new Chunk[_columns.Count];
        }

        var chunk = encoder.Chunk;
        chunk.MoveTo(_position);
        Bytes(encoder.Pages);
        _chunks[_written++] = chunk;
        if (_written == _chunks.Length)
        {
            _groups.Add(new Group(_chunks[0].Start, checked((int)chunk.Values), _chunks));
            _written = 0;
        }
    }

    /// <summary>Whether compressing <paramref name="length"/> bytes to <paramref name="compressed"/> saves at least an eighth.</summary>
    private static bool Worth(int compressed, int length) => compressed < length - (length >> 3);

    private void Bytes(ReadOnlySpan<byte> bytes)
    {
        _stream.Write(bytes);
        _position += bytes.Length;
    }
}
