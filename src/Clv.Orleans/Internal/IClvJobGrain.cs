namespace Clv.Orleans.Internal;

/// <summary>The job grain (key: the job id): coordinates the partitions, fits once, keeps the job's state in grain storage.</summary>
internal interface IClvJobGrain : IGrainWithStringKey
{
    /// <summary>Starts the job, or resumes it after a silo loss; idempotent for the same definition, except that a job that failed or was cancelled (and is settled) starts again from the beginning.</summary>
    /// <param name="definitionJson">The job's definition.</param>
    /// <param name="storageLost">True when the client starts again a job its storage lost (its output folder is not checked again: the files there are the job's own).</param>
    /// <returns>The status.</returns>
    Task<JobStatus> StartAsync(string definitionJson, bool storageLost);

    /// <summary>The job's stage and progress; resumes the work if this activation has not run it yet.</summary>
    Task<JobStatus> GetStatusAsync();

    /// <summary>The result of a completed job.</summary>
    Task<JobOutcome> GetOutcomeAsync();

    /// <summary>Marks the job cancelled, stops the partitions at work, and returns at once; the activation then waits for their calls to end and deletes the files the job wrote (the status says <see cref="JobStatus.Settled"/> when that is done).</summary>
    Task<JobStatus> CancelAsync();
}
