namespace Clv.Parquet.Internal;

/// <summary>Where the reader's good rows go, a row group at a time: a <see cref="TransactionLog"/> being collected, or a builder.</summary>
internal interface IRowSink
{
    /// <summary>Takes the good rows of a block, in order; the block is reused after the call.</summary>
    void Add(RowBlock block);
}

/// <summary>
/// Hands each block to <see cref="CustomerSummariesBuilder.Add(ReadOnlySpan{char}, ReadOnlySpan{int}, ReadOnlySpan{int}, ReadOnlySpan{DateOnly}, ReadOnlySpan{double})"/>:
/// no string per row, and one lookup per distinct id of the block.
/// </summary>
internal sealed class BuilderSink(CustomerSummariesBuilder builder) : IRowSink
{
    public void Add(RowBlock block)
    {
        if (block.Count > 0)
        {
            builder.Add(block.Table, block.TableEnds, block.Indices, block.Dates, block.Amounts);
        }
    }
}

/// <summary>Collects the rows as <see cref="Transaction"/>s, each distinct id stored as one string.</summary>
internal sealed class LogSink : IRowSink
{
    private readonly IdPool _ids = new();

    public List<Transaction> Rows { get; } = [];

    public void Add(RowBlock block)
    {
        for (int i = 0; i < block.Count; i++)
        {
            Rows.Add(new Transaction(_ids.Get(block.Id(i)), block.Dates[i], block.Amounts[i]));
        }
    }
}
