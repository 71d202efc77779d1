using Clv.Internal;

namespace Clv.Crm;

/// <summary>
/// The normalised health signals of every customer: one column per supplied signal, each value in [0, 1] (1 healthiest) or
/// NaN when the customer has no value for it, with the signals' normalised weights. Built by <see cref="Create"/>; scored by
/// <see cref="HealthScore"/>. Immutable.
/// </summary>
/// <remarks>
/// <para>The built-in signals and their rules (all as of the summaries' observation end E; holdout purchases are not used):</para>
/// <list type="bullet">
/// <item><c>recency</c>: 0.5^(days since the last purchase / <see cref="HealthScoreOptions.RecencyHalfLifeDays"/>) (<see cref="Recency"/>); 0 for a customer with no purchase.</item>
/// <item><c>frequency_trend</c>: purchase days in the recent window (E - W, E] against the prior window (E - 2W, E - W], W =
/// <see cref="HealthScoreOptions.TrendWindowDays"/>, by <see cref="Trend"/>: recent / (recent + prior).</item>
/// <item><c>spend_trend</c>: the same with gross spend (purchase amounts; refunds are not dated per purchase day).</item>
/// <item><c>alive_probability</c>: P(alive) as given (any model's <c>ProbabilityAlive</c>, aligned with the summaries).</item>
/// <item>custom signals: by their <see cref="CustomHealthSignal.Scaling"/> and direction.</item>
/// </list>
/// <para>Missing values, the rule: a trend is missing (NaN) for a customer whose first purchase falls inside the recent
/// window (no prior window to compare with) or who made no purchase in either window; P(alive) and custom values are missing
/// where NaN is passed. A missing value is left out of that customer's score and the customer's remaining weights are
/// renormalised (<see cref="HealthScore"/>); it is never read as 0. A signal not supplied at all (weight 0, no P(alive) values,
/// a custom signal without values) is left out for every customer and does not appear in <see cref="Names"/>.</para>
/// </remarks>
public sealed partial class HealthSignals
{
    private readonly IdColumn _ids;
    private readonly string[] _names;
    private readonly double[] _weights;
    private readonly double[][] _columns;

    private HealthSignals(IdColumn ids, string[] names, double[] weights, double[][] columns, HealthScoreOptions options)
    {
        _ids = ids;
        _names = names;
        _weights = weights;
        _columns = columns;
        Options = options;
    }

    /// <summary>Number of customers, aligned with the summaries the signals were built from.</summary>
    public int Count => _ids.Count;

    /// <summary>The supplied signals' names, built-in ones first (recency, frequency_trend, spend_trend, alive_probability), then custom ones in declaration order.</summary>
    public IReadOnlyList<string> Names => Array.AsReadOnly(_names);

    /// <summary>The supplied signals' weights, normalised to sum to 1, aligned with <see cref="Names"/>.</summary>
    public IReadOnlyList<double> Weights => Array.AsReadOnly(_weights);

    /// <summary>The options the signals were built with (their band thresholds are used by <see cref="HealthScore"/>).</summary>
    public HealthScoreOptions Options { get; }

    /// <summary>The identifier of the customer at <paramref name="customer"/>.</summary>
    /// <param name="customer">Position, as in the summaries.</param>
    /// <returns>The identifier.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="customer"/> is negative or at least <see cref="Count"/>.</exception>
    public string CustomerId(int customer) => (uint)customer < (uint)_ids.Count
        ? _ids[customer]
        : throw new ArgumentOutOfRangeException(nameof(customer), customer, Guard.Format($"customer must be from 0 to {_ids.Count - 1}, but was {customer}."));

    /// <summary>The normalised values of one signal for every customer, in [0, 1] or NaN (missing).</summary>
    /// <param name="signal">Position of the signal in <see cref="Names"/>.</param>
    /// <returns>One value per customer.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="signal"/> is negative or at least the number of <see cref="Names"/>.</exception>
    public ReadOnlySpan<double> Values(int signal) => (uint)signal < (uint)_columns.Length
        ? _columns[signal]
        : throw new ArgumentOutOfRangeException(nameof(signal), signal, Guard.Format($"signal must be from 0 to {_columns.Length - 1} (a position in Names), but was {signal}."));

    /// <summary>The signals' value columns and weights as arrays, for loops over every customer.</summary>
    internal (double[][] Columns, double[] Weights, string[] Names) Arrays => (_columns, _weights, _names);

    /// <summary>The position of a signal in <see cref="Names"/>, or -1 when it was not supplied.</summary>
    /// <param name="name">The signal's name (ordinal).</param>
    /// <returns>The position, or -1.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    public int IndexOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Array.IndexOf(_names, name);
    }

    /// <summary>Normalises every supplied signal of every customer.</summary>
    /// <param name="customers">The summaries; trends and recency are taken at their observation end.</param>
    /// <param name="aliveProbability">P(alive) per customer, aligned with <paramref name="customers"/>, each in [0, 1] or NaN (missing); empty to leave the signal out.</param>
    /// <param name="customSignals">Raw values of user signals by name, each aligned with <paramref name="customers"/> (finite or NaN for missing); every name must be declared in <see cref="HealthScoreOptions.CustomSignals"/>. Null or a declared name absent: that signal is left out.</param>
    /// <param name="options">Weights, rules and thresholds; <see cref="HealthScoreOptions.Default"/> when null.</param>
    /// <returns>The normalised signals.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> is null.</exception>
    /// <exception cref="ArgumentException">A length differs from the number of customers, a signal name is not declared, an array is null, or no supplied signal has a positive weight.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range, a P(alive) value is outside [0, 1], or a custom value is infinite.</exception>
    public static HealthSignals Create(CustomerSummaries customers, ReadOnlySpan<double> aliveProbability, IReadOnlyDictionary<string, double[]>? customSignals, HealthScoreOptions? options)
    {
        ArgumentNullException.ThrowIfNull(customers);
        options = (options ?? HealthScoreOptions.Default).Validate();
        int n = customers.Count;
        CheckInputs(n, aliveProbability, customSignals, options);

        var names = new List<string>();
        var weights = new List<double>();
        var columns = new List<double[]>();
        void Add(string name, double weight, double[] column)
        {
            names.Add(name);
            weights.Add(weight);
            columns.Add(column);
        }

        var summaries = customers.AsSpan();
        if (options.RecencyWeight > 0)
        {
            var recency = new double[n];
            for (int i = 0; i < n; i++)
            {
                recency[i] = Recency(summaries[i].DaysSinceLastPurchase, options.RecencyHalfLifeDays);
            }

            Add(RecencyName, options.RecencyWeight, recency);
        }

        if (options.FrequencyTrendWeight > 0 || options.SpendTrendWeight > 0)
        {
            var (frequency, spend) = Trends(customers, options.TrendWindowDays);
            if (options.FrequencyTrendWeight > 0)
            {
                Add(FrequencyTrendName, options.FrequencyTrendWeight, frequency);
            }

            if (options.SpendTrendWeight > 0)
            {
                Add(SpendTrendName, options.SpendTrendWeight, spend);
            }
        }

        if (options.AliveProbabilityWeight > 0 && aliveProbability.Length > 0)
        {
            Add(AliveProbabilityName, options.AliveProbabilityWeight, aliveProbability.ToArray());
        }

        foreach (var signal in options.CustomSignals)
        {
            if (signal.Weight > 0 && customSignals is not null && customSignals.TryGetValue(signal.Name, out var raw))
            {
                Add(signal.Name, signal.Weight, Normalise(raw, signal));
            }
        }

        double total = Total(weights);
        if (double.IsPositiveInfinity(total))
        {
            // Weights near 1e308 are valid but their sum overflows: times 2^-64 (a power of two, so every ratio below is the
            // same to the bit) they sum finitely.
            for (int k = 0; k < weights.Count; k++)
            {
                weights[k] = Math.ScaleB(weights[k], -64);
            }

            total = Total(weights);
        }

        if (!(total > 0))
        {
            ThrowHelper.Argument(nameof(options), "No signal with a positive weight was supplied: give recency, a trend, P(alive) values or a declared custom signal a weight above 0.");
        }

        var normalised = weights.Select(w => w / total).ToArray();
        return new HealthSignals(IdColumn.From(summaries), [.. names], normalised, [.. columns], options);
    }

    private static double Total(List<double> weights)
    {
        double total = 0;
        foreach (double w in weights)
        {
            total += w;
        }

        return total;
    }

    private static void CheckInputs(int n, ReadOnlySpan<double> aliveProbability, IReadOnlyDictionary<string, double[]>? customSignals, HealthScoreOptions options)
    {
        if (aliveProbability.Length != 0 && aliveProbability.Length != n)
        {
            ThrowHelper.Argument(nameof(aliveProbability), Guard.Format($"aliveProbability has {aliveProbability.Length} values but there are {n} customers: pass one per customer, or none to leave the signal out."));
        }

        for (int i = 0; i < aliveProbability.Length; i++)
        {
            double p = aliveProbability[i];
            if (!double.IsNaN(p) && !(p >= 0 && p <= 1))
            {
                ThrowHelper.ArgumentOutOfRange(nameof(aliveProbability), p, Guard.Format($"aliveProbability[{i}] must be in [0, 1] or NaN (missing), but was {p}."));
            }
        }

        if (customSignals is null)
        {
            return;
        }

        foreach (var (name, values) in customSignals)
        {
            if (!options.CustomSignals.Any(s => s.Name == name))
            {
                string declared = options.CustomSignals.Count == 0 ? "none" : string.Join(", ", options.CustomSignals.Select(s => s.Name));
                ThrowHelper.Argument(nameof(customSignals), Guard.Format($"Unknown signal '{name}': declare it in options.CustomSignals (declared: {declared})."));
            }

            if (values is null)
            {
                ThrowHelper.Argument(nameof(customSignals), Guard.Format($"The values of signal '{name}' are null."));
            }

            if (values.Length != n)
            {
                ThrowHelper.Argument(nameof(customSignals), Guard.Format($"Signal '{name}' has {values.Length} values but there are {n} customers."));
            }

            for (int i = 0; i < values.Length; i++)
            {
                if (double.IsInfinity(values[i]))
                {
                    ThrowHelper.ArgumentOutOfRange(nameof(customSignals), values[i], Guard.Format($"Signal '{name}' value [{i}] must be finite or NaN (missing), but was {values[i]}."));
                }
            }
        }
    }

    private static double[] Normalise(double[] raw, CustomHealthSignal signal)
    {
        var result = new double[raw.Length];
        if (signal.Scaling == SignalScaling.PercentileRank)
        {
            PercentileRanks(raw, signal.HigherIsBetter, result);
            return result;
        }

        double min = signal.Minimum ?? double.PositiveInfinity, max = signal.Maximum ?? double.NegativeInfinity;
        if (signal.Minimum is null)
        {
            foreach (double v in raw)
            {
                if (!double.IsNaN(v))
                {
                    min = Math.Min(min, v);
                    max = Math.Max(max, v);
                }
            }
        }

        for (int i = 0; i < raw.Length; i++)
        {
            result[i] = MinMaxUnchecked(raw[i], min, max, signal.HigherIsBetter);
        }

        return result;
    }

    /// <summary>Frequency and spend trends at the observation end E, windows (E - W, E] and (E - 2W, E - W].</summary>
    private static (double[] Frequency, double[] Spend) Trends(CustomerSummaries customers, int windowDays)
    {
        int end = customers.ObservationEnd.DayNumber;
        int recentFrom = end - windowDays + 1, priorFrom = end - (2 * windowDays) + 1;
        var frequency = new double[customers.Count];
        var spend = new double[customers.Count];
        Parallelism.For(customers.Count, (from, to) =>
        {
            for (int i = from; i < to; i++)
            {
                var days = customers.PurchaseDayNumbers(i);
                var amounts = customers.PurchaseDayAmounts(i);
                if (days.Length == 0 || days[0] > end || days[0] >= recentFrom)
                {
                    frequency[i] = spend[i] = double.NaN;
                    continue;
                }

                int recentDays = 0, priorDays = 0;
                double recentSpend = 0, priorSpend = 0;
                for (int k = 0; k < days.Length && days[k] <= end; k++)
                {
                    if (days[k] >= recentFrom)
                    {
                        recentDays++;
                        recentSpend += amounts[k];
                    }
                    else if (days[k] >= priorFrom)
                    {
                        priorDays++;
                        priorSpend += amounts[k];
                    }
                }

                frequency[i] = Trend(recentDays, priorDays);
                spend[i] = Trend(recentSpend, priorSpend);
            }
        });

        return (frequency, spend);
    }
}
