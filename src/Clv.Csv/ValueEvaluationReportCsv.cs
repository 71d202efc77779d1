using Clv.Csv.Internal;
using Clv.Probabilistic;

namespace Clv.Csv;

/// <summary>
/// Writes a <see cref="ValueEvaluationReport"/> as CSV, one row per decile of prediction (top first):
/// <c>decile, customers, predicted_mean, actual_mean, actual_share</c>; invariant culture, round-trippable numbers,
/// <c>\r\n</c> line ends, UTF-8 without byte order mark (unless <see cref="CsvWriteOptions.ByteOrderMark"/>). The summary figures (Gini, calibration) are the report's properties.
/// </summary>
public static class ValueEvaluationReportCsv
{
    /// <summary>The column names, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["decile", "customers", "predicted_mean", "actual_mean", "actual_share"];

    /// <summary>Writes the report to a file (created or replaced as a whole: written to a temporary file in the same folder, then moved over it, so a failure leaves no half-written file). With the default <see cref="CsvWriteOptions"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="report">The report.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    public static void Write(string path, ValueEvaluationReport report) => Write(path, report, null);

    /// <summary>Writes the report to a file (created or replaced as a whole: written to a temporary file in the same folder, then moved over it, so a failure leaves no half-written file).</summary>
    /// <param name="path">The file.</param>
    /// <param name="report">The report.</param>
    /// <param name="options">Formula escaping and the byte order mark; <see cref="CsvWriteOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    public static void Write(string path, ValueEvaluationReport report, CsvWriteOptions? options)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(report);
        ReplacingFile.Write(path, writer => Write(writer, report, options));
    }

    /// <summary>Writes the report to a stream (left open). With the default <see cref="CsvWriteOptions"/>.</summary>
    /// <param name="stream">The destination.</param>
    /// <param name="report">The report.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void Write(Stream stream, ValueEvaluationReport report) => Write(stream, report, null);

    /// <summary>Writes the report to a stream (left open).</summary>
    /// <param name="stream">The destination.</param>
    /// <param name="report">The report.</param>
    /// <param name="options">Formula escaping and the byte order mark; <see cref="CsvWriteOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void Write(Stream stream, ValueEvaluationReport report, CsvWriteOptions? options)
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
    public static void Write(TextWriter writer, ValueEvaluationReport report) => Write(writer, report, null);

    /// <summary>Writes the report to a text writer (left open; flushed).</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="report">The report.</param>
    /// <param name="options">Formula escaping and the byte order mark; <see cref="CsvWriteOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void Write(TextWriter writer, ValueEvaluationReport report, CsvWriteOptions? options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(report);
        using var table = CsvTable.Open(writer, options);
        table.Header([.. Columns]);
        foreach (var row in report.Rows)
        {
            table.Field(row.Decile);
            table.Field(row.Customers);
            table.Field(row.PredictedMean);
            table.Field(row.ActualMean);
            table.Field(row.ActualShare);
            table.EndRow();
        }
    }
}
