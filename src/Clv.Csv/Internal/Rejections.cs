using System.Diagnostics.CodeAnalysis;

namespace Clv.Csv.Internal;

/// <summary>
/// Where bad rows go: in strict mode the first one throws <see cref="CsvFormatException"/>; in lenient mode they
/// are collected. File-level problems throw in both modes. Raw text is capped (<see cref="MessageText.Cap(ReadOnlySpan{char}, long)"/>).
/// </summary>
internal sealed class Rejections(bool strict)
{
    private readonly List<RejectedRow> _rows = [];

    public int Count => _rows.Count;

    public IReadOnlyList<RejectedRow> Rows => _rows;

    /// <summary>Rejects a row (strict: throws).</summary>
    /// <param name="lineNumber">The row's first line.</param>
    /// <param name="column">The column at fault, or null for the row as a whole.</param>
    /// <param name="rawText">The offending text, or its start when <paramref name="rawLength"/> is larger.</param>
    /// <param name="rawLength">The full length of the offending text.</param>
    /// <param name="reason">Why.</param>
    public void Row(long lineNumber, string? column, ReadOnlySpan<char> rawText, long rawLength, string reason)
    {
        string raw = MessageText.Cap(rawText, rawLength);
        if (strict)
        {
            throw new CsvFormatException(lineNumber, column, raw, reason);
        }

        _rows.Add(new RejectedRow(lineNumber, column, raw, reason));
    }

    /// <inheritdoc cref="Row(long, string?, ReadOnlySpan{char}, long, string)"/>
    public void Row(long lineNumber, string? column, ReadOnlySpan<char> rawText, string reason) =>
        Row(lineNumber, column, rawText, rawText.Length, reason);

    /// <summary>A problem with the file as a whole (the header): throws in both modes.</summary>
    [DoesNotReturn]
    public static void File(long lineNumber, ReadOnlySpan<char> rawText, long rawLength, string reason) =>
        throw new CsvFormatException(lineNumber, null, MessageText.Cap(rawText, rawLength), reason);
}
