using Clv.Internal;

namespace Clv.Lifecycle;

/// <summary>
/// Measurable rules that put every customer in exactly one <see cref="LifecycleStage"/> at a date. Immutable;
/// built by <see cref="FromDays"/>, <see cref="RelativeToGap"/> or <see cref="FromAliveProbability"/>, which
/// reject inconsistent thresholds with the reason, and saved with <see cref="ToJson"/>.
/// </summary>
/// <remarks>
/// <para><b>Dates.</b> Any date from the first purchase day of the data to the summaries' holdout end can be classified:
/// the summaries keep every purchase day, calibration and holdout. Classification as of a date D uses only the
/// customer's purchase days up to D (and an interaction up to D), so the stages at D from one set of summaries equal
/// the stages from summaries built with observation end D, for every customer with a purchase by D. A date outside
/// that range throws an <see cref="ArgumentOutOfRangeException"/> naming the data's range. The population is the
/// customers of the summaries at every date: customers first seen after the observation end
/// (<see cref="CustomerSummaries.HoldoutOnlyCustomerCount"/>) are in no stage count.</para>
/// <para>With n purchase days p_1 &lt; ... &lt; p_n up to D, the rules are applied in this order:</para>
/// <list type="number">
/// <item><description>n = 0: <see cref="LifecycleStage.Lead"/> when the customer was known at D, otherwise
/// <see cref="LifecycleStage.NotYetAcquired"/>. A customer is known at D when D is on or after the summaries'
/// observation end (every summarised customer has a row by then), or when their <see cref="CustomerEngagement"/>
/// has an interaction on or before D or an open opportunity. Before the observation end the summaries date a
/// customer's arrival by the first purchase day (refund rows carry no date in a summary), so a customer whose only
/// rows up to D are refunds is <see cref="LifecycleStage.NotYetAcquired"/> at D and <see cref="LifecycleStage.Lead"/>
/// from the observation end on.</description></item>
/// <item><description>Without an open opportunity, the quiet rule (<see cref="Rule"/>) gives <see cref="LifecycleStage.Churned"/>
/// or <see cref="LifecycleStage.Dormant"/>. Quiet time q = D - max(p_n, last interaction up to D) in days.
/// Days: churned when q &gt; <see cref="LifecycleOptions.ChurnedAfterDays"/>, dormant when q &gt; <see cref="LifecycleOptions.DormantAfterDays"/>.
/// Gap multiple: with mean gap g = (p_n - p_1) / (n - 1) days, churned when q &gt; k_c g, dormant when q &gt; k_d g.
/// Alive probability: P = provider(x = n - 1, t_x = p_n - p_1, T = D - p_1) in the summaries' time unit, churned
/// when P &lt; churn threshold, dormant when P &lt; dormancy threshold (interactions are ignored).
/// Under the gap and probability rules, customers with a single purchase day (x = 0) fall back to the day
/// thresholds: they have no gap, and BG/NBD gives P(alive) = 1 at x = 0 at any age (in that model a customer can
/// only drop out after a repeat purchase), so a one-time buyer from years ago would stay
/// <see cref="LifecycleStage.New"/>. MBG/NBD and Pareto/NBD do give a P(alive) at x = 0 that falls with the age
/// T; the policy still applies the day thresholds to one-time buyers under every provider, so that stages never
/// depend on which model is plugged in for them.</description></item>
/// <item><description><see cref="LifecycleStage.Reactivated"/> when some purchase day p_k (k &gt;= 2) with D - p_k &lt;=
/// <see cref="LifecycleOptions.ReactivationHoldDays"/> ended a quiet spell: classified on day p_k from p_1..p_(k-1)
/// alone, the customer would have been dormant or churned.</description></item>
/// <item><description><see cref="LifecycleStage.New"/> when n = 1 or D - p_1 &lt;= <see cref="LifecycleOptions.ActivationWindowDays"/>.</description></item>
/// <item><description><see cref="LifecycleStage.Mature"/> when n &gt;= <see cref="LifecycleOptions.MatureMinPurchaseDays"/>
/// or D - p_1 &gt;= <see cref="LifecycleOptions.MatureMinTenureDays"/>; otherwise <see cref="LifecycleStage.Growing"/>.</description></item>
/// </list>
/// <para>The reports (<see cref="EarlyWarningReport"/>, <see cref="LifecycleTransitionReport"/>,
/// <see cref="LifecycleHistoryReport"/>) classify from purchases alone, with no engagement.</para>
/// </remarks>
public sealed partial class LifecyclePolicy : IJsonPersistable<LifecyclePolicy>
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
    /// <param name="options">The windows; null for <see cref="LifecycleOptions.Default"/>.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A window is negative, the churn threshold is below the dormancy threshold, or <see cref="LifecycleOptions.MatureMinPurchaseDays"/> is below 2; the parameter name is the property path (<c>options.ChurnedAfterDays</c>).</exception>
    public static LifecyclePolicy FromDays(LifecycleOptions? options = null)
    {
        options = (options ?? LifecycleOptions.Default).Validate();
        return new LifecyclePolicy(LifecycleQuietRule.Days, options, options.DormantAfterDays, options.ChurnedAfterDays, null);
    }

    /// <summary>
    /// A policy relative to each customer's rhythm: dormant when the quiet time exceeds <paramref name="dormantGapMultiple"/>
    /// times the customer's mean gap between purchase days, churned past <paramref name="churnedGapMultiple"/> times.
    /// Customers with a single purchase day fall back to the day thresholds of <paramref name="options"/>.
    /// </summary>
    /// <param name="dormantGapMultiple">k_d, greater than 0 (for example 3).</param>
    /// <param name="churnedGapMultiple">k_c, at least <paramref name="dormantGapMultiple"/> (for example 6).</param>
    /// <param name="options">The windows; null for <see cref="LifecycleOptions.Default"/>.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A multiple is not a positive finite number, k_c &lt; k_d, or the options are invalid.</exception>
    public static LifecyclePolicy RelativeToGap(double dormantGapMultiple, double churnedGapMultiple, LifecycleOptions? options = null)
    {
        CheckThresholds(LifecycleQuietRule.GapMultiple, dormantGapMultiple, churnedGapMultiple, nameof(dormantGapMultiple), nameof(churnedGapMultiple));
        options = (options ?? LifecycleOptions.Default).Validate();
        return new LifecyclePolicy(LifecycleQuietRule.GapMultiple, options, dormantGapMultiple, churnedGapMultiple, null);
    }

    /// <summary>
    /// A policy from the probability that the customer is still active: dormant when it is below
    /// <paramref name="dormantBelow"/>, churned when below <paramref name="churnedBelow"/>. The statistics passed to
    /// the provider are recomputed as of each classification date from the purchase days, in the summaries' time unit.
    /// Customers with a single purchase day fall back to the day thresholds of <paramref name="options"/>.
    /// </summary>
    /// <param name="aliveProbability">The provider, for example a fitted BG/NBD model's P(alive).</param>
    /// <param name="dormantBelow">Dormancy threshold in [0, 1] (for example 0.5).</param>
    /// <param name="churnedBelow">Churn threshold in [0, <paramref name="dormantBelow"/>] (for example 0.2).</param>
    /// <param name="options">The windows; null for <see cref="LifecycleOptions.Default"/>.</param>
    /// <returns>The policy.</returns>
    /// <remarks>
    /// The provider is asked only for repeat buyers (x &gt;= 1). BG/NBD gives P(alive) = 1 at x = 0 whatever the age, so
    /// one-time buyers would never go quiet under it; MBG/NBD and Pareto/NBD give a meaningful P(alive) at x = 0, but
    /// one-time buyers are classified by the day thresholds under every provider (see <see cref="LifecyclePolicy"/>).
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="aliveProbability"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A threshold is outside [0, 1], the churn threshold is above the dormancy threshold, or the options are invalid.</exception>
    public static LifecyclePolicy FromAliveProbability(AliveProbability aliveProbability, double dormantBelow, double churnedBelow, LifecycleOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(aliveProbability);
        CheckThresholds(LifecycleQuietRule.AliveProbability, dormantBelow, churnedBelow, nameof(dormantBelow), nameof(churnedBelow));
        options = (options ?? LifecycleOptions.Default).Validate();
        return new LifecyclePolicy(LifecycleQuietRule.AliveProbability, options, dormantBelow, churnedBelow, aliveProbability);
    }

    /// <summary>Mean gap between purchase days in days, or NaN with fewer than two.</summary>
    internal static double MeanGapDays(ReadOnlySpan<int> days) =>
        days.Length < 2 ? double.NaN : (days[^1] - days[0]) / (double)(days.Length - 1);

    /// <summary>Checks the thresholds of a gap or probability rule; errors name <paramref name="dormantName"/> or <paramref name="churnedName"/>.</summary>
    private static void CheckThresholds(LifecycleQuietRule rule, double dormant, double churned, string dormantName, string churnedName)
    {
        if (rule == LifecycleQuietRule.GapMultiple)
        {
            Guard.Positive(dormant, dormantName);
            Guard.Positive(churned, churnedName);
            if (churned < dormant)
            {
                ThrowHelper.ArgumentOutOfRange(churnedName, churned, Guard.Format(
                    $"The churn threshold ({churned}x the mean gap) cannot be below the dormancy threshold ({dormant}x the mean gap)."));
            }
        }
        else
        {
            Guard.InRange(dormant, 0, 1, dormantName);
            Guard.InRange(churned, 0, 1, churnedName);
            if (churned > dormant)
            {
                ThrowHelper.ArgumentOutOfRange(churnedName, churned, Guard.Format(
                    $"The churn threshold (P(alive) below {churned}) cannot be above the dormancy threshold (P(alive) below {dormant}): a churned customer must also be dormant."));
            }
        }
    }
}
