using System.Runtime.CompilerServices;
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
    /// unused because tied values made cut points coincide, or because no purchaser falls between custom breakpoints.
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
        int[] ranks = new int[k - 1];
        int[] reversed = new int[k - 1];
        bool total = options.MonetaryMeasure == MonetaryMeasure.Total;

        // Native working memory, freed on return: rented from the shared pool it would stay for the rest of the process (8 MB
        // at a million customers), allocated it would stay resident as garbage until the next full collection. Days and
        // purchase days are integers in a small range: they are counted into histograms in a second pass, not copied.
        using var moneyArray = new NativeArray<double>(customers.Length);
        var money = moneyArray.Span;
        var (n, minDays, maxDays, minCount, maxCount) = Gather(customers, total, money);
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

        SelectIntegers(
            customers,
            n,
            options.DaysSinceLastPurchaseBreakpoints is null ? new IntegerColumn(minDays, maxDays, reversed, days) : null,
            options.FrequencyBreakpoints is null ? new IntegerColumn(minCount, maxCount, ranks, frequency) : null);
        if (options.FrequencyBreakpoints is null && options.FrequencyMeasure == FrequencyMeasure.RepeatPurchases)
        {
            for (int j = 0; j < frequency.Length; j++)
            {
                frequency[j] -= 1;
            }
        }

        if (options.MonetaryBreakpoints is null)
        {
            QuantileSelection.Select(money[..n], ranks, monetary);
        }

        var d0 = options.DaysSinceLastPurchaseBreakpoints is { } cd ? [.. cd] : days;
        var f0 = options.FrequencyBreakpoints is { } cf ? [.. cf] : frequency;
        var m0 = options.MonetaryBreakpoints is { } cm ? [.. cm] : monetary;
        var fitted = new RfmCutPoints(k, options.FrequencyMeasure, options.MonetaryMeasure, d0, f0, m0, n, 1, 1, 1);
        Parallelism.For(customers, scores, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (part, into, _) => fitted.Score(part, into));
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
        Unused(warnings, "R", r, d0, k, "days since the last purchase", options.DaysSinceLastPurchaseBreakpoints is not null);
        Unused(warnings, "F", fs, f0, k, options.FrequencyMeasure == FrequencyMeasure.PurchaseDays ? "purchase days" : "repeat purchases", options.FrequencyBreakpoints is not null);
        Unused(warnings, "M", ms, m0, k, options.MonetaryMeasure == MonetaryMeasure.Total ? "net spend" : "mean net spend per purchase day", options.MonetaryBreakpoints is not null);
        var model = new RfmCutPoints(k, options.FrequencyMeasure, options.MonetaryMeasure, d0, f0, m0, n, Mean(r, n), Mean(fs, n), Mean(ms, n));
        string message = Guard.Format($"{(options.DaysSinceLastPurchaseBreakpoints is null && options.FrequencyBreakpoints is null && options.MonetaryBreakpoints is null ? "Quantile" : "Quantile and custom")} cut points for k = {k} over {n} purchasers ({customers.Length - n} leads excluded).");
        return new FitResult<RfmCutPoints>(model, FitStatus.Converged, message, double.NaN, 0, [], n, customers.Length - n, warnings);
    }

    /// <summary>
    /// The purchasers' monetary values, gathered to the front of <paramref name="money"/> in customer order, with their count
    /// and the ranges of their days since the last purchase and purchase days. Parallel over fixed ranges of customers, each
    /// gathered into its own place and then moved down, so the result is the sequential one; a value that is not finite is
    /// reported for the first such customer.
    /// </summary>
    private static (int Count, int MinDays, int MaxDays, int MinCount, int MaxCount) Gather(ReadOnlySpan<CustomerSummary> customers, bool total, Span<double> money)
    {
        var parts = new List<GatherPart>();
        Parallelism.For(customers, money, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (part, into, from) =>
        {
            int n = 0, firstBad = -1;
            int minDays = int.MaxValue, maxDays = int.MinValue, minCount = int.MaxValue, maxCount = int.MinValue;
            for (int i = 0; i < part.Length; i++)
            {
                ref readonly var c = ref part[i];
                int f = c.PurchaseDays;
                if (f <= 0)
                {
                    continue;
                }

                int d = c.DaysSinceLastPurchase.GetValueOrDefault();
                double m = total ? c.NetSpend : c.NetSpend / f;
                if (!double.IsFinite(m) && firstBad < 0)
                {
                    firstBad = from + i;
                }

                into[n++] = m;
                minDays = Math.Min(minDays, d);
                maxDays = Math.Max(maxDays, d);
                minCount = Math.Min(minCount, f);
                maxCount = Math.Max(maxCount, f);
            }

            lock (parts)
            {
                parts.Add(new GatherPart(from, n, firstBad, minDays, maxDays, minCount, maxCount));
            }
        });

        parts.Sort((a, b) => a.From.CompareTo(b.From));
        int count = 0;
        int lowDays = int.MaxValue, highDays = int.MinValue, lowCount = int.MaxValue, highCount = int.MinValue;
        foreach (var p in parts)
        {
            if (p.FirstBad >= 0)
            {
                ref readonly var c = ref customers[p.FirstBad];
                double m = total ? c.NetSpend : c.NetSpend / c.PurchaseDays;
                ThrowHelper.Argument(nameof(customers), Guard.Format($"Customer '{c.CustomerId}' has a monetary value of {m}; RFM needs finite values."));
            }

            money.Slice(p.From, p.Count).CopyTo(money[count..]);
            count += p.Count;
            lowDays = Math.Min(lowDays, p.MinDays);
            highDays = Math.Max(highDays, p.MaxDays);
            lowCount = Math.Min(lowCount, p.MinCount);
            highCount = Math.Max(highCount, p.MaxCount);
        }

        return (count, lowDays, highDays, lowCount, highCount);
    }

    /// <summary>
    /// Order statistics of the purchasers' days since the last purchase (<paramref name="days"/>) and purchase days
    /// (<paramref name="counts"/>; either null when custom breakpoints replace it): histograms filled from the summaries in
    /// one pass when the ranges are small (nothing per customer; parallel over fixed ranges, whose counts add up), else the
    /// values gathered and selected.
    /// </summary>
    private static void SelectIntegers(ReadOnlySpan<CustomerSummary> customers, int n, IntegerColumn? days, IntegerColumn? counts)
    {
        if (days is { } d && !QuantileSelection.UsesHistogram(d.Range, n))
        {
            SelectGathered(customers, n, true, d);
            days = null;
        }

        if (counts is { } f && !QuantileSelection.UsesHistogram(f.Range, n))
        {
            SelectGathered(customers, n, false, f);
            counts = null;
        }

        if (days is null && counts is null)
        {
            return;
        }

        int dayBins = days is { } dayColumn ? (int)dayColumn.Range : 0;
        int countBins = counts is { } countColumn ? (int)countColumn.Range : 0;
        int dayMin = days?.Min ?? 0, countMin = counts?.Min ?? 0;
        var dayHistogram = new int[dayBins];
        var countHistogram = new int[countBins];
        // Small histograms are filled per range of customers in parallel and added up; large ones in one pass, in place.
        bool parallel = (long)dayBins + countBins <= 1 << 16;
        var parts = new List<(int[] Days, int[] Counts)>();
        Parallelism.For(
            customers,
            [MethodImpl(MethodImplOptions.AggressiveOptimization)] (part, _) =>
            {
                var dh = parallel ? new int[dayBins] : dayHistogram;
                var ch = parallel ? new int[countBins] : countHistogram;
                foreach (ref readonly var c in part)
                {
                    int f = c.PurchaseDays;
                    if (f > 0)
                    {
                        if (dayBins > 0)
                        {
                            dh[c.DaysSinceLastPurchase.GetValueOrDefault() - dayMin]++;
                        }

                        if (countBins > 0)
                        {
                            ch[f - countMin]++;
                        }
                    }
                }

                if (parallel)
                {
                    lock (parts)
                    {
                        parts.Add((dh, ch));
                    }
                }
            },
            parallel ? Parallelism.MinimumParallelCount : int.MaxValue);

        foreach (var (dh, ch) in parts)
        {
            Add(dayHistogram, dh);
            Add(countHistogram, ch);
        }

        if (days is { } dd)
        {
            QuantileSelection.SelectFromHistogram(dayHistogram, dd.Min, dd.Ranks, dd.Output);
        }

        if (counts is { } cc)
        {
            QuantileSelection.SelectFromHistogram(countHistogram, cc.Min, cc.Ranks, cc.Output);
        }

        static void Add(int[] into, int[] part)
        {
            for (int i = 0; i < into.Length; i++)
            {
                into[i] += part[i];
            }
        }
    }

    /// <summary>Order statistics of a wide integer column: the purchasers' values gathered and selected.</summary>
    private static void SelectGathered(ReadOnlySpan<CustomerSummary> customers, int n, bool days, IntegerColumn column)
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

        QuantileSelection.SelectIntegers(values, column.Min, column.Max, column.Ranks, column.Output);
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

    /// <summary>A warning naming the scores no purchaser got, with why: quantile cut points coincide on ties; custom breakpoints (strictly increasing, so never coinciding) have no purchaser between them.</summary>
    private static void Unused(List<string> warnings, string dimension, int[] countsByScore, double[] cuts, int k, string what, bool custom)
    {
        var unused = Enumerable.Range(1, k).Where(s => countsByScore[s] == 0).ToArray();
        if (unused.Length > 0)
        {
            string list = string.Join(", ", cuts.Select(c => c.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)));
            string why = custom
                ? Guard.Format($"no purchaser's value falls in their range under the custom cut points in {what} ({list})")
                : Guard.Format($"the cut points in {what} ({list}) coincide where customers tie, and tied customers share the lowest score of their run");
            warnings.Add(Guard.Format($"{dimension} score{(unused.Length > 1 ? "s" : "")} {string.Join(", ", unused)} {(unused.Length > 1 ? "are" : "is")} unused: {why}."));
        }
    }

    /// <summary>An integer column to select order statistics of: its range over the purchasers, the ranks, where the values go.</summary>
    private readonly record struct IntegerColumn(int Min, int Max, int[] Ranks, double[] Output)
    {
        public long Range => (long)Max - Min + 1;
    }

    /// <summary>What one range of customers gathered: where it starts, its purchasers, its first non-finite value, its ranges.</summary>
    private readonly record struct GatherPart(int From, int Count, int FirstBad, int MinDays, int MaxDays, int MinCount, int MaxCount);
}
