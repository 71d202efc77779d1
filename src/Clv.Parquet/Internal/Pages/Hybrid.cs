using System.Buffers.Binary;

namespace Clv.Parquet.Internal.Pages;

/// <summary>
/// Parquet's RLE / bit-packed hybrid encoding (definition levels, dictionary indices): runs of one repeated value
/// (header even: count = header / 2, the value in whole bytes) and runs of bit-packed values (header odd: groups of 8
/// values, least significant bit first). Decodes exactly as many values as asked for; the padding of a last bit-packed
/// run is ignored.
/// </summary>
internal static class Hybrid
{
    /// <summary>Fills <paramref name="output"/> from <paramref name="data"/>; returns the bytes read.</summary>
    public static int Decode(ReadOnlySpan<byte> data, int bitWidth, Span<int> output)
    {
        if ((uint)bitWidth > 32)
        {
            throw new PageFormatException($"A bit width of {bitWidth} is not valid (0 to 32).");
        }

        int p = 0, o = 0;
        int valueBytes = (bitWidth + 7) / 8;
        while (o < output.Length)
        {
            ulong run = Varint.Read(data, ref p, "A run header");
            if (run > uint.MaxValue)
            {
                throw new PageFormatException("A run header is beyond 32 bits.");
            }

            uint header = (uint)run;
            if ((header & 1) == 0)
            {
                int count = (int)Math.Min(header >> 1, (uint)(output.Length - o));
                if (count == 0)
                {
                    throw new PageFormatException("An RLE run of no values.");
                }

                if (valueBytes > data.Length - p)
                {
                    throw new PageFormatException("An RLE run is cut short.");
                }

                int value = 0;
                for (int b = 0; b < valueBytes; b++)
                {
                    value |= data[p + b] << (8 * b);
                }

                p += valueBytes;
                output.Slice(o, count).Fill(value);
                o += count;
            }
            else
            {
                long groups = header >> 1;
                long bytes = groups * bitWidth;
                if (groups == 0 || bytes > data.Length - p)
                {
                    throw new PageFormatException("A bit-packed run is empty or cut short.");
                }

                int count = (int)Math.Min(groups * 8, output.Length - o);
                Unpack(data.Slice(p, (int)bytes), bitWidth, output.Slice(o, count));
                p += (int)bytes;
                o += count;
            }
        }

        return p;
    }

    /// <summary>Decodes a v1 data page's levels: a 4-byte little-endian length, then the hybrid runs; returns the bytes read.</summary>
    public static int DecodeWithLength(ReadOnlySpan<byte> data, int bitWidth, Span<int> output)
    {
        if (data.Length < 4)
        {
            throw new PageFormatException("The levels' length is cut short.");
        }

        int length = BinaryPrimitives.ReadInt32LittleEndian(data);
        if (length < 0 || length > data.Length - 4)
        {
            throw new PageFormatException($"The levels' length {length} is beyond the page.");
        }

        Decode(data.Slice(4, length), bitWidth, output);
        return 4 + length;
    }

    /// <summary>The bits a level or index up to <paramref name="max"/> takes.</summary>
    public static int BitWidth(int max) => max == 0 ? 0 : 32 - int.LeadingZeroCount(max);

    private static void Unpack(ReadOnlySpan<byte> packed, int bitWidth, Span<int> output)
    {
        if (bitWidth == 0)
        {
            output.Clear();
            return;
        }

        ulong mask = (1UL << bitWidth) - 1, buffer = 0;
        int bits = 0, p = 0;
        for (int i = 0; i < output.Length; i++)
        {
            while (bits < bitWidth)
            {
                buffer |= (ulong)packed[p++] << bits;
                bits += 8;
            }

            output[i] = (int)(buffer & mask);
            buffer >>= bitWidth;
            bits -= bitWidth;
        }
    }
}
