namespace Clv.Csv.Internal;

/// <summary>
/// Hands rows straight to a <see cref="CustomerSummariesBuilder"/> as text: its id table is the only one, and a string
/// is made only for a new customer, so a streamed read holds no rows.
/// </summary>
internal readonly struct BuilderSink(CustomerSummariesBuilder builder) : IRowSink
{
    public void Add(RowBatch batch) => builder.Add(batch.Text, batch.IdEnds.AsSpan(0, batch.Count), batch.Dates.AsSpan(0, batch.Count), batch.Amounts.AsSpan(0, batch.Count));
}
