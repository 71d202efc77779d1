namespace Clv.Csv.Internal;

/// <summary>
/// Collects rows for a <see cref="TransactionLog"/>: in chunks (growing never copies), each distinct id stored as
/// one string; <see cref="ToLog"/> copies the rows once into the log's exact-size array.
/// </summary>
internal readonly struct TransactionLogSink() : IRowSink
{
    private readonly ChunkedList<Transaction> _rows = new();
    private readonly IdPool _ids = new();

    public void Add(RowBatch batch)
    {
        for (int i = 0; i < batch.Count; i++)
        {
            _rows.Add(new Transaction(_ids.Get(batch.Id(i)), batch.Dates[i], batch.Amounts[i]));
        }
    }

    public TransactionLog ToLog(IReadOnlyList<RejectedRow> rejected) => new(_rows, rejected);
}
