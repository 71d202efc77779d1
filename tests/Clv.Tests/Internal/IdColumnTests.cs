using Clv.Internal;

namespace Clv.Tests.Internal;

public class IdColumnTests
{
    private static CustomerSummaries FromText(params string[] ids)
    {
        var builder = new CustomerSummariesBuilder(new DateOnly(2024, 3, 1), TimeUnit.Day);
        for (int i = 0; i < ids.Length; i++)
        {
            builder.Add(ids[i].AsSpan(), new DateOnly(2024, 1, 1).AddDays(i), 10 + i);
        }

        return builder.Build();
    }

    [Fact]
    public void SummariesSharingPackedIds_StayPacked_AndReadBackInOrder()
    {
        var summaries = FromText("b-2", "a-1", "c-3", "a-1");
        var column = IdColumn.From(summaries.AsSpan());
        Assert.True(column.IsPacked);
        Assert.Equal(3, column.Count);
        Assert.Equal(["b-2", "a-1", "c-3"], Enumerable.Range(0, column.Count).Select(i => column[i]));
    }

    [Fact]
    public void SummariesOfSeveralSources_AreReadAsStrings()
    {
        CustomerSummary[] mixed = [.. FromText("x", "y").AsSpan(), .. FromText("z").AsSpan(), .. CustomerSummaries.FromTransactions([new("w", new DateOnly(2024, 1, 1), 5)], new DateOnly(2024, 3, 1), TimeUnit.Day).AsSpan()];
        var column = IdColumn.From(mixed);
        Assert.False(column.IsPacked);
        Assert.Equal(["x", "y", "z", "w"], Enumerable.Range(0, column.Count).Select(i => column[i]));
        Assert.False(IdColumn.From(CustomerSummaries.FromTransactions([new("w", new DateOnly(2024, 1, 1), 5)], new DateOnly(2024, 3, 1), TimeUnit.Day).AsSpan()).IsPacked);
        Assert.Equal(0, IdColumn.From([]).Count);
    }
}
