using Clv.Crm;
using Clv.Csv.Internal;

namespace Clv.Csv;

/// <summary>
/// Writes a <see cref="KpiReport"/> as CSV: one row per period, invariant culture, ISO dates (yyyy-MM-dd), round-trippable numbers, an
/// empty field for an undefined ratio (a zero denominator), and the header <c>period_start,period_end,customer_base,paying_customers,new_customers,orders,revenue,refunds,net_revenue,arpu,arppu,average_order_value,purchase_frequency,repeat_customers,repeat_rate,active_at_start,churned,churn_rate</c>.
/// </summary>
/// <remarks>
/// Each column is the <see cref="KpiRow"/> member of the same name; <c>revenue</c> is gross and <c>net_revenue</c> is revenue less refunds.
/// Lines end with <c>\r\n</c> (RFC 4180). Every destination gets UTF-8 without a byte order mark (unless <see cref="CsvWriteOptions.ByteOrderMark"/>).
/// </remarks>
public static class KpiReportCsv
{
    /// <summary>The header fields, in order.</summary>
    internal static readonly string[] Columns =
    [
        "period_start", "period_end", "customer_base", "paying_customers", "new_customers", "orders", "revenue", "refunds", "net_revenue",
        "arpu", "arppu", "average_order_value", "purchase_frequency", "repeat_customers", "repeat_rate", "active_at_start", "churned", "churn_rate",
    ];

    /// <summary>Writes the report to a file (created or replaced as a whole: written to a temporary file in the same folder, then moved over it, so a failure leaves no half-written file). With the default <see cref="CsvWriteOptions"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="report">The report.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="report"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    public static void Write(string path, KpiReport report) => Write(path, report, null);

    /// <summary>Writes the report to a file (created or replaced as a whole: written to a temporary file in the same folder, then moved over it, so a failure leaves no half-written file).</summary>
    /// <param name="path">The file.</param>
    /// <param name="report">The report.</param>
    /// <param name="options">Formula escaping and the byte order mark; <see cref="CsvWriteOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="report"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    public static void Write(string path, KpiReport report, CsvWriteOptions? options) => CsvDestination.Write(path, report, WriteRows, options);

    /// <summary>Writes the report to a stream (left open). With the default <see cref="CsvWriteOptions"/>.</summary>
    /// <param name="stream">The destination.</param>
    /// <param name="report">The report.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> or <paramref name="report"/> is null.</exception>
    public static void Write(Stream stream, KpiReport report) => Write(stream, report, null);

    /// <summary>Writes the report to a stream (left open).</summary>
    /// <param name="stream">The destination.</param>
    /// <param name="report">The report.</param>
    /// <param name="options">Formula escaping and the byte order mark; <see cref="CsvWriteOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> or <paramref name="report"/> is null.</exception>
    public static void Write(Stream stream, KpiReport report, CsvWriteOptions? options) => CsvDestination.Write(stream, report, WriteRows, options);

    /// <summary>Writes the report to a text writer (left open; flushed). With the default <see cref="CsvWriteOptions"/>.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="report">The report.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> or <paramref name="report"/> is null.</exception>
    public static void Write(TextWriter writer, KpiReport report) => Write(writer, report, null);

    /// <summary>Writes the report to a text writer (left open; flushed).</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="report">The report.</param>
    /// <param name="options">Formula escaping and the byte order mark; <see cref="CsvWriteOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> or <paramref name="report"/> is null.</exception>
    public static void Write(TextWriter writer, KpiReport report, CsvWriteOptions? options) => CsvDestination.Write(writer, report, WriteRows, options);

    private static void WriteRows(CsvTable table, KpiReport report)
    {
        table.Header(Columns);
        foreach (var row in report.Rows)
        {
            table.Field(row.PeriodStart);
            table.Field(row.PeriodEnd);
            table.Field(row.CustomerBase);
            table.Field(row.PayingCustomers);
            table.Field(row.NewCustomers);
            table.Field(row.Orders);
            table.Field(row.Revenue);
            table.Field(row.Refunds);
            table.Field(row.NetRevenue);
            table.Field(Defined(row.Arpu));
            table.Field(Defined(row.Arppu));
            table.Field(Defined(row.AverageOrderValue));
            table.Field(Defined(row.PurchaseFrequency));
            table.Field(row.RepeatCustomers);
            table.Field(Defined(row.RepeatRate));
            table.Field(row.ActiveAtStart);
            table.Field(row.Churned);
            table.Field(Defined(row.ChurnRate));
            table.EndRow();
        }
    }

    private static double? Defined(double value) => double.IsNaN(value) ? null : value;
}
