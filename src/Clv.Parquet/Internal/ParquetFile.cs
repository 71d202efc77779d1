using Parquet;
using Parquet.Schema;

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
        Guard(path, () =>
        {
            try
            {
                Pages.FooterCheck.Check(stream);
            }
            catch (Pages.PageFormatException e)
            {
                throw new ParquetFormatException(path, 0, null, string.Empty, ThrowHelper.Format($"Not a readable Parquet file: {e.Message}"), e);
            }

            var opened = Blocking.Wait(() => ParquetReader.CreateAsync(stream, TransactionParquetReader.ReadOptions, leaveStreamOpen: true));
            try
            {
                // The schema is decoded from the footer when first asked for: here, so that a footer it cannot decode is
                // reported as the file's error (spoilt footers in ParquetFooterSpoilTests).
                _ = opened.Schema;
            }
            catch
            {
                Blocking.Wait(() => opened.DisposeAsync().AsTask());
                throw;
            }

            reader = opened;
        });
        return reader!;
    }

    /// <summary>
    /// The most rows a byte of a row group's column chunks is taken to hold. A run of one repeated value (RLE, a one-entry
    /// dictionary) holds millions of rows in a few bytes, but a real log does not repeat the same customer, day and amount
    /// for a whole row group; a footer claiming more is spoilt or crafted, and the readers would allocate buffers for every
    /// claimed row before the first page showed it false (a 2-billion-row claim in a 3 KB file: about 10 GB).
    /// </summary>
    public const int MaxRowsPerByte = 1024;

    /// <summary>
    /// Row group <paramref name="g"/>'s (0-based) row count as its footer claims it, checked before anything is allocated by
    /// it: more rows than the group's column chunks could hold (<see cref="MaxRowsPerByte"/> to a byte of their compressed
    /// size, a chunk counted at most at the file's length), or than a column chunk counts values (<c>num_values</c>, nulls
    /// included), is a file-level <see cref="ParquetFormatException"/> naming the row group and the claimed count.
    /// </summary>
    public static int RowCount(ParquetRowGroupReader group, ParquetSchema schema, int g, string? path, long fileLength)
    {
        long rows = group.RowCount;
        long bytes = 0;
        (string Name, long Values)? fewest = null;
        foreach (var field in schema.GetDataFields())
        {
            if (group.GetMetadata(field)?.MetaData is { } meta)
            {
                bytes = Math.Min(bytes + Math.Clamp(meta.TotalCompressedSize, 0, fileLength), fileLength);
                if (fewest is null || meta.NumValues < fewest.Value.Values)
                {
                    fewest = (field.Name, meta.NumValues);
                }
            }
        }

        if (rows < 0 || rows > int.MaxValue || rows > bytes * MaxRowsPerByte)
        {
            throw new ParquetFormatException(path, 0, null, string.Empty, ThrowHelper.Format(
                $"Not a readable Parquet file: row group {g + 1} claims {rows:N0} rows, more than its {bytes:N0} bytes of column data can hold (at most {MaxRowsPerByte:N0} rows a byte); the footer is spoilt."));
        }

        // Every column chunk has a value (a definition level, for a null) for each row, and a nested one at least one: a
        // chunk counting fewer shows the row count false before buffers are sized by it.
        if (fewest is { } chunk && chunk.Values < rows)
        {
            throw new ParquetFormatException(path, 0, chunk.Name, string.Empty, ThrowHelper.Format(
                $"Not a readable Parquet file: row group {g + 1} claims {rows:N0} rows, but its column '{chunk.Name}' holds {chunk.Values:N0} values; the footer is spoilt."));
        }

        return (int)rows;
    }

    /// <summary>
    /// Runs a step of Parquet.Net, reporting a malformed file as a file-level <see cref="ParquetFormatException"/>: besides
    /// its own errors, Parquet.Net lets a value it cannot convert (a <c>DATE</c> beyond <see cref="DateTime"/>'s range), a
    /// size beyond its buffers, or a page header without its data or dictionary part escape as argument, index, overflow
    /// or null-reference errors, a schema element it cannot decode as an invalid-operation error, and a page its codec's
    /// library cannot decompress as that library's own exception (ZstdSharp's, seen with a codec field spoilt to ZSTD). Our
    /// arguments to it are checked and our streams stay open, so any of these comes from the file (found by spoiling files'
    /// bytes, <c>TransactionParquetPageReaderTests</c> and <c>ParquetFooterSpoilTests</c>): every exception is taken as the
    /// file's but cancellation, running out of memory, a missing or forbidden file, and our own format errors.
    /// </summary>
    public static void Guard(string? path, Action step)
    {
        try
        {
            step();
        }
        catch (Exception e) when (IsDecodingError(e))
        {
            throw new ParquetFormatException(path, 0, null, string.Empty, ThrowHelper.Format($"Not a readable Parquet file: {e.Message}"), e);
        }
    }

    /// <summary>
    /// <see cref="Guard(string?, Action)"/> for decoding one column of row group <paramref name="group"/> (0-based): the error
    /// names the row group and column as the page reader's errors do. A DuckDB <c>'infinity'::TIMESTAMP</c> (PostgreSQL's
    /// sentinel), which Parquet.Net cannot convert, fails the whole file there; the message says where it is.
    /// </summary>
    public static void Guard(string? path, int group, string column, Action step)
    {
        try
        {
            step();
        }
        catch (Exception e) when (IsDecodingError(e))
        {
            throw new ParquetFormatException(path, 0, column, string.Empty, ThrowHelper.Format(
                $"Not a readable Parquet file: row group {group + 1}, column '{column}': {e.Message}"), e);
        }
    }

    /// <summary>An exception from decoding the file (Parquet.Net's own, or a conversion it failed), not one to pass on as it is: cancellation, memory, a missing or locked file, or our own error.</summary>
    private static bool IsDecodingError(Exception e) => e is not (ParquetFormatException or OperationCanceledException or OutOfMemoryException or ObjectDisposedException
        or FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException);
}
