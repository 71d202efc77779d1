namespace Clv.Parquet;

/// <summary>What a reader does with a row it cannot import.</summary>
public enum ParquetReadMode
{
    /// <summary>The first bad row throws a <see cref="ParquetFormatException"/> naming the file, row, column and value.</summary>
    Strict = 0,

    /// <summary>Bad rows are skipped and listed (<see cref="TransactionLog.Rejected"/>, <see cref="ParquetReadReport.Rejected"/>), each with its row, column, value and reason.</summary>
    Lenient = 1,
}
