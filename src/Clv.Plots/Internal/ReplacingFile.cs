namespace Clv.Plots.Internal;

/// <summary>Plots and reports written to a path as a whole, through <see cref="Shared.ReplacedFile"/>.</summary>
internal static class ReplacingFile
{
    /// <summary>Writes <paramref name="write"/>'s bytes to <paramref name="path"/> as a whole, or leaves it as it was.</summary>
    public static void Write(string path, Action<Stream> write) => Shared.ReplacedFile.Write(path, temp =>
    {
        using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        write(stream);
    });
}
