using System.Globalization;
using Clv.Csv.Internal;

namespace Clv.Csv;

/// <summary>
/// A CSV source that cannot be read: a bad row in <see cref="CsvReadMode.Strict"/> mode, or a file-level problem
/// (a configured column missing from the header, a column name twice in the header, an index beyond the header)
/// in either mode. The message names the line, the column and the raw text.
/// </summary>
/// <remarks>The reader caps <see cref="RawText"/> at 200 characters (then "..." and the full length); the message shows
/// invisible characters escaped (a stray byte order mark as <c>\ufeff</c>, a line break as <c>\n</c>).</remarks>
public sealed class CsvFormatException : FormatException
{
    /// <summary>Creates an exception for a line of a CSV source.</summary>
    /// <param name="lineNumber">1-based line number (the header, if any, is line 1).</param>
    /// <param name="column">The column at fault (header name or 0-based index), or null when the line as a whole is at fault.</param>
    /// <param name="rawText">The offending raw text.</param>
    /// <param name="reason">A plain-English reason.</param>
    public CsvFormatException(long lineNumber, string? column, string rawText, string reason)
        : base(BuildMessage(lineNumber, column, rawText, reason))
    {
        ArgumentNullException.ThrowIfNull(rawText);
        ArgumentNullException.ThrowIfNull(reason);
        LineNumber = lineNumber;
        Column = column;
        RawText = rawText;
        Reason = reason;
    }

    /// <summary>Creates an exception with a message only (line 0, no column, empty raw text).</summary>
    public CsvFormatException()
        : this(0, null, string.Empty, "The CSV source is not valid.")
    {
    }

    /// <summary>Creates an exception with a message only (line 0, no column, empty raw text).</summary>
    /// <param name="message">The message, also used as <see cref="Reason"/>.</param>
    public CsvFormatException(string message)
        : this(message, null)
    {
    }

    /// <summary>Creates an exception with a message and an inner exception (line 0, no column, empty raw text).</summary>
    /// <param name="message">The message, also used as <see cref="Reason"/>.</param>
    /// <param name="innerException">The cause.</param>
    public CsvFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
        RawText = string.Empty;
        Reason = message ?? string.Empty;
    }

    /// <summary>1-based line number in the source (the header, if any, is line 1); 0 when unknown.</summary>
    public long LineNumber { get; }

    /// <summary>The column at fault (its header name, or its 0-based index), or null when the line as a whole is at fault.</summary>
    public string? Column { get; }

    /// <summary>
    /// The offending raw text: the field when a column is at fault, otherwise the whole record (for a record over the
    /// length or line cap, or with a quote never closed, its first line). The reader keeps at most 200 characters,
    /// then "..." and the full length.
    /// </summary>
    public string RawText { get; }

    /// <summary>A plain-English reason, without the line and column.</summary>
    public string Reason { get; }

    /// <summary>The same problem as a rejected row.</summary>
    /// <returns>A <see cref="RejectedRow"/> with this exception's line, column, raw text and reason.</returns>
    public RejectedRow ToRejectedRow() => new(LineNumber, Column, RawText, Reason);

    /// <summary>The message shows the column and raw text with invisible characters escaped (<c>\ufeff</c>, <c>\n</c>) and at most 240 characters of each.</summary>
    private static string BuildMessage(long lineNumber, string? column, string? rawText, string? reason) =>
        column is null
            ? string.Create(CultureInfo.InvariantCulture, $"Line {lineNumber}: {reason} Raw text: '{MessageText.Show(rawText ?? string.Empty)}'.")
            : string.Create(CultureInfo.InvariantCulture, $"Line {lineNumber}, column '{MessageText.Show(column)}': {reason} Raw text: '{MessageText.Show(rawText ?? string.Empty)}'.");
}
