using Clv.Internal;

namespace Clv.Probabilistic;

/// <summary>
/// Customers compressed into distinct (x, t_x, T) rows with weights, sorted by (x, t_x, T) so every fit sees the same rows in the
/// same order whatever the input order; the rows of one x are contiguous so terms that depend on x only (the ln-gamma terms)
/// are computed once per distinct x, and each row indexes its distinct age and recency so their logarithms are computed once
/// per distinct value.
/// </summary>
internal sealed partial class HistoryRows
{
    private HistoryRows(int[] x, double[] recency, double[] age, double[] weight, long excluded)
    {
        X = x;
        Recency = recency;
        Age = age;
        Weight = weight;
        Excluded = excluded;
        var distinct = new List<int>();
        var starts = new List<int>();
        var xWeight = new List<double>();
        Group = new int[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            if (i == 0 || x[i] != x[i - 1])
            {
                distinct.Add(x[i]);
                starts.Add(i);
                xWeight.Add(0);
            }

            Group[i] = distinct.Count - 1;
            xWeight[^1] += weight[i];
            TotalWeight += weight[i];
            WeightedFrequency += weight[i] * x[i];
            WeightedAge += weight[i] * age[i];
        }

        starts.Add(x.Length);
        // On data that is not at day resolution nearly every value is distinct: both maps are built at once.
        var ages = age.Length > Parallelism.MinimumParallelCount ? Task.Run(() => Distinct(age)) : Task.FromResult(Distinct(age));
        (DistinctRecencies, RecencyIndex) = Distinct(recency);
        (DistinctAges, AgeIndex) = ages.GetAwaiter().GetResult();
        DistinctX = [.. distinct];
        XStart = [.. starts];
        XWeight = [.. xWeight];
    }

    public int[] X { get; }

    /// <summary>Index of each row's frequency group in <see cref="DistinctX"/>.</summary>
    public int[] Group { get; }

    /// <summary>
    /// The distinct ages (in order of first appearance in the sorted rows), with each row's index into them; when nearly
    /// every age is distinct (data not at day resolution), every row's own age, indexed by itself.
    /// </summary>
    public double[] DistinctAges { get; }

    public int[] AgeIndex { get; }

    /// <summary>The distinct recencies, with each row's index into them.</summary>
    public double[] DistinctRecencies { get; }

    public int[] RecencyIndex { get; }

    public double[] Recency { get; }

    public double[] Age { get; }

    public double[] Weight { get; }

    /// <summary>The distinct frequencies, ascending; rows XStart[j] .. XStart[j + 1] - 1 have frequency DistinctX[j].</summary>
    public int[] DistinctX { get; }

    public int[] XStart { get; }

    /// <summary>Total weight of the rows with frequency DistinctX[j].</summary>
    public double[] XWeight { get; }

    public double TotalWeight { get; }

    public double WeightedFrequency { get; }

    public double WeightedAge { get; }

    /// <summary>Customers left out (no purchase up to the observation end).</summary>
    public long Excluded { get; }

    public int Count => X.Length;

    /// <summary>Every <paramref name="step"/>-th row (rows are in canonical order, so this is a systematic sample stratified by x), weights scaled to the same total.</summary>
    public HistoryRows Sample(int step)
    {
        int n = (Count + step - 1) / step;
        var x = new int[n];
        var tx = new double[n];
        var t = new double[n];
        var w = new double[n];
        double sampled = 0;
        for (int i = 0; i < n; i++)
        {
            int row = i * step;
            x[i] = X[row];
            tx[i] = Recency[row];
            t[i] = Age[row];
            w[i] = Weight[row];
            sampled += w[i];
        }

        double scale = TotalWeight / sampled;
        for (int i = 0; i < n; i++)
        {
            w[i] *= scale;
        }

        return new HistoryRows(x, tx, t, w, Excluded);
    }

    /// <summary>
    /// Customers with a purchase, in the summaries' unit; leads (no purchase) are counted as excluded. Data at day resolution
    /// (few distinct ages and recencies) is packed into 32-bit keys and sorted (<see cref="FromSummariesPacked"/>); other data is
    /// hashed by whole key (<see cref="FromSummariesCollected"/>). Both give the same rows.
    /// </summary>
    public static HistoryRows FromSummaries(ReadOnlyMemory<CustomerSummary> customers, CancellationToken cancellationToken) =>
        FromSummariesPacked(customers.Span, cancellationToken) ?? FromSummariesCollected(customers, cancellationToken);

    /// <summary>
    /// <see cref="FromSummaries"/> by hashing whole keys. A large base is collected on two cores, each scanning every customer
    /// but keeping only the keys whose hash has its top bit equal to the core's part: the parts' keys are disjoint, so nothing is
    /// merged, no table holds more than its share, and the rows (sorted canonically, weights summed in customer order) are the
    /// same as from one pass.
    /// </summary>
    internal static HistoryRows FromSummariesCollected(ReadOnlyMemory<CustomerSummary> customers, CancellationToken cancellationToken)
    {
        if (customers.Length < 4 * Parallelism.MinimumParallelCount || Environment.ProcessorCount < 2)
        {
            var collector = Collect(customers.Span, -1, cancellationToken, out long excluded);
            return collector.Build(excluded, cancellationToken);
        }

        var second = Task.Run(() => Collect(customers.Span, 1, cancellationToken, out _), cancellationToken);
        var first = Collect(customers.Span, 0, cancellationToken, out long excludedAll);
        return Collector.Build(first, second.GetAwaiter().GetResult(), excludedAll, cancellationToken);
    }

    /// <summary>
    /// The keys of the customers with a purchase (all of them when <paramref name="part"/> is -1, else those whose key's hash has
    /// top bit <paramref name="part"/>); <paramref name="excluded"/> counts every customer without a purchase.
    /// </summary>
    private static Collector Collect(ReadOnlySpan<CustomerSummary> customers, int part, CancellationToken cancellationToken, out long excluded)
    {
        var collector = new Collector(customers.Length);
        excluded = 0;
        for (int k = 0; k < customers.Length; k++)
        {
            if ((k & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            ref readonly var c = ref customers[k];
            if (!c.HasPurchase)
            {
                excluded++;
                continue;
            }

            int hash = KeyIndex.Hash(c.Frequency, c.Recency, c.Age);
            if (part < 0 || (hash >>> 31) == part)
            {
                collector.Add(c.Frequency, c.Recency, c.Age, 1, hash);
            }
        }

        return collector;
    }

    /// <summary>The rows of several parts as one: equal (x, t_x, T) keys add their weights; excluded counts add.</summary>
    public static HistoryRows Merge(IReadOnlyList<HistoryRows> parts, long excluded)
    {
        var collector = new Collector(parts.Count == 0 ? 16 : parts.Max(p => p.Count));
        foreach (var part in parts)
        {
            for (int i = 0; i < part.Count; i++)
            {
                collector.Add(part.X[i], part.Recency[i], part.Age[i], part.Weight[i]);
            }
        }

        return collector.Build(excluded, CancellationToken.None);
    }

    /// <summary>Rows already validated and in any order (read back from a serialised form).</summary>
    public static HistoryRows FromValidated(int[] x, double[] recency, double[] age, double[] weight, long excluded)
    {
        var collector = new Collector(x.Length);
        for (int i = 0; i < x.Length; i++)
        {
            collector.Add(x[i], recency[i], age[i], weight[i]);
        }

        return collector.Build(excluded, CancellationToken.None);
    }

    /// <summary>Validated histories (weights greater than 0, 0 ≤ t_x ≤ T, t_x = 0 when x = 0).</summary>
    public static HistoryRows FromHistories(ReadOnlySpan<PurchaseHistory> histories, CancellationToken cancellationToken)
    {
        var collector = new Collector(histories.Length);
        for (int k = 0; k < histories.Length; k++)
        {
            if ((k & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var h = histories[k];
            Validate(h.Frequency, h.Recency, h.Age);
            if (!(h.Weight > 0) || double.IsPositiveInfinity(h.Weight))
            {
                ThrowHelper.ArgumentOutOfRange(nameof(histories), h.Weight, Guard.Format($"Weight of history {k} must be a finite number greater than 0, but was {h.Weight}."));
            }

            collector.Add(h.Frequency, h.Recency, h.Age, h.Weight);
        }

        return collector.Build(0, cancellationToken);
    }

    /// <summary>
    /// Checks the rows can identify a purchase and a dropout process (customers with a purchase, some repeat purchases) and
    /// returns the data's time scale per repeat purchase, Σ T / Σ x (the reference scale of α).
    /// </summary>
    /// <exception cref="ModelFitException">No customer with a purchase, or none with a repeat purchase.</exception>
    public double RequireRepeatPurchases(string modelName)
    {
        if (TotalWeight == 0)
        {
            throw new ModelFitException(Guard.Format($"{modelName} fit needs customers with a purchase, but there were none ({Excluded} excluded without a purchase)."));
        }

        if (WeightedFrequency == 0)
        {
            throw new ModelFitException(Guard.Format($"{modelName} fit needs repeat purchases, but none of the {TotalWeight} customers has one: the purchase and dropout processes cannot be identified."));
        }

        return WeightedAge > 0 ? WeightedAge / WeightedFrequency : 1;
    }

    /// <summary>Checks one (x, t_x, T) at a public boundary.</summary>
    public static void Validate(int frequency, double recency, double age)
    {
        Guard.NonNegative(frequency);
        Guard.NonNegative(age);
        Guard.NonNegative(recency);
        if (recency > age)
        {
            ThrowHelper.Argument(nameof(recency), Guard.Format($"Recency ({recency}) cannot exceed age ({age})."));
        }
    }

    /// <summary>The distinct values in order of first appearance, and each element's index into them (or the values themselves when nearly all differ).</summary>
    private static (double[] Values, int[] Index) Distinct(double[] values)
    {
        // Data not at day resolution has (nearly) every value distinct: when the first 65,536 values are over 90% distinct,
        // caching per distinct value saves nothing, so each row keeps its own value and the hashing is skipped.
        // Day-resolution data has a few hundred distinct values: the table starts small and grows (by doubling) only as needed.
        const int Probe = 1 << 16;
        int capacity = Math.Clamp(values.Length, 4, 1024);
        var table = new SlotTable(capacity);
        var distinct = new double[capacity];
        var index = new int[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            if (i == Probe && table.Count > 0.9 * Probe)
            {
                for (int k = 0; k < index.Length; k++)
                {
                    index[k] = k;
                }

                return ((double[])values.Clone(), index);
            }

            double v = values[i];
            var matcher = new BitsMatcher(distinct, BitConverter.DoubleToInt64Bits(v));
            int d = table.FindOrAdd(KeyIndex.Hash(0, v, 0), ref matcher, out bool added);
            if (added)
            {
                if (d == distinct.Length)
                {
                    Array.Resize(ref distinct, d * 2);
                }

                distinct[d] = v;
            }

            index[i] = d;
        }

        return (distinct.AsSpan(0, table.Count).ToArray(), index);
    }

    /// <summary>Matches a value by its bits against the distinct values found so far.</summary>
    private readonly struct BitsMatcher(double[] distinct, long bits) : ISlotKeyMatcher
    {
        public bool Matches(int index) => BitConverter.DoubleToInt64Bits(distinct[index]) == bits;
    }
}
