namespace Clv.Csv;

/// <summary>What a reader does with a row it cannot import.</summary>
public enum CsvReadMode
{
    /// <summary>The first bad row throws a <see cref="CsvFormatException"/> naming its line, column and raw text.</summary>
    Strict = 0,

    /// <summary>Bad rows are skipped and listed in <see cref="TransactionLog.Rejected"/>, each with its line, column, raw text and reason.</summary>
    Lenient = 1,
}
