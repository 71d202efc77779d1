using System.Globalization;
using Clv.Internal;

namespace Clv.Lifecycle;

/// <summary>
/// Early warning: customers who were active at one date and are <see cref="LifecycleStage.Dormant"/> or
/// <see cref="LifecycleStage.Churned"/> at a later one, ranked by value at risk.
/// </summary>
/// <remarks>Stages come from purchases alone (no <see cref="CustomerEngagement"/>). A customer who was already dormant
/// at the earlier date and churned since is not listed: the warning is for the crossing out of an active stage.</remarks>
public static class EarlyWarning
{
    /// <summary>
    /// Customers active at <paramref name="since"/> (New, Growing, Mature or Reactivated) and dormant or churned at
    /// <paramref name="asOf"/>, ranked by historical net spend up to <paramref name="asOf"/> (purchases less recorded
    /// refunds), highest first; ties keep the summaries' order.
    /// </summary>
    /// <param name="policy">The policy.</param>
    /// <param name="customers">The summaries; both dates must lie between their observation end and holdout end.</param>
    /// <param name="since">The earlier date.</param>
    /// <param name="asOf">The warning date, on or after <paramref name="since"/>.</param>
    /// <returns>The warnings, most valuable first.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A date is outside the summaries' data range, or <paramref name="asOf"/> is before <paramref name="since"/>.</exception>
    public static ChurnWarning[] Find(LifecyclePolicy policy, CustomerSummaries customers, DateOnly since, DateOnly asOf) =>
        Find(policy, customers, since, asOf, ReadOnlySpan<double>.Empty);

    /// <summary>As <see cref="Find(LifecyclePolicy, CustomerSummaries, DateOnly, DateOnly)"/>, ranked by a value supplied per customer (for example CLV).</summary>
    /// <param name="policy">The policy.</param>
    /// <param name="customers">The summaries; both dates must lie between their observation end and holdout end.</param>
    /// <param name="since">The earlier date.</param>
    /// <param name="asOf">The warning date, on or after <paramref name="since"/>.</param>
    /// <param name="valueAtRisk">One value per customer, aligned with <paramref name="customers"/>; empty for historical net spend.</param>
    /// <returns>The warnings, most valuable first.</returns>
    /// <exception cref="ArgumentException"><paramref name="valueAtRisk"/> is neither empty nor one value per customer.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A date is outside the summaries' data range, <paramref name="asOf"/> is before <paramref name="since"/>, or a value is NaN.</exception>
    public static ChurnWarning[] Find(LifecyclePolicy policy, CustomerSummaries customers, DateOnly since, DateOnly asOf, ReadOnlySpan<double> valueAtRisk)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(customers);
        LifecyclePolicy.CheckDate(customers, since);
        LifecyclePolicy.CheckDate(customers, asOf);
        if (asOf < since)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(asOf), asOf, Guard.Format($"asOf ({asOf:yyyy-MM-dd}) cannot be before since ({since:yyyy-MM-dd})."));
        }

        if (!valueAtRisk.IsEmpty && valueAtRisk.Length != customers.Count)
        {
            ThrowHelper.Argument(nameof(valueAtRisk), Guard.Format(
                $"valueAtRisk must be empty or have one value per customer ({customers.Count}), but had {valueAtRisk.Length}."));
        }

        int d0 = since.DayNumber, d1 = asOf.DayNumber;
        double unitDays = customers.TimeUnit.LengthInDays();
        var summaries = customers.AsSpan();
        var warnings = new List<ChurnWarning>();
        for (int i = 0; i < summaries.Length; i++)
        {
            var all = customers.PurchaseDayNumbers(i);
            int n0 = LifecyclePolicy.CountUpTo(all, summaries[i].PurchaseDays, d0);
            int n1 = LifecyclePolicy.CountUpTo(all, n0, d1);
            var before = policy.Classify(all[..n0], d0, default, unitDays);
            if (!before.IsActive())
            {
                continue;
            }

            var now = policy.Classify(all[..n1], d1, default, unitDays);
            if (!now.IsQuiet())
            {
                continue;
            }

            var days = all[..n1];
            double value = valueAtRisk.IsEmpty ? LifecycleTransitions.NetSpendUpTo(customers, i, n1) : valueAtRisk[i];
            if (double.IsNaN(value))
            {
                ThrowHelper.ArgumentOutOfRange(nameof(valueAtRisk), value, Guard.Format($"valueAtRisk[{i}] must not be NaN."));
            }

            int quiet = d1 - days[^1];
            double gap = LifecyclePolicy.MeanGapDays(days);
            double multiple = quiet / gap;
            var reason = double.IsNaN(gap)
                ? string.Create(CultureInfo.InvariantCulture, $"no purchase for {quiet} days since their only purchase")
                : string.Create(CultureInfo.InvariantCulture, $"no purchase for {quiet} days, {multiple:0.0}x their usual gap of {gap:0.#} days");
            if (policy.Rule == LifecycleQuietRule.AliveProbability)
            {
                reason += string.Create(CultureInfo.InvariantCulture, $"; probability still active {policy.Probability(days, d1, unitDays):0.00}");
            }

            warnings.Add(new ChurnWarning(i, summaries[i].CustomerId, before, now, quiet, multiple, value, reason));
        }

        var result = warnings.ToArray();
        Array.Sort(result, static (a, b) =>
        {
            int c = b.ValueAtRisk.CompareTo(a.ValueAtRisk);
            return c != 0 ? c : a.CustomerIndex.CompareTo(b.CustomerIndex);
        });
        return result;
    }
}
