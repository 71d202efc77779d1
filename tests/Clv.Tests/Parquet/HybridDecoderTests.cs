using Clv.Parquet.Internal.Pages;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Clv.Tests.Parquet;

/// <summary>
/// The RLE / bit-packed hybrid decoder of the page reader (definition levels, dictionary indices) against an encoder
/// written here from the format's description: any values, any bit width that holds them, any mix of repeated and
/// bit-packed runs decode to the values; a cut-short input fails with the page reader's own error, never reads past it.
/// </summary>
public class HybridDecoderTests
{
    [Property(MaxTest = 300)]
    public Property Decode_AnyRunsAndWidth_GivesTheValuesBack()
    {
        var gen =
            from width in Gen.Choose(0, 32)
            from count in Gen.Choose(1, 600)
            from seed in Gen.Choose(0, int.MaxValue)
            select (width, count, seed);
        return Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var (values, encoded) = Encode(c.width, c.count, new Random(c.seed));
            var decoded = new int[c.count];

            int read = Hybrid.Decode(encoded, c.width, decoded);

            Assert.Equal(values, decoded);
            Assert.Equal(encoded.Length, read);
        });
    }

    [Property(MaxTest = 300)]
    public Property Decode_CutShort_PageFormatExceptionOnly()
    {
        var gen =
            from width in Gen.Choose(1, 32)
            from count in Gen.Choose(1, 200)
            from seed in Gen.Choose(0, int.MaxValue)
            from cut in Gen.Choose(0, 1000)
            select (width, count, seed, cut);
        return Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var (_, encoded) = Encode(c.width, c.count, new Random(c.seed));
            var shorter = encoded.AsSpan(0, c.cut % encoded.Length).ToArray();

            Assert.Throws<PageFormatException>(() => Hybrid.Decode(shorter, c.width, new int[c.count]));
        });
    }

    [Fact]
    public void DecodeWithLength_V1Levels_ReadsThePrefixedLength()
    {
        // Levels 1,1,1,0,1 as one bit-packed group (0b10111, padded to 8 values), after a 4-byte length of 2.
        byte[] page = [2, 0, 0, 0, 0x03, 0b0001_0111, 0xFF];
        var levels = new int[5];

        int read = Hybrid.DecodeWithLength(page, 1, levels);

        Assert.Equal([1, 1, 1, 0, 1], levels);
        Assert.Equal(6, read);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 2)]
    [InlineData(255, 8)]
    [InlineData(256, 9)]
    public void BitWidth_OfTheLargestValue(int max, int width) => Assert.Equal(width, Hybrid.BitWidth(max));

    /// <summary>Random values that fit <paramref name="width"/> bits, encoded as a random mix of RLE runs and bit-packed groups.</summary>
    private static (int[] Values, byte[] Encoded) Encode(int width, int count, Random random)
    {
        long limit = 1L << width;
        var values = new int[count];
        var bytes = new List<byte>();
        int i = 0;
        while (i < count)
        {
            int run = Math.Min(count - i, random.Next(1, 40));
            if (random.Next(2) == 0)
            {
                // A repeated run: header count << 1, then the value in (width + 7) / 8 bytes, little-endian.
                int value = (int)(uint)(random.NextInt64(limit));
                values.AsSpan(i, run).Fill(value);
                WriteVarint(bytes, (uint)run << 1);
                for (int b = 0; b < (width + 7) / 8; b++)
                {
                    bytes.Add((byte)((uint)value >> (8 * b)));
                }
            }
            else
            {
                // Bit-packed groups of 8: header groups << 1 | 1, values least significant bit first. Only the data's last
                // run may end in padding: a run before it holds whole groups of values.
                if (i + run < count)
                {
                    run = Math.Max(8, run / 8 * 8);
                    run = Math.Min(run, count - i);
                }

                int groups = (run + 7) / 8;
                WriteVarint(bytes, ((uint)groups << 1) | 1);
                ulong buffer = 0;
                int bits = 0;
                for (int k = 0; k < groups * 8; k++)
                {
                    ulong value = (ulong)random.NextInt64(limit);
                    if (k < run)
                    {
                        values[i + k] = (int)(uint)value;
                    }

                    buffer |= value << bits;
                    bits += width;
                    while (bits >= 8)
                    {
                        bytes.Add((byte)buffer);
                        buffer >>= 8;
                        bits -= 8;
                    }
                }
            }

            i += run;
        }

        return (values, bytes.ToArray());
    }

    private static void WriteVarint(List<byte> bytes, uint value)
    {
        while (value >= 0x80)
        {
            bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }

        bytes.Add((byte)value);
    }
}
