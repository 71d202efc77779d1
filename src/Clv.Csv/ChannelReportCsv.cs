using Clv.Csv.Internal;
using Clv.Valuation;

namespace Clv.Csv;

/// <summary>
/// Writes a <see cref="ChannelReport"/> as CSV: one row per channel, invariant culture, ISO dates (yyyy-MM-dd), round-trippable numbers, an
/// empty field for a missing value, and the header <c>channel,customers,total_value,mean_value,total_acquisition_cost,mean_acquisition_cost,value_to_cost_ratio,mean_margin_per_period,payback_periods,payback_unit</c>.
/// </summary>
/// <remarks>
/// <c>value_to_cost_ratio</c> is empty when nothing was spent and <c>payback_periods</c> when the cost is never paid back; <c>payback_unit</c> is the report's <see cref="ChannelReport.MarginPeriod"/> (<c>Day</c>, <c>Week</c>, <c>Month</c> or <c>Year</c>). Lines end with <c>\r\n</c> (RFC 4180) and fields holding a delimiter or quote are quoted. Every
/// destination gets UTF-8 without a byte order mark (unless <see cref="CsvWriteOptions.ByteOrderMark"/>).
/// </remarks>
public static class ChannelReportCsv
{
    /// <summary>The header fields, in order.</summary>
    internal static readonly string[] Columns = ["channel", "customers", "total_value", "mean_value", "total_acquisition_cost", "mean_acquisition_cost", "value_to_cost_ratio", "mean_margin_per_period", "payback_periods", "payback_unit"];

    /// <summary>Writes the report to a file (created or replaced as a whole: written to a temporary file in the same folder, then moved over it, so a failure leaves no half-written file). With the default <see cref="CsvWriteOptions"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="report">The report.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="report"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    public static void Write(string path, ChannelReport report) => Write(path, report, null);

    /// <summary>Writes the report to a file (created or replaced as a whole: written to a temporary file in the same folder, then moved over it, so a failure leaves no half-written file).</summary>
    /// <param name="path">The file.</param>
    /// <param name="report">The report.</param>
    /// <param name="options">Formula escaping and the byte order mark; <see cref="CsvWriteOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="report"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    public static void Write(string path, ChannelReport report, CsvWriteOptions? options) => CsvDestination.Write(path, report, WriteRows, options);

    /// <summary>Writes the report to a stream (left open). With the default <see cref="CsvWriteOptions"/>.</summary>
    /// <param name="stream">The destination.</param>
    /// <param name="report">The report.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> or <paramref name="report"/> is null.</exception>
    public static void Write(Stream stream, ChannelReport report) => Write(stream, report, null);

    /// <summary>Writes the report to a stream (left open).</summary>
    /// <param name="stream">The destination.</param>
    /// <param name="report">The report.</param>
    /// <param name="options">Formula escaping and the byte order mark; <see cref="CsvWriteOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> or <paramref name="report"/> is null.</exception>
    public static void Write(Stream stream, ChannelReport report, CsvWriteOptions? options) => CsvDestination.Write(stream, report, WriteRows, options);

    /// <summary>Writes the report to a text writer (left open; flushed). With the default <see cref="CsvWriteOptions"/>.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="report">The report.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> or <paramref name="report"/> is null.</exception>
    public static void Write(TextWriter writer, ChannelReport report) => Write(writer, report, null);

    /// <summary>Writes the report to a text writer (left open; flushed).</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="report">The report.</param>
    /// <param name="options">Formula escaping and the byte order mark; <see cref="CsvWriteOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> or <paramref name="report"/> is null.</exception>
    public static void Write(TextWriter writer, ChannelReport report, CsvWriteOptions? options) => CsvDestination.Write(writer, report, WriteRows, options);

    private static void WriteRows(CsvTable table, ChannelReport report)
    {
        table.Header(Columns);
        string unit = report.MarginPeriod.ToString();
        foreach (var row in report.Rows)
        {
            table.Field(row.Channel);
            table.Field(row.Customers);
            table.Field(row.TotalValue);
            table.Field(row.MeanValue);
            table.Field(row.TotalAcquisitionCost);
            table.Field(row.MeanAcquisitionCost);
            table.Field(row.ValueToCostRatio);
            table.Field(row.MeanMarginPerPeriod);
            table.Field(row.PaybackPeriods);
            table.Field(unit);
            table.EndRow();
        }
    }
}
