namespace Clv.Parquet.Internal.Pages;

/// <summary>
/// Checks that a Parquet file's footer (the Thrift compact-encoded FileMetaData between the data and the closing length
/// and magic number) is one well-formed struct within its stated length, before Parquet.Net decodes it. Parquet.Net reads
/// the footer from the stream without that bound: a struct that does not end inside the footer (a stop byte spoilt into a
/// field header) made it read on at the end of the file and never return (found by spoiling footer bytes,
/// <c>ParquetFooterSpoilTests</c>). Only the structure is checked: every value is skipped, bounds-checked.
/// </summary>
internal static class FooterCheck
{
    private const int MaxDepth = 64;

    /// <summary>Throws <see cref="PageFormatException"/> when the footer of the file in <paramref name="stream"/> (seekable) is not one struct within its length.</summary>
    public static void Check(Stream stream)
    {
        long length = stream.Length;
        if (length < 12)
        {
            return;   // Parquet.Net reports a file too short for its magic numbers.
        }

        long position = stream.Position;
        Span<byte> tail = stackalloc byte[8];
        stream.Seek(length - 8, SeekOrigin.Begin);
        stream.ReadExactly(tail);
        int footer = BitConverter.ToInt32(tail);
        if (!tail[4..].SequenceEqual("PAR1"u8))
        {
            stream.Position = position;
            return;   // not a Parquet file's tail: Parquet.Net says so in its own words
        }

        if (footer <= 0 || footer > length - 12)
        {
            // Parquet.Net would allocate the length it reads (up to 2 GB) before finding the file too short for it.
            stream.Position = position;
            throw new PageFormatException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"The footer's length, {footer:N0} bytes, does not fit in the file's {length:N0} bytes between its two magic numbers."));
        }

        var bytes = new byte[footer];
        stream.Seek(length - 8 - footer, SeekOrigin.Begin);
        stream.ReadExactly(bytes);
        stream.Position = position;
        int p = 0;
        SkipStruct(bytes, ref p, 0);
    }

    private static void SkipStruct(ReadOnlySpan<byte> bytes, ref int p, int depth)
    {
        Depth(depth);
        while (true)
        {
            byte header = Byte(bytes, ref p);
            if (header == 0)
            {
                return;
            }

            if (header >> 4 == 0)
            {
                Varint.Read(bytes, ref p, Cut);   // the field id in full (ids do not matter here)
            }

            SkipValue(bytes, ref p, header & 0x0F, depth + 1, inCollection: false);
        }
    }

    private static void SkipValue(ReadOnlySpan<byte> bytes, ref int p, int type, int depth, bool inCollection)
    {
        Depth(depth);
        switch (type)
        {
            case ThriftCompact.BoolTrue or ThriftCompact.BoolFalse:
                if (inCollection)
                {
                    Byte(bytes, ref p);   // a boolean element of a list takes a byte of its own
                }

                break;
            case ThriftCompact.Byte:
                Byte(bytes, ref p);
                break;
            case ThriftCompact.I16 or ThriftCompact.I32 or ThriftCompact.I64:
                Varint.Read(bytes, ref p, Cut);
                break;
            case 7:   // double
                Advance(bytes, ref p, 8);
                break;
            case ThriftCompact.Binary:
                Advance(bytes, ref p, Varint.Read(bytes, ref p, Cut));
                break;
            case 9 or 10:   // list, set: size and element type in one byte, a varint size when the nibble is 15
                {
                    byte head = Byte(bytes, ref p);
                    ulong size = (ulong)(head >> 4);
                    if (size == 15)
                    {
                        size = Varint.Read(bytes, ref p, Cut);
                    }

                    SkipElements(bytes, ref p, size, [head & 0x0F], depth);
                    break;
                }

            case 11:   // map: varint size, then (when not empty) key and value types in one byte
                {
                    ulong size = Varint.Read(bytes, ref p, Cut);
                    if (size > 0)
                    {
                        byte types = Byte(bytes, ref p);
                        SkipElements(bytes, ref p, size, [types >> 4, types & 0x0F], depth);
                    }

                    break;
                }

            case ThriftCompact.Struct:
                SkipStruct(bytes, ref p, depth);
                break;
            default:
                throw new PageFormatException($"The footer has a field of unknown Thrift type {type}.");
        }
    }

    private static void SkipElements(ReadOnlySpan<byte> bytes, ref int p, ulong size, ReadOnlySpan<int> types, int depth)
    {
        // Every element takes at least a byte: more elements than bytes left is a spoilt size, not a long loop.
        if (size > (ulong)(bytes.Length - p))
        {
            throw new PageFormatException($"The footer has a collection of {size:N0} elements in {bytes.Length - p:N0} bytes.");
        }

        for (ulong i = 0; i < size; i++)
        {
            foreach (int type in types)
            {
                SkipValue(bytes, ref p, type, depth + 1, inCollection: true);
            }
        }
    }

    private const string Cut = "The footer's metadata";

    private static byte Byte(ReadOnlySpan<byte> bytes, ref int p) =>
        p < bytes.Length ? bytes[p++] : throw new PageFormatException(Cut + " is cut short.");

    private static void Advance(ReadOnlySpan<byte> bytes, ref int p, ulong count)
    {
        if (count > (ulong)(bytes.Length - p))
        {
            throw new PageFormatException(Cut + " is cut short.");
        }

        p += (int)count;
    }

    private static void Depth(int depth)
    {
        if (depth > MaxDepth)
        {
            throw new PageFormatException($"The footer's metadata nests deeper than {MaxDepth} levels.");
        }
    }
}
