namespace Clv.Plots.Internal;

/// <summary>
/// Writes a file so that it is never left half-written: the content goes to a temporary file next to the destination (same
/// folder, so the move is a rename on one volume), which then replaces the destination in one move. When writing fails the
/// temporary file is deleted and the destination, if it existed, is unchanged.
/// </summary>
internal static class ReplacingFile
{
    /// <summary>Writes <paramref name="write"/>'s bytes to <paramref name="path"/> as a whole, or leaves it as it was.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        string full = Path.GetFullPath(path);
        string temp = Path.Combine(Path.GetDirectoryName(full)!, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
