using System.Globalization;

namespace Clv.Csv;

/// <summary>
/// How <see cref="TransactionCsv.Read(string, TransactionCsvOptions?)"/> finds and parses the customer, date and amount
/// columns. Every property has a documented default, so <c>new TransactionCsvOptions()</c> reads
/// <c>customer_id,date,amount</c> with a header, comma delimiters, ISO dates and invariant numbers, strictly.
/// </summary>
/// <remarks>
/// <para>Columns are found by header name (<see cref="CustomerIdColumn"/>, <see cref="DateColumn"/>,
/// <see cref="AmountColumn"/>; trimmed, case-insensitive) unless the matching 0-based index
/// (<see cref="CustomerIdIndex"/>, <see cref="DateIndex"/>, <see cref="AmountIndex"/>) is set: an index always wins.
/// Without a header (<see cref="HasHeader"/> false) all three indices are required.</para>
/// <para>Fields are trimmed of spaces and tabs. Other columns, and fields beyond the last configured column, are ignored.</para>
/// </remarks>
public sealed class TransactionCsvOptions
{
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
    /// <c>"yyyyMMdd"</c> or <c>"dd/MM/yyyy"</c>. Default <c>"yyyy-MM-dd"</c> (ISO 8601).
    /// </summary>
    public string DateFormat { get; init; } = "yyyy-MM-dd";

    /// <summary>
    /// The culture of amounts (decimal separator), for example <c>de-DE</c> for <c>12,50</c> (use it with
    /// <c>Delimiter = ';'</c> or quoted amounts). Thousands separators are not accepted. Default <see cref="CultureInfo.InvariantCulture"/>.
    /// </summary>
    public CultureInfo Culture { get; init; } = CultureInfo.InvariantCulture;

    /// <summary>Strict (the first bad row throws) or lenient (bad rows are collected). Default <see cref="CsvReadMode.Strict"/>.</summary>
    public CsvReadMode Mode { get; init; } = CsvReadMode.Strict;
}
