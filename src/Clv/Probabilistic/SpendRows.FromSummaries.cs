using System.Runtime.InteropServices;
using Clv.Internal;

namespace Clv.Probabilistic;

/// <content>The rows of customer summaries, built by sorting rather than hashing.</content>
internal sealed partial class SpendRows
{
    /// <summary>
    /// The repeat customers with a positive mean spend (x &gt; 0, m_x &gt; 0), each with weight 1, as distinct (x, m_x) rows in canonical
    /// order; the others are counted in <paramref name="excluded"/>. The same rows and weights as <see cref="Add"/> for each
    /// customer, without hashing: a counting sort by x (two passes over the summaries), a sort of m_x within each x (a radix sort of
    /// the bits for a large x), and equal neighbours merged into a count. A few hundred thousand distinct pairs hash into tables several times their size;
    /// the sort needs one array of the customers' m_x, a scratch array the size of the largest x's range (both native, freed on
    /// return, so they leave no garbage behind), and the result.
    /// </summary>
    public static SpendRows FromSummaries(ReadOnlySpan<CustomerSummary> customers, CancellationToken cancellationToken, out long excluded)
    {
        // Pass 1: customers per x (the counts grow with the largest x; beyond a counting sort's reach, hash instead).
        var counts = new int[64];
        int n = 0;
        long limit = (4L * customers.Length) + 1024;
        for (int i = 0; i < customers.Length; i++)
        {
            if ((i & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            ref readonly var c = ref customers[i];
            int x = c.Frequency;
            if (x > 0 && c.MonetaryValue > 0)
            {
                if (x >= counts.Length)
                {
                    if (x > limit)
                    {
                        return Hashed(customers, cancellationToken, out excluded);
                    }

                    Array.Resize(ref counts, (int)Math.Min(Math.Max(2L * counts.Length, x + 1L), Math.Min(limit + 1, Array.MaxLength)));
                }

                counts[x]++;
                n++;
            }
        }

        excluded = customers.Length - n;

        // Pass 2: each customer's m_x into its x's range.
        var next = new int[counts.Length + 1];
        for (int x = 0; x < counts.Length; x++)
        {
            next[x + 1] = next[x] + counts[x];
        }

        var starts = (int[])next.Clone();
        using var spendArray = new NativeArray<double>(n);
        var spend = spendArray.Span;
        for (int i = 0; i < customers.Length; i++)
        {
            if ((i & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            ref readonly var c = ref customers[i];
            if (c.Frequency > 0 && c.MonetaryValue > 0)
            {
                spend[next[c.Frequency]++] = c.MonetaryValue;
            }
        }

        // Sort within each x (a large range by a radix sort of the bits, in which positive finite doubles order as their values),
        // then merge equal neighbours (m_x > 0 and finite, so == is equality of bits).
        int largest = 0;
        for (int x = 1; x < counts.Length; x++)
        {
            largest = Math.Max(largest, counts[x]);
        }

        using var scratch = new NativeArray<ulong>(largest >= RadixThreshold ? largest : 0);
        int distinct = 0;
        for (int x = 1; x < counts.Length; x++)
        {
            int start = starts[x], length = starts[x + 1] - start;
            if (length == 0)
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            var range = spend.Slice(start, length);
            if (length < RadixThreshold)
            {
                range.Sort();
            }
            else
            {
                RadixSort.Sort(MemoryMarshal.Cast<double, ulong>(range), scratch.Span);
            }

            distinct++;
            for (int i = start + 1; i < start + length; i++)
            {
                if (spend[i] != spend[i - 1])
                {
                    distinct++;
                }
            }
        }

        var rx = new int[distinct];
        var rm = new double[distinct];
        var rw = new double[distinct];
        int row = -1;
        for (int x = 1; x < counts.Length; x++)
        {
            for (int i = starts[x]; i < starts[x + 1]; i++)
            {
                if (i == starts[x] || spend[i] != spend[i - 1])
                {
                    row++;
                    rx[row] = x;
                    rm[row] = spend[i];
                }

                rw[row]++;
            }
        }

        return new SpendRows { _sorted = (rx, rm, rw), TotalWeight = n };
    }

    /// <summary>Below this many customers sharing an x, their m_x are sorted by comparison rather than by radix.</summary>
    private const int RadixThreshold = 1 << 11;

    /// <summary>The same rows by hashing, for frequencies too large for a counting sort.</summary>
    private static SpendRows Hashed(ReadOnlySpan<CustomerSummary> customers, CancellationToken cancellationToken, out long excluded)
    {
        var rows = new SpendRows();
        excluded = 0;
        for (int i = 0; i < customers.Length; i++)
        {
            if ((i & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            ref readonly var c = ref customers[i];
            if (c.Frequency > 0 && c.MonetaryValue > 0)
            {
                rows.Add(c.Frequency, c.MonetaryValue, 1);
            }
            else
            {
                excluded++;
            }
        }

        return rows;
    }
}
