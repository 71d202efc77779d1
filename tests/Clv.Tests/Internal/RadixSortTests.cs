using Clv.Internal;
using FsCheck.Xunit;

namespace Clv.Tests.Internal;

/// <summary>The radix sorts order non-negative doubles as a stable comparison sort does, and 32-bit keys as <c>Order</c> does.</summary>
public class RadixSortTests
{
    /// <summary>Non-negative doubles from anywhere in the range: zeros of both signs, subnormals, large values, infinity, and repeats.</summary>
    private static double[] Values(ulong[] raw, byte[] picks)
    {
        var values = new double[raw.Length];
        for (int i = 0; i < raw.Length; i++)
        {
            int pick = i < picks.Length ? picks[i] % 8 : 0;
            values[i] = pick switch
            {
                0 => -0.0,
                1 => double.PositiveInfinity,
                2 => double.Epsilon * (raw[i] % 1000),
                3 => (raw[i] % 5) / 7.0,
                _ => Math.Abs(BitConverter.UInt64BitsToDouble(raw[i] & 0x7FEF_FFFF_FFFF_FFFFUL)),
            };
        }

        return values;
    }

    [Property]
    public bool SortPairs_NonNegativeDoubles_EqualsStableComparisonSort(ulong[] raw, byte[] picks)
    {
        var values = Values(raw, picks);
        var keys = values.Select(RadixSort.Key).ToArray();
        var slots = Enumerable.Range(0, values.Length).ToArray();
        RadixSort.SortPairs(keys, slots, new ulong[values.Length], new int[values.Length]);
        var expected = Enumerable.Range(0, values.Length).OrderBy(i => values[i]).ThenBy(i => i).ToArray();
        return slots.SequenceEqual(expected) && keys.SequenceEqual(expected.Select(i => RadixSort.Key(values[i])));
    }

    [Property]
    public bool Sort_NonNegativeDoubles_EqualsArraySort(ulong[] raw, byte[] picks)
    {
        var values = Values(raw, picks);
        var keys = values.Select(RadixSort.Key).ToArray();
        RadixSort.Sort(keys, new ulong[keys.Length + 3]);
        var expected = values.Order().Select(RadixSort.Key);
        return keys.SequenceEqual(expected);
    }

    [Property(MaxTest = 20)]
    public bool SortPairs_ManyKeysSharingHighDigits_EqualsStableComparisonSort(int seed)
    {
        // Whole days over weeks (the fits' t_x and T): the exponent digits are shared by most keys, the low digits are not.
        var random = new Random(seed);
        var values = Enumerable.Range(0, 5_000).Select(_ => random.Next(400) / 7.0).ToArray();
        var keys = values.Select(RadixSort.Key).ToArray();
        var slots = Enumerable.Range(0, values.Length).ToArray();
        RadixSort.SortPairs(keys, slots, new ulong[values.Length], new int[values.Length]);
        return slots.SequenceEqual(Enumerable.Range(0, values.Length).OrderBy(i => values[i]).ThenBy(i => i));
    }

    [Property]
    public bool Sort_UInt32_EqualsArraySort(uint[] keys, byte shift)
    {
        // Keys confined to their low bits now and then (shared high digits are skipped), else across all 32.
        var data = keys.Select(k => k >> (shift % 33 == 32 ? 0 : shift % 33)).ToArray();
        var expected = data.Order().ToArray();
        RadixSort.Sort<uint>(data, new uint[data.Length + 1]);
        return data.SequenceEqual(expected);
    }
}
