namespace Clv.Orleans;

/// <summary>The progress of a cluster job, as <see cref="ClvClusterJob.RunAsync"/> reports it.</summary>
/// <param name="Stage">The stage the job is in.</param>
/// <param name="PartitionsDone">How many partitions have finished the stage (0 to <paramref name="PartitionCount"/>; 0 throughout <see cref="ClusterJobStage.Fit"/>, one step of the job grain with no partition at work, and in <see cref="ClusterJobStage.Failed"/> and <see cref="ClusterJobStage.Cancelled"/>).</param>
/// <param name="PartitionCount">The number of partitions.</param>
public readonly record struct ClusterJobProgress(ClusterJobStage Stage, int PartitionsDone, int PartitionCount);
