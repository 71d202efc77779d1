namespace Clv.Csv.Internal;

/// <summary>Where the reader's good rows go: one implementation per output (a <see cref="TransactionLog"/>, or a builder).</summary>
/// <remarks>Implemented by structs, so that the reader's loop is compiled once per output with the call inlined.
/// The reader hands rows a batch at a time (<see cref="RowBatch"/>); a batch is reused after the call.</remarks>
internal interface IRowSink
{
    /// <summary>Takes the good rows of a batch, in order.</summary>
    void Add(RowBatch batch);
}
