using Clv.Internal;

namespace Clv.Tests.Internal;

/// <summary>
/// <see cref="KeyIndex"/>: (x, t_x, T) keys to dense indices in order of first appearance, compared by exact bits, past
/// the initial capacity; lookups of absent keys answer -1 and add nothing.
/// </summary>
public class KeyIndexTests
{
    [Fact]
    public void GetOrAdd_DenseIndicesInOrderOfFirstAppearance_KeysReadBack()
    {
        var index = new KeyIndex(2);
        var keys = new List<(int X, double Tx, double T)>();
        var random = new Random(7);
        for (int i = 0; i < 5_000; i++)
        {
            var key = (random.Next(20), random.Next(40) / 7.0, 30 + (random.Next(12) / 7.0));
            int expected = keys.IndexOf(key);
            if (expected < 0)
            {
                expected = keys.Count;
                keys.Add(key);
            }

            Assert.Equal(expected, index.GetOrAdd(key.Item1, key.Item2, key.Item3));
        }

        Assert.Equal(keys.Count, index.Count);
        Assert.True(keys.Count > 1000, keys.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        for (int i = 0; i < keys.Count; i++)
        {
            Assert.Equal(keys[i], (index.X(i), index.Recency(i), index.Age(i)));
            Assert.Equal(i, index.IndexOf(keys[i].X, keys[i].Tx, keys[i].T));
            Assert.Equal(i, index.GetOrAdd(keys[i].X, keys[i].Tx, keys[i].T, KeyIndex.Hash(keys[i].X, keys[i].Tx, keys[i].T)));
        }

        Assert.Equal(keys.Count, index.Count);
    }

    [Fact]
    public void IndexOf_AbsentKeys_MinusOne_AndNothingAdded()
    {
        var index = new KeyIndex(4);
        index.GetOrAdd(1, 2, 3);
        Assert.Equal(-1, index.IndexOf(2, 2, 3));
        Assert.Equal(-1, index.IndexOf(1, 2.5, 3));
        Assert.Equal(-1, index.IndexOf(1, 2, 3.5));
        Assert.Equal(1, index.Count);
        Assert.Equal(0, index.IndexOf(1, 2, 3));
    }

    [Fact]
    public void GetOrAdd_ComparesBits_ZeroAndMinusZeroAreTwoKeys()
    {
        var index = new KeyIndex(4);
        Assert.Equal(0, index.GetOrAdd(0, 0.0, 1));
        Assert.Equal(1, index.GetOrAdd(0, -0.0, 1));
        Assert.Equal(2, index.GetOrAdd(0, 0.0, -0.0 + 2));
        Assert.Equal(0, index.GetOrAdd(0, 0.0, 1));
        Assert.True(double.IsNegative(index.Recency(1)));
    }

    [Fact]
    public void Hash_EveryFieldCounts()
    {
        int h = KeyIndex.Hash(3, 1.5, 40);
        Assert.Equal(h, KeyIndex.Hash(3, 1.5, 40));
        Assert.NotEqual(h, KeyIndex.Hash(4, 1.5, 40));
        Assert.NotEqual(h, KeyIndex.Hash(3, 2.5, 40));
        Assert.NotEqual(h, KeyIndex.Hash(3, 1.5, 41));

        // Whole and simple fractional values share their low bits: the hashes must still spread over the low bits.
        var low = new HashSet<int>();
        for (int x = 0; x < 64; x++)
        {
            for (int t = 0; t < 64; t++)
            {
                low.Add(KeyIndex.Hash(x, t, 52) & 4095);
            }
        }

        Assert.True(low.Count > 2500, low.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void GetOrAdd_CapacityZero_Grows()
    {
        var index = new KeyIndex(0);
        for (int i = 0; i < 50; i++)
        {
            Assert.Equal(i, index.GetOrAdd(i, 1, 2));
        }

        Assert.Equal(49, index.X(49));
    }

    /// <summary>
    /// Two keys of the same x and T whose 32-bit hashes are equal (found by search; about five pairs are expected among
    /// 200,000 recencies): the table finds the hash, and only the comparison of every field tells the keys apart.
    /// </summary>
    [Fact]
    public void GetOrAdd_FullHashCollision_StillTwoKeys()
    {
        var seen = new Dictionary<int, double>();
        (double A, double B)? pair = null;
        for (int j = 0; j < 2_000_000 && pair is null; j++)
        {
            double recency = j / 64.0;
            int h = KeyIndex.Hash(3, recency, 52);
            if (seen.TryGetValue(h, out double other))
            {
                pair = (other, recency);
            }
            else
            {
                seen[h] = recency;
            }
        }

        Assert.NotNull(pair);
        var (a, b) = pair.Value;
        Assert.Equal(KeyIndex.Hash(3, a, 52), KeyIndex.Hash(3, b, 52));
        var index = new KeyIndex(4);
        Assert.Equal(0, index.GetOrAdd(3, a, 52));
        Assert.Equal(-1, index.IndexOf(3, b, 52));
        Assert.Equal(1, index.GetOrAdd(3, b, 52));
        Assert.Equal((0, 1), (index.IndexOf(3, a, 52), index.IndexOf(3, b, 52)));
        Assert.Equal(b, index.Recency(1));
    }
}
