using Clv.Csv;
using Clv.Parquet;

namespace Clv.Orleans.Internal;

/// <summary>Reads one shard file into a partition's builder with the job's options; errors name the file, row and column.</summary>
internal static class ShardReader
{
    /// <summary>Reads the file and returns how many rows a lenient read rejected; <paramref name="token"/> stops the read (<see cref="OperationCanceledException"/>).</summary>
    public static long ReadInto(string file, CustomerSummariesBuilder builder, JobDefinition definition, CancellationToken token)
    {
        try
        {
            return file.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase)
                ? TransactionParquet.ReadInto(file, builder, definition.Parquet.ToOptions(token)).Rejected.Count
                : TransactionCsv.ReadInto(file, builder, definition.Csv.ToOptions(token)).Rejected.Count;
        }
        catch (Exception ex) when (ex is FormatException or IOException or UnauthorizedAccessException)
        {
            // The readers name the row (or line) and the column; the CSV reader leaves the file to its caller. The message
            // crosses the wire as text, so the exception is a plain BCL type that every silo and client can deserialize.
            string message = ex.Message.Contains(file, StringComparison.Ordinal) ? ex.Message : "File '" + file + "': " + ex.Message;
            throw new InvalidDataException(message);
        }
    }
}
