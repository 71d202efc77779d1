using Clv.Lifecycle;
using Clv.Orleans.Internal;
using Clv.Probabilistic;

namespace Clv.Orleans;

/// <summary>
/// Runs a Clv job on an Orleans cluster: the client-side entry point. The silos need only this package referenced (its
/// grains register themselves) and a grain storage provider named <see cref="StorageName"/>.
/// </summary>
/// <remarks>
/// <para>The job: each partition grain reads its shard files into customer summaries and ships its fit statistics
/// (<see cref="PurchaseStatistics"/> and <see cref="SpendStatistics"/> as bytes: the purchase statistics are a few
/// kilobytes at day resolution whatever the number of customers, the spend statistics about 14 bytes per repeat buyer,
/// since mean spends rarely coincide); the job grain merges them, fits BG/NBD and Gamma-Gamma once, hands the models back as JSON, and each
/// partition scores its own customers and writes one scorecard file (to a temporary name, then moved in). No summary
/// and no transaction crosses the wire.</para>
/// <para>Faults: each partition keeps its statistics in its own grain state, and the job grain writes its stage, the
/// partitions' counts, the models and the aggregates to grain storage as they come in (the largest message and the
/// largest stored state is one partition's statistics, about 15 bytes per customer of that partition). When a
/// silo dies, calls to it fail with <c>SiloUnavailableException</c> (or a rejection or time-out); both the job grain
/// and this method retry them, the grains are re-activated on the remaining silos, and the job resumes from the stored
/// state; a partition that lost its summaries reads its files again, so the result is the same.</para>
/// </remarks>
public static class ClvClusterJob
{
    /// <summary>The name of the grain storage provider the job grain keeps its state in: register one under this name on every silo (<c>AddMemoryGrainStorage</c>, <c>AddAdoNetGrainStorage</c>, <c>AddRedisGrainStorage</c>, ...).</summary>
    public const string StorageName = "clv-jobs";

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Runs the job to the end and returns its result. A job with this id started before is resumed where it is; one
    /// that completed returns its stored result; one that failed or was cancelled starts again from the beginning (its
    /// shard files are read again, so a mended file is taken), with this spec (a corrected one is taken too).
    /// </summary>
    /// <param name="grains">The cluster client (<c>IClusterClient</c>) or, inside a grain, its grain factory.</param>
    /// <param name="spec">The job.</param>
    /// <param name="progress">Receives the stage and the partitions done whenever they change; null for none.</param>
    /// <param name="cancellationToken">Cancels the job: the job is marked cancelled, the partitions still at work are stopped, the output files the job wrote are deleted, then <see cref="OperationCanceledException"/> is thrown.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="grains"/> or <paramref name="spec"/> is null.</exception>
    /// <exception cref="ArgumentException">The spec is incomplete (the message names the property), lists a shard file twice (the message names it and both places), its job id belongs to a running or completed job with a different spec, its output folder already holds part files and <see cref="ClusterJobSpec.ReplaceOutput"/> is false (the message names the folder and the files), or a time zone is set for CSV shards whose date format holds no offset (it would change nothing: the message says what to do).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A property of the spec is out of range: <see cref="ClusterJobSpec.OutputFormat"/>, <see cref="ClusterJobSpec.TimeUnit"/>, or the <see cref="ClusterJobSpec.Horizon"/>'s periods (1 to 1,000,000), period or margin rate (the message names the property path and value; checked before the cluster is called).</exception>
    /// <exception cref="ClusterJobException">The job failed: a shard file is bad (the message names the file, row and column), the shard files are not split by customer (the message says what share of customers is in two partitions), or a fit failed. The first partition that fails stops the others, and the output files the job wrote are deleted first (files of the same names in the folder that it never began to write are left alone); when deleting fails, the message says so.</exception>
    /// <exception cref="OperationCanceledException">The job was cancelled (by <paramref name="cancellationToken"/> or by another client).</exception>
    public static async Task<ClusterJobResult> RunAsync(IGrainFactory grains, ClusterJobSpec spec, IProgress<ClusterJobProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grains);
        string definition = JobDefinition.FromSpec(spec).ToJson();
        var job = grains.GetGrain<IClvJobGrain>(spec.JobId);
        var status = await Transient.RetryAsync(() => job.StartAsync(definition, false), CancellationToken.None).ConfigureAwait(false);
        if (status.Stage is ClusterJobStage.Failed or ClusterJobStage.Cancelled)
        {
            // It failed or was cancelled before and is still deleting its files: once that is done, it starts again.
            await WaitSettledAsync(job, status).ConfigureAwait(false);
            status = await Transient.RetryAsync(() => job.StartAsync(definition, false), CancellationToken.None).ConfigureAwait(false);
        }

        ClusterJobProgress? last = null;
        while (true)
        {
            var now = new ClusterJobProgress(status.Stage, status.PartitionsDone, status.PartitionCount);
            if (now != last)
            {
                progress?.Report(now);
                last = now;
            }

            switch (status.Stage)
            {
                case ClusterJobStage.Completed:
                    var outcome = await Transient.RetryAsync(job.GetOutcomeAsync, CancellationToken.None).ConfigureAwait(false);
                    var statistics = await FetchStatisticsAsync(grains, spec.JobId, definition, outcome.Counts.Length).ConfigureAwait(false);
                    return Result(spec.JobId, outcome, statistics);
                case ClusterJobStage.Failed:
                    status = await WaitSettledAsync(job, status).ConfigureAwait(false);
                    throw new ClusterJobException(spec.JobId, status.Failure ?? "The job failed.");
                case ClusterJobStage.Cancelled:
                    status = await WaitSettledAsync(job, status).ConfigureAwait(false);
                    throw new OperationCanceledException(Cancelled(spec.JobId, status), cancellationToken);
            }

            if (cancellationToken.IsCancellationRequested)
            {
                status = await Transient.RetryAsync(job.CancelAsync, CancellationToken.None).ConfigureAwait(false);
                if (status.Stage == ClusterJobStage.Cancelled)
                {
                    progress?.Report(new ClusterJobProgress(status.Stage, status.PartitionsDone, status.PartitionCount));
                    status = await WaitSettledAsync(job, status).ConfigureAwait(false);
                    throw new OperationCanceledException(Cancelled(spec.JobId, status), cancellationToken);
                }

                continue;   // it completed or failed first
            }

            try
            {
                await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                continue;   // cancel on the next turn of the loop
            }

            status = await Transient.RetryAsync(job.GetStatusAsync, CancellationToken.None).ConfigureAwait(false);
            if (!status.Known)
            {
                // The storage lost the job (in-memory storage on a silo that died): start it again. The partitions'
                // work is idempotent, so the result is the same; a durable provider never gets here.
                status = await Transient.RetryAsync(() => job.StartAsync(definition, true), CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Polls a failed or cancelled job until no partition is at work and its files are deleted (not cancellable: the caller's token may be the one that cancelled it).</summary>
    private static async Task<JobStatus> WaitSettledAsync(IClvJobGrain job, JobStatus status)
    {
        while (!status.Settled)
        {
            await Task.Delay(PollInterval, CancellationToken.None).ConfigureAwait(false);
            status = await Transient.RetryAsync(job.GetStatusAsync, CancellationToken.None).ConfigureAwait(false);
        }

        return status;
    }

    private static string Cancelled(string jobId, JobStatus status) =>
        "The job '" + jobId + "' was cancelled." + (status.Failure is { } failure ? " " + failure : "");

    /// <summary>The partitions' statistics, one partition per message (no message carries more than one partition's), fetched in parallel and merged here.</summary>
    private static async Task<(PurchaseStatistics Purchases, SpendStatistics Spend)> FetchStatisticsAsync(IGrainFactory grains, string jobId, string definition, int partitions)
    {
        var parts = await Task.WhenAll(Enumerable.Range(0, partitions).Select(p =>
        {
            var partition = grains.GetGrain<IClvPartitionGrain>(ClvJobGrain.PartitionKey(jobId, p));
            return Transient.RetryAsync(() => partition.GetStatisticsAsync(definition, p), CancellationToken.None);
        })).ConfigureAwait(false);
        return (PurchaseStatistics.Merge(parts.Select(s => PurchaseStatistics.FromBytes(s.Purchases))),
                SpendStatistics.Merge(parts.Select(s => SpendStatistics.FromBytes(s.Spend))));
    }

    private static ClusterJobResult Result(string jobId, JobOutcome outcome, (PurchaseStatistics Purchases, SpendStatistics Spend) statistics)
    {
        var stages = new Dictionary<LifecycleStage, long>();
        var segments = new SortedDictionary<string, long>(StringComparer.Ordinal);
        double clv = 0, expected = 0, alive = 0, historical = 0;
        long customers = 0;
        foreach (var a in outcome.Aggregates)
        {
            customers += a.Customers;
            clv += a.Clv;
            expected += a.ExpectedPurchases;
            alive += a.ExpectedAlive;
            historical += a.HistoricalValue;
            for (int s = 0; s < a.Stages.Length; s++)
            {
                if (a.Stages[s] > 0)
                {
                    stages[(LifecycleStage)s] = stages.GetValueOrDefault((LifecycleStage)s) + a.Stages[s];
                }
            }

            foreach (var (name, count) in a.Segments)
            {
                segments[name] = segments.GetValueOrDefault(name) + count;
            }
        }

        return new ClusterJobResult(
            jobId,
            BgNbdModel.FromJson(outcome.PurchaseModelJson),
            GammaGammaModel.FromJson(outcome.SpendModelJson),
            statistics.Purchases,
            statistics.Spend,
            outcome.Counts.Sum(c => c.StatisticsBytes),
            outcome.Counts.Sum(c => c.Transactions),
            outcome.Counts.Sum(c => c.RejectedRows),
            customers,
            clv,
            expected,
            alive,
            historical,
            stages,
            segments,
            [.. outcome.Aggregates.Select(a => a.OutputFile)]);
    }
}
