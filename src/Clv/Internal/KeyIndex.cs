namespace Clv.Internal;

/// <summary>
/// A map from an (x, t_x, T) triple, compared by exact bits, to a dense index 0, 1, 2, ... in order of first
/// appearance: the distinct rows of a fit or a prediction. The keys live here, side by side in one array (a lookup that
/// finds its hash in the table reads one cache line of keys, not three); the slots in a <see cref="SlotTable"/>.
/// </summary>
internal sealed class KeyIndex
{
    private readonly SlotTable _table;
    private Entry[] _keys;

    public KeyIndex(int capacity)
    {
        _table = new SlotTable(capacity);
        _keys = new Entry[Math.Max(capacity, 4)];
    }

    public int Count => _table.Count;

    public int X(int index) => _keys[index].X;

    public double Recency(int index) => BitConverter.Int64BitsToDouble(_keys[index].Tx);

    public double Age(int index) => BitConverter.Int64BitsToDouble(_keys[index].T);

    /// <summary>The index of the key, or -1 when it was never added; reads only, so threads may look up at once while none adds.</summary>
    public int IndexOf(int x, double recency, double age)
    {
        long tx = BitConverter.DoubleToInt64Bits(recency), t = BitConverter.DoubleToInt64Bits(age);
        var matcher = new Matcher(_keys, x, tx, t);
        return _table.Find(Hash(x, tx, t), ref matcher);
    }

    /// <summary>The index of the key, adding it when new.</summary>
    public int GetOrAdd(int x, double recency, double age) => GetOrAdd(x, recency, age, Hash(x, recency, age));

    /// <summary>The index of the key whose <see cref="Hash(int, double, double)"/> is <paramref name="hash"/>, adding it when new.</summary>
    public int GetOrAdd(int x, double recency, double age, int hash)
    {
        long tx = BitConverter.DoubleToInt64Bits(recency), t = BitConverter.DoubleToInt64Bits(age);
        var matcher = new Matcher(_keys, x, tx, t);
        int index = _table.FindOrAdd(hash, ref matcher, out bool added);
        if (added)
        {
            if (index == _keys.Length)
            {
                Array.Resize(ref _keys, index * 2);
            }

            _keys[index] = new Entry(tx, t, x);
        }

        return index;
    }

    /// <summary>
    /// Mixes all 64 bits of every field (doubles of whole or simple fractional values share their low bits, which
    /// the table's probe starts from) with a 64-bit finalizer.
    /// </summary>
    public static int Hash(int x, double recency, double age) => Hash(x, BitConverter.DoubleToInt64Bits(recency), BitConverter.DoubleToInt64Bits(age));

    private static int Hash(int x, long tx, long t)
    {
        ulong h = (ulong)tx ^ (ulong)(uint)x;
        h = (h ^ (h >> 33)) * 0xFF51AFD7ED558CCDUL;
        h ^= (ulong)t;
        h = (h ^ (h >> 33)) * 0xC4CEB9FE1A85EC53UL;
        h ^= h >> 33;
        return (int)(h ^ (h >> 32));
    }

    private readonly record struct Entry(long Tx, long T, int X);

    private readonly struct Matcher(Entry[] keys, int x, long tx, long t) : ISlotKeyMatcher
    {
        public bool Matches(int index)
        {
            ref readonly var e = ref keys[index];
            return e.X == x && e.Tx == tx && e.T == t;
        }
    }
}
