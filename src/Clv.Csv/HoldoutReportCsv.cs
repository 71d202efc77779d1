using Clv.Csv.Internal;
using Clv.Probabilistic;

namespace Clv.Csv;

/// <summary>
/// Writes a <see cref="HoldoutReport"/> as CSV, one row per calibration frequency x (the last open-ended, "7+"):
/// <c>frequency, open_ended, customers, actual_mean, predicted_mean</c>, then one <c>total</c> row with the actual and predicted
/// totals; invariant culture, round-trippable numbers, <c>\r\n</c> line ends, UTF-8 without byte order mark (unless <see cref="CsvWriteOptions.ByteOrderMark"/>).
/// </summary>
public static class HoldoutReportCsv
{
    /// <summary>The column names, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["frequency", "open_ended", "customers", "actual_mean", "predicted_mean"];

    /// <summary>Writes the report to a file (created or replaced as a whole: written to a temporary file in the same folder, then moved over it, so a failure leaves no half-written file). With the default <see cref="CsvWriteOptions"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="report">The report.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    public static void Write(string path, HoldoutReport report) => Write(path, report, null);

    /// <summary>Writes the report to a file (created or replaced as a whole: written to a temporary file in the same folder, then moved over it, so a failure leaves no half-written file).</summary>
    /// <param name="path">The file.</param>
    /// <param name="report">The report.</param>
    /// <param name="options">Formula escaping and the byte order mark; <see cref="CsvWriteOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    public static void Write(string path, HoldoutReport report, CsvWriteOptions? options)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(report);
        ReplacingFile.Write(path, writer => Write(writer, report, options));
    }

    /// <summary>Writes the report to a stream (left open). With the default <see cref="CsvWriteOptions"/>.</summary>
    /// <param name="stream">The destination.</param>
    /// <param name="report">The report.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void Write(Stream stream, HoldoutReport report) => Write(stream, report, null);

    /// <summary>Writes the report to a stream (left open).</summary>
    /// <param name="stream">The destination.</param>
    /// <param name="report">The report.</param>
    /// <param name="options">Formula escaping and the byte order mark; <see cref="CsvWriteOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void Write(Stream stream, HoldoutReport report, CsvWriteOptions? options)
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
    public static void Write(TextWriter writer, HoldoutReport report) => Write(writer, report, null);

    /// <summary>Writes the report to a text writer (left open; flushed).</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="report">The report.</param>
    /// <param name="options">Formula escaping and the byte order mark; <see cref="CsvWriteOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void Write(TextWriter writer, HoldoutReport report, CsvWriteOptions? options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(report);
        using var table = CsvTable.Open(writer, options);
        table.Header([.. Columns]);
        foreach (var row in report.Rows)
        {
            table.Field(row.Frequency);
            table.Field(row.IsOpenEnded ? "true" : "false");
            table.Field(row.Customers);
            table.Field(row.ActualMean);
            table.Field(row.PredictedMean);
            table.EndRow();
        }

        table.Field("total");
        table.Field(string.Empty);
        table.Field(report.Customers);
        table.Field(report.ActualTotal);
        table.Field(report.PredictedTotal);
        table.EndRow();
    }
}
