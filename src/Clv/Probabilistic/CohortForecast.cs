using Clv.Internal;

namespace Clv.Probabilistic;

/// <summary>
/// Expected and actual cumulative repeat purchases of a cohort over calendar time (the tracking plot of
/// Fader, Hardie and Lee 2005, Figure 2): each customer contributes E[X(τ - s)] from their first purchase s on.
/// </summary>
public static class CohortForecast
{
    /// <summary>
    /// Expected cumulative repeat purchases of the cohort at each time τ, measured in the model's time unit from the
    /// cohort's earliest first purchase: Σ_i E[X(τ - s_i)] over customers with s_i ≤ τ.
    /// </summary>
    /// <param name="model">The fitted model.</param>
    /// <param name="cohort">The cohort's summaries (first purchase dates); leads without a purchase are skipped.</param>
    /// <param name="times">The times τ (at least 0), in the model's time unit since the earliest first purchase.</param>
    /// <returns>One cumulative expectation per time.</returns>
    public static double[] ExpectedCumulativeRepeatPurchases(PurchaseModel model, CustomerSummaries cohort, ReadOnlySpan<double> times)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(cohort);
        var (births, counts, _) = Births(cohort);
        double unitDays = model.TimeUnit.LengthInDays();
        var result = new double[times.Length];
        for (int k = 0; k < times.Length; k++)
        {
            double tau = times[k];
            Guard.NonNegative(tau, nameof(times));
            double sum = 0;
            for (int j = 0; j < births.Length; j++)
            {
                double age = tau - (births[j] / unitDays);
                if (age > 0)
                {
                    sum += counts[j] * model.ExpectedPurchases(age);
                }
            }

            result[k] = sum;
        }

        return result;
    }

    /// <summary>
    /// Actual cumulative repeat purchase days of the cohort up to each time τ (same origin and unit as
    /// <see cref="ExpectedCumulativeRepeatPurchases"/>), over calibration and holdout days.
    /// </summary>
    /// <param name="cohort">The cohort's summaries.</param>
    /// <param name="unit">The unit of <paramref name="times"/>.</param>
    /// <param name="times">The times τ since the earliest first purchase.</param>
    /// <returns>One cumulative count per time.</returns>
    public static double[] ActualCumulativeRepeatPurchases(CustomerSummaries cohort, TimeUnit unit, ReadOnlySpan<double> times)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        PurchaseModel.CheckUnit(unit, nameof(unit));
        int origin = int.MaxValue, repeats = 0;
        for (int i = 0; i < cohort.Count; i++)
        {
            var c = cohort[i];
            if (c.FirstPurchase is { } first)
            {
                origin = Math.Min(origin, first.DayNumber);
            }

            if (c.HasPurchase)
            {
                repeats += Math.Max(cohort.PurchaseDayNumbers(i).Length - 1, 0);
            }
        }

        // Each repeat purchase day as whole days after the origin, tallied by value in ascending order.
        var offsets = new int[repeats];
        int n = 0;
        for (int i = 0; i < cohort.Count; i++)
        {
            var days = cohort.PurchaseDayNumbers(i);
            if (cohort[i].HasPurchase)
            {
                for (int d = 1; d < days.Length; d++)
                {
                    offsets[n++] = days[d] - origin;
                }
            }
        }

        var (values, counts) = Tally(offsets);
        var before = new long[values.Length + 1];
        for (int j = 0; j < values.Length; j++)
        {
            before[j + 1] = before[j] + counts[j];
        }

        var result = new double[times.Length];
        double unitDays = unit.LengthInDays();
        for (int k = 0; k < times.Length; k++)
        {
            Guard.NonNegative(times[k], nameof(times));

            // Repeat days strictly before origin + τ (a day counts once it has started).
            double limit = times[k] * unitDays;
            int lo = 0, hi = values.Length;
            while (lo < hi)
            {
                int mid = (lo + hi) >>> 1;
                if (values[mid] < limit)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            result[k] = before[lo];
        }

        return result;
    }

    /// <summary>Distinct first-purchase offsets in days from the earliest one, with counts.</summary>
    private static (double[] Births, long[] Counts, int Origin) Births(CustomerSummaries cohort)
    {
        var first = new int[cohort.Count];
        int n = 0;
        foreach (ref readonly var c in cohort.AsSpan())
        {
            if (c.FirstPurchase is { } day)
            {
                first[n++] = day.DayNumber;
            }
        }

        var (days, counts) = Tally(first.AsSpan(0, n));
        if (days.Length == 0)
        {
            return ([], [], 0);
        }

        int origin = days[0];
        return ([.. days.Select(d => (double)(d - origin))], counts, origin);
    }

    /// <summary>
    /// The distinct values of <paramref name="values"/> in ascending order, and how often each occurs: counted in an array
    /// over the values' range when it is under 2^20 days (about 2,870 years), else sorted (the values are reordered). A
    /// million customers' days tally in a few milliseconds, where a sorted dictionary took about 100 (benchmarks/README.md).
    /// </summary>
    internal static (int[] Values, long[] Counts) Tally(Span<int> values)
    {
        if (values.IsEmpty)
        {
            return ([], []);
        }

        int min = int.MaxValue, max = int.MinValue;
        foreach (int v in values)
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        var distinct = new List<int>();
        var counts = new List<long>();
        if ((long)max - min < 1 << 20)
        {
            var tally = new int[max - min + 1];
            foreach (int v in values)
            {
                tally[v - min]++;
            }

            for (int k = 0; k < tally.Length; k++)
            {
                if (tally[k] > 0)
                {
                    distinct.Add(min + k);
                    counts.Add(tally[k]);
                }
            }
        }
        else
        {
            values.Sort();
            for (int i = 0; i < values.Length; i++)
            {
                if (i == 0 || values[i] != values[i - 1])
                {
                    distinct.Add(values[i]);
                    counts.Add(0);
                }

                counts[^1]++;
            }
        }

        return ([.. distinct], [.. counts]);
    }
}
