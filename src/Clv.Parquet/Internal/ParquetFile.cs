using Parquet;
using Parquet.Meta.Proto;

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

    /// <summary>
    /// Runs a step of Parquet.Net, reporting a malformed file as a file-level <see cref="ParquetFormatException"/>: besides
    /// its own errors, Parquet.Net lets a value it cannot convert (a <c>DATE</c> beyond <see cref="DateTime"/>'s range), a
    /// size beyond its buffers, or a page header without its data or dictionary part escape as argument, index, overflow
    /// or null-reference errors; our arguments to it are checked, so these come from the file (found by spoiling files'
    /// bytes, <c>TransactionParquetPageReaderTests</c>).
    /// </summary>
    public static void Guard(string? path, Action step)
    {
        try
        {
            step();
        }
        catch (Exception e) when (e is ParquetException or ThriftProtocolException or InvalidDataException or NotSupportedException or ArgumentException or IndexOutOfRangeException or OverflowException or NullReferenceException
            or (IOException and not FileNotFoundException and not DirectoryNotFoundException))
        {
            throw new ParquetFormatException(path, 0, null, string.Empty, ThrowHelper.Format($"Not a readable Parquet file: {e.Message}"), e);
        }
    }
}
