using Clv.Csv.Internal;
using Clv.Probabilistic;

namespace Clv.Csv;

/// <summary>
/// Writes a <see cref="ClvByPeriod"/> as CSV, one row per customer: <c>customer_id</c>, then <c>period_1</c> ... <c>period_N</c>
/// (each the discounted expected margin of that column: a period, or a group of periods after <see cref="ClvByPeriod.Grouped"/>),
/// then <c>total</c>; invariant culture, round-trippable numbers, <c>\r\n</c> line ends, UTF-8 without byte order mark (unless <see cref="CsvWriteOptions.ByteOrderMark"/>).
/// </summary>
public static class ClvByPeriodCsv
{
    /// <summary>The column names for <paramref name="periods"/> columns: customer_id, period_1 .. period_N, total.</summary>
    /// <param name="periods">The number of period columns (at least 1).</param>
    /// <returns>The names, in order.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="periods"/> is less than 1.</exception>
    public static IReadOnlyList<string> Columns(int periods)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(periods, 1);
        return ["customer_id", .. Enumerable.Range(1, periods).Select(k => "period_" + k.ToString(System.Globalization.CultureInfo.InvariantCulture)), "total"];
    }

    /// <summary>Writes the values to a file (created or replaced as a whole: written to a temporary file in the same folder, then moved over it, so a failure leaves no half-written file). With the default <see cref="CsvWriteOptions"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="customers">The customers the values were computed for (for their ids; same count and order).</param>
    /// <param name="values">The values.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, or the counts differ.</exception>
    public static void Write(string path, CustomerSummaries customers, ClvByPeriod values) => Write(path, customers, values, null);

    /// <summary>Writes the values to a file (created or replaced as a whole: written to a temporary file in the same folder, then moved over it, so a failure leaves no half-written file).</summary>
    /// <param name="path">The file.</param>
    /// <param name="customers">The customers the values were computed for (for their ids; same count and order).</param>
    /// <param name="values">The values.</param>
    /// <param name="options">Formula escaping and the byte order mark; <see cref="CsvWriteOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, or the counts differ.</exception>
    public static void Write(string path, CustomerSummaries customers, ClvByPeriod values, CsvWriteOptions? options)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Check(customers, values);
        ReplacingFile.Write(path, writer => Write(writer, customers, values, options));
    }

    /// <summary>Writes the values to a stream (left open). With the default <see cref="CsvWriteOptions"/>.</summary>
    /// <param name="stream">The destination.</param>
    /// <param name="customers">The customers the values were computed for.</param>
    /// <param name="values">The values.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The counts differ.</exception>
    public static void Write(Stream stream, CustomerSummaries customers, ClvByPeriod values) => Write(stream, customers, values, null);

    /// <summary>Writes the values to a stream (left open).</summary>
    /// <param name="stream">The destination.</param>
    /// <param name="customers">The customers the values were computed for.</param>
    /// <param name="values">The values.</param>
    /// <param name="options">Formula escaping and the byte order mark; <see cref="CsvWriteOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The counts differ.</exception>
    public static void Write(Stream stream, CustomerSummaries customers, ClvByPeriod values, CsvWriteOptions? options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        CsvDestination.RequireWritable(stream);
        Check(customers, values);
        using var writer = new StreamWriter(stream, CsvTable.Utf8, 1 << 16, leaveOpen: true);
        Write(writer, customers, values, options);
    }

    /// <summary>Writes the values to a text writer (left open; flushed). With the default <see cref="CsvWriteOptions"/>.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="customers">The customers the values were computed for.</param>
    /// <param name="values">The values.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The counts differ.</exception>
    public static void Write(TextWriter writer, CustomerSummaries customers, ClvByPeriod values) => Write(writer, customers, values, null);

    /// <summary>Writes the values to a text writer (left open; flushed).</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="customers">The customers the values were computed for.</param>
    /// <param name="values">The values.</param>
    /// <param name="options">Formula escaping and the byte order mark; <see cref="CsvWriteOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The counts differ.</exception>
    public static void Write(TextWriter writer, CustomerSummaries customers, ClvByPeriod values, CsvWriteOptions? options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Check(customers, values);
        using var table = CsvTable.Open(writer, options);
        table.Header([.. Columns(values.PeriodCount)]);
        for (int i = 0; i < values.CustomerCount; i++)
        {
            table.Field(customers[i].CustomerId);
            foreach (double v in values.Row(i))
            {
                table.Field(v);
            }

            table.Field(values.Total(i));
            table.EndRow();
        }
    }

    private static void Check(CustomerSummaries customers, ClvByPeriod values)
    {
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(values);
        if (customers.Count != values.CustomerCount)
        {
            throw new ArgumentException(
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"values has {values.CustomerCount} customers but customers has {customers.Count}: pass the summaries the values were computed for."),
                nameof(values));
        }
    }
}
