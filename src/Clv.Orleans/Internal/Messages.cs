namespace Clv.Orleans.Internal;

/// <summary>A partition's fit statistics as bytes and a few counts, never summaries: kept in the partition's own grain state and fetched by the fit and by the client, one partition per message.</summary>
[GenerateSerializer]
[Immutable]
internal sealed class PartitionStatistics
{
    /// <summary>The partition's <c>PurchaseStatistics.ToBytes()</c>.</summary>
    [Id(0)]
    public byte[] Purchases { get; init; } = [];

    /// <summary>The partition's <c>SpendStatistics.ToBytes()</c>.</summary>
    [Id(1)]
    public byte[] Spend { get; init; } = [];

    /// <summary>The partition's customer ids as a <see cref="DistinctIdSketch"/> (64 KB): the job checks with it that no customer is in two partitions.</summary>
    [Id(2)]
    public byte[] IdSketch { get; init; } = [];

    /// <summary>The partition's counts (what the job grain keeps of these statistics).</summary>
    [Id(3)]
    public PartitionCounts Counts { get; init; } = new();
}

/// <summary>What a partition reports after the statistics stage, and all the job grain keeps of it: a few counts whatever the partition's size (the statistics stay in the partition's own state).</summary>
[GenerateSerializer]
[Immutable]
internal sealed class PartitionCounts
{
    [Id(0)]
    public long Customers { get; init; }

    [Id(1)]
    public long Transactions { get; init; }

    [Id(2)]
    public long RejectedRows { get; init; }

    /// <summary>The length of the partition's purchase and spend statistics in bytes.</summary>
    [Id(3)]
    public long StatisticsBytes { get; init; }
}

/// <summary>A partition grain's persisted state: the definition its statistics were computed for, and the statistics.</summary>
[GenerateSerializer]
internal sealed class PartitionState
{
    /// <summary>The job definition (JSON) the statistics belong to; a different definition computes them again.</summary>
    [Id(0)]
    public string? Definition { get; set; }

    [Id(1)]
    public PartitionStatistics? Statistics { get; set; }

    /// <summary>True once the partition began writing its output file for <see cref="Definition"/> (recorded before the temporary file is created): only then does a failed or cancelled job delete the file under its name.</summary>
    [Id(2)]
    public bool OutputStarted { get; set; }
}

/// <summary>What a partition ships after scoring: totals and counts over its customers.</summary>
[GenerateSerializer]
[Immutable]
internal sealed class PartitionAggregates
{
    [Id(0)]
    public long Customers { get; init; }

    [Id(1)]
    public double Clv { get; init; }

    [Id(2)]
    public double ExpectedPurchases { get; init; }

    [Id(3)]
    public double ExpectedAlive { get; init; }

    [Id(4)]
    public double HistoricalValue { get; init; }

    /// <summary>Customers by lifecycle stage, indexed by the stage's value.</summary>
    [Id(5)]
    public long[] Stages { get; init; } = [];

    /// <summary>Customers by RFM segment name (empty without cut points).</summary>
    [Id(6)]
    public Dictionary<string, long> Segments { get; init; } = [];

    [Id(7)]
    public string OutputFile { get; init; } = "";
}

/// <summary>The job's status, as the client polls it.</summary>
[GenerateSerializer]
[Immutable]
internal sealed class JobStatus
{
    /// <summary>The stage (held as its number: the public enum carries no Orleans serializer).</summary>
    public ClusterJobStage Stage { get => (ClusterJobStage)StageValue; init => StageValue = (int)value; }

    [Id(0)]
    public int StageValue { get; init; }

    [Id(1)]
    public int PartitionsDone { get; init; }

    [Id(2)]
    public int PartitionCount { get; init; }

    [Id(3)]
    public string? Failure { get; init; }

    /// <summary>False when the job grain has no stored state: the job was never started, or its storage lost it (in-memory storage on a silo that died).</summary>
    [Id(4)]
    public bool Known { get; init; }

    /// <summary>False while a failed or cancelled job still waits for the partitions' calls to end or deletes its output files; true in every other stage.</summary>
    [Id(5)]
    public bool Settled { get; init; }
}

/// <summary>A completed job's result as stored: the models, the partitions' counts and aggregates (the statistics are fetched from the partitions).</summary>
[GenerateSerializer]
[Immutable]
internal sealed class JobOutcome
{
    [Id(0)]
    public string PurchaseModelJson { get; init; } = "";

    [Id(1)]
    public string SpendModelJson { get; init; } = "";

    [Id(2)]
    public PartitionCounts[] Counts { get; init; } = [];

    [Id(3)]
    public PartitionAggregates[] Aggregates { get; init; } = [];
}

/// <summary>The job grain's persisted state.</summary>
[GenerateSerializer]
internal sealed class JobState
{
    /// <summary>The job's definition as JSON (<see cref="JobDefinition.ToJson"/>); null before the job is started.</summary>
    [Id(0)]
    public string? Definition { get; set; }

    public ClusterJobStage Stage { get => (ClusterJobStage)StageValue; set => StageValue = (int)value; }

    [Id(1)]
    public int StageValue { get; set; }

    /// <summary>The partitions' counts as their statistics are computed (null for a partition not done yet). The statistics themselves stay in each partition's state, so this state stays small at any number of customers.</summary>
    [Id(2)]
    public PartitionCounts?[] Counts { get; set; } = [];

    [Id(3)]
    public string? PurchaseModelJson { get; set; }

    [Id(4)]
    public string? SpendModelJson { get; set; }

    /// <summary>The partitions' aggregates as they come in (null for a partition not scored yet).</summary>
    [Id(5)]
    public PartitionAggregates?[] Aggregates { get; set; } = [];

    [Id(6)]
    public string? Failure { get; set; }

    /// <summary>True once a failed or cancelled job has no partition at work and has deleted the output files it wrote.</summary>
    [Id(7)]
    public bool OutputsDeleted { get; set; }

    /// <summary>Why deleting a failed or cancelled job's output files failed (null when they were deleted).</summary>
    [Id(8)]
    public string? CleanupFailure { get; set; }
}
