using Clv.Internal;

namespace Clv.Probabilistic;

/// <summary>
/// Prediction intervals for every customer: P(alive), expected purchases and CLV under parameter uncertainty (asymptotic-normal
/// draws of the log-parameters or a Poisson bootstrap over customers), and the number of purchases itself under process
/// uncertainty (an interval of the conditional purchase-count distribution).
/// </summary>
/// <remarks>
/// Parameter intervals are the quantiles of a prediction over the parameter draws: they say how well the data pin down the
/// expectation. They are Hyndman &amp; Fan's (1996) type 6, the order statistic at position (n + 1)p interpolated linearly: the
/// k-th of n draws lies on average at the k/(n + 1) quantile of the draws' distribution, so the interval holds the level of
/// that distribution whatever the number of draws (type 7, the usual default, puts the ends at 1 + (n − 1)p and holds only
/// level · (n − 1)/(n + 1): 85.6% at a nominal 90% with 40 draws, 88.2% with 100). The purchase-count interval comes from P(Y(t) = n | x, t_x, T) at the fitted
/// parameters: it says how many purchases a customer may actually make, and is the one to compare with holdout counts. Its
/// lower end is the (1 − level)/2 quantile L and its upper end the smallest n with P(Y ≤ n) ≥ P(Y &lt; L) + level, so it holds
/// at least the level and the lower tail's unused share goes to the upper tail (most customers' L is 0: their interval is
/// [0, level quantile], not [0, (1 + level)/2 quantile], which would cover 95% at a nominal 90%). Draws are made once, up front, from <see cref="PredictionIntervalOptions.Seed"/>;
/// every customer is then computed independently, so results do not depend on the number of cores. Customers sharing (x, t_x, T)
/// share their purchase intervals, computed once.
/// </remarks>
public static partial class PredictionIntervals
{
    private const int Chunk = 256;

    /// <summary>Computes the intervals of every customer.</summary>
    /// <typeparam name="TModel">The purchase model: <see cref="BgNbdModel"/>, <see cref="MbgNbdModel"/> or <see cref="ParetoNbdModel"/>.</typeparam>
    /// <param name="purchases">The purchase model's fit (its <see cref="FitResult{TModel}.LogCovariance"/> drives the asymptotic draws).</param>
    /// <param name="spend">The spend model's fit, for CLV intervals; null to leave CLV out.</param>
    /// <param name="customers">The customers (for <see cref="ParameterUncertainty.Bootstrap"/>, the summaries the models were fitted to).</param>
    /// <param name="time">The horizon t of the purchase predictions, in the purchase model's <see cref="PurchaseModel.TimeUnit"/> (at least 0).</param>
    /// <param name="options">Level, draws, seed and CLV terms; <see cref="PredictionIntervalOptions.Default"/> when null.</param>
    /// <returns>One row per customer, in order.</returns>
    /// <exception cref="ArgumentException">Asymptotic draws were asked for but a fit has no finite covariance (a ridge or boundary), or a parameter it does not pin down (a log-scale standard deviation in the hundreds) is drawn outside the range of numbers; the message names it.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="time"/> or an option is out of range; or (parameter "time", naming the customer) a customer is expected to
    /// buy more than a million times in <paramref name="time"/> (10,000 times under Pareto/NBD), whose purchase-count quantiles are not summed.
    /// </exception>
    /// <exception cref="ModelFitException">A <see cref="ParameterUncertainty.Bootstrap"/> refit fails (a resample that cannot identify the model, as with few repeat buyers); the message names the draw.</exception>
    public static PredictionIntervalReport Compute<TModel>(FitResult<TModel> purchases, FitResult<GammaGammaModel>? spend, CustomerSummaries customers, double time, PredictionIntervalOptions? options)
        where TModel : PurchaseModel, IJsonPersistable<TModel>
    {
        ArgumentNullException.ThrowIfNull(purchases);
        ArgumentNullException.ThrowIfNull(customers);
        return ComputeRows(purchases, spend, customers, customers, time, options);
    }

    /// <summary>The intervals of the customers in <paramref name="rows"/>, with bootstrap refits over <paramref name="fitted"/>.</summary>
    internal static PredictionIntervalReport ComputeRows<TModel>(FitResult<TModel> purchases, FitResult<GammaGammaModel>? spend, CustomerSummaries fitted, CustomerSummaries rows, double time, PredictionIntervalOptions? options)
        where TModel : PurchaseModel, IJsonPersistable<TModel>
    {
        Guard.NonNegative(time);
        options = (options ?? PredictionIntervalOptions.Default).Validate();
        var models = ParameterDraws.Purchase(purchases, fitted, options);
        var spends = spend is null ? null : ParameterDraws.Spend(spend, fitted, options);
        var work = new Work(purchases.Model, models, spends, rows, time, options);
        return new PredictionIntervalReport(work.Run(), options.Level, models.Length, options.Uncertainty, time, purchases.Model.TimeUnit, spend is null ? null : options.Clv);
    }

    /// <summary>
    /// Intervals for a customer not yet acquired (x = 0 at T = 0): expected and actual repeat purchases over the CLV horizon and the
    /// value of <see cref="PredictiveClv.NewCustomer"/>, under the same parameter draws as <see cref="Compute"/>. Weigh the value's
    /// lower bound against the cost of acquisition for a cautious LTV:CAC.
    /// </summary>
    /// <typeparam name="TModel">The purchase model.</typeparam>
    /// <param name="purchases">The purchase model's fit.</param>
    /// <param name="spend">The spend model's fit (its q must exceed 1 in every draw for a finite mean spend).</param>
    /// <param name="customers">The summaries the models were fitted to (read only by <see cref="ParameterUncertainty.Bootstrap"/>).</param>
    /// <param name="options">Level, draws, seed and the CLV horizon, discount rate and margin; <see cref="PredictionIntervalOptions.Default"/> when null.</param>
    /// <returns>The three intervals.</returns>
    /// <exception cref="ArgumentException">A spend draw has q ≤ 1, or asymptotic draws were asked for a fit without finite covariance or with a parameter drawn outside the range of numbers.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; or (parameter "options") a new customer is expected to buy more than a million times over the CLV horizon (10,000 times under Pareto/NBD), whose purchase-count quantiles are not summed.</exception>
    /// <exception cref="ModelFitException">A <see cref="ParameterUncertainty.Bootstrap"/> refit fails (a resample that cannot identify the model, as with few repeat buyers); the message names the draw.</exception>
    public static NewCustomerIntervals NewCustomer<TModel>(FitResult<TModel> purchases, FitResult<GammaGammaModel> spend, CustomerSummaries customers, PredictionIntervalOptions? options)
        where TModel : PurchaseModel, IJsonPersistable<TModel>
    {
        ArgumentNullException.ThrowIfNull(purchases);
        ArgumentNullException.ThrowIfNull(spend);
        ArgumentNullException.ThrowIfNull(customers);
        options = (options ?? PredictionIntervalOptions.Default).Validate();
        var models = ParameterDraws.Purchase(purchases, customers, options);
        var spends = ParameterDraws.Spend(spend, customers, options);
        var expected = new double[models.Length];
        var value = new double[models.Length];
        for (int d = 0; d < models.Length; d++)
        {
            var v = PredictiveClv.Plan.Create(models[d], spends[d], options.Clv).NewCustomer();
            (expected[d], value[d]) = (v.ExpectedRepeatPurchases, v.Value);
        }

        // The count's quantiles at the fitted parameters, from P(X(t) = n) of a new customer.
        var point = purchases.Model;
        double horizon = options.Clv.Periods * point.Scale(options.Clv.Period);
        double low = (1 - options.Level) / 2, high = (1 + options.Level) / 2;
        PredictionInterval counts;
        try
        {
            counts = PurchaseModel.CountInterval(point.CountProbabilities(horizon), 0, point.ExpectedPurchasesCore(horizon), point.CountSumLimit, options.Level);
        }
        catch (ArgumentOutOfRangeException e) when (e.ParamName == "time")
        {
            throw ThrowHelper.OutOfRange(nameof(options), e.ActualValue, Guard.Format(
                $"A new customer over options.Clv's horizon ({options.Clv.Periods} {options.Clv.Period.ToString().ToLowerInvariant()}s): {Reason(e)}"));
        }

        return new NewCustomerIntervals(Quantiles(expected, low, high), counts, Quantiles(value, low, high));
    }

    /// <summary>
    /// The type-6 (lower, median, upper) quantiles of <paramref name="values"/>, reordering them: the six order statistics they
    /// interpolate, selected in O(n) by <see cref="QuantileSelection"/> instead of a sort. Order statistics are unique values,
    /// so the result is bit for bit the sorted one's.
    /// </summary>
    internal static PredictionInterval Quantiles(Span<double> values, double low, double high)
    {
        int n = values.Length;
        Span<double> h = [Position(n, low), Position(n, 0.5), Position(n, high)];
        Span<int> ranks = stackalloc int[6];
        for (int q = 0; q < 3; q++)
        {
            int k = (int)Math.Floor(h[q]);
            ranks[2 * q] = k;
            ranks[(2 * q) + 1] = Math.Min(k + 1, n - 1);
        }

        // The selection wants ranks in order; with few values the upper neighbour of one quantile can pass the next quantile.
        Span<int> sorted = stackalloc int[6];
        ranks.CopyTo(sorted);
        sorted.Sort();
        Span<double> order = stackalloc double[6];
        QuantileSelection.Select(values, sorted, order);
        Span<double> result = stackalloc double[3];
        for (int q = 0; q < 3; q++)
        {
            double at = order[sorted.IndexOf(ranks[2 * q])], next = order[sorted.IndexOf(ranks[(2 * q) + 1])];
            double fraction = h[q] - ranks[2 * q];
            result[q] = fraction > 0 ? at + (fraction * (next - at)) : at;
        }

        return new PredictionInterval(result[0], result[1], result[2]);
    }

    /// <summary>The sentence of a count-sum refusal, without the " (Parameter 'time')" and actual value the exception appends.</summary>
    private static string Reason(ArgumentOutOfRangeException e)
    {
        int end = e.Message.IndexOf(" (Parameter", StringComparison.Ordinal);
        return end < 0 ? e.Message : e.Message[..end];
    }

    /// <summary>The type-6 quantile of sorted values.</summary>
    internal static double Quantile(ReadOnlySpan<double> sorted, double p)
    {
        double h = Position(sorted.Length, p);
        int lo = (int)Math.Floor(h);
        return lo + 1 < sorted.Length ? sorted[lo] + ((h - lo) * (sorted[lo + 1] - sorted[lo])) : sorted[lo];
    }

    /// <summary>The 0-based position of the type-6 p quantile of n values: (n + 1)p − 1, held within [0, n − 1].</summary>
    private static double Position(int n, double p) => Math.Clamp(((n + 1) * p) - 1, 0, n - 1);

    private sealed class Work(PurchaseModel point, PurchaseModel[] models, GammaGammaModel[]? spends, CustomerSummaries customers, double time, PredictionIntervalOptions options)
    {
        private readonly double _low = (1 - options.Level) / 2;
        private readonly double _high = (1 + options.Level) / 2;
        private readonly PredictiveClv.Plan[]? _plans = spends is null ? null : [.. models.Select((m, d) => PredictiveClv.Plan.Create(m, spends![d], options.Clv))];

        public PredictionIntervalRow[] Run()
        {
            var rows = new PredictionIntervalRow[customers.Count];
            Run(null, rows);
            return rows;
        }

        /// <summary>Computes the rows of the customers in <paramref name="subset"/> (every customer when null) into <paramref name="rows"/>.</summary>
        public void Run(int[]? subset, PredictionIntervalRow[] rows)
        {
            var span = customers.AsSpan();
            int n = subset?.Length ?? span.Length;
            var index = new KeyIndex(256);
            var slot = new int[n];
            for (int k = 0; k < n; k++)
            {
                int i = subset is null ? k : subset[k];
                slot[k] = index.GetOrAdd(span[i].Frequency, span[i].Recency, span[i].Age);
            }

            // Keys in (x, T, t_x) order so keys sharing (x, T) are neighbours and share the terms that depend on (x, T) only.
            var keys = Enumerable.Range(0, index.Count).ToArray();
            Array.Sort(keys, (a, b) => index.X(a) != index.X(b) ? index.X(a).CompareTo(index.X(b)) : index.Age(a) != index.Age(b) ? index.Age(a).CompareTo(index.Age(b)) : index.Recency(a).CompareTo(index.Recency(b)));

            // Customers grouped by key (counting sort), so each key's customers are computed right after it.
            var start = new int[index.Count + 1];
            foreach (int s in slot)
            {
                start[s + 1]++;
            }

            for (int j = 0; j < index.Count; j++)
            {
                start[j + 1] += start[j];
            }

            var members = new int[n];
            var next = (int[])start.Clone();
            for (int k = 0; k < n; k++)
            {
                members[next[slot[k]]++] = subset is null ? k : subset[k];
            }

            int chunks = (keys.Length + Chunk - 1) / Chunk;
            try
            {
                Parallel.For(0, chunks, new ParallelOptions { CancellationToken = options.CancellationToken }, c =>
                    RunChunk(index, keys.AsSpan(c * Chunk, Math.Min(Chunk, keys.Length - (c * Chunk))), start, members, rows));
            }
            catch (AggregateException e) when (e.InnerExceptions.Count > 0)
            {
                // The caller sees the failure itself (a customer whose count cannot be summed), not the thread pool's wrapper.
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
            }
        }

        /// <summary>The purchase-count interval of one history; a count that cannot be summed is refused naming the customer.</summary>
        private PredictionInterval CountInterval(PurchaseModel point, in CustomerSummary customer, int x, double tx, double age)
        {
            try
            {
                return point.PurchaseCountIntervalCore(x, tx, age, time, _high - _low);
            }
            catch (ArgumentOutOfRangeException e) when (e.ParamName == "time")
            {
                throw ThrowHelper.OutOfRange("time", e.ActualValue, Guard.Format(
                    $"Customer '{customer.CustomerId}' (x = {x}, t_x = {tx:G6}, T = {age:G6} {point.TimeUnit.ToString().ToLowerInvariant()}s): {Reason(e)}"));
            }
        }

        private void RunChunk(KeyIndex index, ReadOnlySpan<int> keys, int[] start, int[] members, PredictionIntervalRow[] rows)
        {
            int draws = models.Length;
            var span = customers.AsSpan();
            var ifAlive = new double[draws];
            var factor = new double[draws];
            var alive = new double[draws];
            var expected = new double[draws];
            var clv = new double[draws];
            var sorted = new double[draws];
            int lastX = -1;
            double lastAge = double.NaN;
            foreach (int key in keys)
            {
                int x = index.X(key);
                double tx = index.Recency(key), age = index.Age(key);
                if (x != lastX || age != lastAge)
                {
                    for (int d = 0; d < draws; d++)
                    {
                        var m = models[d];
                        double scale = m.Scale(customers.TimeUnit);
                        ifAlive[d] = m.ExpectedPurchasesIfAlive(x, age * scale, time * m.Scale(point.TimeUnit));
                        factor[d] = _plans is null ? 0 : _plans[d].PurchaseFactor(x, age * scale);
                    }

                    (lastX, lastAge) = (x, age);
                }

                for (int d = 0; d < draws; d++)
                {
                    double scale = models[d].Scale(customers.TimeUnit);
                    alive[d] = models[d].ProbabilityAliveCore(x, tx * scale, age * scale);
                    expected[d] = alive[d] * ifAlive[d];
                }

                var aliveInterval = Interval(alive, sorted);
                var expectedInterval = Interval(expected, sorted);
                double pointScale = point.Scale(customers.TimeUnit);
                var counts = CountInterval(point, span[members[start[key]]], x, tx * pointScale, age * pointScale);

                for (int k = start[key]; k < start[key + 1]; k++)
                {
                    int i = members[k];
                    ref readonly var c = ref span[i];
                    PredictionInterval? value = null;
                    if (spends is not null)
                    {
                        if (c.HasPurchase)
                        {
                            for (int d = 0; d < draws; d++)
                            {
                                clv[d] = options.Clv.MarginRate * spends[d].ExpectedSpendCore(x, c.MonetaryValue) * alive[d] * factor[d];
                            }

                            value = Interval(clv, sorted);
                        }
                        else
                        {
                            value = default(PredictionInterval);
                        }
                    }

                    rows[i] = new PredictionIntervalRow(c.CustomerId, aliveInterval, expectedInterval, counts, value);
                }
            }
        }

        private PredictionInterval Interval(double[] values, double[] scratch)
        {
            values.CopyTo(scratch, 0);
            return Quantiles(scratch, _low, _high);
        }
    }
}
