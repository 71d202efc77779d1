using System.Globalization;
using Clv.Parquet.Internal;

namespace Clv.Parquet;

/// <summary>
/// How <see cref="TransactionParquet"/> finds and maps the customer, date and amount columns, and how a read reports
/// progress and is cancelled. Every property has a documented default, so <see cref="Default"/> (or
/// <c>new TransactionParquetOptions()</c>) reads the columns <c>customer_id</c>, <c>date</c> and <c>amount</c>, strictly:
/// the same names and defaults as the CSV reader's options (<c>Clv.Csv.TransactionCsvOptions</c>).
/// </summary>
/// <remarks>
/// <para>Columns are found by name among the file's top-level columns: an exact match first, otherwise the one column
/// whose name matches ignoring case (two such columns are an error). Other columns are never read.</para>
/// <para>Types mapped (any other type is a file-level <see cref="ParquetFormatException"/> naming the column and its type):
/// the customer id may be text (<c>STRING</c>, taken exactly, not trimmed), a whole number (<c>INT8</c> to <c>INT64</c>, signed
/// or unsigned, such as the <c>UBIGINT</c> of DuckDB's <c>hash()</c>; written as invariant decimal text, so <c>42</c> is the
/// customer <c>"42"</c>) or a <c>UUID</c> (its
/// lowercase <c>"D"</c> text, as <c>Clv.Data.TransactionDb</c> writes a <see cref="Guid"/>); the date may be a
/// <c>DATE</c> (the day), a <c>TIMESTAMP</c> (any unit, or legacy <c>INT96</c>; the time of day is dropped) or text in
/// <see cref="DateFormat"/>; the amount may be <c>DOUBLE</c>, <c>FLOAT</c> (widened exactly), <c>DECIMAL</c> (rounded to
/// the nearest double) or a whole number (<c>INT32</c>, <c>INT64</c>, and <c>INT8</c>, <c>INT16</c> or unsigned ones); a
/// <see cref="QuantityColumn"/>, the same types as the amount.</para>
/// <para>A timestamp's calendar day follows <see cref="CalendarDay"/>'s rule, as in the CSV reader and
/// <c>Clv.Data.TransactionDb</c>: a <c>TIMESTAMP</c> adjusted to UTC (<c>isAdjustedToUTC</c>, DuckDB's
/// <c>TIMESTAMPTZ</c>) and text with an offset are instants, counted on their day in <see cref="TimeZone"/> (without a
/// zone: the UTC day, or the text's own offset's day); a local <c>TIMESTAMP</c> (not adjusted), an <c>INT96</c>, and
/// text without an offset are wall-clock times, counted on their date as written whatever the zone.</para>
/// <para>The options are checked once, when a read starts; an error names the property (<c>options.DateFormat</c>).</para>
/// </remarks>
public sealed class TransactionParquetOptions
{
    /// <summary>The defaults: columns <c>customer_id</c>, <c>date</c> and <c>amount</c>, ISO dates for a text date column, no time zone, strict, no progress, not cancellable.</summary>
    public static TransactionParquetOptions Default { get; } = new();

    /// <summary>Name of the customer id column. Default <c>"customer_id"</c>.</summary>
    public string CustomerIdColumn { get; init; } = "customer_id";

    /// <summary>Name of the date column. Default <c>"date"</c>.</summary>
    public string DateColumn { get; init; } = "date";

    /// <summary>Name of the amount column. Default <c>"amount"</c>.</summary>
    public string AmountColumn { get; init; } = "amount";

    /// <summary>
    /// Name of a quantity column, for order lines that carry a quantity and a unit price, as in the CSV reader's options:
    /// when set, the <see cref="AmountColumn"/> is read as the unit price and each row's amount is quantity × unit price,
    /// computed in <see cref="double"/>. A row whose quantity is null or not finite, or whose product is not finite, is a
    /// bad row naming this column. Default null: the amount column holds each row's amount.
    /// </summary>
    public string? QuantityColumn { get; init; }

    /// <summary>
    /// The exact date format of a text date column (a .NET custom or standard format string, parsed with the invariant
    /// culture after trimming spaces and tabs, as the CSV reader does), for example <c>"yyyyMMdd"</c>. Default
    /// <c>"yyyy-MM-dd"</c> (ISO 8601). A format with a time of day reads timestamps, as the CSV reader does:
    /// <c>"yyyy-MM-dd HH:mm:ss"</c> counts each row on its date as written; with an offset
    /// (<c>"yyyy-MM-ddTHH:mm:sszzz"</c>, <c>K</c>, <c>"u"</c>, <c>"r"</c>) by <see cref="CalendarDay"/>'s rule with
    /// <see cref="TimeZone"/>. Not used when the date column is a <c>DATE</c> or <c>TIMESTAMP</c>.
    /// </summary>
    public string DateFormat { get; init; } = "yyyy-MM-dd";

    /// <summary>
    /// The zone whose calendar days count for instants: <c>TIMESTAMP</c> columns adjusted to UTC (<c>isAdjustedToUTC</c>
    /// true, such as DuckDB's <c>TIMESTAMPTZ</c>) and text timestamps with an offset. Each is moved to
    /// the zone's clock before its date is taken (<see cref="CalendarDay.Of(DateTime, TimeZoneInfo?)"/>), so
    /// <c>2005-01-02 16:30 UTC</c> counts on 3 January in China Standard Time. Local timestamps (not adjusted to UTC),
    /// legacy <c>INT96</c> timestamps, text without an offset and <c>DATE</c> columns keep their date as written. The
    /// same option, and rule, as the CSV reader's <c>TimeZone</c> and <c>Clv.Data</c>'s. Default null: the UTC day of an
    /// adjusted timestamp, the own offset's day of text.
    /// </summary>
    public TimeZoneInfo? TimeZone { get; init; }

    /// <summary>Strict (the first bad row throws) or lenient (bad rows are collected). Default <see cref="ParquetReadMode.Strict"/>.</summary>
    public ParquetReadMode Mode { get; init; } = ParquetReadMode.Strict;

    /// <summary>
    /// Receives the number of rows read so far (imported plus rejected) after every row group. Each report counts rows
    /// already in the result (or the builder). Called on the reading thread. Default null (no reports).
    /// </summary>
    public IProgress<long>? Progress { get; init; }

    /// <summary>
    /// Cancels a read: checked before every row group. Rows added to a builder before it was seen stay in the builder.
    /// Default <see cref="CancellationToken.None"/>.
    /// </summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>Checks the options once, before any I/O; every error names the property (<c>options.DateFormat</c>).</summary>
    internal void Validate()
    {
        RequireText(CustomerIdColumn, "options.CustomerIdColumn");
        RequireText(DateColumn, "options.DateColumn");
        RequireText(AmountColumn, "options.AmountColumn");
        RequireText(DateFormat, "options.DateFormat");
        if (!Enum.IsDefined(Mode))
        {
            ThrowHelper.ArgumentOutOfRange("options.Mode", Mode, ThrowHelper.Format($"options.Mode must be Strict or Lenient, but was {(int)Mode}."));
        }

        try
        {
            _ = DateFormats.HasTime(DateFormat)
                ? new DateTimeOffset(2001, 2, 3, 4, 5, 6, TimeSpan.FromHours(8)).ToString(DateFormat, CultureInfo.InvariantCulture)
                : new DateOnly(2001, 2, 3).ToString(DateFormat, CultureInfo.InvariantCulture);
        }
        catch (FormatException e)
        {
            ThrowHelper.Argument("options.DateFormat", ThrowHelper.Format($"options.DateFormat '{DateFormat}' is not a valid date format string."), e);
        }

        if (!DateFormats.HasWholeDate(DateFormat))
        {
            ThrowHelper.Argument("options.DateFormat", ThrowHelper.Format($"options.DateFormat '{DateFormat}' does not hold a whole date (year, month and day): .NET would fill the missing part from today's date."));
        }

        if (string.Equals(CustomerIdColumn, DateColumn, StringComparison.OrdinalIgnoreCase)
            || string.Equals(CustomerIdColumn, AmountColumn, StringComparison.OrdinalIgnoreCase)
            || string.Equals(DateColumn, AmountColumn, StringComparison.OrdinalIgnoreCase))
        {
            ThrowHelper.Argument("options.CustomerIdColumn", ThrowHelper.Format(
                $"options.CustomerIdColumn ('{CustomerIdColumn}'), options.DateColumn ('{DateColumn}') and options.AmountColumn ('{AmountColumn}') must name different columns."));
        }

        if (QuantityColumn is not null)
        {
            RequireText(QuantityColumn, "options.QuantityColumn");
            string? same = string.Equals(QuantityColumn, CustomerIdColumn, StringComparison.OrdinalIgnoreCase) ? "options.CustomerIdColumn"
                : string.Equals(QuantityColumn, DateColumn, StringComparison.OrdinalIgnoreCase) ? "options.DateColumn"
                : string.Equals(QuantityColumn, AmountColumn, StringComparison.OrdinalIgnoreCase) ? "options.AmountColumn" : null;
            if (same is not null)
            {
                ThrowHelper.Argument("options.QuantityColumn", ThrowHelper.Format(
                    $"options.QuantityColumn ('{QuantityColumn}') must name a column of its own, but {same} names it too."));
            }
        }

        static void RequireText(string? value, string name)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                ThrowHelper.Argument(name, ThrowHelper.Format($"{name} must not be null, empty or white space, but was '{value}'."));
            }
        }
    }
}
