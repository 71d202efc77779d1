using Clv.Internal;

namespace Clv.Probabilistic;

/// <summary>
/// The coefficients of a covariate fit (one per purchase-only, dropout-only and shared covariate), the base log-parameters each
/// moves, their natural scales, and the grouping of customers by covariate vector.
/// </summary>
internal sealed class CovariateLayout
{
    private readonly CovariateOptions _options;
    private readonly int[] _columns;

    private CovariateLayout(CovariateOptions options, string[] names, int[] columns, CovariateLikelihood.Effect[][] effects)
    {
        _options = options;
        Names = names;
        _columns = columns;
        Effects = effects;
        Scales = new double[names.Length];
    }

    /// <summary>Coefficient names: <c>purchase.x</c>, <c>dropout.x</c>, <c>shared.x</c>.</summary>
    public string[] Names { get; }

    public CovariateLikelihood.Effect[][] Effects { get; }

    /// <summary>Each coefficient's natural scale: 1 / the standard deviation of its covariate over the customers fitted.</summary>
    public double[] Scales { get; }

    /// <summary>Lays out the coefficients and checks every covariate varies over the customers fitted (those with a purchase).</summary>
    /// <exception cref="ModelFitException">A covariate has one value for every customer fitted.</exception>
    public static CovariateLayout Create(FitData data, CovariateOptions options, bool pareto, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        var columns = new List<int>();
        var effects = new List<CovariateLikelihood.Effect[]>();
        CovariateLikelihood.Effect[] purchase = [new(1, -1)];
        CovariateLikelihood.Effect[] dropout = pareto ? [new(3, -1)] : [new(2, +1), new(3, +1)];
        bool Shared(string n) => options.Constrained.Contains(n, StringComparer.Ordinal);
        foreach (string n in options.Purchase.Where(n => !Shared(n)))
        {
            names.Add("purchase." + n);
            columns.Add(options.Covariates.IndexOf(n));
            effects.Add(purchase);
        }

        foreach (string n in options.Dropout.Where(n => !Shared(n)))
        {
            names.Add("dropout." + n);
            columns.Add(options.Covariates.IndexOf(n));
            effects.Add(dropout);
        }

        foreach (string n in options.Constrained)
        {
            names.Add("shared." + n);
            columns.Add(options.Covariates.IndexOf(n));
            effects.Add([.. purchase, .. dropout]);
        }

        var layout = new CovariateLayout(options, [.. names], [.. columns], [.. effects]);
        layout.MeasureScales(data, cancellationToken);
        return layout;
    }

    /// <summary>Customers with a purchase grouped by covariate vector, in canonical (lexicographic) order, each with its rows and likelihood.</summary>
    public CovariateLikelihood.Group[] Groups(FitData data, Func<HistoryRows, LikelihoodProblem> problem, CancellationToken cancellationToken)
    {
        var index = new Dictionary<double[], int>(new VectorComparer());
        var members = new List<List<int>>();
        var key = new double[_columns.Length];
        var span = data.Histories;
        for (int i = 0; i < span.Length; i++)
        {
            if ((i & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            for (int j = 0; j < key.Length; j++)
            {
                key[j] = _options.Covariates.Value(data.Row(i), _columns[j]);
            }

            if (!index.TryGetValue(key, out int g))
            {
                g = members.Count;
                index[(double[])key.Clone()] = g;
                members.Add([]);
            }

            members[g].Add(i);
        }

        var comparer = new VectorComparer();
        var ordered = index.OrderBy(e => e.Key, comparer).ToArray();
        var groups = new CovariateLikelihood.Group[ordered.Length];
        for (int g = 0; g < ordered.Length; g++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var list = members[ordered[g].Value];
            var x = new int[list.Count];
            var recency = new double[list.Count];
            var age = new double[list.Count];
            var weight = new double[list.Count];
            for (int m = 0; m < list.Count; m++)
            {
                ref readonly var c = ref span[list[m]];
                x[m] = c.Frequency;
                recency[m] = c.Recency;
                age[m] = c.Age;
                weight[m] = c.Weight;
            }

            var rows = HistoryRows.FromValidated(x, recency, age, weight, 0);
            groups[g] = new CovariateLikelihood.Group(ordered[g].Key, problem(rows), rows);
        }

        return groups;
    }

    /// <summary>The fitted model from base parameters and the coefficients in <see cref="Names"/> order.</summary>
    public CovariatePurchaseModel Model(PurchaseModel baseModel, ReadOnlySpan<double> coefficients)
    {
        var byName = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int j = 0; j < Names.Length; j++)
        {
            byName[Names[j]] = coefficients[j];
        }

        double Find(string process, string n) => byName.TryGetValue(process + "." + n, out double v) ? v : byName["shared." + n];
        return new CovariatePurchaseModel(
            baseModel,
            [.. _options.Purchase.Select(n => new KeyValuePair<string, double>(n, Find("purchase", n)))],
            [.. _options.Dropout.Select(n => new KeyValuePair<string, double>(n, Find("dropout", n)))]);
    }

    private void MeasureScales(FitData data, CancellationToken cancellationToken)
    {
        var span = data.Histories;
        for (int j = 0; j < _columns.Length; j++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            double n = 0, mean = 0, m2 = 0, first = double.NaN;
            bool varies = false;
            for (int i = 0; i < span.Length; i++)
            {
                double z = _options.Covariates.Value(data.Row(i), _columns[j]), w = span[i].Weight;
                if (double.IsNaN(first))
                {
                    first = z;
                }

                varies |= z != first;
                n += w;
                double delta = z - mean;
                mean += delta * w / n;
                m2 += w * delta * (z - mean);
            }

            double sd = n > 1 ? Math.Sqrt(m2 / (n - 1)) : 0;
            if (!varies || !(sd > 0))
            {
                string name = _options.Covariates.Names[_columns[j]];
                throw new ModelFitException(Guard.Format(
                    $"Covariate '{name}' has the same value ({first}) for every one of the {n} customers fitted, so its effect cannot be told apart from the model's own scale parameters; leave it out."));
            }

            Scales[j] = 1 / sd;
        }
    }

    /// <summary>
    /// The histories fitted (customers with a purchase, or the caller's weighted histories) and, for each, its row in the covariates.
    /// </summary>
    internal sealed class FitData(PurchaseHistory[] histories, int[]? rows, long excluded)
    {
        public ReadOnlySpan<PurchaseHistory> Histories => histories;

        public long Excluded => excluded;

        public int Row(int history) => rows is null ? history : rows[history];

        /// <summary>Customers with a purchase, each with its own row; leads are excluded and counted.</summary>
        public static FitData FromSummaries(CustomerSummaries customers)
        {
            var span = customers.AsSpan();
            var histories = new List<PurchaseHistory>(span.Length);
            var rows = new List<int>(span.Length);
            for (int i = 0; i < span.Length; i++)
            {
                if (span[i].HasPurchase)
                {
                    histories.Add(new PurchaseHistory(span[i].Frequency, span[i].Recency, span[i].Age));
                    rows.Add(i);
                }
            }

            return new FitData([.. histories], [.. rows], span.Length - histories.Count);
        }
    }

    /// <summary>Structural equality and lexicographic order of covariate vectors.</summary>
    internal sealed class VectorComparer : IEqualityComparer<double[]>, IComparer<double[]>
    {
        public bool Equals(double[]? x, double[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(double[] obj)
        {
            var hash = default(HashCode);
            foreach (double v in obj)
            {
                hash.Add(v);
            }

            return hash.ToHashCode();
        }

        public int Compare(double[]? x, double[]? y)
        {
            for (int i = 0; i < x!.Length; i++)
            {
                int c = x[i].CompareTo(y![i]);
                if (c != 0)
                {
                    return c;
                }
            }

            return 0;
        }
    }
}
