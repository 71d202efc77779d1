using Clv.Internal;

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

    /// <summary>
    /// Creates a log from the rows a reader imported and the rows it rejected (both sequences are copied, a collection
    /// in one pass), for readers of other sources that report rejected rows the way the CSV reader does.
    /// </summary>
    /// <param name="transactions">The imported rows.</param>
    /// <param name="rejected">The rejected rows, in source order.</param>
    /// <exception cref="ArgumentNullException"><paramref name="transactions"/> or <paramref name="rejected"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="rejected"/> holds a null row.</exception>
    public TransactionLog(IEnumerable<Transaction> transactions, IEnumerable<RejectedRow> rejected)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        ArgumentNullException.ThrowIfNull(rejected);
        RejectedRow[] rows = [.. rejected];
        int missing = Array.IndexOf(rows, null);
        if (missing >= 0)
        {
            ThrowHelper.Argument(nameof(rejected), Guard.Format($"Rejected row {missing} is null."));
        }

        _transactions = transactions.ToArray();
        Rejected = rows.Length == 0 ? [] : Array.AsReadOnly(rows);
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
