using System.Globalization;
using Clv.Internal;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Clv.Tests.Internal;

public class CustomerIdsTests
{
    [Fact]
    public void AsciiText_IsPacked_AndReadBackExactly_ThroughGrowthAndTrim()
    {
        var ids = new CustomerIds(4);
        var expected = Enumerable.Range(0, 5000).Select(i => i % 7 == 0 ? $"customer-{i}-{new string('x', i % 50)}" : $"C{i:D7}").ToArray();
        foreach (string id in expected)
        {
            ids.Add(id.AsSpan());
        }

        ids.Trim();
        Assert.False(ids.IsStrings);
        Assert.Equal(expected.Length, ids.Count);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], ids[i]);
            Assert.True(ids.Matches(i, expected[i].AsSpan()));
            Assert.True(ids.Matches(i, expected[i]));
            Assert.False(ids.Matches(i, (expected[i] + "0").AsSpan()));
            Assert.False(ids.Matches(i, expected[i][..^1]));
            Assert.Same(ids, ids.Owner(i));
        }
    }

    [Fact]
    public void NonAsciiId_TurnsThePackedIdsIntoStrings_KeepingEveryEarlierId()
    {
        var ids = new CustomerIds(2);
        ids.Add("A1".AsSpan());
        ids.Add("B2".AsSpan());
        ids.Add("Zoë".AsSpan());
        ids.Add("客户-7".AsSpan());
        ids.Add("C3".AsSpan());
        Assert.True(ids.IsStrings);
        Assert.Equal(["A1", "B2", "Zoë", "客户-7", "C3"], Enumerable.Range(0, ids.Count).Select(i => ids[i]));
        Assert.True(ids.Matches(2, "Zoë".AsSpan()));
        Assert.False(ids.Matches(2, "Zoe".AsSpan()));
        Assert.Equal("A1", ids.Owner(0));
    }

    [Fact]
    public void IdsArrivingAsStrings_AreKeptAsThoseStrings()
    {
        var ids = new CustomerIds(2);
        string first = new('a', 3), second = new('b', 3);
        ids.Add(first);
        ids.Add(second);
        ids.Add("ccc".AsSpan());
        Assert.True(ids.IsStrings);
        Assert.Same(first, ids[0]);
        Assert.Same(second, ids.Owner(1));
        Assert.True(ids.Matches(0, new string('a', 3)));
        Assert.Equal("ccc", ids[2]);
    }

    [Fact]
    public void PackedIds_AllocateNoObjectPerId()
    {
        var text = Enumerable.Range(0, 100_000).Select(i => $"C{i:D7}").ToArray();
        var ids = new CustomerIds(1024);
        long before = GC.GetAllocatedBytesForCurrentThread();
        foreach (string id in text)
        {
            ids.Add(id.AsSpan());
        }

        long bytes = GC.GetAllocatedBytesForCurrentThread() - before;

        // 8 bytes of text and a 4-byte end per id, grown by doubling: under 36 bytes per id, where a string per id is 40 alone.
        Assert.InRange(bytes, 100_000 * 12, 100_000 * 36);
    }

    [Property(MaxTest = 300)]
    public Property AnyMixOfIds_ReadsBackAndMatchesExactly()
    {
        var id = Gen.Elements("a", "B", "007", "x-y_z", "é", "ß1", "客", " ", "ab", "a ").ArrayOf().Select(parts => string.Concat(parts) + "#");
        return Prop.ForAll(id.ArrayOf().ToArbitrary(), all =>
        {
            var ids = new CustomerIds(1);
            foreach (string text in all)
            {
                ids.Add(text.AsSpan());
            }

            ids.Trim();
            Assert.Equal(all.Length, ids.Count);
            Assert.Equal(all.Any(s => s.Any(ch => ch > 127)), ids.IsStrings);
            for (int i = 0; i < all.Length; i++)
            {
                Assert.Equal(all[i], ids[i]);
                Assert.True(ids.Matches(i, all[i].AsSpan()));
                Assert.True(ids.Matches(i, all[i]));
                string other = all[(i + 1) % all.Length];
                Assert.Equal(other == all[i], ids.Matches(i, other.AsSpan()));
            }
        });
    }

    [Fact]
    public void Union_PackedSets_IdsOfAThenNewIdsOfB_AndWhereEachOfBWent()
    {
        var a = Packed(Enumerable.Range(0, 3_000).Select(i => $"A{i:D6}"));
        var bText = Enumerable.Range(0, 3_000).Select(i => i % 2 == 0 ? $"A{i:D6}" : $"B{i:D6}").ToArray();
        var b = Packed(bText);

        var union = CustomerIds.Union(a, b, out int[] bToUnion);

        Assert.False(union.IsStrings);
        var expected = Enumerable.Range(0, 3_000).Select(i => $"A{i:D6}").Concat(bText.Where(t => t[0] == 'B')).ToArray();
        Assert.Equal(expected, Enumerable.Range(0, union.Count).Select(i => union[i]));
        Assert.Equal(bText.Length, bToUnion.Length);
        for (int i = 0; i < bText.Length; i++)
        {
            Assert.Equal(bText[i], union[bToUnion[i]]);
            Assert.Equal(i % 2 == 0 ? i : 3_000 + (i / 2), bToUnion[i]);
        }
    }

    [Fact]
    public void Union_WhenEitherSetIsStrings_IsStringsWithTheSameOrder()
    {
        var a = new CustomerIds(2);
        a.Add("Zoë".AsSpan());
        a.Add("A1".AsSpan());
        var b = Packed(["B2", "A1", "C3", "B2x"]);

        var union = CustomerIds.Union(a, b, out int[] bToUnion);
        var reversed = CustomerIds.Union(b, a, out int[] aToReversed);

        Assert.True(union.IsStrings);
        Assert.Equal(["Zoë", "A1", "B2", "C3", "B2x"], Enumerable.Range(0, union.Count).Select(i => union[i]));
        Assert.Equal([2, 1, 3, 4], bToUnion);
        Assert.True(reversed.IsStrings);
        Assert.Equal(["B2", "A1", "C3", "B2x", "Zoë"], Enumerable.Range(0, reversed.Count).Select(i => reversed[i]));
        Assert.Equal([4, 1], aToReversed);
    }

    [Fact]
    public void AddString_ToAPackedSet_KeepsItPacked()
    {
        var ids = new CustomerIds(4);
        ids.Add("A1".AsSpan());
        ids.Add("B2");
        Assert.False(ids.IsStrings);
        Assert.Equal(["A1", "B2"], Enumerable.Range(0, ids.Count).Select(i => ids[i]));
        Assert.Same(ids, ids.Owner(1));
    }

    [Theory]
    [InlineData(false, 8)]
    [InlineData(false, 13)]
    [InlineData(true, 8)]
    public void EnsureCapacity_ThenThatManyIds_AllocatesNothing(bool asStrings, int length)
    {
        // Room is made for as many ids as long as those so far on average: 8 and 13 characters here. The least of three
        // attempts, each on a fresh table.
        const int Count = 20_000;
        var text = Enumerable.Range(0, Count).Select(i => "C" + i.ToString(CultureInfo.InvariantCulture).PadLeft(length - 1, '0')).ToArray();
        long allocated = Allocations.Least(
            3,
            () =>
            {
                var ids = new CustomerIds(4);
                for (int i = 0; i < 10; i++)
                {
                    Add(ids, text[i], asStrings);
                }

                ids.EnsureCapacity(Count);
                return ids;
            },
            ids =>
            {
                for (int i = 10; i < Count; i++)
                {
                    Add(ids, text[i], asStrings);
                }
            },
            ids =>
            {
                Assert.Equal(asStrings, ids.IsStrings);
                Assert.Equal(text, Enumerable.Range(0, ids.Count).Select(i => ids[i]));
            });

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Constructor_RoomForCapacityIdsOfEightCharacters_AllocatesNothingMore()
    {
        // The least of three attempts, each on a fresh table.
        var text = Enumerable.Range(0, 5_000).Select(i => $"C{i:D7}").ToArray();
        long allocated = Allocations.Least(
            3,
            () => new CustomerIds(5_000),
            ids =>
            {
                foreach (string id in text)
                {
                    ids.Add(id.AsSpan());
                }
            },
            ids => Assert.Equal(text[^1], ids[^1]));

        Assert.Equal(0, allocated);
    }

    private static void Add(CustomerIds ids, string id, bool asString)
    {
        if (asString)
        {
            ids.Add(id);
        }
        else
        {
            ids.Add(id.AsSpan());
        }
    }

    private static CustomerIds Packed(IEnumerable<string> text)
    {
        var ids = new CustomerIds(4);
        foreach (string id in text)
        {
            ids.Add(id.AsSpan());
        }

        Assert.False(ids.IsStrings);
        return ids;
    }
}
