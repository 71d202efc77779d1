using Clv.Internal;

namespace Clv.Probabilistic;

/// <summary>
/// What every continuous-time repeat-purchase model (<see cref="BgNbdModel"/>, <see cref="MbgNbdModel"/>,
/// <see cref="ParetoNbdModel"/>) predicts for a customer with repeat frequency x, recency t_x and age T: P(alive), expected
/// purchases, the purchase-count distribution; and how it persists and simulates. Immutable and thread-safe.
/// </summary>
/// <remarks>
/// <para>Units: the model's rates are per <see cref="TimeUnit"/>, and so are the recency, age and horizon arguments of the
/// members that take numbers. Members that take a <see cref="CustomerSummary"/>, a span of them or <see cref="CustomerSummaries"/>
/// convert each summary's own <see cref="CustomerSummary.TimeUnit"/> to the model's exactly, so a model fitted in weeks scores
/// summaries built in days correctly.</para>
/// <para>For all three models E[Y(t) | x, t_x, T] = P(alive | x, t_x, T) · E[Y(t) | alive at T, x], and the second factor does not
/// depend on t_x: batch predictions compute it once per distinct (x, T), and are identical to the scalar calls.</para>
/// <para>This class cannot be derived from outside the library.</para>
/// </remarks>
public abstract partial class PurchaseModel : IJsonPersistable
{
    private readonly string[] _names;
    private readonly double[] _values;

    private protected PurchaseModel(string name, string[] names, double[] values, TimeUnit timeUnit)
    {
        for (int i = 0; i < names.Length; i++)
        {
            CheckParameter(values[i], names[i]);
        }

        CheckUnit(timeUnit, nameof(timeUnit));
        Name = name;
        _names = names;
        _values = values;
        TimeUnit = timeUnit;
    }

    /// <summary>The model's name as the literature writes it ("BG/NBD", "MBG/NBD", "Pareto/NBD"); also the <c>"model"</c> field of its JSON.</summary>
    public string Name { get; }

    /// <summary>The unit of time of the model's rates, and of every recency, age and horizon passed as a number.</summary>
    public TimeUnit TimeUnit { get; }

    /// <summary>The parameters as (name, value) pairs in the paper's order, for display and export.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> Parameters => [.. _names.Select((n, i) => new KeyValuePair<string, double>(n, _values[i]))];

    /// <summary>Writes the model as versioned JSON: <c>{"model":"BG/NBD","version":1,"timeUnit":"Week","parameters":{"r":..,"alpha":..,"a":..,"b":..}}</c>.</summary>
    /// <returns>The JSON text; the leaf type's <c>FromJson</c> (or <see cref="ModelJson.Load(string)"/>) reads it back exactly.</returns>
    public string ToJson() => JsonFormat.Write(Name, w =>
    {
        w.WriteString("timeUnit", TimeUnit.ToString());
        JsonFormat.WriteNumbers(w, "parameters", _names, _values);
    });

    /// <summary>The model's name, parameters and unit, for logs and debugging.</summary>
    /// <returns>For example "BG/NBD(r = 0.242593, alpha = 4.41353, a = 0.792886, b = 2.42575; Week)".</returns>
    public override string ToString() =>
        Guard.Format($"{Name}({string.Join(", ", _names.Select((n, i) => Guard.Format($"{n} = {_values[i]:G6}")))}; {TimeUnit})");

    /// <summary>Simulates one (x, t_x, T) history per age from the model's generative process, in continuous time (for what-if analysis and recovery tests).</summary>
    /// <param name="ages">Each simulated customer's age T, in <see cref="TimeUnit"/> (finite, at least 0).</param>
    /// <param name="seed">Seed of the random generator: the same seed gives the same histories.</param>
    /// <returns>One history per age, with weight 1.</returns>
    /// <remarks>
    /// A customer expected to buy more than 100,000 times over their age has the count drawn at once (a Poisson count, the
    /// dropout's geometric stop, an order statistic for the last purchase) rather than purchase by purchase.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">
    /// An age is negative, NaN or infinite, or a simulated customer keeps buying at a rate that gives more than 10^9 purchases
    /// over their age (a history's count is an int).
    /// </exception>
    public PurchaseHistory[] Simulate(ReadOnlySpan<double> ages, int seed) => PurchaseSimulation.Histories(ages, seed, Draw);

    /// <summary>
    /// Simulates a transaction log: one customer per first-purchase date, purchases from the model (same-day purchases merge
    /// into one day when summarised) with amounts from <paramref name="spend"/>, up to <paramref name="end"/>.
    /// </summary>
    /// <param name="firstPurchases">Each customer's first purchase date (on or before <paramref name="end"/>).</param>
    /// <param name="end">The last day simulated.</param>
    /// <param name="spend">The spend model for the amounts.</param>
    /// <param name="seed">Seed of the random generator.</param>
    /// <returns>The transactions, customers "S0000000", "S0000001", ... in date order within each customer.</returns>
    /// <exception cref="ArgumentOutOfRangeException">
    /// A first purchase is after <paramref name="end"/>, or a simulated customer keeps buying at a rate that would list more
    /// than 10^7 purchases for them alone.
    /// </exception>
    public Transaction[] SimulateTransactions(ReadOnlySpan<DateOnly> firstPurchases, DateOnly end, GammaGammaModel spend, int seed) =>
        PurchaseSimulation.Transactions(firstPurchases, end, spend, seed, TimeUnit, Draw);

    /// <summary>Checks a model parameter is finite and greater than 0.</summary>
    internal static void CheckParameter(double value, string paramName)
    {
        if (!(value > 0) || double.IsPositiveInfinity(value))
        {
            ThrowHelper.ArgumentOutOfRange(paramName, value, Guard.Format($"{paramName} must be a finite number greater than 0, but was {value}."));
        }
    }

    /// <summary>Checks a time unit is defined.</summary>
    internal static void CheckUnit(TimeUnit unit, string paramName)
    {
        if (unit is < TimeUnit.Day or > TimeUnit.Year)
        {
            ThrowHelper.ArgumentOutOfRange(paramName, unit, Guard.Format($"{paramName} must be a defined TimeUnit (Day, Week, Month or Year), but was {(int)unit}."));
        }
    }

    /// <summary>Reads the JSON of a model with four parameters and a time unit, checking the model name, version and every field.</summary>
    private protected static TModel ReadJson<TModel>(string json, string name, string[] names, Func<double[], TimeUnit, TModel> create) =>
        JsonFormat.Read(json, name, r =>
        {
            var unit = r.Enum<TimeUnit>("timeUnit");
            var values = new double[names.Length];
            for (int i = 0; i < names.Length; i++)
            {
                values[i] = r.Positive("parameters." + names[i]);
            }

            return create(values, unit);
        });

    /// <summary>Fits a model to every customer with a purchase (leads are excluded and counted), in the summaries' unit.</summary>
    private protected static FitResult<TModel> FitSummaries<TModel>(CustomerSummaries customers, FitOptions? options, Func<HistoryRows, LikelihoodProblem> problem, Func<double[], TimeUnit, TModel> create)
        where TModel : PurchaseModel, IJsonPersistable<TModel>
    {
        ArgumentNullException.ThrowIfNull(customers);
        options = MaximumLikelihood.Begin(options);
        var rows = HistoryRows.FromSummaries(customers.AsMemory(), options.CancellationToken);
        return MaximumLikelihood.Fit(problem(rows), options, p => create(p, customers.TimeUnit), rows.Excluded);
    }

    /// <summary>Fits a model to weighted (x, t_x, T) histories in <paramref name="timeUnit"/>.</summary>
    private protected static FitResult<TModel> FitHistories<TModel>(ReadOnlySpan<PurchaseHistory> histories, TimeUnit timeUnit, FitOptions? options, Func<HistoryRows, LikelihoodProblem> problem, Func<double[], TimeUnit, TModel> create)
        where TModel : PurchaseModel, IJsonPersistable<TModel>
    {
        CheckUnit(timeUnit, nameof(timeUnit));
        options = MaximumLikelihood.Begin(options);
        var rows = HistoryRows.FromHistories(histories, options.CancellationToken);
        return MaximumLikelihood.Fit(problem(rows), options, p => create(p, timeUnit), rows.Excluded);
    }

    /// <summary>Fits a model to merged or shipped fit statistics, in their unit.</summary>
    private protected static FitResult<TModel> FitStatistics<TModel>(PurchaseStatistics statistics, FitOptions? options, Func<HistoryRows, LikelihoodProblem> problem, Func<double[], TimeUnit, TModel> create)
        where TModel : PurchaseModel, IJsonPersistable<TModel>
    {
        ArgumentNullException.ThrowIfNull(statistics);
        options = MaximumLikelihood.Begin(options);
        return MaximumLikelihood.Fit(problem(statistics.Rows), options, p => create(p, statistics.TimeUnit), statistics.ExcludedCount);
    }

    /// <summary>The same kind of model in the same unit with other parameter values (in the paper's order); values trusted.</summary>
    internal abstract PurchaseModel WithParameters(double[] values);

    /// <summary>The parameter values in the paper's order (a copy).</summary>
    internal double[] ParameterValues() => (double[])_values.Clone();

    /// <summary>Draws (x, t_x) for a customer observed for <paramref name="age"/>; adds purchase times (first at 0) to <paramref name="times"/> when given.</summary>
    internal abstract PurchaseHistory Draw(double age, Random random, List<double>? times);
}
