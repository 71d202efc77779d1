using Clv.Csv.Internal;
using Clv.Probabilistic;

namespace Clv.Csv;

/// <summary>
/// Writes a <see cref="ModelComparisonReport"/> as CSV, one row per candidate model: <c>model, status, likelihood_ln, aic, bic,
/// holdout_mae, holdout_rmse, holdout_aggregate_error, parameters, failure</c> (parameters as <c>name=estimate±se</c> joined by
/// spaces; empty fields where a value does not exist); invariant culture, round-trippable numbers, UTF-8 without byte order mark (unless <see cref="CsvWriteOptions.ByteOrderMark"/>).
/// </summary>
public static class ModelComparisonReportCsv
{
    /// <summary>The column names, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["model", "status", "likelihood_ln", "aic", "bic", "holdout_mae", "holdout_rmse", "holdout_aggregate_error", "parameters", "failure"];

    /// <summary>Writes the report to a file (created or replaced as a whole: written to a temporary file in the same folder, then moved over it, so a failure leaves no half-written file). With the default <see cref="CsvWriteOptions"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="report">The report.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    public static void Write(string path, ModelComparisonReport report) => Write(path, report, null);

    /// <summary>Writes the report to a file (created or replaced as a whole: written to a temporary file in the same folder, then moved over it, so a failure leaves no half-written file).</summary>
    /// <param name="path">The file.</param>
    /// <param name="report">The report.</param>
    /// <param name="options">Formula escaping and the byte order mark; <see cref="CsvWriteOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    public static void Write(string path, ModelComparisonReport report, CsvWriteOptions? options)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(report);
        ReplacingFile.Write(path, writer => Write(writer, report, options));
    }

    /// <summary>Writes the report to a stream (left open). With the default <see cref="CsvWriteOptions"/>.</summary>
    /// <param name="stream">The destination.</param>
    /// <param name="report">The report.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void Write(Stream stream, ModelComparisonReport report) => Write(stream, report, null);

    /// <summary>Writes the report to a stream (left open).</summary>
    /// <param name="stream">The destination.</param>
    /// <param name="report">The report.</param>
    /// <param name="options">Formula escaping and the byte order mark; <see cref="CsvWriteOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void Write(Stream stream, ModelComparisonReport report, CsvWriteOptions? options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        CsvDestination.RequireWritable(stream);
        ArgumentNullException.ThrowIfNull(report);
        using var writer = new StreamWriter(stream, CsvTable.Utf8, 1 << 12, leaveOpen: true);
        Write(writer, report, options);
    }

    /// <summary>Writes the report to a text writer (left open; flushed). With the default <see cref="CsvWriteOptions"/>.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="report">The report.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void Write(TextWriter writer, ModelComparisonReport report) => Write(writer, report, null);

    /// <summary>Writes the report to a text writer (left open; flushed).</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="report">The report.</param>
    /// <param name="options">Formula escaping and the byte order mark; <see cref="CsvWriteOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void Write(TextWriter writer, ModelComparisonReport report, CsvWriteOptions? options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(report);
        using var table = CsvTable.Open(writer, options);
        table.Header([.. Columns]);
        foreach (var row in report.Rows)
        {
            table.Field(row.Name);
            table.Field(row.Succeeded ? row.Status.ToString() : "Failed");
            table.Field(row.Succeeded ? row.LikelihoodLn : null);
            table.Field(row.Succeeded ? row.Aic : null);
            table.Field(row.Succeeded ? row.Bic : null);
            table.Field(row.Holdout?.MeanAbsoluteError);
            table.Field(row.Holdout?.RootMeanSquaredError);
            table.Field(row.Holdout?.AggregateRelativeError);
            table.Field(string.Join(" ", row.Parameters.Select(p => FormattableString.Invariant($"{p.Name}={p.Estimate:R}±{p.StandardError:R}"))));
            table.Field(row.Failure);
            table.EndRow();
        }
    }
}
