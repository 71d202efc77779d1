namespace Clv.Parquet;

/// <summary>
/// How <see cref="CustomerSummaryParquet"/> reads a summaries file: strictly (the first bad row throws) or leniently (bad
/// rows are collected in the report and the good ones returned), and how a read reports progress and is cancelled, as
/// <see cref="TransactionParquetOptions"/> does. <see cref="Default"/> (or <c>new CustomerSummaryParquetOptions()</c>) is
/// strict, without progress and not cancellable, as <see cref="CustomerSummaryParquet.Read(string)"/> is.
/// </summary>
/// <remarks>The options are checked once, when a read starts; an error names the property (<c>options.Mode</c>).</remarks>
public sealed class CustomerSummaryParquetOptions
{
    /// <summary>The defaults: strict, no progress, not cancellable.</summary>
    public static CustomerSummaryParquetOptions Default { get; } = new();

    /// <summary>
    /// Strict (the first bad row throws a <see cref="ParquetFormatException"/> naming the file, row and column) or lenient
    /// (bad rows are listed in <see cref="ParquetReadReport.Rejected"/>, each with its row, column, value and reason). Default
    /// <see cref="ParquetReadMode.Strict"/>.
    /// </summary>
    public ParquetReadMode Mode { get; init; } = ParquetReadMode.Strict;

    /// <summary>
    /// Receives the number of rows read so far (imported plus rejected) after every row group, as
    /// <see cref="TransactionParquetOptions.Progress"/> does. Each report counts rows already in the destination (or
    /// rejected). Called on the reading thread. Default null (no reports).
    /// </summary>
    public IProgress<long>? Progress { get; init; }

    /// <summary>
    /// Cancels a read: checked before every row group, as <see cref="TransactionParquetOptions.CancellationToken"/> is, so a
    /// row group is added to the destination whole or not at all; the row groups added before it was seen stay there.
    /// Default <see cref="CancellationToken.None"/>.
    /// </summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>Checks the options once, before any I/O; every error names the property (<c>options.Mode</c>).</summary>
    internal void Validate()
    {
        if (!Enum.IsDefined(Mode))
        {
            ThrowHelper.ArgumentOutOfRange("options.Mode", Mode, ThrowHelper.Format($"options.Mode must be Strict or Lenient, but was {(int)Mode}."));
        }
    }
}
