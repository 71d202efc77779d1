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
        DistinctX = [.. distinct];
        XStart = [.. starts];
        XWeight = [.. xWeight];
    }

    public int[] X { get; }

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

    /// <summary>Customers with a purchase, in the summaries' unit scaled by <paramref name="scale"/>; leads (no purchase) are counted as excluded.</summary>
    public static HistoryRows FromSummaries(ReadOnlySpan<CustomerSummary> customers, double scale = 1)
    {
        var index = new Dictionary<(int X, double Tx, double T), int>(Math.Min(customers.Length, 1 << 16));
        var keys = new List<(int X, double Tx, double T)>();
        var weights = new List<double>();
        long excluded = 0;
        foreach (ref readonly var c in customers)
        {
            if (!c.HasPurchase)
            {
                excluded++;
                continue;
            }

            var key = (c.Frequency, c.Recency * scale, c.Age * scale);
            if (index.TryGetValue(key, out int i))
            {
                weights[i] += 1;
            }
            else
            {
                index.Add(key, keys.Count);
                keys.Add(key);
                weights.Add(1);
            }
        }

        return Build(keys, weights, excluded);
    }

    /// <summary>Validated histories (weights greater than 0, 0 ≤ t_x ≤ T, t_x = 0 when x = 0).</summary>
    public static HistoryRows FromHistories(ReadOnlySpan<PurchaseHistory> histories)
    {
        var index = new Dictionary<(int X, double Tx, double T), int>(Math.Min(histories.Length, 1 << 16));
        var keys = new List<(int X, double Tx, double T)>();
        var weights = new List<double>();
        for (int k = 0; k < histories.Length; k++)
        {
            var h = histories[k];
            Validate(h.Frequency, h.Recency, h.Age);
            if (!(h.Weight > 0) || double.IsPositiveInfinity(h.Weight))
            {
                ThrowHelper.ArgumentOutOfRange(nameof(histories), h.Weight, Guard.Format($"Weight of history {k} must be a finite number greater than 0, but was {h.Weight}."));
            }

            var key = (h.Frequency, h.Recency, h.Age);
            if (index.TryGetValue(key, out int i))
            {
                weights[i] += h.Weight;
            }
            else
            {
                index.Add(key, keys.Count);
                keys.Add(key);
                weights.Add(h.Weight);
            }
        }

        return Build(keys, weights, 0);
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

    private static HistoryRows Build(List<(int X, double Tx, double T)> keys, List<double> weights, long excluded)
    {
        var order = new int[keys.Count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (i, j) => keys[i].CompareTo(keys[j]));
        var x = new int[order.Length];
        var tx = new double[order.Length];
        var t = new double[order.Length];
        var w = new double[order.Length];
        for (int i = 0; i < order.Length; i++)
        {
            var k = keys[order[i]];
            x[i] = k.X;
            tx[i] = k.Tx;
            t[i] = k.T;
            w[i] = weights[order[i]];
        }

        return new HistoryRows(x, tx, t, w, excluded);
    }
}
