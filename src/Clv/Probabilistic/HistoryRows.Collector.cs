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

        public int Count => _keys.Count;

        public void Add(int x, double recency, double age, double weight) => Add(x, recency, age, weight, KeyIndex.Hash(x, recency, age));

        /// <summary>Adds a key whose <see cref="KeyIndex.Hash(int, double, double)"/> the caller has computed.</summary>
        public void Add(int x, double recency, double age, double weight, int hash)
        {
            int i = _keys.GetOrAdd(x, recency, age, hash);
            if (i == _weights.Length)
            {
                Array.Resize(ref _weights, _weights.Length * 2);
            }

            _weights[i] += weight;
        }

        public HistoryRows Build(long excluded, CancellationToken cancellationToken) => Build(new Keys(this, null), excluded, cancellationToken);

        /// <summary>The rows of two collectors that hold disjoint keys (no key in both), as one.</summary>
        public static HistoryRows Build(Collector first, Collector second, long excluded, CancellationToken cancellationToken) =>
            Build(new Keys(first, second), excluded, cancellationToken);

        private static HistoryRows Build(Keys keys, long excluded, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int n = keys.Count;
            int[] slots = SortedSlots(keys);
            cancellationToken.ThrowIfCancellationRequested();
            var x = new int[n];
            var tx = new double[n];
            var t = new double[n];
            var w = new double[n];
            for (int i = 0; i < n; i++)
            {
                int slot = slots[i];
                x[i] = keys.X(slot);
                tx[i] = keys.Recency(slot);
                t[i] = keys.Age(slot);
                w[i] = keys.Weight(slot);
            }

            return new HistoryRows(x, tx, t, w, excluded);
        }

        /// <summary>
        /// The key slots in canonical order (x, then t_x, then T; the keys are distinct, so the order is unique): stable radix
        /// sorts by T and then by t_x, then a stable counting sort by x. A comparison sort of whole keys when frequencies are too
        /// large to count (or, defensively, when a t_x or T is negative or NaN, whose bits do not order as their values).
        /// </summary>
        private static int[] SortedSlots(Keys keys)
        {
            int n = keys.Count;
            int maxX = 0;
            bool orderable = true;
            for (int i = 0; i < n; i++)
            {
                maxX = Math.Max(maxX, keys.X(i));
                orderable &= keys.Recency(i) >= 0 && keys.Age(i) >= 0;
            }

            var slots = new int[n];
            if (maxX > (4L * n) + 1024 || !orderable)
            {
                var sorted = new Key[n];
                for (int i = 0; i < n; i++)
                {
                    sorted[i] = new Key(keys.X(i), keys.Recency(i), keys.Age(i), i);
                }

                Array.Sort(sorted);
                for (int i = 0; i < n; i++)
                {
                    slots[i] = sorted[i].Slot;
                }

                return slots;
            }

            // Stable radix sorts by T, then by t_x (their bits order as the values: both are non-negative), then a stable counting
            // sort by x: the order is by x, then t_x, then T.
            var sortKeys = new ulong[n];
            for (int i = 0; i < n; i++)
            {
                slots[i] = i;
                sortKeys[i] = RadixSort.Key(keys.Age(i));
            }

            var scratchKeys = new ulong[n];
            var scratchSlots = new int[n];
            RadixSort.SortPairs(sortKeys, slots, scratchKeys, scratchSlots);
            for (int i = 0; i < n; i++)
            {
                sortKeys[i] = RadixSort.Key(keys.Recency(slots[i]));
            }

            RadixSort.SortPairs(sortKeys, slots, scratchKeys, scratchSlots);

            var next = new int[maxX + 2];
            for (int i = 0; i < n; i++)
            {
                next[keys.X(i) + 1]++;
            }

            for (int k = 1; k < next.Length; k++)
            {
                next[k] += next[k - 1];
            }

            for (int i = 0; i < n; i++)
            {
                int slot = slots[i];
                scratchSlots[next[keys.X(slot)]++] = slot;
            }

            return scratchSlots;
        }

        /// <summary>The keys of one collector, or of two with disjoint keys numbered one after the other.</summary>
        private readonly struct Keys(Collector first, Collector? second)
        {
            private readonly int _firstCount = first.Count;

            public int Count => _firstCount + (second?.Count ?? 0);

            public int X(int slot) => slot < _firstCount ? first._keys.X(slot) : second!._keys.X(slot - _firstCount);

            public double Recency(int slot) => slot < _firstCount ? first._keys.Recency(slot) : second!._keys.Recency(slot - _firstCount);

            public double Age(int slot) => slot < _firstCount ? first._keys.Age(slot) : second!._keys.Age(slot - _firstCount);

            public double Weight(int slot) => slot < _firstCount ? first._weights[slot] : second!._weights[slot - _firstCount];
        }
    }
}
