using System.Diagnostics;
using System.Runtime.CompilerServices;
using Clv.Internal;

namespace Clv.Lifecycle;

/// <summary>
/// Measurable rules that put every customer in exactly one <see cref="LifecycleStage"/> at a date. Immutable;
/// built by <see cref="FromDays"/>, <see cref="RelativeToGap"/> or <see cref="FromAliveProbability"/>, which
/// reject inconsistent thresholds with the reason.
/// </summary>
/// <remarks>
/// <para>Classification as of a date D uses only the customer's purchase days up to D (and an interaction up to D).
/// With n purchase days p_1 &lt; ... &lt; p_n up to D, the rules are applied in this order:</para>
/// <list type="number">
/// <item><description>n = 0: <see cref="LifecycleStage.Lead"/> (known, no purchase yet).</description></item>
/// <item><description>Without an open opportunity, the quiet rule (<see cref="Rule"/>) gives <see cref="LifecycleStage.Churned"/>
/// or <see cref="LifecycleStage.Dormant"/>. Quiet time q = D - max(p_n, last interaction up to D) in days.
/// Days: churned when q &gt; <see cref="LifecycleOptions.ChurnedAfterDays"/>, dormant when q &gt; <see cref="LifecycleOptions.DormantAfterDays"/>.
/// Gap multiple: with mean gap g = (p_n - p_1) / (n - 1) days, churned when q &gt; k_c g, dormant when q &gt; k_d g
/// (customers with one purchase day fall back to the day thresholds). Alive probability: P = provider(x = n - 1,
/// t_x = p_n - p_1, T = D - p_1) in the summaries' time unit, churned when P &lt; churn threshold, dormant when P &lt;
/// dormancy threshold (interactions are ignored).</description></item>
/// <item><description><see cref="LifecycleStage.Reactivated"/> when some purchase day p_k (k &gt;= 2) with D - p_k &lt;=
/// <see cref="LifecycleOptions.ReactivationHoldDays"/> ended a quiet spell: classified on day p_k from p_1..p_(k-1)
/// alone, the customer would have been dormant or churned.</description></item>
/// <item><description><see cref="LifecycleStage.New"/> when n = 1 or D - p_1 &lt;= <see cref="LifecycleOptions.ActivationWindowDays"/>.</description></item>
/// <item><description><see cref="LifecycleStage.Mature"/> when n &gt;= <see cref="LifecycleOptions.MatureMinPurchaseDays"/>
/// or D - p_1 &gt;= <see cref="LifecycleOptions.MatureMinTenureDays"/>; otherwise <see cref="LifecycleStage.Growing"/>.</description></item>
/// </list>
/// <para>The date must lie between the summaries' observation end and holdout end: every customer summarised is
/// known then, and the purchase days kept by <see cref="CustomerSummaries"/> cover that range. To classify from an
/// earlier date, build the summaries with that observation end (later rows become holdout rows, which are kept).</para>
/// </remarks>
public sealed class LifecyclePolicy
{
    private readonly int _activation;
    private readonly int _dormantDays;
    private readonly int _churnedDays;
    private readonly int _hold;
    private readonly int _matureDays;
    private readonly int _matureTenure;
    private readonly AliveProbability? _provider;

    private LifecyclePolicy(LifecycleQuietRule rule, LifecycleOptions options, double dormant, double churned, AliveProbability? provider)
    {
        Rule = rule;
        Options = options;
        DormantThreshold = dormant;
        ChurnedThreshold = churned;
        _provider = provider;
        _activation = options.ActivationWindowDays;
        _dormantDays = options.DormantAfterDays;
        _churnedDays = options.ChurnedAfterDays;
        _hold = options.ReactivationHoldDays;
        _matureDays = options.MatureMinPurchaseDays;
        _matureTenure = options.MatureMinTenureDays;
    }

    /// <summary>How the policy decides that a buyer has gone quiet.</summary>
    public LifecycleQuietRule Rule { get; }

    /// <summary>The day windows (activation, day thresholds, reactivation hold, maturity).</summary>
    public LifecycleOptions Options { get; }

    /// <summary>
    /// The dormancy threshold in the unit of <see cref="Rule"/>: days, a multiple of the mean gap, or a probability
    /// (dormant below it).
    /// </summary>
    public double DormantThreshold { get; }

    /// <summary>The churn threshold in the unit of <see cref="Rule"/>: days, a multiple of the mean gap, or a probability (churned below it).</summary>
    public double ChurnedThreshold { get; }

    /// <summary>The alive-probability provider of a <see cref="LifecycleQuietRule.AliveProbability"/> policy; otherwise null.</summary>
    public AliveProbability? AliveProbability => _provider;

    /// <summary>
    /// A policy with absolute day thresholds: dormant after <see cref="LifecycleOptions.DormantAfterDays"/> quiet days
    /// (default 90), churned after <see cref="LifecycleOptions.ChurnedAfterDays"/> (default 180).
    /// </summary>
    /// <param name="options">The windows; null for the documented defaults.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A window is negative, the churn threshold is below the dormancy threshold, or <see cref="LifecycleOptions.MatureMinPurchaseDays"/> is below 2.</exception>
    public static LifecyclePolicy FromDays(LifecycleOptions? options = null)
    {
        options = Validate(options);
        return new LifecyclePolicy(LifecycleQuietRule.Days, options, options.DormantAfterDays, options.ChurnedAfterDays, null);
    }

    /// <summary>
    /// A policy relative to each customer's rhythm: dormant when the quiet time exceeds <paramref name="dormantGapMultiple"/>
    /// times the customer's mean gap between purchase days, churned past <paramref name="churnedGapMultiple"/> times.
    /// Customers with a single purchase day fall back to the day thresholds of <paramref name="options"/>.
    /// </summary>
    /// <param name="dormantGapMultiple">k_d, greater than 0 (for example 3).</param>
    /// <param name="churnedGapMultiple">k_c, at least <paramref name="dormantGapMultiple"/> (for example 6).</param>
    /// <param name="options">The windows; null for the documented defaults.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A multiple is not a positive finite number, k_c &lt; k_d, or the options are invalid.</exception>
    public static LifecyclePolicy RelativeToGap(double dormantGapMultiple, double churnedGapMultiple, LifecycleOptions? options = null)
    {
        Guard.Positive(dormantGapMultiple);
        Guard.Positive(churnedGapMultiple);
        if (churnedGapMultiple < dormantGapMultiple)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(churnedGapMultiple), churnedGapMultiple, Guard.Format(
                $"The churn threshold ({churnedGapMultiple}x the mean gap) cannot be below the dormancy threshold ({dormantGapMultiple}x the mean gap)."));
        }

        options = Validate(options);
        return new LifecyclePolicy(LifecycleQuietRule.GapMultiple, options, dormantGapMultiple, churnedGapMultiple, null);
    }

    /// <summary>
    /// A policy from the probability that the customer is still active: dormant when it is below
    /// <paramref name="dormantBelow"/>, churned when below <paramref name="churnedBelow"/>. The statistics passed to
    /// the provider are recomputed as of each classification date from the purchase days, in the summaries' time unit.
    /// </summary>
    /// <param name="aliveProbability">The provider, for example a fitted BG/NBD model's P(alive).</param>
    /// <param name="dormantBelow">Dormancy threshold in [0, 1] (for example 0.5).</param>
    /// <param name="churnedBelow">Churn threshold in [0, <paramref name="dormantBelow"/>] (for example 0.2).</param>
    /// <param name="options">The windows; null for the documented defaults.</param>
    /// <returns>The policy.</returns>
    /// <remarks>BG/NBD gives P(alive) = 1 to customers with one purchase day, so they never go quiet under it.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="aliveProbability"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A threshold is outside [0, 1], the churn threshold is above the dormancy threshold, or the options are invalid.</exception>
    public static LifecyclePolicy FromAliveProbability(AliveProbability aliveProbability, double dormantBelow, double churnedBelow, LifecycleOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(aliveProbability);
        Guard.InRange(dormantBelow, 0, 1);
        Guard.InRange(churnedBelow, 0, 1);
        if (churnedBelow > dormantBelow)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(churnedBelow), churnedBelow, Guard.Format(
                $"The churn threshold (P(alive) below {churnedBelow}) cannot be above the dormancy threshold (P(alive) below {dormantBelow}): a churned customer must also be dormant."));
        }

        options = Validate(options);
        return new LifecyclePolicy(LifecycleQuietRule.AliveProbability, options, dormantBelow, churnedBelow, aliveProbability);
    }

    /// <summary>The stage of one customer as of <paramref name="asOf"/>, from purchases alone.</summary>
    /// <param name="customers">The summaries (their purchase days are used up to <paramref name="asOf"/>).</param>
    /// <param name="index">The customer's position in <paramref name="customers"/>.</param>
    /// <param name="asOf">The classification date, between the summaries' observation end and holdout end.</param>
    /// <returns>The stage.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="asOf"/> is outside the summaries' data range, or <paramref name="index"/> is out of range.</exception>
    public LifecycleStage Classify(CustomerSummaries customers, int index, DateOnly asOf) => Classify(customers, index, asOf, default(CustomerEngagement));

    /// <summary>The stage of one customer as of <paramref name="asOf"/>.</summary>
    /// <param name="customers">The summaries (their purchase days are used up to <paramref name="asOf"/>).</param>
    /// <param name="index">The customer's position in <paramref name="customers"/>.</param>
    /// <param name="asOf">The classification date, between the summaries' observation end and holdout end.</param>
    /// <param name="engagement">The customer's engagement (default for none).</param>
    /// <returns>The stage.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="asOf"/> is outside the summaries' data range, or <paramref name="index"/> is out of range.</exception>
    public LifecycleStage Classify(CustomerSummaries customers, int index, DateOnly asOf, CustomerEngagement engagement)
    {
        ArgumentNullException.ThrowIfNull(customers);
        CheckDate(customers, asOf);
        if ((uint)index >= (uint)customers.Count)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(index), index, Guard.Format($"index must be between 0 and {customers.Count - 1}, but was {index}."));
        }

        int d = asOf.DayNumber;
        var days = DaysUpTo(customers, index, d);
        return Classify(days, d, engagement, customers.TimeUnit.LengthInDays());
    }

    /// <summary>The stage of every customer as of <paramref name="asOf"/>, from purchases alone, written to <paramref name="destination"/>. Allocation-free.</summary>
    /// <param name="customers">The summaries.</param>
    /// <param name="asOf">The classification date, between the summaries' observation end and holdout end.</param>
    /// <param name="destination">One stage per customer, aligned with <paramref name="customers"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> does not have one element per customer.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="asOf"/> is outside the summaries' data range.</exception>
    public void Classify(CustomerSummaries customers, DateOnly asOf, Span<LifecycleStage> destination) =>
        Classify(customers, asOf, destination, ReadOnlySpan<CustomerEngagement>.Empty);

    /// <summary>The stage of every customer as of <paramref name="asOf"/>, written to <paramref name="destination"/>. Allocation-free.</summary>
    /// <param name="customers">The summaries.</param>
    /// <param name="asOf">The classification date, between the summaries' observation end and holdout end.</param>
    /// <param name="destination">One stage per customer, aligned with <paramref name="customers"/>.</param>
    /// <param name="engagement">Engagement aligned with <paramref name="customers"/>, or empty for none.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> (or a non-empty <paramref name="engagement"/>) does not have one element per customer.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="asOf"/> is outside the summaries' data range.</exception>
    public void Classify(CustomerSummaries customers, DateOnly asOf, Span<LifecycleStage> destination, ReadOnlySpan<CustomerEngagement> engagement)
    {
        ArgumentNullException.ThrowIfNull(customers);
        CheckDate(customers, asOf);
        Guard.SameLength(customers.Count, destination.Length);
        CheckEngagement(customers, engagement);
        int d = asOf.DayNumber;
        double unitDays = customers.TimeUnit.LengthInDays();
        var summaries = customers.AsSpan();
        bool hasEngagement = !engagement.IsEmpty;
        for (int i = 0; i < summaries.Length; i++)
        {
            var all = customers.PurchaseDayNumbers(i);
            int n = CountUpTo(all, summaries[i].PurchaseDays, d);
            destination[i] = Classify(all[..n], d, hasEngagement ? engagement[i] : default, unitDays);
        }
    }

    /// <summary>The stage of every customer as of <paramref name="asOf"/>.</summary>
    /// <param name="customers">The summaries.</param>
    /// <param name="asOf">The classification date, between the summaries' observation end and holdout end.</param>
    /// <returns>One stage per customer, aligned with <paramref name="customers"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="asOf"/> is outside the summaries' data range.</exception>
    public LifecycleStage[] Classify(CustomerSummaries customers, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var result = new LifecycleStage[customers.Count];
        Classify(customers, asOf, result);
        return result;
    }

    /// <summary>Checks that <paramref name="asOf"/> lies in [observation end, holdout end] of <paramref name="customers"/>.</summary>
    internal static void CheckDate(CustomerSummaries customers, DateOnly asOf, [CallerArgumentExpression(nameof(asOf))] string paramName = "")
    {
        if (asOf < customers.ObservationEnd)
        {
            ThrowHelper.ArgumentOutOfRange(paramName, asOf, Guard.Format(
                $"{paramName} ({asOf:yyyy-MM-dd}) is before the summaries' observation end ({customers.ObservationEnd:yyyy-MM-dd}): the summaries cannot tell which customers were known then. Build the summaries with an observation end on or before {asOf:yyyy-MM-dd}."));
        }

        if (asOf > customers.HoldoutEnd)
        {
            ThrowHelper.ArgumentOutOfRange(paramName, asOf, Guard.Format(
                $"{paramName} ({asOf:yyyy-MM-dd}) is after the summaries' holdout end ({customers.HoldoutEnd:yyyy-MM-dd}): no data is available for it."));
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

    /// <summary>The customer's purchase days up to day <paramref name="d"/> (d at least the observation end).</summary>
    internal static ReadOnlySpan<int> DaysUpTo(CustomerSummaries customers, int index, int d)
    {
        var all = customers.PurchaseDayNumbers(index);
        return all[..CountUpTo(all, customers[index].PurchaseDays, d)];
    }

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

    /// <summary>The scalar core: <paramref name="days"/> are the distinct purchase days up to <paramref name="d"/>, ascending.</summary>
    internal LifecycleStage Classify(ReadOnlySpan<int> days, int d, CustomerEngagement engagement, double unitDays)
    {
        int n = days.Length;
        if (n == 0)
        {
            return LifecycleStage.Lead;
        }

        Debug.Assert(days[n - 1] <= d, "days must be up to the classification date");
        if (!engagement.HasOpenOpportunity)
        {
            int level = QuietLevel(days, d, LastActivity(days[n - 1], engagement, d), unitDays);
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
            if (QuietLevel(days[..k], days[k], days[k - 1], unitDays) != 0)
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

    /// <summary>0 active, 1 dormant, 2 churned, for a customer with purchase days <paramref name="days"/> (non-empty) as of <paramref name="d"/>.</summary>
    internal int QuietLevel(ReadOnlySpan<int> days, int d, int lastActivity, double unitDays)
    {
        int n = days.Length;
        int quiet = d - lastActivity;
        switch (Rule)
        {
            case LifecycleQuietRule.GapMultiple when n >= 2:
                double gap = (days[n - 1] - days[0]) / (double)(n - 1);
                return quiet > ChurnedThreshold * gap ? 2 : quiet > DormantThreshold * gap ? 1 : 0;
            case LifecycleQuietRule.AliveProbability:
                double p = Probability(days, d, unitDays);
                return p < ChurnedThreshold ? 2 : p < DormantThreshold ? 1 : 0;
            default:
                return quiet > _churnedDays ? 2 : quiet > _dormantDays ? 1 : 0;
        }
    }

    /// <summary>The provider's probability for purchase days <paramref name="days"/> as of <paramref name="d"/>.</summary>
    internal double Probability(ReadOnlySpan<int> days, int d, double unitDays)
    {
        Debug.Assert(_provider is not null, "probability rule has a provider");
        int n = days.Length;
        double p = _provider!(n - 1, (days[n - 1] - days[0]) / unitDays, (d - days[0]) / unitDays);
        if (!(p >= 0 && p <= 1))
        {
            ThrowHelper.InvalidOperation(Guard.Format($"The alive-probability provider returned {p} for x = {n - 1}; it must return a probability in [0, 1]."));
        }

        return p;
    }

    /// <summary>Mean gap between purchase days in days, or NaN with fewer than two.</summary>
    internal static double MeanGapDays(ReadOnlySpan<int> days) =>
        days.Length < 2 ? double.NaN : (days[^1] - days[0]) / (double)(days.Length - 1);

    private static LifecycleOptions Validate(LifecycleOptions? options)
    {
        options ??= new LifecycleOptions();
        Guard.NonNegative(options.ActivationWindowDays, "options.ActivationWindowDays");
        Guard.NonNegative(options.DormantAfterDays, "options.DormantAfterDays");
        Guard.NonNegative(options.ChurnedAfterDays, "options.ChurnedAfterDays");
        Guard.NonNegative(options.ReactivationHoldDays, "options.ReactivationHoldDays");
        Guard.NonNegative(options.MatureMinTenureDays, "options.MatureMinTenureDays");
        if (options.ChurnedAfterDays < options.DormantAfterDays)
        {
            ThrowHelper.ArgumentOutOfRange("options.ChurnedAfterDays", options.ChurnedAfterDays, Guard.Format(
                $"The churn threshold ({options.ChurnedAfterDays} days) cannot be below the dormancy threshold ({options.DormantAfterDays} days)."));
        }

        if (options.MatureMinPurchaseDays < 2)
        {
            ThrowHelper.ArgumentOutOfRange("options.MatureMinPurchaseDays", options.MatureMinPurchaseDays, Guard.Format(
                $"options.MatureMinPurchaseDays must be at least 2 (a mature customer is a repeat buyer), but was {options.MatureMinPurchaseDays}."));
        }

        return options;
    }
}
