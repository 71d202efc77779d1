namespace Clv.Plots.Internal;

/// <summary>The first few of a rank order, without sorting every customer.</summary>
internal static class TopRanks
{
    /// <summary>
    /// The first <paramref name="top"/> indices (fewer when fewer are kept) in the order of
    /// <c>Enumerable.Range(0, n).Where(keep).OrderByDescending(i =&gt; value(i)).ThenBy(i =&gt; i).Take(top)</c>: largest value first,
    /// equal values in index order, NaN after every number (LINQ's comparer). A heap of the best <paramref name="top"/> so far:
    /// one pass, a comparison per index once the heap is full.
    /// </summary>
    /// <param name="n">The number of indices, 0 to n − 1.</param>
    /// <param name="top">How many to return, at least 1.</param>
    /// <param name="value">The value of index i.</param>
    /// <param name="keep">Whether index i is ranked at all; null for every index.</param>
    /// <returns>The indices, best first.</returns>
    public static int[] Descending(int n, int top, Func<int, double> value, Func<int, bool>? keep = null)
    {
        // A min-heap under "ranks after": its root is the worst index kept.
        var heap = new PriorityQueue<int, (double Value, int Index)>(top + 1, WorstFirst.Instance);
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
            else if (heap.TryPeek(out _, out var worst) && WorstFirst.Instance.Compare(key, worst) > 0)
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

    /// <summary>Orders keys worst first: the smaller value (NaN smallest, as <see cref="double.CompareTo(double)"/>), then the larger index.</summary>
    private sealed class WorstFirst : IComparer<(double Value, int Index)>
    {
        public static readonly WorstFirst Instance = new();

        public int Compare((double Value, int Index) x, (double Value, int Index) y)
        {
            int byValue = x.Value.CompareTo(y.Value);
            return byValue != 0 ? byValue : y.Index.CompareTo(x.Index);
        }
    }
}
