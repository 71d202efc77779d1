using Clv.Internal;

namespace Clv.Tests.Internal;

public class SlotTableTests
{
    [Fact]
    public void FindOrAdd_RandomKeys_DenseIndicesInOrderOfFirstAppearanceLikeADictionary()
    {
        var rng = new Random(5);
        var table = new SlotTable(4);
        var keys = new List<string>();
        var expected = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < 50_000; i++)
        {
            string key = "k" + rng.Next(20_000);
            var matcher = new StringKeys(keys, key);
            int index = table.FindOrAdd(key.GetHashCode(), ref matcher, out bool added);
            if (added)
            {
                keys.Add(key);
            }

            Assert.Equal(!expected.ContainsKey(key), added);
            Assert.Equal(expected.TryAdd(key, expected.Count) ? expected.Count - 1 : expected[key], index);
        }

        Assert.Equal(expected.Count, table.Count);
        Assert.True(table.SlotCount >= 2 * table.Count);
        foreach (var (key, index) in expected)
        {
            var matcher = new StringKeys(keys, key);
            Assert.Equal(index, table.Find(key.GetHashCode(), ref matcher));
        }

        var absent = new StringKeys(keys, "absent");
        Assert.Equal(-1, table.Find("absent".GetHashCode(), ref absent));
    }

    [Fact]
    public void FindOrAdd_EveryKeyTheSameHash_StillOneIndexPerKey()
    {
        var table = new SlotTable(2);
        var keys = new List<string>();
        for (int round = 0; round < 2; round++)
        {
            for (int i = 0; i < 300; i++)
            {
                var matcher = new StringKeys(keys, "x" + i);
                int index = table.FindOrAdd(42, ref matcher, out bool added);
                if (added)
                {
                    keys.Add("x" + i);
                }

                Assert.Equal((i, round == 0), (index, added));
            }
        }
    }

    [Fact]
    public void Find_EveryKeyTheSameHash_ComparesTheKeys()
    {
        var table = new SlotTable(2);
        var keys = new List<string>();
        for (int i = 0; i < 50; i++)
        {
            var matcher = new StringKeys(keys, "x" + i);
            table.FindOrAdd(42, ref matcher, out _);
            keys.Add("x" + i);
        }

        for (int i = 0; i < 50; i++)
        {
            var matcher = new StringKeys(keys, "x" + i);
            Assert.Equal(i, table.Find(42, ref matcher));
        }

        var absent = new StringKeys(keys, "y");
        Assert.Equal(-1, table.Find(42, ref absent));
    }

    [Fact]
    public void Peek_IsTheIndexInTheHomeSlotWhenItHoldsTheHash_ElseMinusOne()
    {
        var table = new SlotTable(4);
        var keys = new List<string>();
        var first = new StringKeys(keys, "a");
        table.FindOrAdd(3, ref first, out _);
        keys.Add("a");
        var second = new StringKeys(keys, "b");
        table.FindOrAdd(3, ref second, out _);
        keys.Add("b");

        Assert.Equal(0, table.Peek(3));
        Assert.Equal(-1, table.Peek(3 + table.SlotCount)); // the same home slot, another hash
        Assert.Equal(-1, table.Peek(4));
        Assert.Equal(-1, table.Peek(5));
        Assert.Equal(-1, table.Peek(3 + (1 << 20)));
    }

    [Fact]
    public void Grows_WhenMoreThanHalfTheSlotsAreUsed_AndNotBefore()
    {
        var table = new SlotTable(1);
        var keys = new List<string>();
        Assert.Equal(16, table.SlotCount);
        Assert.Equal(16 * sizeof(ulong), table.Bytes);
        Add(table, keys, 8);
        Assert.Equal(16, table.SlotCount);
        var matcher = new StringKeys(keys, "k8");
        table.FindOrAdd("k8".GetHashCode(), ref matcher, out _);
        Assert.Equal(32, table.SlotCount);
        Assert.Equal(32 * sizeof(ulong), table.Bytes);
    }

    [Fact]
    public void Clear_ToTheSameSize_AllocatesNothing_AndRelease_GivesTheSlotsBack()
    {
        // The least of three full-table clears.
        var table = new SlotTable(1000);
        long allocated = Allocations.Least(
            3,
            () =>
            {
                Add(table, [], 1000);
                Assert.Equal(1000, table.Count);
                return table;
            },
            t => t.Clear(1000),
            t => Assert.Equal(0, t.Count));

        Assert.Equal(0, allocated);
        var fresh = new List<string>();
        for (int i = 0; i < 1000; i++)
        {
            var again = new StringKeys(fresh, "k" + i);
            Assert.Equal((i, true), (table.FindOrAdd(("k" + i).GetHashCode(), ref again, out bool added), added));
            fresh.Add("k" + i);
        }

        table.Clear(1000);

        table.Release();
        Assert.Equal(0, table.Count);
        Assert.Equal(16, table.SlotCount);
        Assert.Equal(16 * sizeof(ulong), table.Bytes);
        var matcher = new StringKeys(fresh, "k1");
        Assert.Equal(-1, table.Find("k1".GetHashCode(), ref matcher));
    }

    [Fact]
    public void Clear_ReusesTheSlotsForASmallerSet()
    {
        var table = new SlotTable(1000);
        var keys = new List<string>();
        Add(table, keys, 1000);
        long bytes = table.Bytes;

        table.Clear(10);
        keys.Clear();
        Add(table, keys, 10);

        Assert.Equal(10, table.Count);
        Assert.Equal(bytes, table.Bytes);
        Assert.Equal(32, table.SlotCount);
        var matcher = new StringKeys(keys, "k999");
        Assert.Equal(-1, table.Find("k999".GetHashCode(), ref matcher));
    }

    [Fact]
    public void EnsureCapacity_KeepsEveryKeysIndex_AndRoomForTheRestWithoutGrowing()
    {
        var table = new SlotTable(4);
        var keys = new List<string>();
        Add(table, keys, 100);
        table.EnsureCapacity(5_000);
        long bytes = table.Bytes;
        Assert.True(table.SlotCount >= 10_000);
        for (int i = 0; i < 100; i++)
        {
            var matcher = new StringKeys(keys, "k" + i);
            Assert.Equal(i, table.Find(("k" + i).GetHashCode(), ref matcher));
        }

        for (int i = 100; i < 5_000; i++)
        {
            var matcher = new StringKeys(keys, "k" + i);
            Assert.Equal(i, table.FindOrAdd(("k" + i).GetHashCode(), ref matcher, out bool added));
            Assert.True(added);
            keys.Add("k" + i);
        }

        Assert.Equal(bytes, table.Bytes);
        table.EnsureCapacity(10);
        Assert.Equal(bytes, table.Bytes);
        Assert.Equal(5_000, table.Count);
    }

    [Fact]
    public void FindOrAdd_NumericKeyComparedByBits_ServesAnXRecencyAgeIndex()
    {
        // The shape the (x, t_x, T) compression needs: keys in the caller's arrays, compared by exact bits.
        var table = new SlotTable(16);
        var stored = new List<(int X, long Tx, long T)>();
        (int, double, double)[] probes = [(1, 0.5, 2.0), (1, 0.5, 2.0), (1, -0.0, 2.0), (1, 0.0, 2.0), (2, 0.5, 2.0), (1, double.NaN, 3), (1, double.NaN, 3)];
        var indices = probes.Select(p =>
        {
            var key = (p.Item1, BitConverter.DoubleToInt64Bits(p.Item2), BitConverter.DoubleToInt64Bits(p.Item3));
            var matcher = new BitsKeys(stored, key);
            int index = table.FindOrAdd(Mix(key), ref matcher, out bool added);
            if (added)
            {
                stored.Add(key);
            }

            return index;
        }).ToArray();

        Assert.Equal([0, 0, 1, 2, 3, 4, 4], indices);
    }

    private static void Add(SlotTable table, List<string> keys, int count)
    {
        for (int i = 0; i < count; i++)
        {
            var matcher = new StringKeys(keys, "k" + i);
            table.FindOrAdd(("k" + i).GetHashCode(), ref matcher, out _);
            keys.Add("k" + i);
        }
    }

    private static int Mix((int X, long Tx, long T) key)
    {
        ulong h = (ulong)key.Tx ^ (uint)key.X;
        h = (h ^ (h >> 33)) * 0xFF51AFD7ED558CCDUL;
        h ^= (ulong)key.T;
        h = (h ^ (h >> 33)) * 0xC4CEB9FE1A85EC53UL;
        return (int)(h ^ (h >> 33));
    }

    private readonly struct StringKeys(List<string> keys, string key) : ISlotKeyMatcher
    {
        public bool Matches(int index) => string.Equals(keys[index], key, StringComparison.Ordinal);
    }

    private readonly struct BitsKeys(List<(int X, long Tx, long T)> keys, (int X, long Tx, long T) key) : ISlotKeyMatcher
    {
        public bool Matches(int index) => keys[index] == key;
    }
}
