namespace Clv.Parquet;

/// <summary>
/// How <see cref="CustomerSummaryParquet"/> reads a summaries file: strictly (the first bad row throws) or leniently (bad
/// rows are collected in the report and the good ones returned). <see cref="Default"/> (or
/// <c>new CustomerSummaryParquetOptions()</c>) is strict, as <see cref="CustomerSummaryParquet.Read(string)"/> is.
/// </summary>
/// <remarks>The options are checked once, when a read starts; an error names the property (<c>options.Mode</c>).</remarks>
public sealed class CustomerSummaryParquetOptions
{
    /// <summary>The defaults: strict.</summary>
    public static CustomerSummaryParquetOptions Default { get; } = new();

    /// <summary>
    /// Strict (the first bad row throws a <see cref="ParquetFormatException"/> naming the file, row and column) or lenient
    /// (bad rows are listed in <see cref="ParquetReadReport.Rejected"/>, each with its row, column, value and reason). Default
    /// <see cref="ParquetReadMode.Strict"/>.
    /// </summary>
    public ParquetReadMode Mode { get; init; } = ParquetReadMode.Strict;

    /// <summary>Checks the options once, before any I/O; every error names the property (<c>options.Mode</c>).</summary>
    internal void Validate()
    {
        if (!Enum.IsDefined(Mode))
        {
            ThrowHelper.ArgumentOutOfRange("options.Mode", Mode, ThrowHelper.Format($"options.Mode must be Strict or Lenient, but was {(int)Mode}."));
        }
    }
}
