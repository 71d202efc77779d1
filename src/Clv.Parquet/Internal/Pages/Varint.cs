namespace Clv.Parquet.Internal.Pages;

/// <summary>The unsigned LEB128 varints and zigzag-encoded signed numbers of Thrift's compact protocol and Parquet's hybrid and delta encodings.</summary>
internal static class Varint
{
    /// <summary>Reads the varint at <paramref name="p"/> and moves past it; <paramref name="what"/> names it in the error when the bytes end first or it runs past 10 bytes.</summary>
    public static ulong Read(ReadOnlySpan<byte> data, ref int p, string what)
    {
        ulong value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (p >= data.Length)
            {
                throw new PageFormatException($"{what} is cut short.");
            }

            byte b = data[p++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new PageFormatException($"{what} has a varint longer than 10 bytes.");
    }

    /// <summary>Appends <paramref name="value"/> as a varint (7 bits a byte, low bits first).</summary>
    public static void Write(System.Buffers.IBufferWriter<byte> output, ulong value)
    {
        var span = output.GetSpan(10);
        int n = 0;
        while (value >= 0x80)
        {
            span[n++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[n++] = (byte)value;
        output.Advance(n);
    }

    /// <summary>The signed number a zigzag-encoded varint stands for (0, -1, 1, -2, ... for 0, 1, 2, 3, ...).</summary>
    public static long ZigZag(ulong n) => (long)(n >> 1) ^ -(long)(n & 1);
}
