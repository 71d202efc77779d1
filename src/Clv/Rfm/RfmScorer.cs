using System.Buffers;
using Clv.Internal;

namespace Clv.Rfm;

/// <summary>
/// Fits RFM cut points on a population and scores it: R from the days since the last purchase at the observation end
/// (scored in reverse), F from purchase days (or repeat purchases), M from total (or mean) net spend, each 1..k.
/// </summary>
/// <remarks>
/// Customers without purchase (leads) are not part of the population the quantiles come from and get
/// <see cref="RfmScore.Lead"/>, never a 1..k score. See <see cref="RfmCutPoints"/> for the exact quantile and tie rules.
/// Fitting is O(n) for the integer columns (a counting pass) and expected O(n) for the monetary column (a radix step, then
/// selection inside a few buckets); no column is sorted.
/// </remarks>
public static class RfmScorer
{
    /// <summary>Fits cut points on <paramref name="customers"/> with the default options (k = 5) and scores every customer.</summary>
    /// <param name="customers">The population.</param>
    /// <returns>The scores, in customer order, with their cut points.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> is null.</exception>
    /// <exception cref="ArgumentException">No customer has a purchase.</exception>
    public static RfmScores Score(CustomerSummaries customers) => Score(customers, null);

    /// <summary>Fits cut points on <paramref name="customers"/> and scores every customer.</summary>
    /// <param name="customers">The population.</param>
    /// <param name="options">Scoring options; null for <see cref="RfmOptions.Default"/>.</param>
    /// <returns>The scores, in customer order, with their cut points.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The score count is outside 2..10.</exception>
    /// <exception cref="ArgumentException">No customer has a purchase, or custom breakpoints are invalid.</exception>
    public static RfmScores Score(CustomerSummaries customers, RfmOptions? options)
    {
        ArgumentNullException.ThrowIfNull(customers);
        return Score(customers.AsSpan(), options);
    }

    /// <summary>Fits cut points on <paramref name="customers"/> and scores every customer.</summary>
    /// <param name="customers">The population.</param>
    /// <param name="options">Scoring options; null for <see cref="RfmOptions.Default"/>.</param>
    /// <returns>The scores, in customer order, with their cut points.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The score count is outside 2..10.</exception>
    /// <exception cref="ArgumentException">No customer has a purchase, or custom breakpoints are invalid.</exception>
    public static RfmScores Score(ReadOnlySpan<CustomerSummary> customers, RfmOptions? options)
    {
        var scores = new RfmScore[customers.Length];
        var cutPoints = Fit(customers, options ?? RfmOptions.Default, scores);
        return new RfmScores(scores, cutPoints);
    }

    /// <summary>Fits cut points on <paramref name="customers"/> only, to apply later with <see cref="RfmCutPoints.Score(ReadOnlySpan{CustomerSummary}, Span{RfmScore})"/>.</summary>
    /// <param name="customers">The population.</param>
    /// <param name="options">Scoring options; null for <see cref="RfmOptions.Default"/>.</param>
    /// <returns>The cut points.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The score count is outside 2..10.</exception>
    /// <exception cref="ArgumentException">No customer has a purchase, or custom breakpoints are invalid.</exception>
    public static RfmCutPoints FitCutPoints(ReadOnlySpan<CustomerSummary> customers, RfmOptions? options = null)
    {
        var scores = ArrayPool<RfmScore>.Shared.Rent(customers.Length);
        try
        {
            return Fit(customers, options ?? RfmOptions.Default, scores.AsSpan(0, customers.Length));
        }
        finally
        {
            ArrayPool<RfmScore>.Shared.Return(scores);
        }
    }

    private static RfmCutPoints Fit(ReadOnlySpan<CustomerSummary> customers, RfmOptions options, Span<RfmScore> scores)
    {
        int k = options.ScoreCount;
        if (k is < RfmOptions.MinScoreCount or > RfmOptions.MaxScoreCount)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(options), k, Guard.Format($"ScoreCount must be between {RfmOptions.MinScoreCount} and {RfmOptions.MaxScoreCount}, but was {k}."));
        }

        if (!Enum.IsDefined(options.FrequencyMeasure))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(options), options.FrequencyMeasure, Guard.Format($"FrequencyMeasure {(int)options.FrequencyMeasure} is not defined."));
        }

        if (!Enum.IsDefined(options.MonetaryMeasure))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(options), options.MonetaryMeasure, Guard.Format($"MonetaryMeasure {(int)options.MonetaryMeasure} is not defined."));
        }

        double[]? customR = Breakpoints(options.RecencyBreakpoints, k, nameof(RfmOptions.RecencyBreakpoints));
        double[]? customF = Breakpoints(options.FrequencyBreakpoints, k, nameof(RfmOptions.FrequencyBreakpoints));
        double[]? customM = Breakpoints(options.MonetaryBreakpoints, k, nameof(RfmOptions.MonetaryBreakpoints));

        var recency = new double[k - 1];
        var frequency = new double[k - 1];
        var monetary = new double[k - 1];
        Span<int> ranks = stackalloc int[k - 1];
        bool total = options.MonetaryMeasure == MonetaryMeasure.Total;
        int n = 0;
        int[] days = ArrayPool<int>.Shared.Rent(customers.Length);
        int[] counts = ArrayPool<int>.Shared.Rent(customers.Length);
        double[] money = ArrayPool<double>.Shared.Rent(customers.Length);
        try
        {
            int minDays = int.MaxValue, maxDays = int.MinValue, minCount = int.MaxValue, maxCount = int.MinValue;
            foreach (ref readonly var c in customers)
            {
                int f = c.PurchaseDays;
                if (f <= 0)
                {
                    continue;
                }

                int d = c.DaysSinceLastPurchase.GetValueOrDefault();
                double m = total ? c.NetSpend : c.NetSpend / f;
                if (!double.IsFinite(m))
                {
                    ThrowHelper.Argument(nameof(customers), Guard.Format($"Customer '{c.CustomerId}' has a monetary value of {m}; RFM needs finite values."));
                }

                days[n] = d;
                counts[n] = f;
                money[n] = m;
                minDays = Math.Min(minDays, d);
                maxDays = Math.Max(maxDays, d);
                minCount = Math.Min(minCount, f);
                maxCount = Math.Max(maxCount, f);
                n++;
            }

            if (n == 0)
            {
                ThrowHelper.Argument(
                    nameof(customers),
                    customers.IsEmpty
                        ? "The population is empty: RFM cut points need at least one customer with a purchase."
                        : Guard.Format($"None of the {customers.Length} customers has a purchase (all are leads): RFM cut points need at least one purchaser."));
            }

            QuantileSelection.Ranks(n, k, ranks);
            if (customR is null)
            {
                QuantileSelection.SelectIntegers(days.AsSpan(0, n), minDays, maxDays, ranks, recency);
            }

            if (customF is null)
            {
                QuantileSelection.SelectIntegers(counts.AsSpan(0, n), minCount, maxCount, ranks, frequency);
                if (options.FrequencyMeasure == FrequencyMeasure.RepeatPurchases)
                {
                    for (int j = 0; j < frequency.Length; j++)
                    {
                        frequency[j] -= 1;
                    }
                }
            }

            if (customM is null)
            {
                QuantileSelection.Select(money.AsSpan(0, n), ranks, monetary);
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(days);
            ArrayPool<int>.Shared.Return(counts);
            ArrayPool<double>.Shared.Return(money);
        }

        var fitted = new RfmCutPoints(k, options.FrequencyMeasure, options.MonetaryMeasure, customR ?? recency, customF ?? frequency, customM ?? monetary, n, 1, 1, 1);
        fitted.Score(customers, scores);
        long sumR = 0, sumF = 0, sumM = 0;
        foreach (var s in scores)
        {
            sumR += s.R;
            sumF += s.F;
            sumM += s.M;
        }

        return new RfmCutPoints(
            k,
            options.FrequencyMeasure,
            options.MonetaryMeasure,
            customR ?? recency,
            customF ?? frequency,
            customM ?? monetary,
            n,
            (double)sumR / n,
            (double)sumF / n,
            (double)sumM / n);
    }

    private static double[]? Breakpoints(IReadOnlyList<double>? values, int k, string name)
    {
        if (values is null)
        {
            return null;
        }

        if (values.Count != k - 1)
        {
            ThrowHelper.Argument("options", Guard.Format($"{name} must hold exactly ScoreCount - 1 = {k - 1} cut points, but holds {values.Count}."));
        }

        var result = new double[k - 1];
        for (int i = 0; i < result.Length; i++)
        {
            double v = values[i];
            if (!double.IsFinite(v))
            {
                ThrowHelper.Argument("options", Guard.Format($"{name}[{i}] must be a finite number, but was {v}."));
            }

            if (i > 0 && !(v > result[i - 1]))
            {
                ThrowHelper.Argument(
                    "options",
                    Guard.Format($"{name} must be strictly increasing, but {name}[{i}] ({v}) {(v == result[i - 1] ? "duplicates" : "is below")} {name}[{i - 1}] ({result[i - 1]})."));
            }

            result[i] = v;
        }

        return result;
    }
}
