using System.Globalization;
using Clv.Csv.Internal;

namespace Clv.Csv;

/// <summary>
/// How <see cref="TransactionCsv"/> finds and parses the customer, date and amount columns, and how a read reports
/// progress and is cancelled. Every property has a documented default, so <see cref="Default"/> (or
/// <c>new TransactionCsvOptions()</c>) reads <c>customer_id,date,amount</c> with a header, comma delimiters, ISO dates
/// and invariant numbers, strictly.
/// </summary>
/// <remarks>
/// <para>Columns are found by header name (<see cref="CustomerIdColumn"/>, <see cref="DateColumn"/>,
/// <see cref="AmountColumn"/>; trimmed, case-insensitive) unless the matching 0-based index
/// (<see cref="CustomerIdIndex"/>, <see cref="DateIndex"/>, <see cref="AmountIndex"/>) is set: an index always wins.
/// Without a header (<see cref="HasHeader"/> false) all three indices are required.</para>
/// <para>Order-line exports carry a quantity and a unit price instead of an amount (<c>Quantity,UnitPrice</c>): set
/// <see cref="QuantityColumn"/> (or <see cref="QuantityIndex"/>) and point <see cref="AmountColumn"/> at the unit price,
/// and each row's amount is quantity × unit price.</para>
/// <para>Fields are trimmed of spaces and tabs. Other columns, and fields beyond the last configured column, are ignored.</para>
/// <para>The options are checked once, when a read starts; an error names the property (<c>options.DateFormat</c>).</para>
/// </remarks>
public sealed class TransactionCsvOptions
{
    /// <summary>The defaults: <c>customer_id,date,amount</c> with a header, comma delimiters, ISO dates, invariant numbers, strict, no progress, not cancellable.</summary>
    public static TransactionCsvOptions Default { get; } = new();

    /// <summary>Header name of the customer id column. Default <c>"customer_id"</c>. Ignored when <see cref="CustomerIdIndex"/> is set.</summary>
    public string CustomerIdColumn { get; init; } = "customer_id";

    /// <summary>Header name of the date column. Default <c>"date"</c>. Ignored when <see cref="DateIndex"/> is set.</summary>
    public string DateColumn { get; init; } = "date";

    /// <summary>Header name of the amount column. Default <c>"amount"</c>. Ignored when <see cref="AmountIndex"/> is set.</summary>
    public string AmountColumn { get; init; } = "amount";

    /// <summary>0-based index of the customer id column; wins over <see cref="CustomerIdColumn"/>. Default null (find by name).</summary>
    public int? CustomerIdIndex { get; init; }

    /// <summary>0-based index of the date column; wins over <see cref="DateColumn"/>. Default null (find by name).</summary>
    public int? DateIndex { get; init; }

    /// <summary>0-based index of the amount column; wins over <see cref="AmountColumn"/>. Default null (find by name).</summary>
    public int? AmountIndex { get; init; }

    /// <summary>
    /// Header name of a quantity column, for order lines that carry a quantity and a unit price: when set, the
    /// <see cref="AmountColumn"/> (or <see cref="AmountIndex"/>) column is read as the unit price and each row's amount is
    /// quantity × unit price, computed in <see cref="double"/> (3 × 19.99 is 59.97 to within one unit in the last place).
    /// The quantity is a number in <see cref="Culture"/> like the price (2, 1.5, or -1 for a returned item, which at a
    /// positive price makes the row a refund; a line worth 0, a free item or the return of one, is a transaction of 0 like
    /// any amount of 0); a row whose quantity is not a number, or whose product is not finite, is a bad row naming this
    /// column, and a name that is also another column's is refused. Default null: the amount column holds each row's
    /// amount. Ignored when <see cref="QuantityIndex"/> is set.
    /// </summary>
    public string? QuantityColumn { get; init; }

    /// <summary>
    /// 0-based index of the quantity column (see <see cref="QuantityColumn"/>); wins over <see cref="QuantityColumn"/>, and
    /// is how a file without a header gives one. Default null.
    /// </summary>
    public int? QuantityIndex { get; init; }

    /// <summary>Whether the first non-blank line is a header. Default true. When false, all three indices must be set.</summary>
    public bool HasHeader { get; init; } = true;

    /// <summary>
    /// The field delimiter, for example <c>','</c>, <c>';'</c> or <c>'\t'</c>. Default <c>','</c>. Fields may be quoted
    /// (RFC 4180: <c>"a, b"</c>, <c>"say ""hi"""</c>, line breaks inside quotes). Ignored when <see cref="WhitespaceDelimited"/> is true.
    /// </summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>
    /// Whether fields are separated by runs of spaces and tabs, with leading and trailing whitespace ignored
    /// (fixed-width-looking files such as CDNOW_sample.txt). Quotes are not interpreted in this mode. Default false.
    /// </summary>
    public bool WhitespaceDelimited { get; init; }

    /// <summary>
    /// The exact date format (a .NET custom or standard format string, parsed with the invariant culture), for example
    /// <c>"yyyyMMdd"</c> or <c>"dd/MM/yyyy"</c>. Default <c>"yyyy-MM-dd"</c> (ISO 8601). A format with a time of day reads
    /// timestamps, for example <c>"yyyy-MM-dd HH:mm:ss"</c> (<c>2005-01-02 14:31:00</c>) or, with an offset,
    /// <c>"yyyy-MM-ddTHH:mm:sszzz"</c> (<c>2005-01-02T14:31:00+08:00</c>); each row counts on one calendar day:
    /// a time without an offset on its date as written, a time with an offset by <see cref="CalendarDay"/>'s rule (its own
    /// day, or its day in <see cref="TimeZone"/>). The one-letter formats <c>"o"</c> and <c>"O"</c> read dates
    /// (<c>yyyy-MM-dd</c>), as for <see cref="DateOnly"/>. The format must hold the year, the month and the day: one without
    /// (<c>MM-dd</c>, <c>HH:mm</c>) is refused, as .NET would fill the missing part from today's date. A two-digit year
    /// (<c>yy</c>) is in 1950 to 2049, the invariant culture's window: <c>31.12.49</c> is 2049, <c>01.01.50</c> is 1950.
    /// </summary>
    public string DateFormat { get; init; } = "yyyy-MM-dd";

    /// <summary>
    /// The zone whose calendar days count for timestamps with an offset (<see cref="DateFormat"/> with <c>zzz</c>, <c>K</c>,
    /// <c>"u"</c> or <c>"r"</c>): each is moved to the zone's clock before its date is taken, so
    /// <c>2005-01-02T23:30:00-05:00</c> counts on 3 January in China Standard Time. Times without an offset (a row that
    /// <c>K</c> matched with no offset too) are wall-clock times already in the zone (their date as written). Default null:
    /// each timestamp's own day.
    /// </summary>
    public TimeZoneInfo? TimeZone { get; init; }

    /// <summary>
    /// The culture of amounts (decimal separator), for example <c>de-DE</c> for <c>12,50</c> (use it with
    /// <c>Delimiter = ';'</c> or quoted amounts). Thousands separators are not accepted. Default <see cref="CultureInfo.InvariantCulture"/>.
    /// </summary>
    public CultureInfo Culture { get; init; } = CultureInfo.InvariantCulture;

    /// <summary>Strict (the first bad row throws) or lenient (bad rows are collected). Default <see cref="CsvReadMode.Strict"/>.</summary>
    public CsvReadMode Mode { get; init; } = CsvReadMode.Strict;

    /// <summary>
    /// The most characters a record may have (line breaks inside quoted fields included). A longer record is an error
    /// at its first line (in lenient mode a rejected row), and reading resumes at the next line, so a quote that is
    /// never closed costs one line instead of the rest of the file. Default 1,048,576; at least 1 and at most 2^30.
    /// </summary>
    public int MaxRecordLength { get; init; } = 1 << 20;

    /// <summary>
    /// The most lines a record may span (a quoted field may hold line breaks). A record spanning more is an error at
    /// its first line, and reading resumes at the next line. Default 1,000; at least 1.
    /// </summary>
    public int MaxRecordLines { get; init; } = 1_000;

    /// <summary>
    /// Receives the number of data rows read so far (imported plus rejected; header and blank lines excluded) after
    /// every 16,384 rows and once at the end, by <see cref="TransactionCsv.Read(string, TransactionCsvOptions?)"/> and
    /// <see cref="TransactionCsv.ReadInto(string, CustomerSummariesBuilder, TransactionCsvOptions?)"/> alike. Each report
    /// counts rows already in the result (or the builder). Called on the reading thread. Default null (no reports).
    /// </summary>
    public IProgress<long>? Progress { get; init; }

    /// <summary>
    /// Cancels a read: checked before the first row and after every 16,384 rows, never once the whole source has been
    /// read (a read that finished returns normally). Rows added to a builder before it was seen stay in the builder.
    /// Default <see cref="CancellationToken.None"/>.
    /// </summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>Whether rows carry a quantity (<see cref="QuantityColumn"/> or <see cref="QuantityIndex"/> set).</summary>
    internal bool HasQuantity => QuantityIndex is not null || QuantityColumn is not null;

    /// <summary>The reader's initial buffer, in characters (tests make it tiny to put records across buffer edges).</summary>
    internal int BufferSize { get; init; } = 1 << 16;

    /// <summary>Checks the options once, before any I/O; every error names the property (<c>options.DateFormat</c>).</summary>
    internal void Validate()
    {
        if (Culture is null)
        {
            ThrowHelper.ArgumentNull("options.Culture", "options.Culture must not be null.");
        }

        RequireText(DateFormat, "options.DateFormat");
        CheckIndex(CustomerIdIndex, "options.CustomerIdIndex");
        CheckIndex(DateIndex, "options.DateIndex");
        CheckIndex(AmountIndex, "options.AmountIndex");
        CheckIndex(QuantityIndex, "options.QuantityIndex");
        if (CustomerIdIndex is null)
        {
            RequireText(CustomerIdColumn, "options.CustomerIdColumn");
        }

        if (DateIndex is null)
        {
            RequireText(DateColumn, "options.DateColumn");
        }

        if (AmountIndex is null)
        {
            RequireText(AmountColumn, "options.AmountColumn");
        }

        if (!HasHeader && (CustomerIdIndex is null || DateIndex is null || AmountIndex is null))
        {
            ThrowHelper.Argument("options.HasHeader",
                "Without a header (options.HasHeader = false) the columns must be given by 0-based index: set options.CustomerIdIndex, options.DateIndex and options.AmountIndex.");
        }

        if (QuantityIndex is null && QuantityColumn is not null)
        {
            RequireText(QuantityColumn, "options.QuantityColumn");
            if (!HasHeader)
            {
                ThrowHelper.Argument("options.QuantityColumn", ThrowHelper.Format(
                    $"Without a header (options.HasHeader = false) the quantity column must be given by 0-based index: set options.QuantityIndex instead of options.QuantityColumn ('{QuantityColumn}')."));
            }

            // A name clash is known before the header is read (the readers of Parquet and databases refuse it the same way).
            string? same = SameName(CustomerIdIndex, CustomerIdColumn) ? "options.CustomerIdColumn"
                : SameName(DateIndex, DateColumn) ? "options.DateColumn"
                : SameName(AmountIndex, AmountColumn) ? "options.AmountColumn" : null;
            if (same is not null)
            {
                ThrowHelper.Argument("options.QuantityColumn", ThrowHelper.Format(
                    $"options.QuantityColumn ('{QuantityColumn}') must name a column of its own, but {same} names it too."));
            }
        }

        if (!WhitespaceDelimited && Delimiter is '"' or '\r' or '\n' or ' ' or '\0')
        {
            ThrowHelper.ArgumentOutOfRange("options.Delimiter", Delimiter, ThrowHelper.Format(
                $"options.Delimiter cannot be U+{(int)Delimiter:X4} (a quote, line break, space or NUL); use options.WhitespaceDelimited for runs of spaces."));
        }

        if (MaxRecordLength is < 1 or > 1 << 30)
        {
            ThrowHelper.ArgumentOutOfRange("options.MaxRecordLength", MaxRecordLength, ThrowHelper.Format(
                $"options.MaxRecordLength must be between 1 and {1 << 30:N0} characters, but was {MaxRecordLength:N0}."));
        }

        if (MaxRecordLines < 1)
        {
            ThrowHelper.ArgumentOutOfRange("options.MaxRecordLines", MaxRecordLines, ThrowHelper.Format(
                $"options.MaxRecordLines must be at least 1, but was {MaxRecordLines:N0}."));
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

        if (SameIndex(CustomerIdIndex, DateIndex) || SameIndex(CustomerIdIndex, AmountIndex) || SameIndex(DateIndex, AmountIndex))
        {
            ThrowHelper.Argument("options.CustomerIdIndex", ThrowHelper.Format(
                $"options.CustomerIdIndex ({CustomerIdIndex}), options.DateIndex ({DateIndex}) and options.AmountIndex ({AmountIndex}) must be different columns."));
        }

        if (SameIndex(QuantityIndex, CustomerIdIndex) || SameIndex(QuantityIndex, DateIndex) || SameIndex(QuantityIndex, AmountIndex))
        {
            string other = SameIndex(QuantityIndex, CustomerIdIndex) ? "options.CustomerIdIndex" : SameIndex(QuantityIndex, DateIndex) ? "options.DateIndex" : "options.AmountIndex";
            ThrowHelper.Argument("options.QuantityIndex", ThrowHelper.Format(
                $"options.QuantityIndex ({QuantityIndex}) must be a column of its own, but {other} is {QuantityIndex} too."));
        }

        static bool SameIndex(int? a, int? b) => a is not null && a == b;

        bool SameName(int? index, string name) =>
            index is null && string.Equals(name?.Trim(' ', '\t'), QuantityColumn?.Trim(' ', '\t'), StringComparison.OrdinalIgnoreCase);

        static void CheckIndex(int? index, string name)
        {
            if (index < 0)
            {
                ThrowHelper.ArgumentOutOfRange(name, index, ThrowHelper.Format($"{name} must be a 0-based column index of at least 0, but was {index}."));
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
