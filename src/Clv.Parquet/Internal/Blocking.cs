namespace Clv.Parquet.Internal;

/// <summary>
/// Waits for Parquet.Net's asynchronous calls under the library's synchronous API. Parquet.Net's own awaits resume on the
/// caller's synchronization context or task scheduler: waiting for them on a thread that owns one (a WinForms or WPF UI
/// thread, an Orleans grain) blocked the thread the awaits waited for, and the read or write never ended. There the call
/// starts on a thread-pool thread; elsewhere it runs on the calling thread as before.
/// </summary>
internal static class Blocking
{
    /// <summary>Starts <paramref name="start"/> and waits for it.</summary>
    public static void Wait(Func<Task> start)
    {
        if (IsFree)
        {
            start().GetAwaiter().GetResult();
        }
        else
        {
            Task.Run(start).GetAwaiter().GetResult();
        }
    }

    /// <summary>Starts <paramref name="start"/> and waits for its result.</summary>
    public static T Wait<T>(Func<Task<T>> start) => IsFree ? start().GetAwaiter().GetResult() : Task.Run(start).GetAwaiter().GetResult();

    /// <summary>No synchronization context or task scheduler for awaits to resume on but the thread pool's.</summary>
    private static bool IsFree => SynchronizationContext.Current is null && TaskScheduler.Current == TaskScheduler.Default;
}
