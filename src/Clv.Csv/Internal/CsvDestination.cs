namespace Clv.Csv.Internal;

/// <summary>
/// The three destinations of every report writer (<c>XCsv.Write(destination, report, options)</c>): a file path (created or
/// replaced as a whole, through <see cref="ReplacingFile"/>), a stream (left open) or a text writer (left open), all UTF-8
/// (a byte order mark only when <see cref="CsvWriteOptions.ByteOrderMark"/> asks), each reduced to a
/// <see cref="CsvTable"/> over a <see cref="TextWriter"/>.
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

    /// <summary>A report to a file, stream or text writer with a writer's <see cref="CsvWriteOptions"/>; null options are the default ones.</summary>
    public static void Write<TReport>(string path, TReport report, Action<CsvTable, TReport> write, CsvWriteOptions? options)
        where TReport : class
        => ReplacingFile.Write(path, report, write, options ?? CsvWriteOptions.Default);

    public static void Write<TReport>(Stream stream, TReport report, Action<CsvTable, TReport> write, CsvWriteOptions? options)
        where TReport : class
    {
        ArgumentNullException.ThrowIfNull(stream);
        CsvDestination.RequireWritable(stream);
        ArgumentNullException.ThrowIfNull(report);
        using var writer = new StreamWriter(stream, CsvTable.Utf8, 1 << 16, leaveOpen: true);
        Write(writer, report, write, options);
    }

    public static void Write<TReport>(TextWriter writer, TReport report, Action<CsvTable, TReport> write, CsvWriteOptions? options)
        where TReport : class
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(report);
        using (var table = CsvTable.Open(writer, options))
        {
            write(table, report);
        }

        writer.Flush();
    }
}
