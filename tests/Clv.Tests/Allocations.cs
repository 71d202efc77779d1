namespace Clv.Tests;

/// <summary>
/// Managed bytes that a piece of work allocates on the calling thread, as the least over several attempts: a one-time
/// runtime allocation on the thread (type loading, a lazily made static, the JIT re-compiling a hot loop) shows up in one
/// attempt only, while an allocation in the code measured shows up in every one.
/// </summary>
internal static class Allocations
{
    /// <summary>The least bytes <paramref name="work"/> allocated in any of <paramref name="attempts"/> runs.</summary>
    public static long Least(int attempts, Action work) => Least(attempts, static () => 0, _ => work());

    /// <summary>
    /// The least bytes <paramref name="work"/> allocated in any of <paramref name="attempts"/> runs, each on fresh state made
    /// by <paramref name="prepare"/> outside the measurement and checked by <paramref name="check"/> after it.
    /// </summary>
    public static long Least<T>(int attempts, Func<T> prepare, Action<T> work, Action<T>? check = null)
    {
        long least = long.MaxValue;
        for (int attempt = 0; attempt < attempts; attempt++)
        {
            var state = prepare();
            long before = GC.GetAllocatedBytesForCurrentThread();
            work(state);
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
            check?.Invoke(state);
        }

        return least;
    }
}
