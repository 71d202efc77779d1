namespace Clv.Parquet;

/// <summary>What a streaming read (<see cref="TransactionParquet.ReadInto(string, CustomerSummariesBuilder, TransactionParquetOptions?)"/>, <see cref="CustomerSummaryParquet.ReadInto(string, ICollection{CustomerSummary}, CustomerSummaryParquetOptions?)"/>) did: rows imported, and every row rejected with its reason.</summary>
public sealed class ParquetReadReport
{
    internal ParquetReadReport(long imported, IReadOnlyList<RejectedRow> rejected, int rowGroups, int pageReaderGroups = 0)
    {
        Imported = imported;
        Rejected = rejected;
        RowGroups = rowGroups;
        PageReaderGroups = pageReaderGroups;
    }

    /// <summary>Rows imported.</summary>
    public long Imported { get; }

    /// <summary>Rows rejected in lenient mode, each with its 1-based row number, column, value and reason; empty otherwise.</summary>
    public IReadOnlyList<RejectedRow> Rejected { get; }

    /// <summary>Rows read: always <see cref="Imported"/> + <see cref="Rejected"/>.Count, which is the file's row count.</summary>
    public long RowsRead => Imported + Rejected.Count;

    /// <summary>Row groups read (each is read, checked and handed to the builder before the next is read).</summary>
    public int RowGroups { get; }

    /// <summary>Row groups of a transaction log decoded by Clv.Parquet's own page reader rather than Parquet.Net (the tests check which layouts take it).</summary>
    internal int PageReaderGroups { get; }
}
