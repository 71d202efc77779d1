using System.Buffers;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;

// Shared source: compiled into Clv and Clv.Plots (each gets its own internal copy; packages share no internals). It is
// kept apart from ../*.cs, which the reader packages compile whole.
#if CLV_PLOTS
namespace Clv.Plots.Internal;
#else
namespace Clv.Internal;
#endif

/// <summary>
/// Order statistics without a full sort (the RFM cut points, the quantiles of prediction intervals, the plots' medians and
/// percentiles): a counting pass for small integer ranges,
/// otherwise a radix step on the top 16 bits of the doubles and a deterministic quickselect (median of three, falls back
/// to a sort if it degrades) inside the few buckets that hold a wanted rank. Expected O(n).
/// </summary>
internal static class QuantileSelection
{
    /// <summary>0-based ranks of the lower k-quantiles: rank_j = ceil(j n / k) - 1 for j = 1..k-1 (non-decreasing).</summary>
    public static void Ranks(int n, int k, Span<int> ranks)
    {
        Debug.Assert(n > 0 && ranks.Length == k - 1);
        for (int j = 1; j < k; j++)
        {
            ranks[j - 1] = (int)((((long)j * n) + k - 1) / k) - 1;
        }
    }

    /// <summary>Writes the order statistics at <paramref name="ranks"/> (non-decreasing) of <paramref name="values"/> (which it may reorder).</summary>
    /// <remarks>
    /// Large inputs take a radix step first: one pass counts the values by the top 16 bits of an order-preserving key,
    /// a second pass gathers only the values of the few buckets that hold a wanted rank, and the quickselect runs on those.
    /// </remarks>
    public static void Select(Span<double> values, ReadOnlySpan<int> ranks, Span<double> output)
    {
        Debug.Assert(ranks.Length == output.Length);
        Span<int> distinct = stackalloc int[ranks.Length];
        int d = 0;
        foreach (int r in ranks)
        {
            if (d == 0 || distinct[d - 1] != r)
            {
                distinct[d++] = r;
            }
        }

        distinct = distinct[..d];
        Span<double> found = stackalloc double[d];
        if (values.Length < RadixThreshold)
        {
            MultiSelect(values, 0, values.Length, distinct, found);
        }
        else
        {
            RadixSelect(values, distinct, found);
        }

        for (int i = 0, j = 0; i < ranks.Length; i++)
        {
            while (distinct[j] != ranks[i])
            {
                j++;
            }

            output[i] = found[j];
        }
    }

    private const int RadixThreshold = 1 << 12;

    private const int Buckets = 1 << 16;

    /// <summary>An unsigned key with the order of the doubles (no NaN; -0 is folded into +0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Bucket(double value)
    {
        ulong bits = BitConverter.DoubleToUInt64Bits(value + 0.0);
        ulong key = (bits & 0x8000_0000_0000_0000UL) != 0 ? ~bits : bits | 0x8000_0000_0000_0000UL;
        return (int)(key >> 48);
    }

    private static void RadixSelect(Span<double> values, ReadOnlySpan<int> ranks, Span<double> found)
    {
        int[] counts = ArrayPool<int>.Shared.Rent(Buckets);
        byte[] slotOf = ArrayPool<byte>.Shared.Rent(Buckets);
        double[]? gathered = null;
        try
        {
            var c = counts.AsSpan(0, Buckets);
            c.Clear();
            foreach (double v in values)
            {
                c[Bucket(v)]++;
            }

            // Bucket and rank within the bucket of every wanted rank; slots number the distinct buckets.
            Span<int> bucketOfRank = stackalloc int[ranks.Length];
            Span<int> rankInBucket = stackalloc int[ranks.Length];
            Span<int> slotBucket = stackalloc int[ranks.Length];
            Span<int> slotStart = stackalloc int[ranks.Length + 1];
            BinsOfRanks(c, ranks, bucketOfRank, rankInBucket);
            int slots = 0;
            foreach (int b in bucketOfRank)
            {
                if (slots == 0 || slotBucket[slots - 1] != b)
                {
                    slotBucket[slots++] = b;
                }
            }

            var slot = slotOf.AsSpan(0, Buckets);
            slot.Fill(byte.MaxValue);
            slotStart[0] = 0;
            for (int s = 0; s < slots; s++)
            {
                slot[slotBucket[s]] = (byte)s;
                slotStart[s + 1] = slotStart[s] + c[slotBucket[s]];
            }

            gathered = ArrayPool<double>.Shared.Rent(slotStart[slots]);
            Span<int> fill = stackalloc int[slots];
            slotStart[..slots].CopyTo(fill);
            foreach (double v in values)
            {
                int s = slot[Bucket(v)];
                if (s != byte.MaxValue)
                {
                    gathered[fill[s]++] = v;
                }
            }

            for (int i = 0, s = 0; i < ranks.Length; i++)
            {
                while (slotBucket[s] != bucketOfRank[i])
                {
                    s++;
                }

                var part = gathered.AsSpan(slotStart[s], slotStart[s + 1] - slotStart[s]);
                NthElement(part, 0, part.Length, rankInBucket[i]);
                found[i] = part[rankInBucket[i]];
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(counts);
            ArrayPool<byte>.Shared.Return(slotOf);
            if (gathered is not null)
            {
                ArrayPool<double>.Shared.Return(gathered);
            }
        }
    }

    /// <summary>Order statistics of integers: a histogram when the range is small, otherwise <see cref="Select"/>.</summary>
    public static void SelectIntegers(Span<int> values, int min, int max, ReadOnlySpan<int> ranks, Span<double> output)
    {
        long range = (long)max - min + 1;
        if (!UsesHistogram(range, values.Length))
        {
            double[] copy = ArrayPool<double>.Shared.Rent(values.Length);
            try
            {
                for (int i = 0; i < values.Length; i++)
                {
                    copy[i] = values[i];
                }

                Select(copy.AsSpan(0, values.Length), ranks, output);
            }
            finally
            {
                ArrayPool<double>.Shared.Return(copy);
            }

            return;
        }

        int[] counts = ArrayPool<int>.Shared.Rent((int)range);
        try
        {
            var c = counts.AsSpan(0, (int)range);
            c.Clear();
            foreach (int v in values)
            {
                c[v - min]++;
            }

            SelectFromHistogram(c, min, ranks, output);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(counts);
        }
    }

    /// <summary>Whether integers spanning <paramref name="range"/> values, <paramref name="count"/> of them, are selected through a histogram.</summary>
    public static bool UsesHistogram(long range, int count) => range <= Math.Max(4L * count, 1 << 16);

    /// <summary>
    /// Order statistics of integers given as a histogram: <paramref name="histogram"/>[v - <paramref name="min"/>] values equal
    /// v. <paramref name="ranks"/> ascend and are below the histogram's total.
    /// </summary>
    public static void SelectFromHistogram(ReadOnlySpan<int> histogram, int min, ReadOnlySpan<int> ranks, Span<double> output)
    {
        Span<int> bins = stackalloc int[ranks.Length];
        Span<int> rankInBin = stackalloc int[ranks.Length];
        BinsOfRanks(histogram, ranks, bins, rankInBin);
        for (int i = 0; i < ranks.Length; i++)
        {
            output[i] = min + bins[i];
        }
    }

    /// <summary>
    /// For each of the ascending <paramref name="ranks"/> (below the counts' total), the bin of <paramref name="counts"/> that
    /// holds it and its rank among that bin's values: one walk over the bins.
    /// </summary>
    private static void BinsOfRanks(ReadOnlySpan<int> counts, ReadOnlySpan<int> ranks, Span<int> bins, Span<int> rankInBin)
    {
        long seen = 0;
        int bin = 0;
        for (int i = 0; i < ranks.Length; i++)
        {
            while (seen + counts[bin] <= ranks[i])
            {
                seen += counts[bin];
                bin++;
            }

            bins[i] = bin;
            rankInBin[i] = (int)(ranks[i] - seen);
        }
    }

    private static void MultiSelect(Span<double> a, int lo, int hi, ReadOnlySpan<int> ranks, Span<double> found)
    {
        while (ranks.Length > 0)
        {
            int mid = ranks.Length / 2;
            int target = ranks[mid];
            NthElement(a, lo, hi, target);
            found[mid] = a[target];
            MultiSelect(a, lo, target, ranks[..mid], found[..mid]);
            lo = target + 1;
            ranks = ranks[(mid + 1)..];
            found = found[(mid + 1)..];
        }
    }

    /// <summary>Reorders a[lo..hi) so that a[n] is its order statistic, smaller-or-equal values before it, larger-or-equal after.</summary>
    private static void NthElement(Span<double> a, int lo, int hi, int n)
    {
        Debug.Assert(lo <= n && n < hi);
        int budget = (2 * BitOperations.Log2((uint)(hi - lo))) + 8;
        hi--;
        while (hi > lo)
        {
            if (hi - lo < 16 || budget-- == 0)
            {
                a.Slice(lo, hi - lo + 1).Sort();
                return;
            }

            int m = lo + ((hi - lo) / 2);
            if (a[m] < a[lo])
            {
                (a[m], a[lo]) = (a[lo], a[m]);
            }

            if (a[hi] < a[lo])
            {
                (a[hi], a[lo]) = (a[lo], a[hi]);
            }

            if (a[hi] < a[m])
            {
                (a[hi], a[m]) = (a[m], a[hi]);
            }

            double pivot = a[m];
            int i = lo;
            int j = hi;
            while (i <= j)
            {
                while (a[i] < pivot)
                {
                    i++;
                }

                while (a[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (a[i], a[j]) = (a[j], a[i]);
                    i++;
                    j--;
                }
            }

            if (n <= j)
            {
                hi = j;
            }
            else if (n >= i)
            {
                lo = i;
            }
            else
            {
                return;
            }
        }
    }
}
