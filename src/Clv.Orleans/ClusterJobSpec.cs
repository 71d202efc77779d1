using System.Globalization;
using Clv.Crm;
using Clv.Csv;
using Clv.Orleans.Internal;
using Clv.Parquet;
using Clv.Probabilistic;
using Clv.Rfm;

namespace Clv.Orleans;

/// <summary>
/// What a cluster job does: which shard files make up each partition, how to read them, the observation end, the CLV
/// horizon, and where each partition writes its scorecard. A job is identified by <see cref="JobId"/>: running the same
/// spec again resumes (or returns) that job; a different spec under a used id is an error.
/// </summary>
/// <remarks>
/// <para><b>Partitions are partitions of customers</b>: every row of a customer must be in the files of one partition
/// (split the log by a hash of the customer id, as a warehouse export <c>PARTITION BY</c> does). Rows of one customer
/// in two partitions would count that customer twice. Within a partition, rows may be spread over any number of
/// files in any order (amounts are summed in file order: rows of a customer in another order than one log would have
/// can change a mean spend in the last bit, no more).</para>
/// <para>Files ending in <c>.parquet</c> are read with <see cref="TransactionParquet"/> and <see cref="Parquet"/>; any
/// other file with <see cref="TransactionCsv"/> and <see cref="Csv"/>. The options' <c>Progress</c> and
/// <c>CancellationToken</c> are not sent to the silos (cancel the job instead); a time zone is sent by its id (so it must be a system zone: a custom one is refused) and a
/// culture by its name and its number symbols (decimal separator, signs, NaN and infinity), so a customised culture (a
/// clone with another decimal separator) reads amounts on the silos as it does here. Every silo must see the files at the same paths (a shared or network file system, or the same
/// mount on every machine), and so must it see <see cref="OutputFolder"/>.</para>
/// </remarks>
public sealed class ClusterJobSpec
{
    /// <summary>The job's id: the key of its job grain and of its stored state. Not empty.</summary>
    public required string JobId { get; init; }

    /// <summary>The shard files of each partition (one list per partition; at least one partition, none empty, no file listed twice in one partition or in two).</summary>
    public required IReadOnlyList<IReadOnlyList<string>> Partitions { get; init; }

    /// <summary>The last day of the observation period: every score is as of this day.</summary>
    public required DateOnly ObservationEnd { get; init; }

    /// <summary>The time unit of the summaries and the fitted models. Default <see cref="TimeUnit.Week"/>.</summary>
    public TimeUnit TimeUnit { get; init; } = TimeUnit.Week;

    /// <summary>How CSV shard files are read; null for <see cref="TransactionCsvOptions.Default"/>.</summary>
    public TransactionCsvOptions? Csv { get; init; }

    /// <summary>How Parquet shard files are read; null for <see cref="TransactionParquetOptions.Default"/>.</summary>
    public TransactionParquetOptions? Parquet { get; init; }

    /// <summary>The folder every partition writes its scorecard file to (<see cref="OutputPath"/>); created when missing.</summary>
    public required string OutputFolder { get; init; }

    /// <summary>
    /// What to do with part files (<c>part-NNNNN.parquet</c>, <c>.csv</c> or their <c>.tmp</c>) already in
    /// <see cref="OutputFolder"/> when the job starts (an earlier job's output, perhaps with more partitions or the other
    /// format): false (the default) refuses to start the job, naming the folder and the files; true deletes them first,
    /// as an overwrite does (a job that then fails leaves no part file). A job resumed under its id is not checked again.
    /// </summary>
    public bool ReplaceOutput { get; init; }

    /// <summary>The format of the partitions' scorecard files. Default <see cref="ClusterOutputFormat.Parquet"/>.</summary>
    public ClusterOutputFormat OutputFormat { get; init; } = ClusterOutputFormat.Parquet;

    /// <summary>
    /// How CSV part files (<see cref="OutputFormat"/> <see cref="ClusterOutputFormat.Csv"/>) are written: formula escaping
    /// (off for a CRM import that matches customer ids) and the byte order mark (for Excel); null for
    /// <see cref="CsvWriteOptions.Default"/>. Parquet part files always hold the text as it is.
    /// </summary>
    public CsvWriteOptions? CsvOutput { get; init; }

    /// <summary>The CLV horizon, discount rate and margin; <see cref="PredictiveClvOptions.Default"/> by default.</summary>
    public PredictiveClvOptions Horizon { get; init; } = PredictiveClvOptions.Default;

    /// <summary>
    /// RFM cut points to score RFM, segments and value tiers with (fitted beforehand, for example by <c>clv analyze</c>
    /// or on a sample); null (the default) leaves the RFM columns out, because cut points are quantiles of all
    /// customers and cannot be merged from parts.
    /// </summary>
    public RfmCutPoints? RfmCutPoints { get; init; }

    /// <summary>The path of a partition's scorecard file: <c>part-00000.parquet</c> (or <c>.csv</c>) in <see cref="OutputFolder"/>, made a full path as the job makes it (a relative folder is taken from the current directory), so it equals the job's <see cref="ClusterJobResult.OutputFiles"/>.</summary>
    /// <param name="partition">The 0-based partition index.</param>
    /// <returns>The full path.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="partition"/> is not a partition of this spec.</exception>
    public string OutputPath(int partition)
    {
        if (partition < 0 || partition >= (Partitions?.Count ?? 0))
        {
            throw new ArgumentOutOfRangeException(nameof(partition), partition, string.Create(CultureInfo.InvariantCulture, $"partition must be 0 to {(Partitions?.Count ?? 0) - 1}, but was {partition}."));
        }

        return JobDefinition.OutputPath(Path.GetFullPath(OutputFolder), OutputFormat, partition);
    }

    /// <summary>
    /// The scorecard options every partition scores with: the scorecard's defaults, except that only the parts that a
    /// customer's own history and the fitted models decide are kept (no ABC classes, health scores or churn warnings,
    /// which rank or scale customers against all others), and RFM only with <see cref="RfmCutPoints"/>. Scoring all
    /// customers in one process with these options gives exactly the rows of the partitions' files.
    /// </summary>
    /// <param name="purchases">The fitted purchase model.</param>
    /// <param name="spend">The fitted spend model.</param>
    /// <returns>The options.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="purchases"/> or <paramref name="spend"/> is null.</exception>
    public ScorecardOptions ScorecardOptions(PurchaseModel purchases, GammaGammaModel spend)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        ArgumentNullException.ThrowIfNull(spend);
        return JobDefinition.ScorecardOptions(RfmCutPoints, Horizon, purchases, spend);
    }
}
