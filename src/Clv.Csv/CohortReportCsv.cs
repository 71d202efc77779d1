using Clv.Csv.Internal;
using Clv.Lifecycle;

namespace Clv.Csv;

/// <summary>
/// Writes a <see cref="CohortReport"/> as CSV: one row per cell of every non-empty cohort, invariant culture, ISO dates (yyyy-MM-dd), round-trippable numbers, an
/// empty field for a missing value, and the header <c>cohort_start,periods_since,period_start,cohort_size,active_customers,retention_share,spend</c>.
/// </summary>
/// <remarks>
/// <c>cohort_start</c> and <c>period_start</c> are the first days of the cohort's and of the cell's month or quarter; <c>spend</c> is gross (purchase amounts, refunds not deducted). Lines end with <c>\r\n</c> (RFC 4180) and fields holding a delimiter or quote are quoted. Every
/// destination gets UTF-8 without a byte order mark (unless <see cref="CsvWriteOptions.ByteOrderMark"/>).
/// </remarks>
public static class CohortReportCsv
{
    /// <summary>The header fields, in order.</summary>
    internal static readonly string[] Columns = ["cohort_start", "periods_since", "period_start", "cohort_size", "active_customers", "retention_share", "spend"];

    /// <summary>Writes the report to a file (created or replaced as a whole: written to a temporary file in the same folder, then moved over it, so a failure leaves no half-written file). With the default <see cref="CsvWriteOptions"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="report">The report.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="report"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    public static void Write(string path, CohortReport report) => Write(path, report, null);

    /// <summary>Writes the report to a file (created or replaced as a whole: written to a temporary file in the same folder, then moved over it, so a failure leaves no half-written file).</summary>
    /// <param name="path">The file.</param>
    /// <param name="report">The report.</param>
    /// <param name="options">Formula escaping and the byte order mark; <see cref="CsvWriteOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="report"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    public static void Write(string path, CohortReport report, CsvWriteOptions? options) => CsvDestination.Write(path, report, WriteRows, options);

    /// <summary>Writes the report to a stream (left open). With the default <see cref="CsvWriteOptions"/>.</summary>
    /// <param name="stream">The destination.</param>
    /// <param name="report">The report.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> or <paramref name="report"/> is null.</exception>
    public static void Write(Stream stream, CohortReport report) => Write(stream, report, null);

    /// <summary>Writes the report to a stream (left open).</summary>
    /// <param name="stream">The destination.</param>
    /// <param name="report">The report.</param>
    /// <param name="options">Formula escaping and the byte order mark; <see cref="CsvWriteOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> or <paramref name="report"/> is null.</exception>
    public static void Write(Stream stream, CohortReport report, CsvWriteOptions? options) => CsvDestination.Write(stream, report, WriteRows, options);

    /// <summary>Writes the report to a text writer (left open; flushed). With the default <see cref="CsvWriteOptions"/>.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="report">The report.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> or <paramref name="report"/> is null.</exception>
    public static void Write(TextWriter writer, CohortReport report) => Write(writer, report, null);

    /// <summary>Writes the report to a text writer (left open; flushed).</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="report">The report.</param>
    /// <param name="options">Formula escaping and the byte order mark; <see cref="CsvWriteOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> or <paramref name="report"/> is null.</exception>
    public static void Write(TextWriter writer, CohortReport report, CsvWriteOptions? options) => CsvDestination.Write(writer, report, WriteRows, options);

    private static void WriteRows(CsvTable table, CohortReport report)
    {
        table.Header(Columns);
        foreach (var row in report.Rows)
        {
            table.Field(row.CohortStart);
            table.Field(row.PeriodsSince);
            table.Field(row.PeriodStart);
            table.Field(row.CohortSize);
            table.Field(row.ActiveCustomers);
            table.Field(row.RetentionShare);
            table.Field(row.Spend);
            table.EndRow();
        }
    }
}
