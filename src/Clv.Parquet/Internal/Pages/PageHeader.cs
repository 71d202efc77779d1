namespace Clv.Parquet.Internal.Pages;

/// <summary>
/// What a column chunk's page reader needs of a Parquet <c>PageHeader</c> (parquet.thrift): the page type, sizes, and the
/// data or dictionary header's counts and encodings. Statistics, CRC and index pages' contents are skipped.
/// </summary>
internal struct PageHeader
{
    public const int DataPage = 0, IndexPage = 1, DictionaryPage = 2, DataPageV2 = 3;

    public int Type;
    public int UncompressedSize;
    public int CompressedSize;

    /// <summary>Values in the page, nulls included (data pages), or the dictionary's entries.</summary>
    public int NumValues;
    public int Encoding;

    /// <summary>Data page v1: how the definition levels are encoded.</summary>
    public int DefinitionLevelEncoding;


    /// <summary>Parses a header from the start of <paramref name="bytes"/>; <paramref name="length"/> is its size in bytes.</summary>
    public static PageHeader Parse(ReadOnlySpan<byte> bytes, out int length)
    {
        var header = new PageHeader { Type = -1, UncompressedSize = -1, CompressedSize = -1, NumValues = -1 };
        var thrift = new ThriftCompact(bytes);
        int parts = 0;
        while (true)
        {
            var (id, type) = thrift.ReadFieldHeader();
            if (type == ThriftCompact.Stop)
            {
                break;
            }

            switch (id)
            {
                case 1: header.Type = thrift.ReadI32(type); break;
                case 2: header.UncompressedSize = thrift.ReadI32(type); break;
                case 3: header.CompressedSize = thrift.ReadI32(type); break;
                case 5 when type == ThriftCompact.Struct: ReadPart(ref thrift, ref header, dataPage: true); parts |= 1 << 5; break;
                case 7 when type == ThriftCompact.Struct: ReadPart(ref thrift, ref header, dataPage: false); parts |= 1 << 7; break;
                default: thrift.Skip(type); break;
            }
        }

        if (header.Type < 0 || header.UncompressedSize < 0 || header.CompressedSize < 0)
        {
            throw new PageFormatException("A page header lacks its type or sizes.");
        }

        // A page's type names the header struct it must carry (and the one whose counts apply).
        int part = header.Type switch { DataPage => 5, DictionaryPage => 7, _ => 0 };
        if (part != 0 && (parts & (1 << part)) == 0)
        {
            throw new PageFormatException($"A page of type {header.Type} lacks its header (field {part}).");
        }

        if (part != 0 && parts != 1 << part)
        {
            throw new PageFormatException($"A page of type {header.Type} carries another page type's header.");
        }

        length = thrift.Position;
        return header;
    }

    /// <summary>A header struct without one of its required fields (parquet.thrift) is declined, as a spoilt one.</summary>
    private static void Required(int seen, int required, string what)
    {
        if ((seen & required) != required)
        {
            throw new PageFormatException($"A {what} header lacks a required field.");
        }
    }

    /// <summary>Reads a data page's (<paramref name="dataPage"/>) or a dictionary page's header struct into <paramref name="header"/>.</summary>
    private static void ReadPart(ref ThriftCompact thrift, ref PageHeader header, bool dataPage)
    {
        int outer = thrift.BeginStruct();
        int seen = 0, last = dataPage ? 4 : 2;
        while (true)
        {
            var (id, type) = thrift.ReadFieldHeader();
            if (type == ThriftCompact.Stop)
            {
                break;
            }

            switch (id)
            {
                case 1: header.NumValues = thrift.ReadI32(type); break;
                case 2: header.Encoding = thrift.ReadI32(type); break;
                case 3 when dataPage: header.DefinitionLevelEncoding = thrift.ReadI32(type); break;
                case 4 when dataPage: thrift.ReadI32(type); break;
                default: thrift.Skip(type); break;
            }

            seen |= id >= 1 && id <= last ? 1 << id : 0;
        }

        Required(seen, dataPage ? 0b11110 : 0b110, dataPage ? "data page" : "dictionary page");
        thrift.EndStruct(outer);
    }
}

/// <summary>
/// A malformed page (cut short, a count or index out of range, a spoilt compressed block, a header without a required
/// field): the read fails with a file-level <see cref="ParquetFormatException"/> naming the row group and column.
/// Parquet.Net is not asked instead: on such pages it may decode past its buffers and return ids from unrelated memory
/// (seen with a spoilt dictionary page, <c>TransactionParquetPageReaderTests</c>).
/// </summary>
internal sealed class PageFormatException(string message) : Exception(message);

/// <summary>A layout the reader of our own does not decode (a codec, encoding, page type or header field it does not know): the row group is read by Parquet.Net instead.</summary>
internal sealed class PageNotSupportedException(string message) : Exception(message);
