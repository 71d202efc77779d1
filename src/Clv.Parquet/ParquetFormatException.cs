using System.Globalization;
using Clv.Parquet.Internal;

namespace Clv.Parquet;

/// <summary>
/// A Parquet source that cannot be read: a bad row in <see cref="ParquetReadMode.Strict"/> mode (a null, an empty id, a
/// date that does not parse, an amount that is not a finite number), or a file-level problem in either mode (not a
/// Parquet file, a configured column missing or of a type that cannot be mapped). The message names the file (when
/// read from a path), the row, the column and the value.
/// </summary>
/// <remarks>Rows are numbered from 1 across the whole file (row groups do not restart the count); a file-level problem has
/// row 0. <see cref="RawText"/> is capped at 200 characters (then "..." and the full length) and the message shows
/// invisible characters escaped.</remarks>
public sealed class ParquetFormatException : FormatException
{
    /// <summary>Creates an exception for a row (or, with row 0, the whole) of a Parquet source.</summary>
    /// <param name="path">The file, or null when read from a stream.</param>
    /// <param name="rowNumber">1-based row number across the file; 0 when the file as a whole is at fault.</param>
    /// <param name="column">The column at fault, or null when the file as a whole is at fault.</param>
    /// <param name="rawText">The offending value as text (empty for a null).</param>
    /// <param name="reason">A plain-English reason.</param>
    public ParquetFormatException(string? path, long rowNumber, string? column, string rawText, string reason)
        : this(path, rowNumber, column, rawText, reason, null)
    {
    }

    /// <summary>Creates an exception with a message only (no file, row 0, no column, empty raw text).</summary>
    public ParquetFormatException()
        : this(null, 0, null, string.Empty, "The Parquet source is not valid.")
    {
    }

    /// <summary>Creates an exception with a message only (no file, row 0, no column, empty raw text).</summary>
    /// <param name="message">The message, also used as <see cref="Reason"/>.</param>
    public ParquetFormatException(string message)
        : this(message, null)
    {
    }

    /// <summary>Creates an exception with a message and an inner exception (no file, row 0, no column, empty raw text).</summary>
    /// <param name="message">The message, also used as <see cref="Reason"/>.</param>
    /// <param name="innerException">The cause.</param>
    public ParquetFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
        RawText = string.Empty;
        Reason = message ?? string.Empty;
    }

    internal ParquetFormatException(string? path, long rowNumber, string? column, string rawText, string reason, Exception? innerException)
        : base(BuildMessage(path, rowNumber, column, rawText, reason), innerException)
    {
        ArgumentNullException.ThrowIfNull(rawText);
        ArgumentNullException.ThrowIfNull(reason);
        Path = path;
        RowNumber = rowNumber;
        Column = column;
        RawText = rawText;
        Reason = reason;
    }

    /// <summary>The file, or null when the source was a stream.</summary>
    public string? Path { get; }

    /// <summary>1-based row number across the file (row groups do not restart it); 0 when the file as a whole is at fault.</summary>
    public long RowNumber { get; }

    /// <summary>The column at fault (its name in the file, or the configured name when it is missing), or null when the file as a whole is at fault.</summary>
    public string? Column { get; }

    /// <summary>The offending value as text (empty for a null); at most 200 characters, then "..." and the full length.</summary>
    public string RawText { get; }

    /// <summary>A plain-English reason, without the file, row and column.</summary>
    public string Reason { get; }

    /// <summary>The same problem as a rejected row.</summary>
    /// <returns>A <see cref="RejectedRow"/> with this exception's row number (as its line number), column, raw text and reason.</returns>
    public RejectedRow ToRejectedRow() => new(RowNumber, Column, RawText, Reason);

    private static string BuildMessage(string? path, long rowNumber, string? column, string rawText, string reason)
    {
        var parts = new List<string>(3);
        if (path is not null)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"file '{MessageText.Show(path)}'"));
        }

        if (rowNumber > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"row {rowNumber}"));
        }

        if (column is not null)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"column '{MessageText.Show(column)}'"));
        }

        string where = string.Join(", ", parts);
        string text = where.Length == 0 ? reason : string.Concat(char.ToUpperInvariant(where[0]).ToString(), where.AsSpan(1), ": ", reason);
        return rowNumber > 0 ? string.Create(CultureInfo.InvariantCulture, $"{text} Raw value: '{MessageText.Show(rawText)}'.") : text;
    }
}
