using Clv.Internal;

namespace Clv.Probabilistic;

/// <content>Collecting weighted (x, t_x, T) observations into distinct rows in canonical order.</content>
internal sealed partial class HistoryRows
{
    /// <summary>A distinct row: sorted by x, then t_x, then T (a struct comparison, so the sort needs no delegate).</summary>
    private readonly record struct Key(int X, double Recency, double Age, int Slot) : IComparable<Key>
    {
        public int CompareTo(Key other)
        {
            int c = X.CompareTo(other.X);
            if (c == 0)
            {
                c = Recency.CompareTo(other.Recency);
            }

            return c != 0 ? c : Age.CompareTo(other.Age);
        }
    }

    /// <summary>Adds weighted (x, t_x, T) observations into distinct keys, then sorts them into rows.</summary>
    /// <remarks>
    /// Sized for at most <see cref="InitialCapacity"/> keys and grown on demand: a million customers share a few hundred
    /// thousand rows at most, and a table sized for the customers would spread the few keys over tens of megabytes (every
    /// lookup a cache miss).
    /// </remarks>
    private sealed class Collector(int capacity)
    {
        private const int InitialCapacity = 1 << 14;
        private readonly KeyIndex _keys = new(Math.Min(capacity, InitialCapacity));
        private double[] _weights = new double[Math.Clamp(capacity, 16, InitialCapacity)];

        public void Add(int x, double recency, double age, double weight)
        {
            int i = _keys.GetOrAdd(x, recency, age);
            if (i == _weights.Length)
            {
                Array.Resize(ref _weights, _weights.Length * 2);
            }

            _weights[i] += weight;
        }

        /// <summary>Adds every key of <paramref name="other"/> with its weight.</summary>
        public void AddAll(Collector other)
        {
            for (int i = 0; i < other._keys.Count; i++)
            {
                Add(other._keys.X(i), other._keys.Recency(i), other._keys.Age(i), other._weights[i]);
            }
        }

        public HistoryRows Build(long excluded, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int n = _keys.Count;
            int[] slots = SortedSlots(n);
            cancellationToken.ThrowIfCancellationRequested();
            var x = new int[n];
            var tx = new double[n];
            var t = new double[n];
            var w = new double[n];
            for (int i = 0; i < n; i++)
            {
                int slot = slots[i];
                x[i] = _keys.X(slot);
                tx[i] = _keys.Recency(slot);
                t[i] = _keys.Age(slot);
                w[i] = _weights[slot];
            }

            return new HistoryRows(x, tx, t, w, excluded);
        }

        /// <summary>
        /// The key slots in canonical order (x, then t_x, then T; the keys are distinct, so the order is unique): a counting sort
        /// by x, a primitive sort by t_x within each x, and a sort by T within each run of equal t_x. A comparison sort of
        /// whole keys when frequencies are too large to count.
        /// </summary>
        private int[] SortedSlots(int n)
        {
            int maxX = 0;
            for (int i = 0; i < n; i++)
            {
                maxX = Math.Max(maxX, _keys.X(i));
            }

            var slots = new int[n];
            if (maxX > (4L * n) + 1024)
            {
                var keys = new Key[n];
                for (int i = 0; i < n; i++)
                {
                    keys[i] = new Key(_keys.X(i), _keys.Recency(i), _keys.Age(i), i);
                }

                Array.Sort(keys);
                for (int i = 0; i < n; i++)
                {
                    slots[i] = keys[i].Slot;
                }

                return slots;
            }

            var starts = new int[maxX + 2];
            for (int i = 0; i < n; i++)
            {
                starts[_keys.X(i) + 1]++;
            }

            for (int k = 1; k < starts.Length; k++)
            {
                starts[k] += starts[k - 1];
            }

            var next = (int[])starts.Clone();
            for (int i = 0; i < n; i++)
            {
                slots[next[_keys.X(i)]++] = i;
            }

            var sortKeys = new double[n];
            for (int i = 0; i < n; i++)
            {
                sortKeys[i] = _keys.Recency(slots[i]);
            }

            for (int g = 0; g <= maxX; g++)
            {
                if (starts[g + 1] - starts[g] > 1)
                {
                    Array.Sort(sortKeys, slots, starts[g], starts[g + 1] - starts[g]);
                }
            }

            // Runs of equal (x, t_x): by T.
            for (int i = 0; i < n;)
            {
                int end = i + 1;
                int xi = _keys.X(slots[i]);
                while (end < n && sortKeys[end] == sortKeys[i] && _keys.X(slots[end]) == xi)
                {
                    end++;
                }

                if (end - i > 1)
                {
                    for (int k = i; k < end; k++)
                    {
                        sortKeys[k] = _keys.Age(slots[k]);
                    }

                    Array.Sort(sortKeys, slots, i, end - i);
                }

                i = end;
            }

            return slots;
        }
    }
}
