namespace Clv.Orleans.Internal;

/// <summary>The job grain (key: the job id): coordinates the partitions, fits once, keeps the job's state in grain storage.</summary>
internal interface IClvJobGrain : IGrainWithStringKey
{
    /// <summary>Starts the job, or resumes it after a silo loss; idempotent for the same definition.</summary>
    Task<JobStatus> StartAsync(string definitionJson);

    /// <summary>The job's stage and progress; resumes the work if this activation has not run it yet.</summary>
    Task<JobStatus> GetStatusAsync();

    /// <summary>The result of a completed job.</summary>
    Task<JobOutcome> GetOutcomeAsync();

    /// <summary>Cancels the job and deletes every output file of it; returns when no file is left.</summary>
    [ResponseTimeout("01:00:00")]
    Task<JobStatus> CancelAsync();
}
