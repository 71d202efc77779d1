namespace Clv.Data;

/// <summary>
/// How <see cref="TransactionDb"/> reads a query's result: which columns hold the customer id, the date and the amount, how
/// text dates are written, which zone's calendar days count, and what a bad row does.
/// </summary>
/// <remarks>
/// <para>Columns are found by name, case-insensitively (<see cref="System.Data.Common.DbDataReader.GetOrdinal(string)"/>); a name that
/// two columns of the result share (a join's <c>SELECT *</c>) is ambiguous and refused, as in the CSV reader's header.</para>
/// <para>Accepted value types, checked row by row (SQLite's values may change type from row to row):</para>
/// <list type="bullet">
/// <item><description>customer id: text, an integer (written in invariant digits) or a <see cref="Guid"/> (<c>"D"</c> format);</description></item>
/// <item><description>date: <see cref="DateOnly"/>, <see cref="DateTime"/> and <see cref="DateTimeOffset"/> (their calendar day by
/// <see cref="CalendarDay"/>'s rule with <see cref="TimeZone"/>), or text in <see cref="DateFormat"/>;</description></item>
/// <item><description>amount: any integer or floating-point type, <see cref="decimal"/>, or invariant text; it must be finite;</description></item>
/// <item><description>quantity (with <see cref="QuantityColumn"/>): the same types as the amount; the product must be finite.</description></item>
/// </list>
/// <para>NULL, another type, or text that does not parse is a bad row, as is a value the provider cannot hand over as a .NET
/// value (PostgreSQL's numeric <c>NaN</c> and numbers beyond <see cref="decimal"/>, dates before year 1, DuckDB's infinite
/// dates: the row, column and database type are named) and a date that is the first or last value .NET holds (PostgreSQL's
/// <c>-infinity</c> and <c>infinity</c>, which Npgsql hands over as <see cref="DateTime.MinValue"/> and <see cref="DateTime.MaxValue"/>).</para>
/// </remarks>
public sealed class TransactionDbOptions
{
    /// <summary>The defaults: columns <c>customer_id</c>, <c>date</c>, <c>amount</c>, ISO dates, strict.</summary>
    public static TransactionDbOptions Default { get; } = new();

    /// <summary>The customer id column. Default <c>"customer_id"</c>.</summary>
    public string CustomerIdColumn { get; init; } = "customer_id";

    /// <summary>The date column. Default <c>"date"</c>.</summary>
    public string DateColumn { get; init; } = "date";

    /// <summary>The amount column. Default <c>"amount"</c>.</summary>
    public string AmountColumn { get; init; } = "amount";

    /// <summary>
    /// A quantity column, for order lines that carry a quantity and a unit price, as in the CSV and Parquet readers'
    /// options: when set, <see cref="AmountColumn"/> is read as the unit price and each row's amount is quantity × unit
    /// price, computed in <see cref="double"/> (a query can also compute it: <c>SELECT ..., quantity * price AS amount</c>).
    /// A NULL or non-numeric quantity, or a product that is not finite, is a bad row naming this column. Default null.
    /// </summary>
    public string? QuantityColumn { get; init; }

    /// <summary>
    /// The exact format of dates stored as text (SQLite has no date type), parsed with the invariant culture. Default
    /// <c>"yyyy-MM-dd"</c>. A format with a time (<c>"yyyy-MM-dd HH:mm:ss"</c>) reads timestamps: without an offset they count
    /// on their date as written; with an offset (<c>zzz</c>, <c>K</c>, <c>"u"</c>, <c>"r"</c>) by <see cref="CalendarDay"/>'s rule
    /// with <see cref="TimeZone"/>. The one-letter formats <c>"o"</c> and <c>"O"</c> read dates (<c>yyyy-MM-dd</c>), as for
    /// <see cref="DateOnly"/>. The same format reads text as the CSV and Parquet readers read it.
    /// </summary>
    public string DateFormat { get; init; } = "yyyy-MM-dd";

    /// <summary>
    /// The zone whose calendar days count for instants (<see cref="DateTimeOffset"/> values, <see cref="DateTime"/> values of kind
    /// <see cref="DateTimeKind.Utc"/> such as PostgreSQL's <c>timestamptz</c>, any <see cref="DateTime"/> of a column whose
    /// database type is <c>TIMESTAMPTZ</c> or <c>TIMESTAMP WITH TIME ZONE</c>, such as DuckDB's, which DuckDB.NET hands over in UTC
    /// without marking it, text with an offset). Default null: each value's own day.
    /// </summary>
    public TimeZoneInfo? TimeZone { get; init; }

    /// <summary>Strict (the first bad row throws) or lenient (bad rows are collected). Default <see cref="DbReadMode.Strict"/>.</summary>
    public DbReadMode Mode { get; init; } = DbReadMode.Strict;

    /// <summary>Receives the number of rows read so far after every 16,384 rows and once at the end. Default null.</summary>
    public IProgress<long>? Progress { get; init; }

    /// <summary>Cancels a read: checked before the first row and after every 16,384 rows. Default none.</summary>
    public CancellationToken CancellationToken { get; init; }

    internal void Validate()
    {
        Require(CustomerIdColumn, "options.CustomerIdColumn");
        Require(DateColumn, "options.DateColumn");
        Require(AmountColumn, "options.AmountColumn");
        Require(DateFormat, "options.DateFormat");
        if (Mode is not (DbReadMode.Strict or DbReadMode.Lenient))
        {
            throw new ArgumentOutOfRangeException("options.Mode", Mode, FormattableString.Invariant($"options.Mode must be Strict or Lenient, but was {(int)Mode}."));
        }

        try
        {
            _ = new DateTimeOffset(2001, 2, 3, 4, 5, 6, TimeSpan.FromHours(8)).ToString(DateFormat, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (FormatException e)
        {
            throw new ArgumentException(FormattableString.Invariant($"options.DateFormat '{DateFormat}' is not a valid date format string."), "options.DateFormat", e);
        }

        if (!Clv.Shared.DateFormats.HasWholeDate(DateFormat))
        {
            throw new ArgumentException(FormattableString.Invariant($"options.DateFormat '{DateFormat}' does not hold a whole date (year, month and day): .NET would fill the missing part from today's date."), "options.DateFormat");
        }

        if (string.Equals(CustomerIdColumn, DateColumn, StringComparison.OrdinalIgnoreCase)
            || string.Equals(CustomerIdColumn, AmountColumn, StringComparison.OrdinalIgnoreCase)
            || string.Equals(DateColumn, AmountColumn, StringComparison.OrdinalIgnoreCase))
        {
            // As the CSV and Parquet readers: one column read as two fields (an integer id as the amount) is a mistake, never a log.
            throw new ArgumentException(FormattableString.Invariant(
                $"options.CustomerIdColumn ('{CustomerIdColumn}'), options.DateColumn ('{DateColumn}') and options.AmountColumn ('{AmountColumn}') must name different columns."), "options.CustomerIdColumn");
        }

        if (QuantityColumn is not null)
        {
            Require(QuantityColumn, "options.QuantityColumn");
            string? same = string.Equals(QuantityColumn, AmountColumn, StringComparison.OrdinalIgnoreCase) ? "options.AmountColumn"
                : string.Equals(QuantityColumn, CustomerIdColumn, StringComparison.OrdinalIgnoreCase) ? "options.CustomerIdColumn"
                : string.Equals(QuantityColumn, DateColumn, StringComparison.OrdinalIgnoreCase) ? "options.DateColumn" : null;
            if (same is not null)
            {
                throw new ArgumentException(FormattableString.Invariant(
                    $"options.QuantityColumn ('{QuantityColumn}') must name a column of its own, but {same} names it too."), "options.QuantityColumn");
            }
        }

        static void Require(string? value, string name)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new ArgumentException(FormattableString.Invariant($"{name} must name a column (or a format), but was '{value}'."), name);
            }
        }
    }
}
