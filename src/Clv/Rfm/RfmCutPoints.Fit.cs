using System.Buffers;
using Clv.Internal;

namespace Clv.Rfm;

/// <content>Fitting the cut points on a population.</content>
public sealed partial class RfmCutPoints
{
    /// <summary>Fits quantile cut points with the default options (k = 5); see <see cref="Fit(CustomerSummaries, RfmOptions?)"/>.</summary>
    /// <param name="customers">The population.</param>
    /// <returns>The cut points with warnings about unused scores.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> is null.</exception>
    /// <exception cref="ArgumentException">No customer has a purchase.</exception>
    public static FitResult<RfmCutPoints> Fit(CustomerSummaries customers) => Fit(customers, null);

    /// <summary>Fits cut points on <paramref name="customers"/>: the k-quantiles of the purchasers, or the custom breakpoints of <paramref name="options"/>.</summary>
    /// <param name="customers">The population; leads (no purchase) are excluded and counted in <see cref="FitResult{TModel}.ExcludedCount"/>.</param>
    /// <param name="options">Score count, measures and custom breakpoints; <see cref="RfmOptions.Default"/> when null.</param>
    /// <returns>
    /// The cut points. The fit is not by likelihood: <see cref="FitResult{TModel}.LikelihoodLn"/> is NaN and
    /// <see cref="FitResult{TModel}.Parameters"/> is empty; <see cref="FitResult{TModel}.Warnings"/> names every score left
    /// unused because tied values made cut points coincide.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="ArgumentException">No customer has a purchase, custom breakpoints are invalid, or a monetary value is not finite.</exception>
    /// <remarks>O(n) for the integer columns (a counting pass) and expected O(n) for the monetary column (a radix step, then selection inside a few buckets); no column is sorted.</remarks>
    public static FitResult<RfmCutPoints> Fit(CustomerSummaries customers, RfmOptions? options)
    {
        ArgumentNullException.ThrowIfNull(customers);
        return Fit(customers.AsSpan(), options);
    }

    /// <summary>Fits cut points on a span of summaries; see <see cref="Fit(CustomerSummaries, RfmOptions?)"/>.</summary>
    /// <param name="customers">The population.</param>
    /// <param name="options">Score count, measures and custom breakpoints; <see cref="RfmOptions.Default"/> when null.</param>
    /// <returns>The cut points with warnings about unused scores.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="ArgumentException">No customer has a purchase, custom breakpoints are invalid, or a monetary value is not finite.</exception>
    public static FitResult<RfmCutPoints> Fit(ReadOnlySpan<CustomerSummary> customers, RfmOptions? options)
    {
        // Scratch allocated, not rented: see the working arrays below.
        var scores = GC.AllocateUninitializedArray<RfmScore>(customers.Length);
        return Fit(customers, (options ?? RfmOptions.Default).Validate(), scores);
    }

    /// <summary>Fits and scores: <paramref name="scores"/> receives every customer's score.</summary>
    internal static FitResult<RfmCutPoints> Fit(ReadOnlySpan<CustomerSummary> customers, RfmOptions options, Span<RfmScore> scores)
    {
        int k = options.ScoreCount;
        var days = new double[k - 1];
        var frequency = new double[k - 1];
        var monetary = new double[k - 1];
        Span<int> ranks = stackalloc int[k - 1];
        Span<int> reversed = stackalloc int[k - 1];
        bool total = options.MonetaryMeasure == MonetaryMeasure.Total;
        int n = 0;
        // Allocated, not rented from the shared pool, which would keep 8 MB for the rest of the process at a million customers.
        // Days and purchase days are integers in a small range: they are counted into histograms in a second pass, not copied.
        double[] money = GC.AllocateUninitializedArray<double>(customers.Length);
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

        // Ranks from the worst end: lowest F and M first, most days since the last purchase first (so, for days, the
        // ascending ranks n - 1 - rank_j, taken in reverse so they ascend).
        QuantileSelection.Ranks(n, k, ranks);
        for (int j = 0; j < k - 1; j++)
        {
            reversed[j] = n - 1 - ranks[k - 2 - j];
        }

        if (options.DaysSinceLastPurchaseBreakpoints is null)
        {
            SelectIntegers(customers, n, true, minDays, maxDays, reversed, days);
        }

        if (options.FrequencyBreakpoints is null)
        {
            SelectIntegers(customers, n, false, minCount, maxCount, ranks, frequency);
            if (options.FrequencyMeasure == FrequencyMeasure.RepeatPurchases)
            {
                for (int j = 0; j < frequency.Length; j++)
                {
                    frequency[j] -= 1;
                }
            }
        }

        if (options.MonetaryBreakpoints is null)
        {
            QuantileSelection.Select(money.AsSpan(0, n), ranks, monetary);
        }

        var d0 = options.DaysSinceLastPurchaseBreakpoints is { } cd ? [.. cd] : days;
        var f0 = options.FrequencyBreakpoints is { } cf ? [.. cf] : frequency;
        var m0 = options.MonetaryBreakpoints is { } cm ? [.. cm] : monetary;
        var fitted = new RfmCutPoints(k, options.FrequencyMeasure, options.MonetaryMeasure, d0, f0, m0, n, 1, 1, 1);
        fitted.Score(customers, scores);
        var r = new int[k + 1];
        var fs = new int[k + 1];
        var ms = new int[k + 1];
        foreach (var s in scores)
        {
            r[s.R]++;
            fs[s.F]++;
            ms[s.M]++;
        }

        var warnings = new List<string>();
        Unused(warnings, "R", r, d0, k, "days since the last purchase");
        Unused(warnings, "F", fs, f0, k, options.FrequencyMeasure == FrequencyMeasure.PurchaseDays ? "purchase days" : "repeat purchases");
        Unused(warnings, "M", ms, m0, k, options.MonetaryMeasure == MonetaryMeasure.Total ? "net spend" : "mean net spend per purchase day");
        var model = new RfmCutPoints(k, options.FrequencyMeasure, options.MonetaryMeasure, d0, f0, m0, n, Mean(r, n), Mean(fs, n), Mean(ms, n));
        string message = Guard.Format($"{(options.DaysSinceLastPurchaseBreakpoints is null && options.FrequencyBreakpoints is null && options.MonetaryBreakpoints is null ? "Quantile" : "Quantile and custom")} cut points for k = {k} over {n} purchasers ({customers.Length - n} leads excluded).");
        return new FitResult<RfmCutPoints>(model, FitStatus.Converged, message, double.NaN, 0, [], n, customers.Length - n, warnings);
    }

    /// <summary>
    /// Order statistics of the purchasers' days since the last purchase (<paramref name="days"/>) or purchase days: a histogram
    /// filled from the summaries when the range is small (nothing per customer), else the values gathered and selected.
    /// </summary>
    private static void SelectIntegers(ReadOnlySpan<CustomerSummary> customers, int n, bool days, int min, int max, ReadOnlySpan<int> ranks, Span<double> output)
    {
        long range = (long)max - min + 1;
        if (!QuantileSelection.UsesHistogram(range, n))
        {
            int[] values = GC.AllocateUninitializedArray<int>(n);
            int i = 0;
            foreach (ref readonly var c in customers)
            {
                if (c.PurchaseDays > 0)
                {
                    values[i++] = days ? c.DaysSinceLastPurchase.GetValueOrDefault() : c.PurchaseDays;
                }
            }

            QuantileSelection.SelectIntegers(values, min, max, ranks, output);
            return;
        }

        // A histogram of at most 4n bins (and 65,536): rented only when small, so the pool never keeps a population-sized array.
        int bins = (int)range;
        int[] histogram = bins <= 1 << 16 ? ArrayPool<int>.Shared.Rent(bins) : new int[bins];
        try
        {
            var h = histogram.AsSpan(0, bins);
            h.Clear();
            foreach (ref readonly var c in customers)
            {
                int f = c.PurchaseDays;
                if (f > 0)
                {
                    h[(days ? c.DaysSinceLastPurchase.GetValueOrDefault() : f) - min]++;
                }
            }

            QuantileSelection.SelectFromHistogram(h, min, ranks, output);
        }
        finally
        {
            if (bins <= 1 << 16)
            {
                ArrayPool<int>.Shared.Return(histogram);
            }
        }
    }

    private static double Mean(int[] countsByScore, int n)
    {
        long sum = 0;
        for (int s = 1; s < countsByScore.Length; s++)
        {
            sum += (long)s * countsByScore[s];
        }

        return (double)sum / n;
    }

    private static void Unused(List<string> warnings, string dimension, int[] countsByScore, double[] cuts, int k, string what)
    {
        var unused = Enumerable.Range(1, k).Where(s => countsByScore[s] == 0).ToArray();
        if (unused.Length > 0)
        {
            warnings.Add(Guard.Format(
                $"{dimension} score{(unused.Length > 1 ? "s" : "")} {string.Join(", ", unused)} {(unused.Length > 1 ? "are" : "is")} unused: the cut points in {what} ({string.Join(", ", cuts.Select(c => c.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)))}) coincide where customers tie, and tied customers share the lowest score of their run."));
        }
    }
}
