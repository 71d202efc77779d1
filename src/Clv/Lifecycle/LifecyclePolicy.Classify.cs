using System.Diagnostics;
using System.Runtime.CompilerServices;
using Clv.Internal;

namespace Clv.Lifecycle;

/// <summary>Classification: the scalar entry, the batch entry and the array convenience, over one scalar core.</summary>
public sealed partial class LifecyclePolicy
{
    /// <summary>The stage of one customer as of <paramref name="asOf"/>, from purchases alone.</summary>
    /// <param name="customers">The summaries (their purchase days are used up to <paramref name="asOf"/>).</param>
    /// <param name="index">The customer's position in <paramref name="customers"/>.</param>
    /// <param name="asOf">The classification date, from the first purchase day of the data to the summaries' holdout end.</param>
    /// <returns>The stage.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="asOf"/> is outside the data's date range, or <paramref name="index"/> is out of range.</exception>
    public LifecycleStage Classify(CustomerSummaries customers, int index, DateOnly asOf) => Classify(customers, index, default(CustomerEngagement), asOf);

    /// <summary>The stage of one customer as of <paramref name="asOf"/>.</summary>
    /// <param name="customers">The summaries (their purchase days are used up to <paramref name="asOf"/>).</param>
    /// <param name="index">The customer's position in <paramref name="customers"/>.</param>
    /// <param name="engagement">The customer's engagement (default for none).</param>
    /// <param name="asOf">The classification date, from the first purchase day of the data to the summaries' holdout end.</param>
    /// <returns>The stage.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="asOf"/> is outside the data's date range, or <paramref name="index"/> is out of range.</exception>
    public LifecycleStage Classify(CustomerSummaries customers, int index, CustomerEngagement engagement, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(customers);
        CheckDate(customers, asOf);
        if ((uint)index >= (uint)customers.Count)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(index), index, Guard.Format($"index must be between 0 and {customers.Count - 1}, but was {index}."));
        }

        int d = asOf.DayNumber;
        var all = customers.PurchaseDayNumbers(index);
        var days = all[..CountUpTo(all, KnownUpTo(customers[index], d, customers.ObservationEnd.DayNumber), d)];
        return Classify(days, d, engagement, customers.TimeUnit, customers.ObservationEnd.DayNumber);
    }

    /// <summary>The stage of every customer as of <paramref name="asOf"/>, from purchases alone, written to <paramref name="destination"/>. Allocation-free.</summary>
    /// <param name="customers">The summaries.</param>
    /// <param name="asOf">The classification date, from the first purchase day of the data to the summaries' holdout end.</param>
    /// <param name="destination">One stage per customer, aligned with <paramref name="customers"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> does not have one element per customer.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="asOf"/> is outside the data's date range.</exception>
    public void Classify(CustomerSummaries customers, DateOnly asOf, Span<LifecycleStage> destination) =>
        Classify(customers, ReadOnlySpan<CustomerEngagement>.Empty, asOf, destination);

    /// <summary>The stage of every customer as of <paramref name="asOf"/>, written to <paramref name="destination"/>. Allocation-free.</summary>
    /// <param name="customers">The summaries.</param>
    /// <param name="engagement">Engagement aligned with <paramref name="customers"/>, or empty for none.</param>
    /// <param name="asOf">The classification date, from the first purchase day of the data to the summaries' holdout end.</param>
    /// <param name="destination">One stage per customer, aligned with <paramref name="customers"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> (or a non-empty <paramref name="engagement"/>) does not have one element per customer.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="asOf"/> is outside the data's date range.</exception>
    public void Classify(CustomerSummaries customers, ReadOnlySpan<CustomerEngagement> engagement, DateOnly asOf, Span<LifecycleStage> destination)
    {
        ArgumentNullException.ThrowIfNull(customers);
        CheckDate(customers, asOf);
        CheckEngagement(customers, engagement);
        Guard.SameLength(customers.Count, destination.Length);
        int d = asOf.DayNumber;
        int end = customers.ObservationEnd.DayNumber;
        var unit = customers.TimeUnit;
        bool hasEngagement = !engagement.IsEmpty;
        var summaries = customers.AsSpan();
        for (int i = 0; i < destination.Length; i++)
        {
            var all = customers.PurchaseDayNumbers(i);
            int n = CountUpTo(all, KnownUpTo(summaries[i], d, end), d);
            destination[i] = Classify(all[..n], d, hasEngagement ? engagement[i] : default, unit, end);
        }
    }

    /// <summary>The stage of every customer as of <paramref name="asOf"/>, from purchases alone.</summary>
    /// <param name="customers">The summaries.</param>
    /// <param name="asOf">The classification date, from the first purchase day of the data to the summaries' holdout end.</param>
    /// <returns>One stage per customer, aligned with <paramref name="customers"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="asOf"/> is outside the data's date range.</exception>
    public LifecycleStage[] Classify(CustomerSummaries customers, DateOnly asOf) => Classify(customers, ReadOnlySpan<CustomerEngagement>.Empty, asOf);

    /// <summary>The stage of every customer as of <paramref name="asOf"/>.</summary>
    /// <param name="customers">The summaries.</param>
    /// <param name="engagement">Engagement aligned with <paramref name="customers"/>, or empty for none.</param>
    /// <param name="asOf">The classification date, from the first purchase day of the data to the summaries' holdout end.</param>
    /// <returns>One stage per customer, aligned with <paramref name="customers"/>.</returns>
    /// <exception cref="ArgumentException">A non-empty <paramref name="engagement"/> does not have one element per customer.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="asOf"/> is outside the data's date range.</exception>
    public LifecycleStage[] Classify(CustomerSummaries customers, ReadOnlySpan<CustomerEngagement> engagement, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var result = new LifecycleStage[customers.Count];
        Classify(customers, engagement, asOf, result);
        return result;
    }

    /// <summary>Checks that <paramref name="asOf"/> lies from the first purchase day of the data to the holdout end of <paramref name="customers"/>.</summary>
    internal static void CheckDate(CustomerSummaries customers, DateOnly asOf, [CallerArgumentExpression(nameof(asOf))] string paramName = "") =>
        LifecycleDates.Check(customers, asOf, paramName);

    /// <summary>
    /// The checks of a report between two dates: policy and summaries given, both dates within the data, the later not before the
    /// earlier (the error names the later, as <paramref name="laterName"/>).
    /// </summary>
    internal static void CheckPeriod(LifecyclePolicy policy, CustomerSummaries customers, DateOnly earlier, DateOnly later,
        [CallerArgumentExpression(nameof(earlier))] string earlierName = "", [CallerArgumentExpression(nameof(later))] string laterName = "")
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(customers);
        CheckDate(customers, earlier, earlierName);
        CheckDate(customers, later, laterName);
        if (later < earlier)
        {
            ThrowHelper.ArgumentOutOfRange(laterName, later, Guard.Format($"{laterName} ({later:yyyy-MM-dd}) cannot be before {earlierName} ({earlier:yyyy-MM-dd})."));
        }
    }

    internal static void CheckEngagement(CustomerSummaries customers, ReadOnlySpan<CustomerEngagement> engagement)
    {
        if (!engagement.IsEmpty && engagement.Length != customers.Count)
        {
            ThrowHelper.Argument(nameof(engagement), Guard.Format(
                $"engagement must be empty or have one element per customer ({customers.Count}), but had {engagement.Length}."));
        }
    }

    /// <summary>How many purchase days are known to be up to <paramref name="d"/> without looking: the calibration days when d is on or after the observation end.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int KnownUpTo(in CustomerSummary summary, int d, int observationEnd) => d >= observationEnd ? summary.PurchaseDays : 0;

    /// <summary>Number of days in <paramref name="all"/> up to <paramref name="d"/>, knowing the first <paramref name="known"/> are.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int CountUpTo(ReadOnlySpan<int> all, int known, int d)
    {
        int n = known;
        while (n < all.Length && all[n] <= d)
        {
            n++;
        }

        return n;
    }

    /// <summary>
    /// The scalar core: <paramref name="days"/> are the distinct purchase days up to <paramref name="d"/>, ascending;
    /// <paramref name="observationEnd"/> is the summaries' observation end (every customer is known from it on).
    /// </summary>
    internal LifecycleStage Classify(ReadOnlySpan<int> days, int d, CustomerEngagement engagement, TimeUnit unit, int observationEnd)
    {
        int n = days.Length;
        if (n == 0)
        {
            bool known = d >= observationEnd || engagement.HasOpenOpportunity || engagement.LastInteraction?.DayNumber <= d;
            return known ? LifecycleStage.Lead : LifecycleStage.NotYetAcquired;
        }

        Debug.Assert(days[n - 1] <= d, "days must be up to the classification date");
        if (!engagement.HasOpenOpportunity)
        {
            int level = QuietLevel(days, d, LastActivity(days[n - 1], engagement, d), unit);
            if (level == 2)
            {
                return LifecycleStage.Churned;
            }

            if (level == 1)
            {
                return LifecycleStage.Dormant;
            }
        }

        for (int k = n - 1; k >= 1 && d - days[k] <= _hold; k--)
        {
            if (QuietLevel(days[..k], days[k], days[k - 1], unit) != 0)
            {
                return LifecycleStage.Reactivated;
            }
        }

        int tenure = d - days[0];
        if (n == 1 || tenure <= _activation)
        {
            return LifecycleStage.New;
        }

        return n >= _matureDays || tenure >= _matureTenure ? LifecycleStage.Mature : LifecycleStage.Growing;
    }

    /// <summary>The later of the last purchase day and an interaction up to <paramref name="d"/> (day and gap rules only).</summary>
    internal int LastActivity(int lastPurchase, CustomerEngagement engagement, int d)
    {
        if (Rule != LifecycleQuietRule.AliveProbability && engagement.LastInteraction is { } li)
        {
            int day = li.DayNumber;
            if (day <= d && day > lastPurchase)
            {
                return day;
            }
        }

        return lastPurchase;
    }

    /// <summary>
    /// 0 active, 1 dormant, 2 churned, for a customer with purchase days <paramref name="days"/> (non-empty) as of
    /// <paramref name="d"/>. One purchase day falls back to the day thresholds under every rule.
    /// </summary>
    internal int QuietLevel(ReadOnlySpan<int> days, int d, int lastActivity, TimeUnit unit)
    {
        int n = days.Length;
        int quiet = d - lastActivity;
        switch (Rule)
        {
            case LifecycleQuietRule.GapMultiple when n >= 2:
                double gap = (days[n - 1] - days[0]) / (double)(n - 1);
                return quiet > ChurnedThreshold * gap ? 2 : quiet > DormantThreshold * gap ? 1 : 0;
            case LifecycleQuietRule.AliveProbability when n >= 2:
                double p = Probability(days, d, unit);
                return p < ChurnedThreshold ? 2 : p < DormantThreshold ? 1 : 0;
            default:
                return quiet > _churnedDays ? 2 : quiet > _dormantDays ? 1 : 0;
        }
    }

    /// <summary>Whether the quiet rule used the provider for these purchase days (a probability policy and a repeat buyer).</summary>
    internal bool UsesProbability(ReadOnlySpan<int> days) => Rule == LifecycleQuietRule.AliveProbability && days.Length >= 2;

    /// <summary>The provider's probability for purchase days <paramref name="days"/> as of <paramref name="d"/>.</summary>
    internal double Probability(ReadOnlySpan<int> days, int d, TimeUnit unit)
    {
        Debug.Assert(_provider is not null, "probability rule has a provider");
        int n = days.Length;
        double p = _provider!(n - 1, (days[n - 1] - days[0]) / unit.LengthInDays(), (d - days[0]) / unit.LengthInDays(), unit);
        if (!(p >= 0 && p <= 1))
        {
            ThrowHelper.InvalidOperation(Guard.Format($"The alive-probability provider returned {p} for x = {n - 1}; it must return a probability in [0, 1]."));
        }

        return p;
    }
}
