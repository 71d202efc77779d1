namespace Clv.Orleans.Internal;

/// <summary>What a partition ships after the statistics stage: fit statistics as bytes and a few counts, never summaries.</summary>
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

    [Id(2)]
    public long Customers { get; init; }

    [Id(3)]
    public long Transactions { get; init; }

    [Id(4)]
    public long RejectedRows { get; init; }
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
}

/// <summary>A completed job's result as stored: the models, the partitions' statistics and aggregates.</summary>
[GenerateSerializer]
[Immutable]
internal sealed class JobOutcome
{
    [Id(0)]
    public string PurchaseModelJson { get; init; } = "";

    [Id(1)]
    public string SpendModelJson { get; init; } = "";

    [Id(2)]
    public PartitionStatistics[] Statistics { get; init; } = [];

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

    /// <summary>The partitions' statistics as they come in (null for a partition not done yet).</summary>
    [Id(2)]
    public PartitionStatistics?[] Statistics { get; set; } = [];

    [Id(3)]
    public string? PurchaseModelJson { get; set; }

    [Id(4)]
    public string? SpendModelJson { get; set; }

    /// <summary>The partitions' aggregates as they come in (null for a partition not scored yet).</summary>
    [Id(5)]
    public PartitionAggregates?[] Aggregates { get; set; } = [];

    [Id(6)]
    public string? Failure { get; set; }
}
