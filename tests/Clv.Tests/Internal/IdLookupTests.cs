using System.Globalization;
using Clv.Internal;

namespace Clv.Tests.Internal;

/// <summary>
/// <see cref="IdLookup"/>, the id index of <see cref="CustomerSummaries"/>: every id found at its position, whether held as
/// a string or as packed text (also past the 64-character buffer), anything else not found (a prefix, a longer id, another
/// case), and no lookup at all when an id repeats.
/// </summary>
public class IdLookupTests
{
    public static TheoryData<bool> Packings => new() { true, false };

    [Theory]
    [MemberData(nameof(Packings))]
    public void Find_EveryIdAtItsPosition_OthersMinusOne(bool packed)
    {
        var ids = Enumerable.Range(0, 3_000).Select(Id).ToArray();
        var lookup = IdLookup.Create(Summaries(ids, packed));
        Assert.NotNull(lookup);
        for (int i = 0; i < ids.Length; i++)
        {
            Assert.Equal(i, lookup.Find(ids[i]));
        }

        Assert.Equal(-1, lookup.Find("C"));
        Assert.Equal(-1, lookup.Find(ids[5] + "0"));
        Assert.Equal(-1, lookup.Find(ids[5][..^1]));
        Assert.Equal(-1, lookup.Find(ids[7].ToLowerInvariant()));
        Assert.Equal(-1, lookup.Find(string.Empty));
    }

    [Theory]
    [MemberData(nameof(Packings))]
    public void Create_RepeatedId_Null(bool packed)
    {
        string[] ids = ["A1", "B2", "C3", "B2"];
        Assert.Null(IdLookup.Create(Summaries(ids, packed)));
        Assert.NotNull(IdLookup.Create(Summaries(ids[..3], packed)));
    }

    [Fact]
    public void Find_PackedIdOverTwiceTheBuffer_First()
    {
        string[] ids = ["short", new string('x', 200), new string('y', 70), "z"];
        var lookup = IdLookup.Create(Summaries(ids, packed: true))!;
        Assert.Equal([0, 1, 2, 3], ids.Select(lookup.Find));
    }

    [Fact]
    public void Create_NoSummaries_FindsNothing() =>
        Assert.Equal(-1, IdLookup.Create([])!.Find("A"));

    [Fact]
    public void RepeatedIds_GiveNoLookup_SoTheCallerKeepsADictionary()
    {
        var one = CustomerSummaries.FromTransactions([new("a", new DateOnly(2024, 1, 1), 5), new("b", new DateOnly(2024, 1, 2), 5)], new DateOnly(2024, 3, 1), TimeUnit.Day);
        Assert.NotNull(IdLookup.Create([.. one.AsSpan()]));
        Assert.Null(IdLookup.Create([.. one.AsSpan(), one[0]]));
        var lookup = IdLookup.Create([.. one.AsSpan()])!;
        Assert.Equal((0, 1, -1), (lookup.Find("a"), lookup.Find("b"), lookup.Find("c")));
    }

    [Fact]
    public void LongPackedIds_AreFound()
    {
        var builder = new CustomerSummariesBuilder(new DateOnly(2024, 3, 1), TimeUnit.Day);
        string[] ids = [.. Enumerable.Range(0, 300).Select(i => new string((char)('a' + (i % 26)), i + 1))];
        foreach (string id in ids)
        {
            builder.Add(id.AsSpan(), new DateOnly(2024, 1, 1), 1);
        }

        var summaries = builder.Build();
        Assert.NotNull(summaries[0].PackedIds);
        for (int i = 0; i < ids.Length; i++)
        {
            Assert.True(summaries.TryGetIndex(ids[i], out int at));
            Assert.Equal(i, at);
        }
    }

    /// <summary>Ids of 1 to 150 characters: the short ones, and some longer than the 64-character buffer.</summary>
    private static string Id(int i) =>
        "C" + i.ToString(CultureInfo.InvariantCulture).PadLeft(1 + ((i * 37) % 150), (char)('a' + (i % 26)));

    private static CustomerSummary[] Summaries(string[] ids, bool packed)
    {
        CustomerIds? table = null;
        if (packed)
        {
            table = new CustomerIds(ids.Length);
            foreach (string id in ids)
            {
                table.Add(id.AsSpan());
            }

            Assert.False(table.IsStrings);
        }

        return ids.Select((id, i) => new CustomerSummary(table ?? (object)id, TimeUnit.Day, null, null, 0, 0, 0, null, 0, 0, 0, 0, 0, i)).ToArray();
    }
}
