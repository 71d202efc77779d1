namespace Clv.Orleans.Internal;

/// <summary>Retries of calls that failed because a silo died or was unreachable: the grain is re-activated elsewhere.</summary>
internal static class Transient
{
    /// <summary>How long a call is retried while it keeps failing with silo failures (membership may take a while to declare a silo dead).</summary>
    public static readonly TimeSpan RetryFor = TimeSpan.FromMinutes(3);

    public static bool IsSiloFailure(Exception ex) => ex is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException;

    public static async Task<T> RetryAsync<T>(Func<Task<T>> call, CancellationToken token)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        for (int attempt = 1; ; attempt++)
        {
            token.ThrowIfCancellationRequested();
            try
            {
                return await call();
            }
            catch (Exception ex) when (IsSiloFailure(ex) && started.Elapsed < RetryFor)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(2000, 100 * attempt)), token);
            }
        }
    }
}
