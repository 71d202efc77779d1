namespace Clv.Orleans.Internal;

/// <summary>
/// Points where a test observes or holds the grains: registered as a singleton service by test silos only (the grains
/// ask their silo's services for it and find none in production). Nothing here is static, so silos of different
/// clusters in one process do not share it unless a test registers one instance in each.
/// </summary>
internal sealed class ClusterJobHooks
{
    private long _summariesBuilt;
    private long _statisticsComputed;

    /// <summary>Awaited by the job grain between the statistics stage and the fit (argument: the job id).</summary>
    public Func<string, Task>? AfterStatistics { get; set; }

    /// <summary>Awaited by a partition after its temporary output file is written and before it is moved in (argument: <c>job id/partition</c>).</summary>
    public Func<string, Task>? BeforeMove { get; set; }

    /// <summary>Waited for (on the thread pool) by a partition before it reads each of its files (arguments: <c>job id/partition</c> and the partition's stop token).</summary>
    public Func<string, CancellationToken, Task>? BeforeRead { get; set; }

    /// <summary>How many times any partition read its files into summaries.</summary>
    public long SummariesBuilt => Interlocked.Read(ref _summariesBuilt);

    /// <summary>How many times any partition computed its fit statistics (rather than finding them in its stored state).</summary>
    public long StatisticsComputed => Interlocked.Read(ref _statisticsComputed);

    internal void CountSummariesBuilt() => Interlocked.Increment(ref _summariesBuilt);

    internal void CountStatisticsComputed() => Interlocked.Increment(ref _statisticsComputed);
}
