using System.Text;
using Clv.Csv;

namespace Clv.Tests.Csv;

/// <summary>Reads inline CSV text through the public stream entry point.</summary>
internal static class CsvText
{
    public static TransactionLog Read(string text, TransactionCsvOptions? options = null) =>
        Read(Encoding.UTF8.GetBytes(text), options);

    public static TransactionLog Read(byte[] bytes, TransactionCsvOptions? options = null)
    {
        using var stream = new MemoryStream(bytes);
        return TransactionCsv.Read(stream, options);
    }

    public static TransactionCsvOptions Lenient { get; } = new() { Mode = CsvReadMode.Lenient };
}
