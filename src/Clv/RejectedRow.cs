namespace Clv;

/// <summary>A row a reader could not import, and why.</summary>
/// <param name="LineNumber">1-based line number in the source (the header, if any, is line 1).</param>
/// <param name="Column">The column at fault (its header name, or its 0-based index), or null when the row as a whole is at fault.</param>
/// <param name="RawText">The offending raw text: the field when a column is at fault, otherwise the whole record. Readers cap it (the CSV reader at 200 characters, then "..." and the full length).</param>
/// <param name="Reason">A plain-English reason.</param>
public sealed record RejectedRow(long LineNumber, string? Column, string RawText, string Reason);
