namespace Clv.Orleans.Internal;

/// <summary>A partition grain (key: <c>job id/partition index</c>): reads its shard files, ships statistics, scores, writes its file.</summary>
internal interface IClvPartitionGrain : IGrainWithStringKey
{
    /// <summary>Reads the partition's files into summaries (kept in memory), stores their fit statistics in the partition's state and returns their counts.</summary>
    [ResponseTimeout("02:00:00")]
    Task<PartitionCounts> ComputeStatisticsAsync(string definitionJson, int partition);

    /// <summary>The partition's fit statistics: from its stored state, or computed again from its files when the state was lost.</summary>
    [ResponseTimeout("02:00:00")]
    Task<PartitionStatistics> GetStatisticsAsync(string definitionJson, int partition);

    /// <summary>Scores the partition's customers (re-reading the files if the summaries were lost) and writes its output file.</summary>
    [ResponseTimeout("02:00:00")]
    Task<PartitionAggregates> ScoreAsync(string definitionJson, int partition, string purchaseModelJson, string spendModelJson);

    /// <summary>Stops the partition's read or scoring at work (its call ends in <see cref="OperationCanceledException"/>); runs beside the call it stops. The next <see cref="DeleteOutputAsync"/> makes the partition ready for another run.</summary>
    [global::Orleans.Concurrency.AlwaysInterleave]
    Task StopAsync();

    /// <summary>Deletes the partition's output file and its temporary file when this job began to write them (files of the same names it never wrote are left alone), drops its summaries and clears its stored state.</summary>
    Task DeleteOutputAsync(string definitionJson, int partition);
}
