using Clv.Crm;
using Clv.Csv;
using Clv.Lifecycle;
using Clv.Parquet;
using Clv.Probabilistic;

namespace Clv.Orleans.Internal;

/// <summary>
/// A partition: its summaries live only in this activation's memory; its fit statistics are kept in its own grain state
/// (so the job grain's state stays small at any size). Everything it returns is derived from its files (and the model
/// JSON), so a re-activation on another silo (after the first one died, or after its stored state was lost) recomputes
/// the same answer.
/// </summary>
[global::Orleans.Placement.RandomPlacement]   // spread the partitions over the silos (activation-count placement puts them all beside the job grain until silo statistics arrive)
internal sealed class ClvPartitionGrain([PersistentState("partition", ClvClusterJob.StorageName)] IPersistentState<PartitionState> state) : Grain, IClvPartitionGrain, IDisposable
{
    private CustomerSummaries? _customers;
    private long _rejected;
    private CancellationTokenSource _stop = new();

    private ClusterJobHooks? Hooks => ServiceProvider.GetService(typeof(ClusterJobHooks)) as ClusterJobHooks;

    public async Task<PartitionCounts> ComputeStatisticsAsync(string definitionJson, int partition) => (await GetStatisticsAsync(definitionJson, partition)).Counts;

    public async Task<PartitionStatistics> GetStatisticsAsync(string definitionJson, int partition)
    {
        if (state.State.Statistics is { } stored && string.Equals(state.State.Definition, definitionJson, StringComparison.Ordinal))
        {
            return stored;
        }

        // File and CPU work runs on the thread pool, not on the activation's scheduler: the Parquet reader waits on
        // async I/O inside, which must not need this activation's (single) thread to continue.
        var definition = JobDefinition.FromJson(definitionJson);
        var customers = await Task.Run(() => Summaries(definition, partition));
        var statistics = await Task.Run(() =>
        {
            byte[] purchases = PurchaseStatistics.FromSummaries(customers).ToBytes(), spend = SpendStatistics.FromSummaries(customers).ToBytes();
            return new PartitionStatistics
            {
                Purchases = purchases,
                Spend = spend,
                IdSketch = Sketch(customers),
                Counts = new PartitionCounts
                {
                    Customers = customers.Count,
                    Transactions = customers.TransactionCount,
                    RejectedRows = _rejected,
                    StatisticsBytes = (long)purchases.Length + spend.Length,
                },
            };
        });
        Hooks?.CountStatisticsComputed();
        bool started = state.State.OutputStarted && string.Equals(state.State.Definition, definitionJson, StringComparison.Ordinal);
        state.State = new PartitionState { Definition = definitionJson, Statistics = statistics, OutputStarted = started };
        await StateWrites.WriteAsync(state);
        return statistics;
    }

    public async Task<PartitionAggregates> ScoreAsync(string definitionJson, int partition, string purchaseModelJson, string spendModelJson)
    {
        var definition = JobDefinition.FromJson(definitionJson);
        string path = definition.OutputPath(partition), temporary = definition.TemporaryPath(partition);

        // Recorded before the temporary file exists: a failed or cancelled job deletes the files under this partition's
        // names only when it began to write them (files of another job or run in the folder are not its to delete).
        bool sameJob = string.Equals(state.State.Definition, definitionJson, StringComparison.Ordinal);
        if (!(sameJob && state.State.OutputStarted))
        {
            state.State = new PartitionState { Definition = definitionJson, Statistics = sameJob ? state.State.Statistics : null, OutputStarted = true };
            await StateWrites.WriteAsync(state);
        }

        var scorecard = await Task.Run(() =>
        {
            var customers = Summaries(definition, partition);
            var options = definition.ScorecardOptions(BgNbdModel.FromJson(purchaseModelJson), GammaGammaModel.FromJson(spendModelJson));
            var scorecard = Scorecard.Create(customers, options);

            // Write under the one temporary name, then move: a reader sees the whole file or none, and a re-run overwrites.
            Directory.CreateDirectory(definition.OutputFolder);
            using var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None);
            if (definition.OutputFormat == ClusterOutputFormat.Csv)
            {
                ScorecardCsv.Write(stream, scorecard, definition.CsvOutput());
            }
            else
            {
                ScorecardParquet.Write(stream, scorecard);
            }

            return scorecard;
        });

        if (Hooks?.BeforeMove is { } hook)
        {
            await hook(this.GetPrimaryKeyString());
        }

        _stop.Token.ThrowIfCancellationRequested();   // stopped: the job deletes the temporary file
        File.Move(temporary, path, overwrite: true);
        var aggregates = Aggregate(scorecard, path);

        // The summaries are not needed any more: free the memory and let the activation go.
        _customers = null;
        DeactivateOnIdle();
        return aggregates;
    }

    public void Dispose() => _stop.Dispose();

    public Task StopAsync()
    {
        _stop.Cancel();
        return Task.CompletedTask;
    }

    public async Task DeleteOutputAsync(string definitionJson, int partition)
    {
        // The summaries go too: a job started again reads the files again (they may have been mended), and so does the
        // stop: the next run's calls are not stopped.
        _customers = null;
        if (_stop.IsCancellationRequested)
        {
            _stop.Dispose();
            _stop = new CancellationTokenSource();
        }

        var definition = JobDefinition.FromJson(definitionJson);
        if (state.State.OutputStarted && string.Equals(state.State.Definition, definitionJson, StringComparison.Ordinal) && Directory.Exists(definition.OutputFolder))
        {
            File.Delete(definition.TemporaryPath(partition));
            File.Delete(definition.OutputPath(partition));
        }

        if (state.RecordExists)
        {
            await state.ClearStateAsync();
        }
    }

    private CustomerSummaries Summaries(JobDefinition definition, int partition)
    {
        if (_customers is { } cached)
        {
            return cached;
        }

        var builder = new CustomerSummariesBuilder(definition.ObservationEnd, definition.TimeUnit);
        long rejected = 0;
        var token = _stop.Token;
        foreach (string file in definition.Partitions[partition])
        {
            Hooks?.BeforeRead?.Invoke(this.GetPrimaryKeyString(), token).Wait(token);
            rejected += ShardReader.ReadInto(file, builder, definition, token);
        }

        _rejected = rejected;
        Hooks?.CountSummariesBuilt();
        _customers = builder.BuildPart();   // a partition may hold only customers who came after the observation end
        return _customers;
    }

    private static byte[] Sketch(CustomerSummaries customers)
    {
        var sketch = new DistinctIdSketch();
        for (int i = 0; i < customers.Count; i++)
        {
            sketch.Add(customers[i].CustomerId);
        }

        return sketch.ToBytes();
    }

    /// <summary>
    /// The partition's totals and counts. The totals are summed exactly (ExactSum): the partition's customers come in the order
    /// their rows arrived, which changes from run to run, and running sums changed the job's totals in their last digits.
    /// </summary>
    internal static PartitionAggregates Aggregate(Scorecard scorecard, string path)
    {
        double clv = 0, expected = 0, alive = 0, historical = 0;
        double clvError = 0, expectedError = 0, aliveError = 0, historicalError = 0;
        var stages = new long[Enum.GetValues<LifecycleStage>().Max(s => (int)s) + 1];
        var segments = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var row in scorecard.Rows)
        {
            clvError += ExactSum.Add(ref clv, row.Clv ?? 0);
            expectedError += ExactSum.Add(ref expected, row.ExpectedPurchases ?? 0);
            aliveError += ExactSum.Add(ref alive, row.AliveProbability ?? 0);
            historicalError += ExactSum.Add(ref historical, row.HistoricalValue ?? 0);
            if (row.Stage is { } stage)
            {
                stages[(int)stage]++;
            }

            if (row.Segment is { } segment)
            {
                segments[segment.Name] = segments.GetValueOrDefault(segment.Name) + 1;
            }
        }

        return new PartitionAggregates
        {
            Customers = scorecard.Rows.Count,
            Clv = ExactSum.Round(clv, clvError),
            ExpectedPurchases = ExactSum.Round(expected, expectedError),
            ExpectedAlive = ExactSum.Round(alive, aliveError),
            HistoricalValue = ExactSum.Round(historical, historicalError),
            Stages = stages,
            Segments = segments,
            OutputFile = path,
        };
    }
}
