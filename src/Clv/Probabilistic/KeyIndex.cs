using System.Numerics;

namespace Clv.Probabilistic;

/// <summary>
/// An open-addressing map from an (x, t_x, T) triple, compared by exact bits, to a dense index 0, 1, 2, ... in
/// order of first appearance. Several times faster than a Dictionary of value tuples over a million customers.
/// </summary>
internal sealed class KeyIndex
{
    private int[] _slots;
    private int[] _x;
    private long[] _tx;
    private long[] _t;
    private int _mask;

    public KeyIndex(int capacity)
    {
        int size = 16;
        while (size < capacity * 2)
        {
            size <<= 1;
        }

        _slots = new int[size];
        _mask = size - 1;
        _x = new int[Math.Max(capacity, 4)];
        _tx = new long[_x.Length];
        _t = new long[_x.Length];
    }

    public int Count { get; private set; }

    public int X(int index) => _x[index];

    public double Recency(int index) => BitConverter.Int64BitsToDouble(_tx[index]);

    public double Age(int index) => BitConverter.Int64BitsToDouble(_t[index]);

    /// <summary>The index of the key, adding it when new.</summary>
    public int GetOrAdd(int x, double recency, double age)
    {
        long tx = BitConverter.DoubleToInt64Bits(recency), t = BitConverter.DoubleToInt64Bits(age);
        int slot = Slot(x, tx, t);
        while (true)
        {
            int entry = _slots[slot];
            if (entry == 0)
            {
                return Add(slot, x, tx, t);
            }

            int i = entry - 1;
            if (_x[i] == x && _tx[i] == tx && _t[i] == t)
            {
                return i;
            }

            slot = (slot + 1) & _mask;
        }
    }

    /// <summary>Mixes all 64 bits of every field (doubles of whole or simple fractional values share their low bits) and takes the top bits.</summary>
    private int Slot(int x, long tx, long t)
    {
        ulong h = (ulong)tx ^ (ulong)(uint)x;
        h = (h ^ (h >> 33)) * 0xFF51AFD7ED558CCDUL;
        h ^= (ulong)t;
        h = (h ^ (h >> 33)) * 0xC4CEB9FE1A85EC53UL;
        h ^= h >> 33;
        return (int)(h >> (64 - BitOperations.Log2((uint)_slots.Length))) & _mask;
    }

    private int Add(int slot, int x, long tx, long t)
    {
        int index = Count;
        if (index == _x.Length)
        {
            Array.Resize(ref _x, index * 2);
            Array.Resize(ref _tx, index * 2);
            Array.Resize(ref _t, index * 2);
        }

        _x[index] = x;
        _tx[index] = tx;
        _t[index] = t;
        _slots[slot] = index + 1;
        Count++;
        if (Count * 2 > _slots.Length)
        {
            Rehash();
        }

        return index;
    }

    private void Rehash()
    {
        _slots = new int[_slots.Length * 2];
        _mask = _slots.Length - 1;
        for (int i = 0; i < Count; i++)
        {
            int slot = Slot(_x[i], _tx[i], _t[i]);
            while (_slots[slot] != 0)
            {
                slot = (slot + 1) & _mask;
            }

            _slots[slot] = i + 1;
        }
    }
}
