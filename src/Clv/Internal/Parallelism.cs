namespace Clv.Internal;

/// <summary>
/// Splits index ranges over the machine's cores for loops whose iterations are independent, so results are
/// identical to a sequential run. Small inputs run inline.
/// </summary>
internal static class Parallelism
{
    /// <summary>Below this many items a loop runs on the calling thread.</summary>
    public const int MinimumParallelCount = 32_768;

    /// <summary>Runs <paramref name="body"/> over contiguous sub-ranges [from, to) covering [0, count).</summary>
    /// <param name="count">Number of items.</param>
    /// <param name="body">Processes items [from, to).</param>
    /// <param name="minimumPerWorker">Items a worker must have before another core is used.</param>
    public static void For(int count, Action<int, int> body, int minimumPerWorker = MinimumParallelCount)
    {
        int workers = Math.Min(Environment.ProcessorCount, count / minimumPerWorker);
        if (workers <= 1)
        {
            body(0, count);
            return;
        }

        int chunks = Math.Min(count, workers * 4);
        Parallel.For(0, chunks, i =>
        {
            long from = (long)count * i / chunks;
            long to = (long)count * (i + 1) / chunks;
            body((int)from, (int)to);
        });
    }
}
