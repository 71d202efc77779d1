using System.Globalization;
using Clv.Internal;

namespace Clv.Lifecycle;

/// <summary>
/// Early warning: customers who were active at one date and are <see cref="LifecycleStage.Dormant"/> or
/// <see cref="LifecycleStage.Churned"/> at a later one, ranked by value at risk. Immutable; built by
/// <see cref="Create(LifecyclePolicy, CustomerSummaries, DateOnly, DateOnly)"/>.
/// </summary>
/// <remarks>Stages come from purchases alone (no <see cref="CustomerEngagement"/>). A customer who was already dormant
/// at the earlier date and churned since is not listed: the warning is for the crossing out of an active stage. Both
/// dates may be any dates of the data (see <see cref="LifecyclePolicy"/>).</remarks>
public sealed class EarlyWarningReport
{
    private readonly ChurnWarning[] _rows;

    private EarlyWarningReport(ChurnWarning[] rows, DateOnly since, DateOnly asOf, int activeCustomers)
    {
        _rows = rows;
        Since = since;
        AsOf = asOf;
        ActiveCustomers = activeCustomers;
    }

    /// <summary>The warnings, most valuable first; equal values by customer id (ordinal), so the rows come in the same order whatever the order of the customers.</summary>
    public IReadOnlyList<ChurnWarning> Rows => _rows;

    /// <summary>The earlier date, at which every listed customer was active.</summary>
    public DateOnly Since { get; }

    /// <summary>The warning date, at which every listed customer is dormant or churned.</summary>
    public DateOnly AsOf { get; }

    /// <summary>Customers active (New, Growing, Mature or Reactivated) at <see cref="Since"/>: the base the warnings come from.</summary>
    public int ActiveCustomers { get; }

    /// <summary>
    /// Customers active at <paramref name="since"/> (New, Growing, Mature or Reactivated) and dormant or churned at
    /// <paramref name="asOf"/>, ranked by historical net spend up to <paramref name="asOf"/>, highest first.
    /// </summary>
    /// <param name="policy">The policy.</param>
    /// <param name="customers">The summaries.</param>
    /// <param name="since">The earlier date, from the first purchase day of the data.</param>
    /// <param name="asOf">The warning date, on or after <paramref name="since"/> and at most the summaries' holdout end.</param>
    /// <returns>The report.</returns>
    /// <remarks>Net spend is the purchases up to <paramref name="asOf"/> less the refunds recorded up to the
    /// observation end: refunds are a total per customer in the summaries, not dated, so they are subtracted in full.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">A date is outside the data's date range, or <paramref name="asOf"/> is before <paramref name="since"/>.</exception>
    public static EarlyWarningReport Create(LifecyclePolicy policy, CustomerSummaries customers, DateOnly since, DateOnly asOf) =>
        Create(policy, customers, ReadOnlySpan<double>.Empty, since, asOf);

    /// <summary>As <see cref="Create(LifecyclePolicy, CustomerSummaries, DateOnly, DateOnly)"/>, ranked by a value supplied per customer (for example CLV).</summary>
    /// <param name="policy">The policy.</param>
    /// <param name="customers">The summaries.</param>
    /// <param name="valueAtRisk">One value per customer, aligned with <paramref name="customers"/>; empty for historical net spend.</param>
    /// <param name="since">The earlier date, from the first purchase day of the data.</param>
    /// <param name="asOf">The warning date, on or after <paramref name="since"/> and at most the summaries' holdout end.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentException"><paramref name="valueAtRisk"/> is neither empty nor one value per customer.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A date is outside the data's date range, <paramref name="asOf"/> is before <paramref name="since"/>, or a value is NaN.</exception>
    public static EarlyWarningReport Create(LifecyclePolicy policy, CustomerSummaries customers, ReadOnlySpan<double> valueAtRisk, DateOnly since, DateOnly asOf)
    {
        LifecyclePolicy.CheckPeriod(policy, customers, since, asOf);

        if (!valueAtRisk.IsEmpty && valueAtRisk.Length != customers.Count)
        {
            ThrowHelper.Argument(nameof(valueAtRisk), Guard.Format(
                $"valueAtRisk must be empty or have one value per customer ({customers.Count}), but had {valueAtRisk.Length}."));
        }

        int d0 = since.DayNumber, d1 = asOf.DayNumber;
        var summaries = customers.AsSpan();
        var warnings = new List<ChurnWarning>();
        int active = 0;
        for (int i = 0; i < summaries.Length; i++)
        {
            if (!Check(policy, customers, i, d0, d1, out var warned))
            {
                continue;
            }

            active++;
            if (warned.Reason is null)
            {
                continue;
            }

            double value = valueAtRisk.IsEmpty ? LifecycleTransitionReport.NetSpendUpTo(customers, i, warned.Days) : valueAtRisk[i];
            if (double.IsNaN(value))
            {
                ThrowHelper.ArgumentOutOfRange(nameof(valueAtRisk), value, Guard.Format($"valueAtRisk[{i}] must not be NaN."));
            }

            warnings.Add(new ChurnWarning(i, summaries[i].CustomerId, warned.Before, warned.Now, warned.Quiet, warned.Multiple, value, warned.Reason));
        }

        var rows = warnings.ToArray();
        Array.Sort(rows, static (a, b) =>
        {
            int c = b.ValueAtRisk.CompareTo(a.ValueAtRisk);
            return c != 0 ? c : string.CompareOrdinal(a.CustomerId, b.CustomerId);
        });
        return new EarlyWarningReport(rows, since, asOf, active);
    }

    /// <summary>
    /// The reason of every customer's warning (null where none), into <paramref name="destination"/>: the same reasons as
    /// <see cref="Create(LifecyclePolicy, CustomerSummaries, DateOnly, DateOnly)"/>'s rows, without their ranking, values and
    /// ids (what the scorecard's <c>churn_warning</c> column needs), over the cores in fixed ranges of customers.
    /// </summary>
    internal static void Reasons(LifecyclePolicy policy, CustomerSummaries customers, DateOnly since, DateOnly asOf, string?[] destination)
    {
        LifecyclePolicy.CheckPeriod(policy, customers, since, asOf);

        Guard.SameLength(customers.Count, destination.Length);
        int d0 = since.DayNumber, d1 = asOf.DayNumber;
        Parallelism.For(customers.Count, (from, to) =>
        {
            for (int i = from; i < to; i++)
            {
                destination[i] = Check(policy, customers, i, d0, d1, out var warned) ? warned.Reason : null;
            }
        });
    }

    /// <summary>What one customer's warning needs: its stages, days quiet, gap multiple, purchase days to the warning date and reason.</summary>
    private readonly record struct Warned(LifecycleStage Before, LifecycleStage Now, int Quiet, double Multiple, int Days, string? Reason);

    /// <summary>
    /// Whether customer <paramref name="i"/> was active at day <paramref name="d0"/>; if so, <paramref name="warned"/> has a
    /// reason when it is dormant or churned at day <paramref name="d1"/> (and none when it is not).
    /// </summary>
    private static bool Check(LifecyclePolicy policy, CustomerSummaries customers, int i, int d0, int d1, out Warned warned)
    {
        warned = default;
        int end = customers.ObservationEnd.DayNumber;
        var unit = customers.TimeUnit;
        var all = customers.PurchaseDayNumbers(i);
        int n0 = LifecyclePolicy.CountUpTo(all, LifecyclePolicy.KnownUpTo(customers.AsSpan()[i], d0, end), d0);
        var before = policy.Classify(all[..n0], d0, default, unit, end);
        if (!before.IsActive())
        {
            return false;
        }

        int n1 = LifecyclePolicy.CountUpTo(all, n0, d1);
        var now = policy.Classify(all[..n1], d1, default, unit, end);
        if (!now.IsQuiet())
        {
            return true;
        }

        var days = all[..n1];
        int quiet = d1 - days[^1];
        double gap = LifecyclePolicy.MeanGapDays(days);
        double multiple = quiet / gap;
        var reason = double.IsNaN(gap)
            ? string.Create(CultureInfo.InvariantCulture, $"no purchase for {quiet} days since their only purchase")
            : string.Create(CultureInfo.InvariantCulture, $"no purchase for {quiet} days, {multiple:0.0}x their usual gap of {gap:0.#} days");
        if (policy.UsesProbability(days))
        {
            reason += string.Create(CultureInfo.InvariantCulture, $"; probability still active {policy.Probability(days, d1, unit):0.00}");
        }

        warned = new Warned(before, now, quiet, multiple, n1, reason);
        return true;
    }

    /// <summary>
    /// The report as a fixed-width table (invariant culture): a title line, then one line per warning with the
    /// customer, the stage at <see cref="Since"/> and now, days quiet, gap multiple ("-" for one purchase day), value at risk and reason.
    /// </summary>
    /// <returns>The table.</returns>
    public override string ToString()
    {
        var table = new TextTable(("customer", true), ("was", true), ("now", true), ("days quiet", false), ("gap multiple", false), ("value at risk", false), ("reason", true));
        foreach (var w in _rows)
        {
            table.Add(
                w.CustomerId,
                w.PreviousStage.EnglishLabel(),
                w.Stage.EnglishLabel(),
                TextTable.Int(w.DaysSinceLastPurchase),
                double.IsNaN(w.GapMultiple) ? "-" : TextTable.Number(w.GapMultiple, "0.0"),
                TextTable.Amount(w.ValueAtRisk),
                w.Reason);
        }

        return table.Render(Guard.Format(
            $"Early warning {Since:yyyy-MM-dd} -> {AsOf:yyyy-MM-dd}: {TextTable.Int(_rows.Length)} of {TextTable.Int(ActiveCustomers)} active customers went quiet"));
    }
}
