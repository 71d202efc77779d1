using Parquet;

namespace Clv.Parquet.Internal;

/// <summary>Opening files for reading, and turning Parquet.Net's errors about a file's content into <see cref="ParquetFormatException"/>.</summary>
internal static class ParquetFile
{
    public const int BufferSize = 1 << 16;

    public static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.RandomAccess);

    /// <summary>Opens a reader over a seekable stream (left open); a stream that is not a Parquet file is a file-level <see cref="ParquetFormatException"/>.</summary>
    public static ParquetReader OpenReader(Stream stream, string? path)
    {
        if (!stream.CanSeek || !stream.CanRead)
        {
            throw new ArgumentException("A Parquet file is read from its end (the footer): the stream must be readable and seekable; copy it to a MemoryStream or a file first.", nameof(stream));
        }

        ParquetReader? reader = null;
        Guard(path, () => reader = ParquetReader.CreateAsync(stream, TransactionParquetReader.ReadOptions, leaveStreamOpen: true).GetAwaiter().GetResult());
        return reader!;
    }

    /// <summary>Runs a step of Parquet.Net, reporting a malformed file as a file-level <see cref="ParquetFormatException"/>.</summary>
    public static void Guard(string? path, Action step)
    {
        try
        {
            step();
        }
        catch (Exception e) when (e is ParquetException or InvalidDataException or NotSupportedException or (IOException and not FileNotFoundException and not DirectoryNotFoundException))
        {
            throw new ParquetFormatException(path, 0, null, string.Empty, ThrowHelper.Format($"Not a readable Parquet file: {e.Message}"), e);
        }
    }
}
