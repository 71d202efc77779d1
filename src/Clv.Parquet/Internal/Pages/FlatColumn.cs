namespace Clv.Parquet.Internal.Pages;

/// <summary>The kinds of column <see cref="FlatFileWriter"/> writes.</summary>
internal enum FlatKind
{
    /// <summary><c>BYTE_ARRAY</c>, <c>STRING</c> (UTF-8).</summary>
    Text,

    /// <summary><c>INT32</c>.</summary>
    Int32,

    /// <summary><c>DOUBLE</c>.</summary>
    Double,
}

/// <summary>
/// A nullable column computed row by row for <see cref="FlatFileWriter"/>: exactly one of the three functions is set, the
/// one of <see cref="Kind"/>. <see cref="Distinct"/> text (ids, messages) is written plain; other text with a dictionary.
/// </summary>
internal sealed record FlatColumn(string Name, FlatKind Kind, bool Distinct, Func<int, string?>? Text, Func<int, int?>? Integer, Func<int, double?>? Number);
