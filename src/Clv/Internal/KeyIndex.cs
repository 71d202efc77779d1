namespace Clv.Internal;

/// <summary>
/// A map from an (x, t_x, T) triple, compared by exact bits, to a dense index 0, 1, 2, ... in order of first
/// appearance: the distinct rows of a fit or a prediction. The keys live here; the slots in a <see cref="SlotTable"/>.
/// </summary>
internal sealed class KeyIndex
{
    private readonly SlotTable _table;
    private int[] _x;
    private long[] _tx;
    private long[] _t;

    public KeyIndex(int capacity)
    {
        _table = new SlotTable(capacity);
        _x = new int[Math.Max(capacity, 4)];
        _tx = new long[_x.Length];
        _t = new long[_x.Length];
    }

    public int Count => _table.Count;

    public int X(int index) => _x[index];

    public double Recency(int index) => BitConverter.Int64BitsToDouble(_tx[index]);

    public double Age(int index) => BitConverter.Int64BitsToDouble(_t[index]);

    /// <summary>The index of the key, adding it when new.</summary>
    public int GetOrAdd(int x, double recency, double age)
    {
        long tx = BitConverter.DoubleToInt64Bits(recency), t = BitConverter.DoubleToInt64Bits(age);
        var matcher = new Matcher(this, x, tx, t);
        int index = _table.FindOrAdd(Hash(x, tx, t), ref matcher, out bool added);
        if (added)
        {
            if (index == _x.Length)
            {
                Array.Resize(ref _x, index * 2);
                Array.Resize(ref _tx, index * 2);
                Array.Resize(ref _t, index * 2);
            }

            _x[index] = x;
            _tx[index] = tx;
            _t[index] = t;
        }

        return index;
    }

    /// <summary>
    /// Mixes all 64 bits of every field (doubles of whole or simple fractional values share their low bits, which
    /// the table's probe starts from) with a 64-bit finalizer.
    /// </summary>
    private static int Hash(int x, long tx, long t)
    {
        ulong h = (ulong)tx ^ (ulong)(uint)x;
        h = (h ^ (h >> 33)) * 0xFF51AFD7ED558CCDUL;
        h ^= (ulong)t;
        h = (h ^ (h >> 33)) * 0xC4CEB9FE1A85EC53UL;
        h ^= h >> 33;
        return (int)(h ^ (h >> 32));
    }

    private readonly struct Matcher(KeyIndex keys, int x, long tx, long t) : ISlotKeyMatcher
    {
        public bool Matches(int index) => keys._x[index] == x && keys._tx[index] == tx && keys._t[index] == t;
    }
}
