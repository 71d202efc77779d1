using Clv.Probabilistic;

namespace Clv.Orleans.Internal;

/// <summary>
/// The job: fan-out to the partitions, merge their statistics, fit once, hand the model JSON back for scoring, collect
/// the aggregates. What it keeps is written to grain storage as it comes in (stage, the partitions' counts, the models,
/// the aggregates: a few kilobytes at any size; each partition keeps its own statistics), so an activation on another
/// silo (after this one died) resumes where the last write left off; the work runs in the activation (not in the
/// caller's request), and the client polls <see cref="GetStatusAsync"/>.
/// </summary>
internal sealed class ClvJobGrain([PersistentState("job", ClvClusterJob.StorageName)] IPersistentState<JobState> state) : Grain, IClvJobGrain, IDisposable
{
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private CancellationTokenSource _stop = new();
    private JobDefinition? _definition;
    private Task? _run;
    private Task? _cleanup;
    private Task? _stopping;

    public async Task<JobStatus> StartAsync(string definitionJson, bool storageLost)
    {
        if (state.State.Definition is null)
        {
            // A job its storage lost was checked when it started: the files in its folder are its own.
            await BeginAsync(definitionJson, claimOutputFolder: !storageLost);
        }
        else if (state.State.Stage is ClusterJobStage.Failed or ClusterJobStage.Cancelled)
        {
            // Started again after it failed or was cancelled: once its files are deleted (until then the caller polls
            // and calls again), from the beginning, reading the files again (they may have been mended), with this
            // spec, which may differ (a corrected column name): the partitions' stored statistics were cleared.
            if (state.State.OutputsDeleted)
            {
                await BeginAsync(definitionJson, claimOutputFolder: true);
            }
        }
        else if (!string.Equals(state.State.Definition, definitionJson, StringComparison.Ordinal))
        {
            throw new ArgumentException("The job '" + this.GetPrimaryKeyString() + "' was started with a different spec and has not failed or been cancelled; use a new job id.", nameof(definitionJson));
        }

        EnsureRunning();
        return Status();
    }

    /// <summary>Stores a job at its first stage (new, or started again after it failed or was cancelled) and clears what an earlier run of this activation left.</summary>
    private async Task BeginAsync(string definitionJson, bool claimOutputFolder)
    {
        var definition = JobDefinition.FromJson(definitionJson);
        if (claimOutputFolder)
        {
            definition.ClaimOutputFolder();
        }

        state.State = new JobState
        {
            Definition = definitionJson,
            Stage = ClusterJobStage.Statistics,
            Counts = new PartitionCounts?[definition.PartitionCount],
            Aggregates = new PartitionAggregates?[definition.PartitionCount],
        };
        await WriteAsync();
        _definition = definition;
        if (_stop.IsCancellationRequested)
        {
            _stop.Dispose();
            _stop = new CancellationTokenSource();
        }

        _run = null;
        _cleanup = null;
        _stopping = null;
    }

    public Task<JobStatus> GetStatusAsync()
    {
        EnsureRunning();
        return Task.FromResult(Status());
    }

    public Task<JobOutcome> GetOutcomeAsync()
    {
        var s = state.State;
        if (s.Stage != ClusterJobStage.Completed)
        {
            throw new InvalidOperationException("The job '" + this.GetPrimaryKeyString() + "' has not completed (stage " + s.Stage + ").");
        }

        return Task.FromResult(new JobOutcome
        {
            PurchaseModelJson = s.PurchaseModelJson!,
            SpendModelJson = s.SpendModelJson!,
            Counts = [.. s.Counts.Select(x => x!)],
            Aggregates = [.. s.Aggregates.Select(x => x!)],
        });
    }

    public async Task<JobStatus> CancelAsync()
    {
        if (state.State.Definition is null || state.State.Stage is ClusterJobStage.Completed or ClusterJobStage.Failed or ClusterJobStage.Cancelled)
        {
            EnsureRunning();
            return Status();
        }

        // In one turn: the run checks the token before each stage change, so it cannot move the stage past this.
        state.State.Stage = ClusterJobStage.Cancelled;
        _stop.Cancel();
        StopPartitions();
        await WriteAsync();

        // The partitions at work are told to stop; their calls end before the files are deleted. That runs in the
        // activation, not in this request, so the caller (and every other client) polls instead of waiting here.
        EnsureRunning();
        return Status();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Stop the work without recording anything: the next activation resumes from the stored state.
        _stop.Cancel();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _stop.Dispose();
        _writeLock.Dispose();
    }

    private JobDefinition Definition => _definition ??= JobDefinition.FromJson(state.State.Definition!);

    private void EnsureRunning()
    {
        if (state.State.Definition is null)
        {
            return;
        }

        if (_run is null && state.State.Stage is ClusterJobStage.Statistics or ClusterJobStage.Fit or ClusterJobStage.Scoring)
        {
            DelayDeactivation(TimeSpan.FromHours(1));
            _run = RunAsync(_stop.Token);
        }
        else if (_cleanup is null && state.State.Stage is ClusterJobStage.Failed or ClusterJobStage.Cancelled && !state.State.OutputsDeleted)
        {
            DelayDeactivation(TimeSpan.FromHours(1));
            _cleanup = CleanUpAsync();
        }
    }

    /// <summary>After a failure or a cancellation: waits for the partitions still at work, deletes the files the job wrote, and records that it is settled.</summary>
    private async Task CleanUpAsync()
    {
        if (_run is { } run)
        {
            await run.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Current);
        }

        try
        {
            if (_stopping is { } stopping)
            {
                await stopping;
            }

            await DeleteOutputsAsync();
        }
        catch (Exception ex)
        {
            state.State.CleanupFailure = "Its output files could not all be deleted: " + ex.GetType().Name + ": " + ex.Message;
        }

        state.State.OutputsDeleted = true;
        await WriteAsync();
    }

    private JobStatus Status()
    {
        var s = state.State;
        int count = s.Counts.Length;
        int done = s.Stage switch
        {
            ClusterJobStage.Statistics => s.Counts.Count(x => x is not null),
            ClusterJobStage.Fit => 0,
            ClusterJobStage.Scoring => s.Aggregates.Count(x => x is not null),
            ClusterJobStage.Completed => count,
            _ => 0,
        };
        bool settled = s.Stage is not (ClusterJobStage.Failed or ClusterJobStage.Cancelled) || s.OutputsDeleted;
        string? failure = s.CleanupFailure is null ? s.Failure : s.Failure is null ? s.CleanupFailure : s.Failure + " " + s.CleanupFailure;
        return new JobStatus { Stage = s.Stage, PartitionsDone = done, PartitionCount = count, Failure = failure, Known = s.Definition is not null, Settled = settled };
    }

    private async Task RunAsync(CancellationToken token)
    {
        try
        {
            await StatisticsAsync(token);
            if (ServiceProvider.GetService(typeof(ClusterJobHooks)) is ClusterJobHooks { AfterStatistics: { } hook })
            {
                await hook(this.GetPrimaryKeyString());
                token.ThrowIfCancellationRequested();
            }

            await FitAsync(token);
            await ScoreAsync(token);
        }
        catch (Exception) when (token.IsCancellationRequested)
        {
            // Cancelled or deactivating (whatever a partition threw meanwhile): the cancellation's clean-up (or the next
            // activation) takes it from here.
        }
        catch (Exception ex) when (Transient.IsSiloFailure(ex))
        {
            // Not the job's fault: leave the state as stored; the next status poll starts the work again.
            _run = null;
        }
        catch (Exception ex)
        {
            state.State.Stage = ClusterJobStage.Failed;
            state.State.Failure = ex is InvalidDataException or ModelFitException ? ex.Message : ex.GetType().Name + ": " + ex.Message;
            await WriteAsync();
            EnsureRunning();   // the clean-up, once this run has ended
        }
    }

    private async Task StatisticsAsync(CancellationToken token)
    {
        if (state.State.Stage != ClusterJobStage.Statistics)
        {
            return;
        }

        string json = state.State.Definition!;
        await AllPartitionsAsync(Enumerable.Range(0, Definition.PartitionCount).Where(p => state.State.Counts[p] is null).Select(async p =>
        {
            var result = await Transient.RetryAsync(() => Partition(p).ComputeStatisticsAsync(json, p), token);
            token.ThrowIfCancellationRequested();
            state.State.Counts[p] = result;
            await WriteAsync();
        }));
        await AdvanceAsync(ClusterJobStage.Fit, token);
    }

    private async Task FitAsync(CancellationToken token)
    {
        if (state.State.Stage != ClusterJobStage.Fit)
        {
            return;
        }

        // Fetched one partition per message (from the partitions' stored state, or computed again from their files if
        // that state was lost), merged here, and dropped after the fit: nothing of their size is stored by the job.
        string json = state.State.Definition!;
        var statistics = await Task.WhenAll(Enumerable.Range(0, Definition.PartitionCount).Select(p =>
            Transient.RetryAsync(() => Partition(p).GetStatisticsAsync(json, p), token)));
        token.ThrowIfCancellationRequested();
        var (purchases, spend) = await Task.Run(() =>
        {
            var ids = new DistinctIdSketch();
            foreach (var s in statistics)
            {
                ids.Merge(DistinctIdSketch.FromBytes(s.IdSketch));
            }

            if (DistinctIdSketch.OverlapMessage(statistics.Sum(s => s.Counts.Customers), ids.Estimate()) is { } overlap)
            {
                throw new InvalidDataException(overlap);
            }

            var purchaseStatistics = PurchaseStatistics.Merge(statistics.Select(s => PurchaseStatistics.FromBytes(s.Purchases)));
            var spendStatistics = SpendStatistics.Merge(statistics.Select(s => SpendStatistics.FromBytes(s.Spend)));
            var fitOptions = new FitOptions { CancellationToken = token };
            return (BgNbdModel.Fit(purchaseStatistics, fitOptions).Model.ToJson(), GammaGammaModel.Fit(spendStatistics, fitOptions).Model.ToJson());
        }, token);
        token.ThrowIfCancellationRequested();
        state.State.PurchaseModelJson = purchases;
        state.State.SpendModelJson = spend;
        await AdvanceAsync(ClusterJobStage.Scoring, token);
    }

    private async Task ScoreAsync(CancellationToken token)
    {
        if (state.State.Stage != ClusterJobStage.Scoring)
        {
            return;
        }

        string json = state.State.Definition!, purchases = state.State.PurchaseModelJson!, spend = state.State.SpendModelJson!;
        await AllPartitionsAsync(Enumerable.Range(0, Definition.PartitionCount).Where(p => state.State.Aggregates[p] is null).Select(async p =>
        {
            var result = await Transient.RetryAsync(() => Partition(p).ScoreAsync(json, p, purchases, spend), token);
            token.ThrowIfCancellationRequested();
            state.State.Aggregates[p] = result;
            await WriteAsync();
        }));
        await AdvanceAsync(ClusterJobStage.Completed, token);
    }

    /// <summary>
    /// Waits for the partitions' calls; the first one that fails (not by a silo loss, which is retried) stops the others
    /// at once, so one bad file does not wait for every other partition to read its files. Throws that failure (not a
    /// partition's <see cref="OperationCanceledException"/> from being stopped).
    /// </summary>
    private async Task AllPartitionsAsync(IEnumerable<Task> calls)
    {
        var tasks = calls.Select(async call =>
        {
            try
            {
                await call;
            }
            catch (Exception ex) when (!Transient.IsSiloFailure(ex))
            {
                StopPartitions();   // a silo still lost after the retries ends this run only: the next poll runs it again
                throw;
            }
        }).ToArray();
        var all = Task.WhenAll(tasks);
        try
        {
            await all;
        }
        catch (Exception) when (all.Exception is { } failures)
        {
            var first = failures.InnerExceptions.FirstOrDefault(e => e is not OperationCanceledException) ?? failures.InnerExceptions[0];
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
        }
    }

    /// <summary>
    /// Tells every partition to stop the call it is at (best effort: one that cannot be reached has no call to stop). The
    /// clean-up waits for these before it resets the partitions, so no late stop reaches a partition's next run.
    /// </summary>
    private void StopPartitions()
    {
        if (_stopping is not null)
        {
            return;
        }

        _stopping = Task.WhenAll(Enumerable.Range(0, Definition.PartitionCount).Select(async p =>
        {
            try
            {
                await Partition(p).StopAsync();
            }
            catch (Exception ex) when (Transient.IsSiloFailure(ex))
            {
                // Its silo is gone, and with it the call to stop.
            }
        }));
    }

    /// <summary>Moves to the next stage unless the job was cancelled meanwhile (the check and the change run in one turn).</summary>
    private async Task AdvanceAsync(ClusterJobStage next, CancellationToken token)
    {
        token.ThrowIfCancellationRequested();
        state.State.Stage = next;
        await WriteAsync();
    }

    private async Task DeleteOutputsAsync()
    {
        string json = state.State.Definition!;
        await Task.WhenAll(Enumerable.Range(0, Definition.PartitionCount).Select(p =>
            Transient.RetryAsync(async () =>
            {
                await Partition(p).DeleteOutputAsync(json, p);
                return true;
            }, CancellationToken.None)));
    }

    private IClvPartitionGrain Partition(int p) => GrainFactory.GetGrain<IClvPartitionGrain>(PartitionKey(this.GetPrimaryKeyString(), p));

    internal static string PartitionKey(string jobId, int partition) => jobId + "/" + partition.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Writes the state; writes from concurrent partition results go one at a time (each carries the last ETag).</summary>
    private async Task WriteAsync()
    {
        await _writeLock.WaitAsync();
        try
        {
            await StateWrites.WriteAsync(state);
        }
        finally
        {
            _writeLock.Release();
        }
    }
}
