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

    /// <summary>
    /// Creates a log from records as a CRM holds them (entities with a <see cref="DateTimeOffset"/> timestamp and a
    /// <see cref="decimal"/> amount), without converting each row by hand: each record becomes
    /// <see cref="Transaction.FromTimestamp(string, DateTimeOffset, decimal, TimeZoneInfo?)"/>, in order.
    /// </summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="records">The records.</param>
    /// <param name="customerId">Selects the customer id.</param>
    /// <param name="timestamp">Selects the timestamp; its calendar day follows <see cref="CalendarDay"/>'s rule.</param>
    /// <param name="amount">Selects the amount (negative for a refund).</param>
    /// <param name="timeZone">The zone whose calendar days count; null for each timestamp's own offset.</param>
    /// <returns>The log (nothing rejected: a bad record throws).</returns>
    /// <exception cref="ArgumentNullException">An argument other than <paramref name="timeZone"/> is null.</exception>
    /// <exception cref="ArgumentException">A record's customer id is null or empty: the message names the record's index.</exception>
    public static TransactionLog FromRecords<T>(IEnumerable<T> records, Func<T, string> customerId, Func<T, DateTimeOffset> timestamp, Func<T, decimal> amount, TimeZoneInfo? timeZone)
    {
        ArgumentNullException.ThrowIfNull(timestamp);
        return FromRecords(records, customerId, r => CalendarDay.Of(timestamp(r), timeZone), amount);
    }

    /// <summary>
    /// Creates a log from records with a <see cref="DateTime"/> timestamp and a <see cref="decimal"/> amount: each record
    /// becomes <see cref="Transaction.FromTimestamp(string, DateTime, decimal, TimeZoneInfo?)"/>, in order.
    /// </summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="records">The records.</param>
    /// <param name="customerId">Selects the customer id.</param>
    /// <param name="timestamp">Selects the timestamp: the date as written, a UTC one moved to <paramref name="timeZone"/> first.</param>
    /// <param name="amount">Selects the amount (negative for a refund).</param>
    /// <param name="timeZone">The zone whose calendar days count; null for the date as written.</param>
    /// <returns>The log (nothing rejected: a bad record throws).</returns>
    /// <exception cref="ArgumentNullException">An argument other than <paramref name="timeZone"/> is null.</exception>
    /// <exception cref="ArgumentException">A record's customer id is null or empty: the message names the record's index.</exception>
    public static TransactionLog FromRecords<T>(IEnumerable<T> records, Func<T, string> customerId, Func<T, DateTime> timestamp, Func<T, decimal> amount, TimeZoneInfo? timeZone)
    {
        ArgumentNullException.ThrowIfNull(timestamp);
        return FromRecords(records, customerId, r => CalendarDay.Of(timestamp(r), timeZone), amount);
    }

    private static TransactionLog FromRecords<T>(IEnumerable<T> records, Func<T, string> customerId, Func<T, DateOnly> day, Func<T, decimal> amount)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(customerId);
        ArgumentNullException.ThrowIfNull(amount);
        var rows = records.TryGetNonEnumeratedCount(out int count) ? new List<Transaction>(count) : [];
        foreach (var record in records)
        {
            string id = customerId(record);
            if (string.IsNullOrEmpty(id))
            {
                ThrowHelper.Argument(nameof(records), Guard.Format($"records[{rows.Count}]: the customer id is {(id is null ? "null" : "empty")}."));
            }

            rows.Add(new Transaction(id, day(record), (double)amount(record)));
        }

        return new TransactionLog(rows);
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
