namespace Clv.Csv.Internal;

/// <summary>
/// The three destinations of every report writer (<c>XCsv.Write(destination, report)</c>): a file path (created or
/// replaced as a whole, through <see cref="ReplacingFile"/>), a stream (left open) or a text writer (left open), all UTF-8
/// without a byte order mark, each reduced to a <see cref="CsvTable"/> over a <see cref="TextWriter"/>.
/// </summary>
internal static class CsvDestination
{
    /// <summary>Refuses a stream that cannot be written, naming it (the text writer's own error names no parameter).</summary>
    public static void RequireWritable(Stream stream)
    {
        if (!stream.CanWrite)
        {
            throw new ArgumentException("The stream cannot be written to (CanWrite is false).", nameof(stream));
        }
    }

    public static void Write<TReport>(string path, TReport report, Action<CsvTable, TReport> write)
        where TReport : class
        => ReplacingFile.Write(path, report, write);

    public static void Write<TReport>(Stream stream, TReport report, Action<CsvTable, TReport> write)
        where TReport : class
    {
        ArgumentNullException.ThrowIfNull(stream);
        CsvDestination.RequireWritable(stream);
        ArgumentNullException.ThrowIfNull(report);
        using var writer = new StreamWriter(stream, CsvTable.Utf8, 1 << 16, leaveOpen: true);
        Write(writer, report, write);
    }

    public static void Write<TReport>(TextWriter writer, TReport report, Action<CsvTable, TReport> write)
        where TReport : class
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(report);
        using (var table = new CsvTable(writer))
        {
            write(table, report);
        }

        writer.Flush();
    }
}
