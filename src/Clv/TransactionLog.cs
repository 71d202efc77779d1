namespace Clv;

/// <summary>
/// A transaction log held in memory, with the rows a reader rejected (if it read leniently).
/// Pass <see cref="Transactions"/> to <see cref="CustomerSummaries.FromTransactions"/>.
/// </summary>
public sealed class TransactionLog
{
    private readonly Transaction[] _transactions;

    /// <summary>Creates a log from transactions already in memory (the sequence is copied).</summary>
    /// <param name="transactions">The rows.</param>
    /// <exception cref="ArgumentNullException"><paramref name="transactions"/> is null.</exception>
    public TransactionLog(IEnumerable<Transaction> transactions)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        _transactions = [.. transactions];
        Rejected = [];
    }

    internal TransactionLog(Transaction[] owned, IReadOnlyList<RejectedRow> rejected)
    {
        _transactions = owned;
        Rejected = rejected;
    }

    /// <summary>The imported rows.</summary>
    public ReadOnlySpan<Transaction> Transactions => _transactions;

    /// <summary>Number of imported rows.</summary>
    public int Count => _transactions.Length;

    /// <summary>Rows a lenient reader rejected, each with its line, column, raw text and reason; empty otherwise.</summary>
    public IReadOnlyList<RejectedRow> Rejected { get; }

    /// <summary>Data rows read from the source (header excluded): always <see cref="Count"/> + <see cref="Rejected"/>.Count.</summary>
    public long RowsRead => _transactions.Length + (long)Rejected.Count;
}
