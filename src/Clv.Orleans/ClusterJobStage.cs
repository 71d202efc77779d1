namespace Clv.Orleans;

/// <summary>Where a cluster job is: the stages run in this order, and a job ends in one of the last three.</summary>
public enum ClusterJobStage
{
    /// <summary>The partitions read their shard files and reduce their customers to fit statistics.</summary>
    Statistics = 0,

    /// <summary>The job grain merges the statistics and fits BG/NBD and Gamma-Gamma once.</summary>
    Fit = 1,

    /// <summary>The partitions score their customers with the fitted models and write one output file each.</summary>
    Scoring = 2,

    /// <summary>Done: every partition's output file is in place.</summary>
    Completed = 3,

    /// <summary>Failed (a bad shard file, a fit that failed); no output file the job wrote is left (files of the same names it never began to write are not touched). Running the same spec again starts it from the beginning.</summary>
    Failed = 4,

    /// <summary>Cancelled; no output file the job wrote is left (files of the same names it never began to write are not touched). Running the same spec again starts it from the beginning.</summary>
    Cancelled = 5,
}
