using Clv;

namespace Clv.Csv;

/// <summary>What a streaming read (<see cref="TransactionCsv.ReadInto(string, CustomerSummariesBuilder, TransactionCsvOptions?)"/>) did: rows imported, and every row rejected with its reason.</summary>
public sealed class CsvReadReport
{
    internal CsvReadReport(long imported, IReadOnlyList<RejectedRow> rejected)
    {
        Imported = imported;
        Rejected = rejected;
    }

    /// <summary>Data rows imported.</summary>
    public long Imported { get; }

    /// <summary>Rows rejected in lenient mode, each with its line, column, raw text and reason; empty otherwise.</summary>
    public IReadOnlyList<RejectedRow> Rejected { get; }

    /// <summary>Data rows read (header and blank lines excluded): always <see cref="Imported"/> + <see cref="Rejected"/>.Count.</summary>
    public long RowsRead => Imported + Rejected.Count;
}
