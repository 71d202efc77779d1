namespace Clv.Internal;

/// <summary>Rank orders of large arrays, as fast as an array sort and as stable as LINQ's.</summary>
internal static class Ranking
{
    /// <summary>Arrays at least this long are ranked by a radix sort (linear), shorter ones by a comparison sort.</summary>
    internal const int RadixFrom = 1 << 12;

    private const ulong SignBit = 1UL << 63;

    /// <summary>
    /// The indices of <paramref name="values"/> from the largest value to the smallest, equal values in index order: the same
    /// order as <c>Enumerable.Range(0, n).OrderByDescending(i =&gt; values[i]).ThenBy(i =&gt; i)</c>, several times faster on
    /// large arrays (a stable radix sort from <see cref="RadixFrom"/> values on; below, a primitive key sort, then each run of ties
    /// put back in index order).
    /// </summary>
    /// <param name="values">The values to rank.</param>
    /// <returns>The rank order.</returns>
    public static int[] Descending(ReadOnlySpan<double> values) => Descending(values, RadixFrom);

    /// <summary><see cref="Descending(ReadOnlySpan{double})"/> with the radix sort from <paramref name="radixFrom"/> values on (tests force either path).</summary>
    internal static int[] Descending(ReadOnlySpan<double> values, int radixFrom)
    {
        int n = values.Length;
        foreach (double v in values)
        {
            if (double.IsNaN(v))
            {
                // NaN sorts last under LINQ's comparer but not once negated: keep LINQ's order exactly.
                var copy = values.ToArray();
                return [.. Enumerable.Range(0, n).OrderByDescending(j => copy[j]).ThenBy(j => j)];
            }
        }

        return n >= radixFrom ? ByRadix(values) : ByComparison(values);
    }

    /// <summary>
    /// A stable least-significant-digit radix sort of keys whose unsigned order is the values' descending order (both zeros
    /// one key): equal values keep their index order, with no second pass over the ties.
    /// </summary>
    private static int[] ByRadix(ReadOnlySpan<double> values)
    {
        int n = values.Length;
        var order = new int[n];
        var keys = new ulong[n];
        for (int i = 0; i < n; i++)
        {
            ulong bits = RadixSort.Key(values[i]);
            ulong ascending = (bits & SignBit) != 0 ? ~bits : bits | SignBit;
            keys[i] = ~ascending;
            order[i] = i;
        }

        RadixSort.SortPairs(keys, order, new ulong[n], new int[n]);
        return order;
    }

    private static int[] ByComparison(ReadOnlySpan<double> values)
    {
        int n = values.Length;
        var order = new int[n];
        var keys = new double[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
            keys[i] = -values[i];
        }

        Array.Sort(keys, order);
        int k = 0;
        while (k < n)
        {
            int end = k + 1;
            while (end < n && keys[end] == keys[k])
            {
                end++;
            }

            if (end - k > 1)
            {
                Array.Sort(order, k, end - k);
            }

            k = end;
        }

        return order;
    }
}
