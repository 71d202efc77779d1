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
        var (_, _, origin) = Births(cohort);
        var offsets = new List<double>();
        for (int i = 0; i < cohort.Count; i++)
        {
            var days = cohort.PurchaseDayNumbers(i);
            if (cohort[i].HasPurchase)
            {
                for (int d = 1; d < days.Length; d++)
                {
                    offsets.Add(days[d] - origin);
                }
            }
        }

        offsets.Sort();
        var result = new double[times.Length];
        double unitDays = unit.LengthInDays();
        for (int k = 0; k < times.Length; k++)
        {
            Guard.NonNegative(times[k], nameof(times));

            // Repeat days strictly before origin + τ (a day counts once it has started).
            double limit = times[k] * unitDays;
            int lo = 0, hi = offsets.Count;
            while (lo < hi)
            {
                int mid = (lo + hi) >>> 1;
                if (offsets[mid] < limit)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            result[k] = lo;
        }

        return result;
    }

    /// <summary>Distinct first-purchase offsets in days from the earliest one, with counts.</summary>
    private static (double[] Births, long[] Counts, int Origin) Births(CustomerSummaries cohort)
    {
        var counts = new SortedDictionary<int, long>();
        foreach (ref readonly var c in cohort.AsSpan())
        {
            if (c.FirstPurchase is { } first)
            {
                counts[first.DayNumber] = counts.GetValueOrDefault(first.DayNumber) + 1;
            }
        }

        if (counts.Count == 0)
        {
            return ([], [], 0);
        }

        int origin = counts.Keys.First();
        return ([.. counts.Keys.Select(d => (double)(d - origin))], [.. counts.Values], origin);
    }
}
