namespace Clv.Orleans;

/// <summary>
/// A cluster job failed: a shard file could not be read (the message names the file, the row or line and the column,
/// as the CSV and Parquet readers do), or a fit failed. No output file of the job is left behind.
/// </summary>
public sealed class ClusterJobException : Exception
{
    /// <summary>Creates the exception for a failed job.</summary>
    /// <param name="jobId">The job's id.</param>
    /// <param name="message">Why the job failed.</param>
    public ClusterJobException(string jobId, string message)
        : base(message)
    {
        JobId = jobId;
    }

    /// <summary>Creates an exception with no job id.</summary>
    public ClusterJobException()
    {
        JobId = string.Empty;
    }

    /// <summary>Creates an exception with a message and no job id.</summary>
    /// <param name="message">The message.</param>
    public ClusterJobException(string message)
        : base(message)
    {
        JobId = string.Empty;
    }

    /// <summary>Creates an exception with a message, an inner exception and no job id.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ClusterJobException(string message, Exception innerException)
        : base(message, innerException)
    {
        JobId = string.Empty;
    }

    /// <summary>The failed job's id (empty when not given).</summary>
    public string JobId { get; }
}
