using Parquet.Meta;

namespace Clv.Parquet.Internal.Pages;

/// <summary>
/// Reads one column chunk of a row group with a page reader of our own: the chunk's bytes in one read, each page's header
/// (Thrift compact), its body decompressed (uncompressed or Snappy), its definition levels and its values (plain,
/// dictionary indices, or format 2's delta and byte-stream-split encodings rewritten as plain by <see cref="Delta"/>)
/// handed to a <see cref="ColumnValues"/>. Data pages (v1) of a flat column (no repetition). A layout it does not decode
/// (another codec or encoding, encryption, data pages v2) throws <see cref="PageNotSupportedException"/> and the caller
/// reads the row group with Parquet.Net instead; a malformed page throws <see cref="PageFormatException"/>. Buffers are
/// kept and grown across row groups.
/// </summary>
internal sealed class ChunkReader
{
    private const int Plain = 0, PlainDictionary = 2, Rle = 3, DeltaBinaryPacked = 5, DeltaLengthByteArray = 6, DeltaByteArray = 7, RleDictionary = 8, ByteStreamSplit = 9;
    private const int Int32 = NumberValues.Int32, Int64 = NumberValues.Int64, Float = NumberValues.Float, Double = NumberValues.Double, ByteArray = NumberValues.ByteArray;
    private const int Uncompressed = 0, Snappy = 1;

    /// <summary>The most bytes a Snappy block writes per byte of it: a copy element of 2 or 3 bytes writes at most 64.</summary>
    private const int MaxSnappyExpansion = 32;

    private byte[] _chunk = [];
    private System.Buffers.IMemoryOwner<byte>? _decompressed;
    private int[] _levels = [];
    private int[] _indices = [];
    private byte[] _plain = [];
    private long[] _numbers = [];
    private int _physicalType;

    /// <summary>Per row, whether its value is present (the column is <c>OPTIONAL</c>); only the first rows-many are meaningful.</summary>
    public bool[] Present { get; private set; } = [];

    /// <summary>Whether the column has definition levels at all (if not, every row is present).</summary>
    public bool HasLevels { get; private set; }

    /// <summary>
    /// Decodes the chunk <paramref name="chunk"/> of <paramref name="rows"/> rows (physical type <paramref name="physicalType"/>,
    /// maximum definition level 0 or 1) into <paramref name="values"/>, reset first.
    /// </summary>
    public void Read(Stream stream, ColumnChunk chunk, int physicalType, int maxDefinitionLevel, int rows, ColumnValues values)
    {
        var meta = chunk.MetaData ?? throw new PageNotSupportedException("The column chunk has no metadata.");
        if (chunk.CryptoMetadata is not null || chunk.FilePath is not null)
        {
            throw new PageNotSupportedException("An encrypted or external column chunk.");
        }

        int codec = (int)meta.Codec;
        if ((int)meta.Type != physicalType || codec is not (Uncompressed or Snappy) || maxDefinitionLevel is not (0 or 1))
        {
            throw new PageNotSupportedException("A physical type, codec or nesting this reader does not decode.");
        }

        long start = meta.DictionaryPageOffset is long d && d > 0 && d < meta.DataPageOffset ? d : meta.DataPageOffset;
        long size = meta.TotalCompressedSize;
        if (start < 0 || size <= 0 || size > int.MaxValue || start + size > stream.Length)
        {
            throw new PageFormatException("The column chunk's offset or size is outside the file.");
        }

        int length = (int)size;
        if (_chunk.Length < length)
        {
            _chunk = new byte[length];
        }

        stream.Seek(start, SeekOrigin.Begin);
        stream.ReadExactly(_chunk, 0, length);

        _physicalType = physicalType;
        HasLevels = maxDefinitionLevel > 0;
        if (HasLevels && Present.Length < rows)
        {
            Present = new bool[rows];
        }

        values.Reset(rows);
        int seen = 0, p = 0;
        var bytes = _chunk.AsSpan(0, length);
        while (seen < rows)
        {
            var header = PageHeader.Parse(bytes[p..], out int headerLength);
            p += headerLength;
            if (header.CompressedSize > length - p)
            {
                throw new PageFormatException("A page runs past its column chunk.");
            }

            var body = bytes.Slice(p, header.CompressedSize);
            p += header.CompressedSize;
            switch (header.Type)
            {
                case PageHeader.DictionaryPage:
                    if (header.Encoding is not (Plain or PlainDictionary))
                    {
                        throw new PageNotSupportedException($"A dictionary page in encoding {header.Encoding}.");
                    }

                    {
                        // Every entry a dictionary of these types holds takes at least 4 bytes (a number, or a text's
                        // length): a count beyond that is refused before the entries' table is allocated by it.
                        var entries = Decompress(codec, body, header.UncompressedSize);
                        if (header.NumValues < 0 || header.NumValues > entries.Length / 4)
                        {
                            throw new PageFormatException(ThrowHelper.Format(
                                $"A dictionary page of {header.NumValues:N0} entries in {entries.Length:N0} bytes (an entry takes at least 4)."));
                        }

                        values.Dictionary(entries, header.NumValues);
                        break;
                    }

                case PageHeader.DataPage:
                    {
                        int n = CheckCount(header.NumValues, rows - seen);
                        var data = Decompress(codec, body, header.UncompressedSize);
                        int present = n, q = 0;
                        if (HasLevels)
                        {
                            if (header.DefinitionLevelEncoding != Rle)
                            {
                                throw new PageNotSupportedException($"Definition levels in encoding {header.DefinitionLevelEncoding}.");
                            }

                            q = Hybrid.DecodeWithLength(data, 1, Levels(n));
                            present = MarkPresent(seen, n);
                        }

                        DecodeValues(header.Encoding, data[q..], present, values);
                        seen += n;
                        break;
                    }

                case PageHeader.IndexPage:
                    break;

                default:
                    // Data pages v2 included: no writer at hand here makes them (DuckDB's V2 files have v1 pages), so
                    // they are left to Parquet.Net rather than decoded by code no test can reach.
                    throw new PageNotSupportedException($"A page of type {header.Type}, which this reader leaves to Parquet.Net.");
            }
        }

        _decompressed?.Dispose();
        _decompressed = null;
        if (values.Count != CountPresent(rows))
        {
            throw new PageFormatException("The pages' values do not match their levels.");
        }
    }

    private static int CheckCount(int n, int left)
    {
        if (n <= 0 || n > left)
        {
            throw new PageFormatException($"A data page of {n} values where {left} rows are left in the row group.");
        }

        return n;
    }

    private Span<int> Levels(int n) => Delta.Rent(ref _levels, n);

    /// <summary>Turns the page's levels into <see cref="Present"/> flags for rows <paramref name="first"/> on; returns how many are present.</summary>
    private int MarkPresent(int first, int n)
    {
        var levels = _levels.AsSpan(0, n);
        var present = Present.AsSpan(first, n);
        int count = 0;
        for (int i = 0; i < n; i++)
        {
            int level = levels[i];
            if ((uint)level > 1)
            {
                throw new PageFormatException($"A definition level of {level} in a column whose maximum is 1.");
            }

            present[i] = level == 1;
            count += level;
        }

        return count;
    }

    private int CountPresent(int rows)
    {
        if (!HasLevels)
        {
            return rows;
        }

        int count = 0;
        foreach (bool b in Present.AsSpan(0, rows))
        {
            count += b ? 1 : 0;
        }

        return count;
    }

    private void DecodeValues(int encoding, ReadOnlySpan<byte> data, int count, ColumnValues values)
    {
        switch (encoding)
        {
            case Plain:
                values.Plain(data, count);
                break;
            case PlainDictionary or RleDictionary:
                {
                    if (count == 0)
                    {
                        return;
                    }

                    if (data.IsEmpty)
                    {
                        throw new PageFormatException("A dictionary-indexed page without its bit width.");
                    }

                    var indices = Delta.Rent(ref _indices, count);
                    Hybrid.Decode(data[1..], data[0], indices);
                    values.Indexed(indices);
                    break;
                }

            case DeltaBinaryPacked when _physicalType is Int32 or Int64:
                {
                    int size = _physicalType == Int32 ? 4 : 8;
                    Delta.NumbersToPlain(data, count, size, ref _plain, ref _numbers);
                    values.Plain(_plain.AsSpan(0, count * size), count);
                    break;
                }

            case DeltaLengthByteArray or DeltaByteArray when _physicalType == ByteArray:
                {
                    int length = Delta.TextsToPlain(data, count, encoding == DeltaByteArray, ref _plain, ref _numbers);
                    values.Plain(_plain.AsSpan(0, length), count);
                    break;
                }

            case ByteStreamSplit when _physicalType is Int32 or Int64 or Float or Double:
                {
                    int size = _physicalType is Int32 or Float ? 4 : 8;
                    Delta.UnsplitToPlain(data, count, size, ref _plain);
                    values.Plain(_plain.AsSpan(0, count * size), count);
                    break;
                }

            default:
                throw new PageNotSupportedException($"Values in encoding {encoding}.");
        }
    }

    private ReadOnlySpan<byte> Decompress(int codec, ReadOnlySpan<byte> body, int uncompressedSize)
    {
        if (codec == Uncompressed)
        {
            return body;
        }

        if (uncompressedSize < 0)
        {
            throw new PageFormatException("A page's uncompressed size is negative.");
        }

        // Snappier allocates the length a block states before it decodes a byte: a block stating another length than its
        // page header, or more than its bytes can expand to (a Snappy element of at least 2 bytes writes at most 64), is
        // malformed before anything is allocated for it (a 5-byte length claims up to 4 GB).
        int stated = Snappier.Snappy.GetUncompressedLength(body);
        if (stated != uncompressedSize || stated > (MaxSnappyExpansion * (long)body.Length) + MaxSnappyExpansion)
        {
            throw new PageFormatException(ThrowHelper.Format(
                $"A Snappy page states {stated:N0} bytes where its header states {uncompressedSize:N0} and its {body.Length:N0} bytes can hold at most {MaxSnappyExpansion * (long)body.Length:N0}."));
        }

        // Snappier's checks, as Parquet.Net makes them (the block's own length, every input byte used): a spoilt block fails
        // here as it fails there.
        _decompressed?.Dispose();
        _decompressed = Snappier.Snappy.DecompressToMemory(body);
        var page = _decompressed.Memory.Span;
        if (page.Length != uncompressedSize)
        {
            throw new PageFormatException("A Snappy page does not decompress to its stated size.");
        }

        return page;
    }
}
