using Clv.Csv.Internal;
using Clv.Probabilistic;

namespace Clv.Csv;

/// <summary>
/// Writes a <see cref="PredictionIntervalReport"/> as CSV, one row per customer: <c>customer_id</c>, then lower / median / upper
/// of P(alive) (<c>alive_*</c>), expected purchases (<c>expected_purchases_*</c>), the purchase count (<c>purchases_*</c>) and CLV
/// (<c>clv_*</c>, empty without a spend fit); invariant culture, round-trippable numbers, <c>\r\n</c> line ends, UTF-8 without BOM.
/// </summary>
public static class PredictionIntervalReportCsv
{
    /// <summary>The column names, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "customer_id", "alive_lower", "alive_median", "alive_upper", "expected_purchases_lower", "expected_purchases_median", "expected_purchases_upper",
        "purchases_lower", "purchases_median", "purchases_upper", "clv_lower", "clv_median", "clv_upper",
    ];

    /// <summary>Writes the report to a file (created or replaced as a whole: written to a temporary file in the same folder, then moved over it, so a failure leaves no half-written file). With the default <see cref="CsvWriteOptions"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="report">The report.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    public static void Write(string path, PredictionIntervalReport report) => Write(path, report, null);

    /// <summary>Writes the report to a file (created or replaced as a whole: written to a temporary file in the same folder, then moved over it, so a failure leaves no half-written file).</summary>
    /// <param name="path">The file.</param>
    /// <param name="report">The report.</param>
    /// <param name="options">Formula escaping and the byte order mark; <see cref="CsvWriteOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    public static void Write(string path, PredictionIntervalReport report, CsvWriteOptions? options)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(report);
        ReplacingFile.Write(path, writer => Write(writer, report, options));
    }

    /// <summary>Writes the report to a stream (left open). With the default <see cref="CsvWriteOptions"/>.</summary>
    /// <param name="stream">The destination.</param>
    /// <param name="report">The report.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void Write(Stream stream, PredictionIntervalReport report) => Write(stream, report, null);

    /// <summary>Writes the report to a stream (left open).</summary>
    /// <param name="stream">The destination.</param>
    /// <param name="report">The report.</param>
    /// <param name="options">Formula escaping and the byte order mark; <see cref="CsvWriteOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void Write(Stream stream, PredictionIntervalReport report, CsvWriteOptions? options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        CsvDestination.RequireWritable(stream);
        ArgumentNullException.ThrowIfNull(report);
        using var writer = new StreamWriter(stream, CsvTable.Utf8, 1 << 16, leaveOpen: true);
        Write(writer, report, options);
    }

    /// <summary>Writes the report to a text writer (left open; flushed). With the default <see cref="CsvWriteOptions"/>.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="report">The report.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void Write(TextWriter writer, PredictionIntervalReport report) => Write(writer, report, null);

    /// <summary>Writes the report to a text writer (left open; flushed).</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="report">The report.</param>
    /// <param name="options">Formula escaping and the byte order mark; <see cref="CsvWriteOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void Write(TextWriter writer, PredictionIntervalReport report, CsvWriteOptions? options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(report);
        using var table = CsvTable.Open(writer, options);
        table.Header([.. Columns]);
        foreach (var row in report.Rows)
        {
            table.Field(row.CustomerId);
            Interval(table, row.AliveProbability);
            Interval(table, row.ExpectedPurchases);
            Interval(table, row.Purchases);
            Interval(table, row.Clv);
            table.EndRow();
        }
    }

    private static void Interval(CsvTable table, PredictionInterval? interval)
    {
        table.Field(interval?.Lower);
        table.Field(interval?.Median);
        table.Field(interval?.Upper);
    }
}
