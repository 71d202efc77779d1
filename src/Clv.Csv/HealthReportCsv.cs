using Clv.Crm;
using Clv.Csv.Internal;

namespace Clv.Csv;

/// <summary>
/// Writes a <see cref="HealthReport"/> as CSV for a CRM to import: one row per customer (<see cref="HealthReport.Customers"/>, in the
/// summaries' order), invariant culture, round-trippable numbers, and the header <c>customer_id,score,band,reason,weakest</c>.
/// </summary>
/// <remarks>
/// <c>band</c> is <c>Red</c>, <c>Amber</c>, <c>Green</c> or <c>NotScored</c>; <c>reason</c> and <c>weakest</c> are signal names
/// (<c>recency</c>, <c>frequency_trend</c>, <c>spend_trend</c>, <c>alive_probability</c> or a custom signal's name). A customer who is
/// not scored has empty <c>score</c>, <c>reason</c> and <c>weakest</c> fields. The band summary is the report's <c>ToString()</c>.
/// Lines end with <c>\r\n</c> (RFC 4180) and fields holding a delimiter or quote are quoted. Every destination gets UTF-8 without
/// a byte order mark.
/// </remarks>
public static class HealthReportCsv
{
    /// <summary>The header fields, in order.</summary>
    internal static readonly string[] Columns = ["customer_id", "score", "band", "reason", "weakest"];

    /// <summary>Writes the customers' health to a file (created or replaced as a whole: written to a temporary file in the same folder, then moved over it, so a failure leaves no half-written file). With the default <see cref="CsvWriteOptions"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="report">The report.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="report"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    public static void Write(string path, HealthReport report) => Write(path, report, null);

    /// <summary>Writes the customers' health to a file (created or replaced as a whole: written to a temporary file in the same folder, then moved over it, so a failure leaves no half-written file).</summary>
    /// <param name="path">The file.</param>
    /// <param name="report">The report.</param>
    /// <param name="options">Formula escaping and the byte order mark; <see cref="CsvWriteOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="report"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    public static void Write(string path, HealthReport report, CsvWriteOptions? options) => CsvDestination.Write(path, report, WriteRows, options);

    /// <summary>Writes the customers' health to a stream (left open). With the default <see cref="CsvWriteOptions"/>.</summary>
    /// <param name="stream">The destination.</param>
    /// <param name="report">The report.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> or <paramref name="report"/> is null.</exception>
    public static void Write(Stream stream, HealthReport report) => Write(stream, report, null);

    /// <summary>Writes the customers' health to a stream (left open).</summary>
    /// <param name="stream">The destination.</param>
    /// <param name="report">The report.</param>
    /// <param name="options">Formula escaping and the byte order mark; <see cref="CsvWriteOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> or <paramref name="report"/> is null.</exception>
    public static void Write(Stream stream, HealthReport report, CsvWriteOptions? options) => CsvDestination.Write(stream, report, WriteRows, options);

    /// <summary>Writes the customers' health to a text writer (left open; flushed). With the default <see cref="CsvWriteOptions"/>.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="report">The report.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> or <paramref name="report"/> is null.</exception>
    public static void Write(TextWriter writer, HealthReport report) => Write(writer, report, null);

    /// <summary>Writes the customers' health to a text writer (left open; flushed).</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="report">The report.</param>
    /// <param name="options">Formula escaping and the byte order mark; <see cref="CsvWriteOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> or <paramref name="report"/> is null.</exception>
    public static void Write(TextWriter writer, HealthReport report, CsvWriteOptions? options) => CsvDestination.Write(writer, report, WriteRows, options);

    private static void WriteRows(CsvTable table, HealthReport report)
    {
        table.Header(Columns);
        foreach (var c in report.Customers)
        {
            table.Field(c.CustomerId);
            table.Field(double.IsNaN(c.Score) ? null : c.Score);
            table.Field(c.Band.ToString());
            table.Field(c.Reason);
            table.Field(c.Weakest);
            table.EndRow();
        }
    }
}
