using Clv.Csv.Internal;

namespace Clv.Csv;

/// <summary>
/// Writes customer summaries as CSV for a CRM or a spreadsheet: one row per customer, invariant culture, ISO dates,
/// round-trippable numbers, an empty field for a missing value, and the header
/// <c>customer_id,first_purchase,last_purchase,purchase_days,frequency,recency,age,time_unit,days_since_last_purchase,spend,refunds,monetary_value,holdout_purchase_days,holdout_spend</c>.
/// </summary>
/// <remarks>
/// <c>recency</c> and <c>age</c> are in the unit named by <c>time_unit</c> (Day, Week, Month or Year), so a file read back is never ambiguous; <c>first_purchase</c>,
/// <c>last_purchase</c> and <c>days_since_last_purchase</c> are empty for a customer without a purchase. Lines end
/// with <c>\r\n</c> (RFC 4180) and fields holding a delimiter or quote are quoted.
/// </remarks>
public static class CustomerSummaryCsv
{
    /// <summary>The header fields, in order.</summary>
    internal static readonly string[] Columns =
    [
        "customer_id", "first_purchase", "last_purchase", "purchase_days", "frequency", "recency", "age", "time_unit",
        "days_since_last_purchase", "spend", "refunds", "monetary_value", "holdout_purchase_days", "holdout_spend",
    ];

    /// <summary>Writes the summaries to a file (UTF-8 without byte order mark; created or replaced as a whole: written to a temporary file in the same folder, then moved over it, so a failure leaves no half-written file) with the default <see cref="CsvWriteOptions"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="summaries">The summaries.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="summaries"/> is null.</exception>
    public static void Write(string path, CustomerSummaries summaries) => Write(path, summaries, null);

    /// <summary>Writes the summaries to a file (UTF-8; created or replaced as a whole: written to a temporary file in the same folder, then moved over it, so a failure leaves no half-written file).</summary>
    /// <param name="path">The file.</param>
    /// <param name="summaries">The summaries.</param>
    /// <param name="options">Formula escaping and the byte order mark; <see cref="CsvWriteOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="summaries"/> is null.</exception>
    public static void Write(string path, CustomerSummaries summaries, CsvWriteOptions? options) => CsvDestination.Write(path, summaries, WriteRows, options);

    /// <summary>Writes the summaries to a stream (UTF-8 without byte order mark; the stream is left open) with the default <see cref="CsvWriteOptions"/>.</summary>
    /// <param name="stream">The destination.</param>
    /// <param name="summaries">The summaries.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> or <paramref name="summaries"/> is null.</exception>
    public static void Write(Stream stream, CustomerSummaries summaries) => Write(stream, summaries, null);

    /// <summary>Writes the summaries to a stream (UTF-8; the stream is left open).</summary>
    /// <param name="stream">The destination.</param>
    /// <param name="summaries">The summaries.</param>
    /// <param name="options">Formula escaping and the byte order mark; <see cref="CsvWriteOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> or <paramref name="summaries"/> is null.</exception>
    public static void Write(Stream stream, CustomerSummaries summaries, CsvWriteOptions? options) => CsvDestination.Write(stream, summaries, WriteRows, options);

    /// <summary>Writes the summaries to a text writer (left open; flushed) with the default <see cref="CsvWriteOptions"/>.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="summaries">The summaries.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> or <paramref name="summaries"/> is null.</exception>
    public static void Write(TextWriter writer, CustomerSummaries summaries) => Write(writer, summaries, null);

    /// <summary>Writes the summaries to a text writer (left open; flushed).</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="summaries">The summaries.</param>
    /// <param name="options">Formula escaping and the byte order mark (the character U+FEFF first); <see cref="CsvWriteOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> or <paramref name="summaries"/> is null.</exception>
    public static void Write(TextWriter writer, CustomerSummaries summaries, CsvWriteOptions? options) => CsvDestination.Write(writer, summaries, WriteRows, options);

    private static void WriteRows(CsvTable table, CustomerSummaries summaries)
    {
        table.Header(Columns);
        foreach (ref readonly var s in summaries.AsSpan())
        {
            table.Field(s.CustomerId);
            table.Field(s.FirstPurchase);
            table.Field(s.LastPurchase);
            table.Field(s.PurchaseDays);
            table.Field(s.Frequency);
            table.Field(s.Recency);
            table.Field(s.Age);
            table.Field(s.TimeUnit.ToString());
            table.Field(s.DaysSinceLastPurchase);
            table.Field(s.Spend);
            table.Field(s.Refunds);
            table.Field(s.MonetaryValue);
            table.Field(s.HoldoutPurchaseDays);
            table.Field(s.HoldoutSpend);
            table.EndRow();
        }
    }
}
