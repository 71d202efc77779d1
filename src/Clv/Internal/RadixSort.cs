using System.Numerics;
using System.Runtime.CompilerServices;

namespace Clv.Internal;

/// <summary>
/// Stable least-significant-digit radix sorts of 64-bit (and 32-bit) keys in 11-bit digits; a digit all keys share is skipped. Faster than a
/// comparison sort on the hundreds of thousands of distinct rows the fits sort, and not left to run as unoptimised generic code
/// (the framework's <c>Array.Sort&lt;double, int&gt;</c> starts as such in a one-off job).
/// </summary>
internal static class RadixSort
{
    private const int DigitBits = 11, Radix = 1 << DigitBits;

    /// <summary>
    /// The sort key of a non-negative double (not NaN): its bits, which order as the values do (-0 is taken as +0). The caller
    /// checks the sign: the bits of negative values do not order.
    /// </summary>
    public static ulong Key(double value) => BitConverter.DoubleToUInt64Bits(value + 0.0);

    /// <summary>
    /// Sorts <paramref name="keys"/> ascending, stably, carrying <paramref name="values"/> along; the scratch spans are at least
    /// as long. The result is in <paramref name="keys"/> and <paramref name="values"/>.
    /// </summary>
    public static void SortPairs(Span<ulong> keys, Span<int> values, Span<ulong> scratchKeys, Span<int> scratchValues)
    {
        var histogram = Histogram<ulong>(keys);
        Span<ulong> fromKeys = keys, toKeys = scratchKeys[..keys.Length];
        Span<int> fromValues = values, toValues = scratchValues[..keys.Length];
        for (int d = 0; d < DigitsOf<ulong>(); d++)
        {
            var offsets = histogram.AsSpan(d * Radix, Radix);
            if (!ToOffsets(offsets, keys.Length))
            {
                continue;
            }

            int shift = d * DigitBits;
            for (int i = 0; i < fromKeys.Length; i++)
            {
                ulong key = fromKeys[i];
                int at = offsets[Digit(key, shift)]++;
                toKeys[at] = key;
                toValues[at] = fromValues[i];
            }

            var k = fromKeys;
            fromKeys = toKeys;
            toKeys = k;
            var v = fromValues;
            fromValues = toValues;
            toValues = v;
        }

        if (fromKeys != keys)
        {
            fromKeys.CopyTo(keys);
            fromValues.CopyTo(values);
        }
    }

    /// <summary>
    /// Sorts <paramref name="keys"/> (64-bit or 32-bit) ascending, using <paramref name="scratch"/> (at least as long) as the
    /// other buffer. Compiled optimised at once: the fits call it once per job.
    /// </summary>
    /// <typeparam name="T">The unsigned key type.</typeparam>
    /// <param name="keys">The keys, sorted in place.</param>
    /// <param name="scratch">Working space of at least as many keys.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Sort<T>(Span<T> keys, Span<T> scratch)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        int digits = DigitsOf<T>();
        var histogram = Histogram<T>(keys);
        Span<T> from = keys, to = scratch[..keys.Length];
        for (int d = 0; d < digits; d++)
        {
            var offsets = histogram.AsSpan(d * Radix, Radix);
            if (!ToOffsets(offsets, keys.Length))
            {
                continue;
            }

            int shift = d * DigitBits;
            foreach (T key in from)
            {
                to[offsets[Digit(key, shift)]++] = key;
            }

            var swap = from;
            from = to;
            to = swap;
        }

        if (from != keys)
        {
            from.CopyTo(keys);
        }
    }

    /// <summary>Counts of every digit of every key, one block of <see cref="Radix"/> counts per digit.</summary>
    private static int[] Histogram<T>(ReadOnlySpan<T> keys)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    {
        int digits = DigitsOf<T>();
        var histogram = new int[digits * Radix];
        foreach (T key in keys)
        {
            for (int d = 0; d < digits; d++)
            {
                histogram[(d * Radix) + Digit(key, d * DigitBits)]++;
            }
        }

        return histogram;
    }

    /// <summary>Digits of <see cref="DigitBits"/> bits in a key of type <typeparamref name="T"/>.</summary>
    private static int DigitsOf<T>()
        where T : unmanaged => ((Unsafe.SizeOf<T>() * 8) + DigitBits - 1) / DigitBits;

    /// <summary>The digit of <paramref name="key"/> starting at bit <paramref name="shift"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Digit<T>(T key, int shift)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T> => int.CreateTruncating(key >>> shift) & (Radix - 1);

    /// <summary>Turns one digit's counts into start offsets; false when all <paramref name="n"/> keys share the digit (no pass needed).</summary>
    private static bool ToOffsets(Span<int> counts, int n)
    {
        int offset = 0;
        bool shared = false;
        for (int b = 0; b < counts.Length; b++)
        {
            int count = counts[b];
            shared |= count == n;
            counts[b] = offset;
            offset += count;
        }

        return !shared;
    }
}
