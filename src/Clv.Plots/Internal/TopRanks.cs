namespace Clv.Plots.Internal;

/// <summary>The first few of a rank order, without sorting every customer.</summary>
internal static class TopRanks
{
    /// <summary>
    /// The first <paramref name="top"/> indices (fewer when fewer are kept) in the order of
    /// <c>Enumerable.Range(0, n).Where(keep).OrderByDescending(i =&gt; value(i)).ThenBy(i =&gt; id(i), StringComparer.Ordinal).ThenBy(i =&gt; i).Take(top)</c>:
    /// largest value first, equal values by id (so a list of customers does not depend on their order, which a log read without
    /// ORDER BY changes), then in index order, NaN after every number (LINQ's comparer). A heap of the best <paramref name="top"/>
    /// so far: one pass, a comparison per index once the heap is full.
    /// </summary>
    /// <param name="n">The number of indices, 0 to n − 1.</param>
    /// <param name="top">How many to return, at least 1.</param>
    /// <param name="value">The value of index i.</param>
    /// <param name="keep">Whether index i is ranked at all; null for every index.</param>
    /// <param name="id">The id of index i, ranking equal values; null to rank them by index alone.</param>
    /// <returns>The indices, best first.</returns>
    public static int[] Descending(int n, int top, Func<int, double> value, Func<int, bool>? keep = null, Func<int, string>? id = null)
    {
        // A min-heap under "ranks after": its root is the worst index kept.
        var heap = new PriorityQueue<int, (double Value, int Index)>(top + 1, new WorstFirst(id));
        for (int i = 0; i < n; i++)
        {
            if (keep is not null && !keep(i))
            {
                continue;
            }

            var key = (value(i), i);
            if (heap.Count < top)
            {
                heap.Enqueue(i, key);
            }
            else if (heap.TryPeek(out _, out var worst) && heap.Comparer.Compare(key, worst) > 0)
            {
                heap.DequeueEnqueue(i, key);
            }
        }

        var result = new int[heap.Count];
        for (int k = result.Length - 1; k >= 0; k--)
        {
            result[k] = heap.Dequeue();
        }

        return result;
    }

    /// <summary>Orders keys worst first: the smaller value (NaN smallest, as <see cref="double.CompareTo(double)"/>), then the larger id (ordinal), then the larger index.</summary>
    private sealed class WorstFirst(Func<int, string>? id) : IComparer<(double Value, int Index)>
    {
        public int Compare((double Value, int Index) x, (double Value, int Index) y)
        {
            int byValue = x.Value.CompareTo(y.Value);
            if (byValue != 0)
            {
                return byValue;
            }

            int byId = id is null ? 0 : string.CompareOrdinal(id(y.Index), id(x.Index));
            return byId != 0 ? byId : y.Index.CompareTo(x.Index);
        }
    }
}
