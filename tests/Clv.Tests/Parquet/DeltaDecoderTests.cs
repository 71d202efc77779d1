using System.Text;
using Clv.Parquet.Internal.Pages;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Clv.Tests.Parquet;

/// <summary>
/// The page reader's format 2 decoders against encoders written here from the format's description: any whole numbers
/// (the extremes included, where the deltas wrap around) through <c>DELTA_BINARY_PACKED</c>, any texts through
/// <c>DELTA_LENGTH_BYTE_ARRAY</c> and <c>DELTA_BYTE_ARRAY</c>, any numbers through <c>BYTE_STREAM_SPLIT</c>; cut short,
/// the page reader's own error only.
/// </summary>
public class DeltaDecoderTests
{
    private static readonly long[] Edges = [long.MinValue, long.MaxValue, 0, -1, 1, int.MinValue, int.MaxValue];

    [Property(MaxTest = 300)]
    public Property DeltaNumbers_AnyValuesAndBlockShape_GiveTheValuesBack()
    {
        var gen =
            from count in Gen.Choose(0, 700)
            from seed in Gen.Choose(0, int.MaxValue)
            from shape in Gen.Elements((128, 4), (128, 1), (256, 8))
            from spread in Gen.Elements(0, 3, 40, 64)
            select (count, seed, shape, spread);
        return Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var random = new Random(c.seed);
            var values = new long[c.count];
            for (int i = 0; i < c.count; i++)
            {
                values[i] = random.Next(10) == 0 ? Edges[random.Next(Edges.Length)]
                    : c.spread == 64 ? random.NextInt64(long.MinValue, long.MaxValue)
                    : random.NextInt64(-(1L << c.spread), 1L << c.spread);
            }

            byte[] encoded = [.. EncodeNumbers(values, c.shape.Item1, c.shape.Item2), 0xAB];
            var decoded = new long[c.count];

            int read = Delta.DecodeNumbers(encoded, decoded);

            Assert.Equal(values, decoded);
            Assert.Equal(encoded.Length - 1, read);
        });
    }

    [Property(MaxTest = 200)]
    public Property DeltaNumbers_CutShort_PageFormatExceptionOnly()
    {
        var gen =
            from count in Gen.Choose(1, 300)
            from seed in Gen.Choose(0, int.MaxValue)
            from cut in Gen.Choose(0, 10_000)
            select (count, seed, cut);
        return Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var random = new Random(c.seed);
            var values = Enumerable.Range(0, c.count).Select(_ => random.NextInt64(-1000, 1000)).ToArray();
            var encoded = EncodeNumbers(values, 128, 4);
            var shorter = encoded.AsSpan(0, c.cut % encoded.Length).ToArray();

            Assert.Throws<PageFormatException>(() => Delta.DecodeNumbers(shorter, new long[c.count]));
        });
    }

    [Property(MaxTest = 200)]
    public Property DeltaTexts_BothEncodings_GiveThePlainTexts()
    {
        var gen =
            from count in Gen.Choose(0, 300)
            from seed in Gen.Choose(0, int.MaxValue)
            from prefixed in Gen.Elements(false, true)
            select (count, seed, prefixed);
        return Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var random = new Random(c.seed);
            string[] stems = ["customer ", "customer 1", "客户", string.Empty, "z"];
            var texts = Enumerable.Range(0, c.count)
                .Select(_ => stems[random.Next(stems.Length)] + (random.Next(3) == 0 ? string.Empty : random.Next(100_000).ToString(System.Globalization.CultureInfo.InvariantCulture)))
                .Select(Encoding.UTF8.GetBytes)
                .ToArray();
            var encoded = EncodeTexts(texts, c.prefixed);
            byte[] plain = [];
            long[] scratch = [];

            int length = Delta.TextsToPlain(encoded, c.count, c.prefixed, ref plain, ref scratch);

            Assert.Equal(Plain(texts), plain.AsSpan(0, length).ToArray());
        });
    }

    [Theory]
    [InlineData(4)]
    [InlineData(8)]
    public void ByteStreamSplit_BytesOfEachValueBackTogether(int size)
    {
        // Three values: 0x11.., 0x22.., 0x33..; stream k holds byte k of each.
        var values = new byte[3 * size];
        for (int i = 0; i < 3; i++)
        {
            for (int k = 0; k < size; k++)
            {
                values[(i * size) + k] = (byte)((0x11 * (i + 1)) + k);
            }
        }

        var split = new byte[3 * size];
        for (int k = 0; k < size; k++)
        {
            for (int i = 0; i < 3; i++)
            {
                split[(k * 3) + i] = values[(i * size) + k];
            }
        }

        byte[] plain = [];
        Delta.UnsplitToPlain(split, 3, size, ref plain);

        Assert.Equal(values, plain.AsSpan(0, 3 * size).ToArray());
        Assert.Throws<PageFormatException>(() => Delta.UnsplitToPlain(split.AsSpan(1), 3, size, ref plain));
    }

    /// <summary><c>DELTA_BINARY_PACKED</c>: header (block size, miniblocks, count, zigzag first value), then blocks of a zigzag minimum delta, one bit width per miniblock and the miniblocks' bit-packed deltas above the minimum.</summary>
    internal static byte[] EncodeNumbers(long[] values, int blockSize, int miniblocks)
    {
        var bytes = new List<byte>();
        WriteVarint(bytes, (ulong)blockSize);
        WriteVarint(bytes, (ulong)miniblocks);
        WriteVarint(bytes, (ulong)values.Length);
        WriteVarint(bytes, ZigZag(values.Length == 0 ? 0 : values[0]));
        int perMiniblock = blockSize / miniblocks;
        for (int start = 1; start < values.Length; start += blockSize)
        {
            int n = Math.Min(blockSize, values.Length - start);
            var deltas = new long[n];
            for (int i = 0; i < n; i++)
            {
                deltas[i] = unchecked(values[start + i] - values[start + i - 1]);
            }

            long min = deltas.Min();
            WriteVarint(bytes, ZigZag(min));
            int used = (n + perMiniblock - 1) / perMiniblock;
            var widths = new byte[miniblocks];
            for (int m = 0; m < used; m++)
            {
                ulong max = 0;
                for (int i = m * perMiniblock; i < Math.Min(n, (m + 1) * perMiniblock); i++)
                {
                    max = Math.Max(max, unchecked((ulong)(deltas[i] - min)));
                }

                widths[m] = (byte)(64 - ulong.LeadingZeroCount(max));
            }

            bytes.AddRange(widths);
            for (int m = 0; m < used; m++)
            {
                // Bit-packed, least significant bit first; the last used miniblock padded to its full size.
                var bits = new List<bool>();
                for (int i = 0; i < perMiniblock; i++)
                {
                    int k = (m * perMiniblock) + i;
                    ulong v = k < n ? unchecked((ulong)(deltas[k] - min)) : 0;
                    for (int b = 0; b < widths[m]; b++)
                    {
                        bits.Add(((v >> b) & 1) == 1);
                    }
                }

                for (int b = 0; b < bits.Count; b += 8)
                {
                    byte value = 0;
                    for (int j = 0; j < 8 && b + j < bits.Count; j++)
                    {
                        value |= (byte)(bits[b + j] ? 1 << j : 0);
                    }

                    bytes.Add(value);
                }
            }
        }

        return [.. bytes];
    }

    private static byte[] EncodeTexts(byte[][] texts, bool prefixed)
    {
        var prefixes = new long[texts.Length];
        var suffixes = new List<byte[]>();
        for (int i = 0; i < texts.Length; i++)
        {
            int shared = 0;
            if (prefixed && i > 0)
            {
                while (shared < texts[i].Length && shared < texts[i - 1].Length && texts[i][shared] == texts[i - 1][shared])
                {
                    shared++;
                }
            }

            prefixes[i] = shared;
            suffixes.Add(texts[i][shared..]);
        }

        var bytes = new List<byte>();
        if (prefixed)
        {
            bytes.AddRange(EncodeNumbers(prefixes, 128, 4));
        }

        bytes.AddRange(EncodeNumbers([.. suffixes.Select(s => (long)s.Length)], 128, 4));
        foreach (var s in suffixes)
        {
            bytes.AddRange(s);
        }

        return [.. bytes];
    }

    private static byte[] Plain(byte[][] texts)
    {
        var bytes = new List<byte>();
        foreach (var t in texts)
        {
            bytes.AddRange(BitConverter.GetBytes(t.Length));
            bytes.AddRange(t);
        }

        return [.. bytes];
    }

    private static ulong ZigZag(long n) => unchecked((ulong)((n << 1) ^ (n >> 63)));

    private static void WriteVarint(List<byte> bytes, ulong value)
    {
        while (value >= 0x80)
        {
            bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }

        bytes.Add((byte)value);
    }
}
