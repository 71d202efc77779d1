using System.Buffers;
using System.Buffers.Binary;

namespace Clv.Parquet.Internal.Pages;

/// <summary>
/// Parquet's RLE / bit-packing hybrid, written: a run of 8 or more equal values is one RLE run (count, then the value in
/// whole bytes); anything else goes in groups of 8 values bit-packed low bits first. Groups are aligned to 8 values from
/// the previous RLE run, so a bit-packed run is always whole groups; only the last group may be padded with zeros (a reader
/// takes as many values as the page says).
/// </summary>
internal static class HybridEncoder
{
    /// <summary>Appends <paramref name="values"/> (each below 2^<paramref name="width"/>) encoded with <paramref name="width"/> bits a value.</summary>
    public static void Encode(ReadOnlySpan<int> values, int width, ArrayBufferWriter<byte> output)
    {
        int pending = 0, i = 0, n = values.Length;
        while (i < n)
        {
            int v = values[i];
            int run = values[i..].IndexOfAnyExcept(v);
            run = run < 0 ? n - i : run;
            if (run >= 8)
            {
                Packed(values[pending..i], width, output);
                Rle(v, run, width, output);
                i += run;
                pending = i;
            }
            else
            {
                i = Math.Min(n, i + 8);
            }
        }

        Packed(values[pending..n], width, output);
    }

    private static void Rle(int value, int count, int width, ArrayBufferWriter<byte> output)
    {
        Varint.Write(output, (ulong)count << 1);
        int bytes = (width + 7) / 8;
        var span = output.GetSpan(4);
        BinaryPrimitives.WriteInt32LittleEndian(span, value);
        output.Advance(bytes);
    }

    private static void Packed(ReadOnlySpan<int> values, int width, ArrayBufferWriter<byte> output)
    {
        if (values.IsEmpty)
        {
            return;
        }

        int groups = (values.Length + 7) / 8;
        Varint.Write(output, ((ulong)groups << 1) | 1);
        int bytes = groups * width;
        var span = output.GetSpan(bytes + 8);
        ulong buffer = 0;
        int bits = 0, p = 0;
        for (int k = 0; k < groups * 8; k++)
        {
            ulong value = k < values.Length ? (uint)values[k] : 0;
            buffer |= value << bits;
            bits += width;
            while (bits >= 8)
            {
                span[p++] = (byte)buffer;
                buffer >>= 8;
                bits -= 8;
            }
        }

        output.Advance(bytes);
    }
}
