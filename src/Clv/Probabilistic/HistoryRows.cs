using Clv.Internal;

namespace Clv.Probabilistic;

/// <summary>
/// Customers compressed into distinct (x, t_x, T) rows with weights, sorted by (x, t_x, T) so every fit sees the
/// same rows in the same order whatever the input order; the rows of one x are contiguous so terms that depend on
/// x only (the ln-gamma terms) are computed once per distinct x.
/// </summary>
internal sealed class HistoryRows
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
        for (int i = 0; i < x.Length; i++)
        {
            if (i == 0 || x[i] != x[i - 1])
            {
                distinct.Add(x[i]);
                starts.Add(i);
                xWeight.Add(0);
            }

            xWeight[^1] += weight[i];
            TotalWeight += weight[i];
            WeightedFrequency += weight[i] * x[i];
            WeightedAge += weight[i] * age[i];
        }

        starts.Add(x.Length);
        Group = new int[x.Length];
        for (int j = 0; j + 1 < starts.Count; j++)
        {
            Group.AsSpan(starts[j], starts[j + 1] - starts[j]).Fill(j);
        }

        (DistinctAges, AgeIndex) = Distinct(age);
        (DistinctRecencies, RecencyIndex) = Distinct(recency);
        DistinctX = [.. distinct];
        XStart = [.. starts];
        XWeight = [.. xWeight];
    }

    public int[] X { get; }

    /// <summary>Index of each row's frequency group in <see cref="DistinctX"/>.</summary>
    public int[] Group { get; }

    /// <summary>The distinct ages, with each row's index into them (logs of α + T are computed once per distinct age).</summary>
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

    /// <summary>Customers with a purchase, in the summaries' unit; leads (no purchase) are counted as excluded.</summary>
    public static HistoryRows FromSummaries(ReadOnlySpan<CustomerSummary> customers, CancellationToken cancellationToken)
    {
        var index = new KeyIndex(Math.Min(customers.Length, 1 << 16));
        var weights = new List<double>();
        long excluded = 0;
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

            int i = index.GetOrAdd(c.Frequency, c.Recency, c.Age);
            if (i == weights.Count)
            {
                weights.Add(1);
            }
            else
            {
                weights[i] += 1;
            }
        }

        return Build(index, weights, excluded);
    }

    /// <summary>Validated histories (weights greater than 0, 0 ≤ t_x ≤ T, t_x = 0 when x = 0).</summary>
    public static HistoryRows FromHistories(ReadOnlySpan<PurchaseHistory> histories, CancellationToken cancellationToken)
    {
        var index = new KeyIndex(Math.Min(histories.Length, 1 << 16));
        var weights = new List<double>();
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

            int i = index.GetOrAdd(h.Frequency, h.Recency, h.Age);
            if (i == weights.Count)
            {
                weights.Add(h.Weight);
            }
            else
            {
                weights[i] += h.Weight;
            }
        }

        return Build(index, weights, 0);
    }

    private static (double[] Values, int[] Index) Distinct(double[] values)
    {
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        int n = 0;
        for (int i = 0; i < sorted.Length; i++)
        {
            if (n == 0 || sorted[i] != sorted[n - 1])
            {
                sorted[n++] = sorted[i];
            }
        }

        Array.Resize(ref sorted, n);
        var index = new int[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            index[i] = Array.BinarySearch(sorted, values[i]);
        }

        return (sorted, index);
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

    private static HistoryRows Build(KeyIndex keys, List<double> weights, long excluded)
    {
        var order = new int[keys.Count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (i, j) =>
        {
            int c = keys.X(i).CompareTo(keys.X(j));
            if (c == 0)
            {
                c = keys.Recency(i).CompareTo(keys.Recency(j));
            }

            return c != 0 ? c : keys.Age(i).CompareTo(keys.Age(j));
        });
        var x = new int[order.Length];
        var tx = new double[order.Length];
        var t = new double[order.Length];
        var w = new double[order.Length];
        for (int i = 0; i < order.Length; i++)
        {
            int k = order[i];
            x[i] = keys.X(k);
            tx[i] = keys.Recency(k);
            t[i] = keys.Age(k);
            w[i] = weights[k];
        }

        return new HistoryRows(x, tx, t, w, excluded);
    }
}
