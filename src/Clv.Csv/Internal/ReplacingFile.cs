namespace Clv.Csv.Internal;

/// <summary>
/// Writes a file so that it is never left half-written: the table goes to a temporary file next to the destination (same
/// folder, so the move is a rename on one volume), which then replaces the destination in one move. When writing fails the
/// temporary file is deleted and the destination, if it existed, is unchanged.
/// </summary>
internal static class ReplacingFile
{
    public static void Write<TReport>(string path, TReport report, Action<CsvTable, TReport> write, CsvWriteOptions options)
        where TReport : class
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(report);
        Write(path, writer => CsvDestination.Write(writer, report, write, options));
    }

    /// <summary>Writes <paramref name="write"/>'s text (UTF-8 without byte order mark) to <paramref name="path"/> as a whole, or leaves it as it was.</summary>
    public static void Write(string path, Action<StreamWriter> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ReplacedFile.Write(path, temp =>
        {
            using var writer = new StreamWriter(temp, append: false, CsvTable.Utf8, 1 << 16);
            write(writer);
        });
    }
}
