// Shared source: compiled into Clv.Csv and Clv.Parquet (each gets its own internal copy; packages share no internals).
namespace Clv.Shared;

/// <summary>
/// Work items produced on the thread pool, a few ahead of the one being consumed, and consumed in order on the caller's
/// thread: the writers' chunks (CSV rows, Parquet column chunks) encoded side by side and written one after the other. There
/// is no barrier between batches: a core that finishes an item starts the next one while the caller writes, so a slow item
/// (or another job on the machine) never leaves a core idle.
/// </summary>
internal static class OrderedWork
{
    /// <summary>
    /// Calls <paramref name="produce"/> for items 0 to <paramref name="count"/> - 1 on the thread pool, at most
    /// <paramref name="ahead"/> at a time, and <paramref name="consume"/> with each result in item order on this thread.
    /// </summary>
    /// <remarks>
    /// An exception from either function leaves once every item already started has finished: nothing is left running on the
    /// caller's data. <paramref name="consume"/> may recycle the result's buffers for later items (for example through a
    /// concurrent bag that <paramref name="produce"/> takes from).
    /// </remarks>
    public static void Run<T>(int count, int ahead, Func<int, T> produce, Action<T> consume)
    {
        ahead = Math.Max(1, ahead);
        var pending = new Queue<Task<T>>(Math.Min(ahead, Math.Max(count, 0)));
        int started = 0;
        void Start()
        {
            int item = started++;
            pending.Enqueue(Task.Run(() => produce(item)));
        }

        try
        {
            while (started < count && pending.Count < ahead)
            {
                Start();
            }

            while (pending.Count > 0)
            {
                var result = pending.Dequeue().GetAwaiter().GetResult();
                if (started < count)
                {
                    Start();
                }

                consume(result);
            }
        }
        finally
        {
            foreach (var task in pending)
            {
                ((Task)task).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing).GetAwaiter().GetResult();
            }
        }
    }
}
