using System.Globalization;

namespace Clv.Data;

/// <summary>
/// A row of a database result that is not a valid transaction (strict mode): its 1-based row number in the result, the
/// column, the value as text and the reason, e.g. <c>Row 3, column 'amount': Not a finite number. Value: 'NaN'.</c>
/// </summary>
public sealed class DbFormatException : FormatException
{
    /// <summary>Creates the exception for one bad row.</summary>
    /// <param name="rowNumber">The 1-based row number in the result.</param>
    /// <param name="column">The column's name.</param>
    /// <param name="rawText">The value as text (empty for NULL).</param>
    /// <param name="reason">Why the row is rejected.</param>
    public DbFormatException(long rowNumber, string column, string rawText, string reason)
        : base(string.Create(CultureInfo.InvariantCulture, $"Row {rowNumber}, column '{column}': {reason} Value: '{rawText}'."))
    {
        ArgumentNullException.ThrowIfNull(column);
        ArgumentNullException.ThrowIfNull(rawText);
        ArgumentNullException.ThrowIfNull(reason);
        RowNumber = rowNumber;
        Column = column;
        RawText = rawText;
        Reason = reason;
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public DbFormatException()
        : this("The database result is not a valid transaction log.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public DbFormatException(string message)
        : this(message, null)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public DbFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Column = string.Empty;
        RawText = string.Empty;
        Reason = message ?? string.Empty;
    }

    /// <summary>The 1-based row number in the result (0 when not about one row).</summary>
    public long RowNumber { get; }

    /// <summary>The column's name.</summary>
    public string Column { get; }

    /// <summary>The value as text (its first 200 characters, "..." and its length when longer, as in the CSV reader); empty for NULL.</summary>
    public string RawText { get; }

    /// <summary>Why the row is rejected.</summary>
    public string Reason { get; }

    /// <summary>The same information as a <see cref="RejectedRow"/> (the row number in <see cref="RejectedRow.LineNumber"/>).</summary>
    /// <returns>The rejected row.</returns>
    public RejectedRow ToRejectedRow() => new(RowNumber, Column, RawText, Reason);
}
