using Clv.Csv.Internal;
using Clv.Lifecycle;

namespace Clv.Csv;

/// <summary>
/// Writes a <see cref="LifecycleHistoryReport"/> as CSV: one row per date and non-empty stage (long format, ready for a pivot or a stacked chart), invariant culture, ISO dates (yyyy-MM-dd), round-trippable numbers, an
/// empty field for a missing value, and the header <c>date,stage,customers,share</c>.
/// </summary>
/// <remarks>
/// <c>stage</c> is a <see cref="LifecycleStage"/> name; <c>share</c> is of all customers of the report. Lines end with <c>\r\n</c> (RFC 4180) and fields holding a delimiter or quote are quoted. Every
/// destination gets UTF-8 without a byte order mark (unless <see cref="CsvWriteOptions.ByteOrderMark"/>).
/// </remarks>
public static class LifecycleHistoryReportCsv
{
    /// <summary>The header fields, in order.</summary>
    internal static readonly string[] Columns = ["date", "stage", "customers", "share"];

    /// <summary>Writes the report to a file (created or replaced as a whole: written to a temporary file in the same folder, then moved over it, so a failure leaves no half-written file). With the default <see cref="CsvWriteOptions"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="report">The report.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="report"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    public static void Write(string path, LifecycleHistoryReport report) => Write(path, report, null);

    /// <summary>Writes the report to a file (created or replaced as a whole: written to a temporary file in the same folder, then moved over it, so a failure leaves no half-written file).</summary>
    /// <param name="path">The file.</param>
    /// <param name="report">The report.</param>
    /// <param name="options">Formula escaping and the byte order mark; <see cref="CsvWriteOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="report"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    public static void Write(string path, LifecycleHistoryReport report, CsvWriteOptions? options) => CsvDestination.Write(path, report, WriteRows, options);

    /// <summary>Writes the report to a stream (left open). With the default <see cref="CsvWriteOptions"/>.</summary>
    /// <param name="stream">The destination.</param>
    /// <param name="report">The report.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> or <paramref name="report"/> is null.</exception>
    public static void Write(Stream stream, LifecycleHistoryReport report) => Write(stream, report, null);

    /// <summary>Writes the report to a stream (left open).</summary>
    /// <param name="stream">The destination.</param>
    /// <param name="report">The report.</param>
    /// <param name="options">Formula escaping and the byte order mark; <see cref="CsvWriteOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> or <paramref name="report"/> is null.</exception>
    public static void Write(Stream stream, LifecycleHistoryReport report, CsvWriteOptions? options) => CsvDestination.Write(stream, report, WriteRows, options);

    /// <summary>Writes the report to a text writer (left open; flushed). With the default <see cref="CsvWriteOptions"/>.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="report">The report.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> or <paramref name="report"/> is null.</exception>
    public static void Write(TextWriter writer, LifecycleHistoryReport report) => Write(writer, report, null);

    /// <summary>Writes the report to a text writer (left open; flushed).</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="report">The report.</param>
    /// <param name="options">Formula escaping and the byte order mark; <see cref="CsvWriteOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> or <paramref name="report"/> is null.</exception>
    public static void Write(TextWriter writer, LifecycleHistoryReport report, CsvWriteOptions? options) => CsvDestination.Write(writer, report, WriteRows, options);

    private static void WriteRows(CsvTable table, LifecycleHistoryReport report)
    {
        table.Header(Columns);
        foreach (var row in report.Rows)
        {
            table.Field(row.Date);
            table.Field(row.Stage.ToString());
            table.Field(row.Customers);
            table.Field(row.Share);
            table.EndRow();
        }
    }
}
