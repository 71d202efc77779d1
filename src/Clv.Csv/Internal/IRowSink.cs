namespace Clv.Csv.Internal;

/// <summary>Where the reader's good rows go: one implementation per output (a <see cref="TransactionLog"/>, or a builder).</summary>
/// <remarks>Implemented by structs, so that the reader's loop is compiled once per output with the call inlined.</remarks>
internal interface IRowSink
{
    /// <summary>Takes one good row; <paramref name="customerId"/> is only valid during the call.</summary>
    void Add(ReadOnlySpan<char> customerId, DateOnly date, double amount);

    /// <summary>Takes the good rows of a batch, in order.</summary>
    void Add(RowBatch batch);
}
