using System.Collections.Concurrent;
using Clv.Crm;
using Clv.Csv.Internal;

namespace Clv.Csv;

/// <summary>
/// Writes a <see cref="Scorecard"/> as CSV for a CRM to import: one row per customer (in the summaries' order), the columns of
/// <see cref="Scorecard.Columns"/> in their order under their stable snake_case names (the README's data dictionary), invariant
/// culture, round-trippable numbers (<c>R</c> format) and an empty field where the customer has no value. <see cref="CsvWriteOptions"/> say
/// whether text that starts like a formula is escaped (by default it is) and whether the file starts with a byte order mark
/// (by default not).
/// </summary>
/// <remarks>
/// A part of the scorecard that was not configured has no column, so the header says which parts are present. Lines end with
/// <c>\r\n</c> (RFC 4180) and fields holding a delimiter or quote are quoted. Every destination gets UTF-8, without a byte order
/// mark unless <see cref="CsvWriteOptions.ByteOrderMark"/> asks for one. A file is written to a temporary file in the same folder and then moved over the destination, so a failure never
/// leaves a half-written scorecard behind (and an existing file stays as it was).
/// </remarks>
public static class ScorecardCsv
{
    /// <summary>Writes the scorecard to a file (created or replaced as a whole) with the default <see cref="CsvWriteOptions"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="scorecard">The scorecard.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="scorecard"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    public static void Write(string path, Scorecard scorecard) => Write(path, scorecard, null);

    /// <summary>Writes the scorecard to a file (created or replaced as a whole).</summary>
    /// <param name="path">The file.</param>
    /// <param name="scorecard">The scorecard.</param>
    /// <param name="options">Formula escaping and the byte order mark; <see cref="CsvWriteOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="scorecard"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    public static void Write(string path, Scorecard scorecard, CsvWriteOptions? options) => CsvDestination.Write(path, scorecard, WriteRows, options);

    /// <summary>Writes the scorecard to a stream (left open) with the default <see cref="CsvWriteOptions"/>.</summary>
    /// <param name="stream">The destination.</param>
    /// <param name="scorecard">The scorecard.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> or <paramref name="scorecard"/> is null.</exception>
    public static void Write(Stream stream, Scorecard scorecard) => Write(stream, scorecard, null);

    /// <summary>Writes the scorecard to a stream (left open).</summary>
    /// <param name="stream">The destination.</param>
    /// <param name="scorecard">The scorecard.</param>
    /// <param name="options">Formula escaping and the byte order mark; <see cref="CsvWriteOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> or <paramref name="scorecard"/> is null.</exception>
    public static void Write(Stream stream, Scorecard scorecard, CsvWriteOptions? options) => CsvDestination.Write(stream, scorecard, WriteRows, options);

    /// <summary>Writes the scorecard to a text writer (left open; flushed) with the default <see cref="CsvWriteOptions"/>.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="scorecard">The scorecard.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> or <paramref name="scorecard"/> is null.</exception>
    public static void Write(TextWriter writer, Scorecard scorecard) => Write(writer, scorecard, null);

    /// <summary>Writes the scorecard to a text writer (left open; flushed).</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="scorecard">The scorecard.</param>
    /// <param name="options">Formula escaping and the byte order mark (the character U+FEFF first); <see cref="CsvWriteOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> or <paramref name="scorecard"/> is null.</exception>
    public static void Write(TextWriter writer, Scorecard scorecard, CsvWriteOptions? options) => CsvDestination.Write(writer, scorecard, WriteRows, options);

    /// <summary>Rows per chunk formatted on one thread.</summary>
    internal const int DefaultChunkRows = 1 << 14;

    /// <summary>Writes with chunks of <paramref name="chunkRows"/> rows (tests make them small to cross chunk boundaries).</summary>
    internal static void Write(TextWriter writer, Scorecard scorecard, int chunkRows, CsvWriteOptions? options = null) =>
        CsvDestination.Write(writer, scorecard, (table, card) => WriteRows(table, card, chunkRows), options);

    /// <summary>Writes to a stream with chunks of <paramref name="chunkRows"/> rows (tests: the UTF-8 bytes appended as they are).</summary>
    internal static void Write(Stream stream, Scorecard scorecard, int chunkRows, CsvWriteOptions? options = null) =>
        CsvDestination.Write(stream, scorecard, (table, card) => WriteRows(table, card, chunkRows), options);

    private static void WriteRows(CsvTable table, Scorecard scorecard) => WriteRows(table, scorecard, DefaultChunkRows);

    private static void WriteRows(CsvTable table, Scorecard scorecard, int chunkRows)
    {
        var columns = scorecard.Columns;
        var names = new string[columns.Count];
        for (int c = 0; c < names.Length; c++)
        {
            names[c] = columns[c].Name;
        }

        table.Header(names);
        int count = scorecard.Rows.Count;
        if (count <= chunkRows)
        {
            WriteRange(table, (columns, 0, count));
            return;
        }

        // Chunks of rows are formatted on the thread pool, a few ahead of the one being appended, and appended in order: the
        // same text as one pass, with the number formatting (most of the cost) spread over the cores. Each chunk's buffer is
        // reused for a later chunk once appended.
        int chunks = (int)(((long)count + chunkRows - 1) / chunkRows);
        var spare = new ConcurrentBag<MemoryStream>();
        OrderedWork.Run(
            chunks,
            2 * Math.Max(2, Environment.ProcessorCount),
            k =>
            {
                int start = k * chunkRows;
                return CsvTable.Format((columns, start, Math.Min(chunkRows, count - start)), WriteRange, spare.TryTake(out var reuse) ? reuse : null, table.ProtectsFormulas);
            },
            part =>
            {
                table.Append(part);
                spare.Add(part);
            });
    }

    private static void WriteRange(CsvTable table, (IReadOnlyList<ScorecardColumn> Columns, int Start, int Count) range)
    {
        var (columns, start, count) = range;
        var labels = new LabelCache[columns.Count];
        for (int i = start; i < start + count; i++)
        {
            for (int c = 0; c < columns.Count; c++)
            {
                var column = columns[c];
                switch (column.Kind)
                {
                    case ScorecardColumnKind.Text:
                        string? text = column.GetText(i);
                        if (text is not null && (labels[c] ??= new LabelCache()).TryGet(text) is { } utf8)
                        {
                            table.Field(utf8);
                        }
                        else
                        {
                            table.Field(text);
                        }

                        break;
                    case ScorecardColumnKind.Integer:
                        table.Field(column.GetInteger(i));
                        break;
                    default:
                        table.Field(column.GetNumber(i));
                        break;
                }
            }

            table.EndRow();
        }
    }

    /// <summary>
    /// The UTF-8 text of a text column's values while they come from a small set (segment, tier, stage and band labels, in
    /// English and Chinese): each string instance is encoded once, not once per row. A column whose values keep changing (ids,
    /// warnings) stops being cached after <see cref="Capacity"/> distinct instances; its values are then written as text.
    /// </summary>
    private sealed class LabelCache
    {
        private const int Capacity = 64;
        private readonly Dictionary<string, byte[]> _bytes = new(ReferenceEqualityComparer.Instance);
        private readonly string[] _recent = new string[16];
        private readonly byte[][] _recentBytes = new byte[16][];
        private int _recentCount;
        private bool _full;

        public byte[]? TryGet(string text)
        {
            // The first few instances by reference comparison (a label column has a handful), the rest by a hash lookup.
            for (int r = 0; r < _recentCount; r++)
            {
                if (ReferenceEquals(_recent[r], text))
                {
                    return _recentBytes[r];
                }
            }

            if (_full)
            {
                return null;
            }

            if (_bytes.TryGetValue(text, out var utf8))
            {
                return utf8;
            }

            if (_bytes.Count == Capacity)
            {
                _full = true;
                _bytes.Clear();
                _recentCount = 0;
                return null;
            }

            utf8 = CsvTable.Utf8.GetBytes(text);
            _bytes.Add(text, utf8);
            if (_recentCount < _recent.Length)
            {
                _recent[_recentCount] = text;
                _recentBytes[_recentCount++] = utf8;
            }

            return utf8;
        }
    }
}
