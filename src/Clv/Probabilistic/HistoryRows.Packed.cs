using System.Numerics;
using System.Runtime.CompilerServices;
using Clv.Internal;

namespace Clv.Probabilistic;

/// <content>Distinct rows of data at day resolution: each customer's (x, t_x, T) packed into 32 bits and sorted.</content>
internal sealed partial class HistoryRows
{
    /// <summary>Most distinct ages (or recencies) the packed path takes: their indices are kept in 16 bits.</summary>
    internal const int MaxPackedValues = 1 << 16;

    /// <summary>
    /// The rows of <see cref="FromSummaries"/> when every customer's key fits in 32 bits: x, the rank of t_x among the distinct
    /// recencies and the rank of T among the distinct ages, side by side. Sorting the packed keys orders them as x, then t_x,
    /// then T (the ranks order as the values), and equal keys are neighbours, so each run is one row weighted by its length.
    /// Null when the data does not pack: more than <see cref="MaxPackedValues"/> distinct ages or recencies (data not at day
    /// resolution), more than 32 bits in all, or a value whose bits do not order as values (a negative zero).
    /// </summary>
    /// <remarks>
    /// At a million customers of day-resolution data this keeps two 4 MB key arrays (native, freed on return) and two small
    /// value tables, where hashing whole keys grows two tables of keys, slots and weights by doubling and sorts the keys' slots
    /// (29 MB of managed working memory for 147,269 distinct rows, garbage afterwards); the per-customer lookups go to tables
    /// of a few hundred values that stay in the cache.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static HistoryRows? FromSummariesPacked(ReadOnlySpan<CustomerSummary> customers, CancellationToken cancellationToken)
    {
        var recencies = new ValueRanks();
        var ages = new ValueRanks();

        // First pass: each customer's recency and age index (16 bits each) in its key; the largest x.
        using var keyArray = new NativeArray<uint>(customers.Length);
        var keys = keyArray.Span;
        int n = 0, maxX = 0;
        long excluded = 0;
        for (int k = 0; k < customers.Length; k++)
        {
            if ((k & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            ref readonly var c = ref customers[k];
            if (!c.HasPurchase)
            {
                excluded++;
                continue;
            }

            int r = recencies.IndexOf(c.Recency), a = ages.IndexOf(c.Age);
            if ((r | a) < 0)
            {
                return null;
            }

            keys[n++] = ((uint)r << 16) | (uint)a;
            maxX = Math.Max(maxX, c.Frequency);
        }

        int ageBits = BitsFor(ages.Count), recencyBits = BitsFor(recencies.Count), xBits = BitsFor(maxX + 1);
        if (xBits + recencyBits + ageBits > 32)
        {
            return null;
        }

        // Second pass: the indices replaced by ranks, with x on top (xShift is at most 31: an x above 0 takes a bit, and with
        // every x 0 every t_x is 0, so the recencies take none).
        var recencyRank = recencies.Ranks(out var sortedRecencies);
        var ageRank = ages.Ranks(out var sortedAges);
        int xShift = recencyBits + ageBits;
        for (int k = 0, j = 0; k < customers.Length; k++)
        {
            ref readonly var c = ref customers[k];
            if (c.HasPurchase)
            {
                uint key = keys[j];
                keys[j++] = ((uint)c.Frequency << xShift) | ((uint)recencyRank[key >> 16] << ageBits) | (uint)ageRank[key & 0xFFFF];
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        var sorted = keys[..n];
        using (var scratch = new NativeArray<uint>(n))
        {
            RadixSort.Sort(sorted, scratch.Span);
        }

        int distinct = 0;
        for (int i = 0; i < n; i++)
        {
            if (i == 0 || sorted[i] != sorted[i - 1])
            {
                distinct++;
            }
        }

        var x = new int[distinct];
        var tx = new double[distinct];
        var t = new double[distinct];
        var w = new double[distinct];
        uint ageMask = (1u << ageBits) - 1, recencyMask = (1u << recencyBits) - 1;
        for (int i = 0, row = -1; i < n; i++)
        {
            uint key = sorted[i];
            if (i == 0 || key != sorted[i - 1])
            {
                row++;
                x[row] = (int)(key >> xShift);
                tx[row] = sortedRecencies[(key >> ageBits) & recencyMask];
                t[row] = sortedAges[key & ageMask];
            }

            w[row]++;
        }

        return new HistoryRows(x, tx, t, w, excluded);
    }

    /// <summary>Bits that hold the numbers 0 to <paramref name="count"/> - 1.</summary>
    private static int BitsFor(int count) => count <= 1 ? 0 : 32 - BitOperations.LeadingZeroCount((uint)(count - 1));

    /// <summary>
    /// Distinct non-negative doubles (by their bits) numbered in order of first appearance, and afterwards their ranks by value.
    /// </summary>
    private sealed class ValueRanks
    {
        private readonly SlotTable _table = new(256);
        private long[] _bits = new long[256];
        private long _last = -1;
        private int _lastIndex = -1;

        public int Count => _table.Count;

        /// <summary>
        /// The value's index, adding it when new; -1 when its bits do not order as values (negative, including -0, or NaN) or it
        /// would be value number <see cref="MaxPackedValues"/> + 1.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int IndexOf(double value)
        {
            long bits = BitConverter.DoubleToInt64Bits(value);
            if (bits == _last)
            {
                return _lastIndex;
            }

            if (bits < 0 || double.IsNaN(value))
            {
                return -1;
            }

            var matcher = new ValueMatcher(_bits, bits);
            int index = _table.FindOrAdd(KeyIndex.Hash(0, value, 0), ref matcher, out bool added);
            if (added)
            {
                if (index == MaxPackedValues)
                {
                    return -1;
                }

                if (index == _bits.Length)
                {
                    Array.Resize(ref _bits, index * 2);
                }

                _bits[index] = bits;
            }

            _last = bits;
            _lastIndex = index;
            return index;
        }

        /// <summary>Each value's rank (0 for the smallest), indexed by its number; <paramref name="sorted"/> gets the values ascending.</summary>
        public int[] Ranks(out double[] sorted)
        {
            int count = Count;
            var order = new int[count];
            var values = new long[count];
            for (int i = 0; i < count; i++)
            {
                order[i] = i;
                values[i] = _bits[i];
            }

            // Non-negative doubles order as their bits do.
            Array.Sort(values, order);
            var ranks = new int[count];
            sorted = new double[count];
            for (int rank = 0; rank < count; rank++)
            {
                ranks[order[rank]] = rank;
                sorted[rank] = BitConverter.Int64BitsToDouble(values[rank]);
            }

            return ranks;
        }

        private readonly struct ValueMatcher(long[] bits, long value) : ISlotKeyMatcher
        {
            public bool Matches(int index) => bits[index] == value;
        }
    }
}
