// Shared source: compiled into Clv.Csv, Clv.Parquet and Clv.Plots (each gets its own internal copy; packages share no internals).
namespace Clv.Shared;

/// <summary>
/// Writes a file so that it is never left half-written: the content goes to a temporary file next to the destination (same
/// folder, so the move is a rename on one volume), which then replaces the destination in one move. When writing fails the
/// temporary file is deleted and the destination, if it existed, is unchanged.
/// </summary>
internal static class ReplacedFile
{
    /// <summary>Has <paramref name="write"/> write the whole file at the temporary path it is given, then moves it over <paramref name="path"/>.</summary>
    public static void Write(string path, Action<string> write)
    {
        string full = Path.GetFullPath(path);
        string temp = TemporaryPath(full);
        try
        {
            write(temp);
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>A hidden name next to <paramref name="path"/>, unique to this call: <c>.scorecard.csv.1a2b3c4d.tmp</c>.</summary>
    public static string TemporaryPath(string path) =>
        Path.Combine(Path.GetDirectoryName(path)!, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
}
