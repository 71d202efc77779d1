using Clv.Csv.Internal;
using Clv.Lifecycle;

namespace Clv.Csv;

/// <summary>
/// Writes an <see cref="EarlyWarningReport"/> as CSV: one row per warning, most valuable first, invariant culture, ISO dates (yyyy-MM-dd), round-trippable numbers, an
/// empty field for a missing value, and the header <c>customer_id,previous_stage,stage,days_since_last_purchase,gap_multiple,value_at_risk,reason</c>.
/// </summary>
/// <remarks>
/// <c>previous_stage</c> and <c>stage</c> are <see cref="LifecycleStage"/> names (<c>Growing</c>, <c>Dormant</c>); <c>gap_multiple</c> is empty for a customer with a single purchase day. Lines end with <c>\r\n</c> (RFC 4180) and fields holding a delimiter or quote are quoted. Every
/// destination gets UTF-8 without a byte order mark (unless <see cref="CsvWriteOptions.ByteOrderMark"/>).
/// </remarks>
public static class EarlyWarningReportCsv
{
    /// <summary>The header fields, in order.</summary>
    internal static readonly string[] Columns = ["customer_id", "previous_stage", "stage", "days_since_last_purchase", "gap_multiple", "value_at_risk", "reason"];

    /// <summary>Writes the report to a file (created or replaced as a whole: written to a temporary file in the same folder, then moved over it, so a failure leaves no half-written file). With the default <see cref="CsvWriteOptions"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="report">The report.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="report"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    public static void Write(string path, EarlyWarningReport report) => Write(path, report, null);

    /// <summary>Writes the report to a file (created or replaced as a whole: written to a temporary file in the same folder, then moved over it, so a failure leaves no half-written file).</summary>
    /// <param name="path">The file.</param>
    /// <param name="report">The report.</param>
    /// <param name="options">Formula escaping and the byte order mark; <see cref="CsvWriteOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="report"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    public static void Write(string path, EarlyWarningReport report, CsvWriteOptions? options) => CsvDestination.Write(path, report, WriteRows, options);

    /// <summary>Writes the report to a stream (left open). With the default <see cref="CsvWriteOptions"/>.</summary>
    /// <param name="stream">The destination.</param>
    /// <param name="report">The report.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> or <paramref name="report"/> is null.</exception>
    public static void Write(Stream stream, EarlyWarningReport report) => Write(stream, report, null);

    /// <summary>Writes the report to a stream (left open).</summary>
    /// <param name="stream">The destination.</param>
    /// <param name="report">The report.</param>
    /// <param name="options">Formula escaping and the byte order mark; <see cref="CsvWriteOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> or <paramref name="report"/> is null.</exception>
    public static void Write(Stream stream, EarlyWarningReport report, CsvWriteOptions? options) => CsvDestination.Write(stream, report, WriteRows, options);

    /// <summary>Writes the report to a text writer (left open; flushed). With the default <see cref="CsvWriteOptions"/>.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="report">The report.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> or <paramref name="report"/> is null.</exception>
    public static void Write(TextWriter writer, EarlyWarningReport report) => Write(writer, report, null);

    /// <summary>Writes the report to a text writer (left open; flushed).</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="report">The report.</param>
    /// <param name="options">Formula escaping and the byte order mark; <see cref="CsvWriteOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> or <paramref name="report"/> is null.</exception>
    public static void Write(TextWriter writer, EarlyWarningReport report, CsvWriteOptions? options) => CsvDestination.Write(writer, report, WriteRows, options);

    private static void WriteRows(CsvTable table, EarlyWarningReport report)
    {
        table.Header(Columns);
        foreach (var w in report.Rows)
        {
            table.Field(w.CustomerId);
            table.Field(w.PreviousStage.ToString());
            table.Field(w.Stage.ToString());
            table.Field(w.DaysSinceLastPurchase);
            table.Field(double.IsNaN(w.GapMultiple) ? null : w.GapMultiple);
            table.Field(w.ValueAtRisk);
            table.Field(w.Reason);
            table.EndRow();
        }
    }
}
