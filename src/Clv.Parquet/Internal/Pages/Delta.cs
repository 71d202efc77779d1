using System.Buffers.Binary;

namespace Clv.Parquet.Internal.Pages;

/// <summary>
/// The encodings of Parquet's format 2 that DuckDB writes with <c>PARQUET_VERSION V2</c> (and other writers on request),
/// each turned into the plain encoding the value tables read: <c>DELTA_BINARY_PACKED</c> whole numbers (blocks of
/// bit-packed deltas from a first value), <c>DELTA_LENGTH_BYTE_ARRAY</c> and <c>DELTA_BYTE_ARRAY</c> text (lengths, or
/// shared prefixes and suffixes, delta-packed), and <c>BYTE_STREAM_SPLIT</c> numbers (the k-th bytes of all values
/// together). Every read is bounds-checked: a malformed page throws <see cref="PageFormatException"/>.
/// </summary>
internal static class Delta
{
    private const string Header = "A delta header";

    /// <summary>Decodes <c>DELTA_BINARY_PACKED</c> values into <paramref name="output"/> (exactly its length); returns the bytes read.</summary>
    public static int DecodeNumbers(ReadOnlySpan<byte> data, Span<long> output)
    {
        int p = 0;
        ulong blockSize = Varint.Read(data, ref p, Header), miniblocks = Varint.Read(data, ref p, Header), total = Varint.Read(data, ref p, Header);
        long value = Varint.ZigZag(Varint.Read(data, ref p, Header));
        if (blockSize == 0 || blockSize % 128 != 0 || miniblocks == 0 || blockSize % miniblocks != 0 || blockSize / miniblocks % 32 != 0 || blockSize > 1 << 20)
        {
            throw new PageFormatException($"A delta header of block size {blockSize} in {miniblocks} miniblocks.");
        }

        if (total != (ulong)output.Length)
        {
            throw new PageFormatException($"A delta page of {total} values where {output.Length} are expected.");
        }

        if (output.Length == 0)
        {
            return p;
        }

        int perMiniblock = (int)(blockSize / miniblocks), o = 0;
        output[o++] = value;
        while (o < output.Length)
        {
            long minDelta = Varint.ZigZag(Varint.Read(data, ref p, "A delta block"));
            if ((ulong)(data.Length - p) < miniblocks)
            {
                throw new PageFormatException("A delta block's bit widths are cut short.");
            }

            var widths = data.Slice(p, (int)miniblocks);
            p += (int)miniblocks;
            for (int m = 0; m < widths.Length && o < output.Length; m++)
            {
                int width = widths[m];
                if (width > 64)
                {
                    throw new PageFormatException($"A delta miniblock of bit width {width}.");
                }

                int bytes = perMiniblock / 8 * width;
                if (bytes > data.Length - p)
                {
                    throw new PageFormatException("A delta miniblock is cut short.");
                }

                var packed = data.Slice(p, bytes);
                p += bytes;
                int count = Math.Min(perMiniblock, output.Length - o);
                long bit = 0;
                for (int i = 0; i < count; i++)
                {
                    // Two's-complement wrap-around, as the writer's deltas were computed.
                    value = unchecked(value + minDelta + (long)ReadBits(packed, bit, width));
                    bit += width;
                    output[o++] = value;
                }
            }
        }

        return p;
    }

    /// <summary>Rewrites <paramref name="count"/> <c>DELTA_BINARY_PACKED</c> values of an <c>INT32</c> (4 bytes) or <c>INT64</c> column as plain values.</summary>
    public static void NumbersToPlain(ReadOnlySpan<byte> data, int count, int size, ref byte[] plain, ref long[] scratch)
    {
        var values = Rent(ref scratch, count);
        DecodeNumbers(data, values);
        var target = Rent(ref plain, count * size);
        for (int i = 0; i < count; i++)
        {
            if (size == 4)
            {
                BinaryPrimitives.WriteInt32LittleEndian(target[(i * 4)..], unchecked((int)values[i]));
            }
            else
            {
                BinaryPrimitives.WriteInt64LittleEndian(target[(i * 8)..], values[i]);
            }
        }
    }

    /// <summary>
    /// Rewrites <paramref name="count"/> <c>DELTA_LENGTH_BYTE_ARRAY</c> (<paramref name="prefixed"/> false) or
    /// <c>DELTA_BYTE_ARRAY</c> (true: each value is a prefix of the previous value and a suffix) values as plain byte arrays
    /// (a 4-byte length before each); returns the plain bytes' length.
    /// </summary>
    public static int TextsToPlain(ReadOnlySpan<byte> data, int count, bool prefixed, ref byte[] plain, ref long[] scratch)
    {
        var numbers = Rent(ref scratch, 2 * count);
        var prefixes = numbers[..count];
        var lengths = numbers[count..];
        int p = 0;
        if (prefixed)
        {
            p += DecodeNumbers(data, prefixes);
        }

        p += DecodeNumbers(data[p..], lengths);
        long needed = 4L * count;
        for (int i = 0; i < count; i++)
        {
            long prefix = prefixed ? prefixes[i] : 0;
            if (lengths[i] < 0 || prefix < 0)
            {
                throw new PageFormatException("A negative text length in a delta page.");
            }

            needed += prefix + lengths[i];
        }

        if (needed > int.MaxValue / 2)
        {
            throw new PageFormatException("A delta page's texts are too long.");
        }

        var target = Rent(ref plain, (int)needed);
        int t = 0, previousStart = 0, previousLength = 0;
        for (int i = 0; i < count; i++)
        {
            int prefix = prefixed ? (int)prefixes[i] : 0, length = (int)lengths[i];
            if (prefix > previousLength || length > data.Length - p)
            {
                throw new PageFormatException("A text in a delta page is longer than its data, or its prefix than the text before it.");
            }

            BinaryPrimitives.WriteInt32LittleEndian(target[t..], prefix + length);
            int start = t + 4;
            target.Slice(previousStart, prefix).CopyTo(target[start..]);
            data.Slice(p, length).CopyTo(target[(start + prefix)..]);
            p += length;
            (previousStart, previousLength) = (start, prefix + length);
            t = start + prefix + length;
        }

        return t;
    }

    /// <summary>Rewrites <paramref name="count"/> <c>BYTE_STREAM_SPLIT</c> values of <paramref name="size"/> bytes as plain values.</summary>
    public static void UnsplitToPlain(ReadOnlySpan<byte> data, int count, int size, ref byte[] plain)
    {
        if ((long)count * size > data.Length)
        {
            throw new PageFormatException("A byte-stream-split page is cut short.");
        }

        var target = Rent(ref plain, count * size);
        for (int k = 0; k < size; k++)
        {
            var stream = data.Slice(k * count, count);
            for (int i = 0; i < count; i++)
            {
                target[(i * size) + k] = stream[i];
            }
        }
    }

    /// <summary>The first <paramref name="length"/> elements of <paramref name="buffer"/>, grown (at least doubled) when too short; the page reader's scratch buffers.</summary>
    internal static Span<T> Rent<T>(ref T[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new T[Math.Max(length, buffer.Length * 2)];
        }

        return buffer.AsSpan(0, length);
    }

    /// <summary>The <paramref name="width"/> bits (0 to 64) at bit <paramref name="bit"/> of <paramref name="packed"/>, least significant first.</summary>
    private static ulong ReadBits(ReadOnlySpan<byte> packed, long bit, int width)
    {
        ulong result = 0;
        int got = 0;
        while (got < width)
        {
            int index = (int)(bit >> 3), offset = (int)(bit & 7);
            int take = Math.Min(8 - offset, width - got);
            result |= (ulong)((packed[index] >> offset) & ((1 << take) - 1)) << got;
            got += take;
            bit += take;
        }

        return result;
    }
}
