namespace Clv.Data;

/// <summary>What <see cref="TransactionDb.ReadInto(System.Data.Common.DbDataReader, CustomerSummariesBuilder, TransactionDbOptions?)"/> read.</summary>
public sealed class DbReadReport
{
    internal DbReadReport(long imported, IReadOnlyList<RejectedRow> rejected)
    {
        Imported = imported;
        Rejected = rejected;
    }

    /// <summary>Rows added to the builder.</summary>
    public long Imported { get; }

    /// <summary>Rows rejected in lenient mode, in result order (row number in <see cref="RejectedRow.LineNumber"/>); empty otherwise.</summary>
    public IReadOnlyList<RejectedRow> Rejected { get; }

    /// <summary>Rows read: always <see cref="Imported"/> + <see cref="Rejected"/>.Count.</summary>
    public long RowsRead => Imported + Rejected.Count;
}
