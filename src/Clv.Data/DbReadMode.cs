namespace Clv.Data;

/// <summary>What a database read does with a bad row.</summary>
public enum DbReadMode
{
    /// <summary>The first bad row throws <see cref="DbFormatException"/> naming its row, column and value.</summary>
    Strict = 0,

    /// <summary>Bad rows are collected as <see cref="RejectedRow"/>s (row number in <see cref="RejectedRow.LineNumber"/>); good rows are imported.</summary>
    Lenient = 1,
}
