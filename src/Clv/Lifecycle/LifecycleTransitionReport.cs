using System.Runtime.CompilerServices;
using Clv.Internal;

namespace Clv.Lifecycle;

/// <summary>
/// Stages of the same customers at two dates: the migration matrix (as <see cref="Rows"/> of non-empty cells, and
/// as counts and row shares by stage) and lifecycle KPIs. Immutable; built by
/// <see cref="Create(LifecyclePolicy, CustomerSummaries, DateOnly, DateOnly)"/>.
/// </summary>
/// <remarks>
/// <para>The population is every customer of the summaries, and each side of the matrix adds up to
/// <see cref="Population"/>. Both dates may be any dates of the data (see <see cref="LifecyclePolicy"/>): before the
/// observation end, customers whose first purchase day is later are <see cref="LifecycleStage.NotYetAcquired"/>.
/// They are in the matrix but in no KPI's base: the KPIs describe the customers acquired (or known, for
/// <see cref="ActivationRate"/>) at <see cref="From"/>.</para>
/// <para>"Active" means <see cref="LifecycleStage.New"/>, <see cref="LifecycleStage.Growing"/>, <see cref="LifecycleStage.Mature"/>
/// or <see cref="LifecycleStage.Reactivated"/> (<see cref="LifecycleStageExtensions.IsActive"/>). Every rate is a share
/// in [0, 1], NaN when its base is empty.</para>
/// <para>Customers active at <see cref="From"/> split into <see cref="RetentionRate"/> (active at <see cref="To"/>),
/// <see cref="AtRiskRate"/> (dormant at <see cref="To"/>) and <see cref="ChurnRate"/> (churned at <see cref="To"/>),
/// which add up to 1.</para>
/// <para>Stages come from purchases alone (no <see cref="CustomerEngagement"/>), as in <see cref="LifecycleHistoryReport"/>.</para>
/// </remarks>
public sealed class LifecycleTransitionReport
{
    private const int K = LifecycleStageExtensions.StageCount;
    private readonly int[] _counts;
    private readonly int[] _fromCounts;
    private readonly int[] _toCounts;
    private readonly LifecycleTransitionRow[] _rows;

    private LifecycleTransitionReport(DateOnly from, DateOnly to, int[] counts, int population)
    {
        From = from;
        To = to;
        _counts = counts;
        Population = population;
        _fromCounts = new int[K];
        _toCounts = new int[K];
        for (int a = 0; a < K; a++)
        {
            for (int b = 0; b < K; b++)
            {
                _fromCounts[a] += counts[(a * K) + b];
                _toCounts[b] += counts[(a * K) + b];
            }
        }

        var rows = new List<LifecycleTransitionRow>();
        for (int a = 0; a < K; a++)
        {
            for (int b = 0; b < K; b++)
            {
                int c = counts[(a * K) + b];
                if (c > 0)
                {
                    rows.Add(new LifecycleTransitionRow((LifecycleStage)a, (LifecycleStage)b, c, c / (double)_fromCounts[a]));
                }
            }
        }

        _rows = [.. rows];
    }

    /// <summary>The non-empty cells of the migration matrix, by stage at <see cref="From"/> then stage at <see cref="To"/> (stage values ascending).</summary>
    public IReadOnlyList<LifecycleTransitionRow> Rows => _rows;

    /// <summary>The first date.</summary>
    public DateOnly From { get; }

    /// <summary>The second date.</summary>
    public DateOnly To { get; }

    /// <summary>Number of customers: the sum of the matrix, of each row total and of each column total.</summary>
    public int Population { get; }

    /// <summary>Of the customers active at <see cref="From"/>, the share active at <see cref="To"/>.</summary>
    public double RetentionRate { get; private init; }

    /// <summary>Of the customers active at <see cref="From"/>, the share <see cref="LifecycleStage.Dormant"/> at <see cref="To"/>.</summary>
    public double AtRiskRate { get; private init; }

    /// <summary>Of the customers active at <see cref="From"/>, the share <see cref="LifecycleStage.Churned"/> at <see cref="To"/>.</summary>
    public double ChurnRate { get; private init; }

    /// <summary>Of the customers with a purchase up to <see cref="From"/> (buyers), the share with a purchase day after <see cref="From"/> and up to <see cref="To"/>.</summary>
    public double RepurchaseRate { get; private init; }

    /// <summary>Of the <see cref="LifecycleStage.Lead"/> customers at <see cref="From"/>, the share who made a first purchase by <see cref="To"/> (lead to new).</summary>
    public double ActivationRate { get; private init; }

    /// <summary>Of the customers <see cref="LifecycleStage.Dormant"/> or <see cref="LifecycleStage.Churned"/> at <see cref="From"/>, the share active at <see cref="To"/>.</summary>
    public double ReactivationRate { get; private init; }

    /// <summary>The top share of buyers defining the high-value group (0.2 by default).</summary>
    public double HighValueShare { get; private init; }

    /// <summary>Size of the high-value group: ceil(<see cref="HighValueShare"/> x buyers at <see cref="From"/>).</summary>
    public int HighValueCustomers { get; private init; }

    /// <summary>
    /// Share of high-value customers covered: of the top <see cref="HighValueShare"/> of buyers at <see cref="From"/>
    /// ranked by historical net spend up to <see cref="From"/> (purchases less recorded refunds; equal net spends by customer id,
    /// ordinal, so the group does not depend on the order of the customers),
    /// the share still active at <see cref="To"/>.
    /// </summary>
    public double HighValueCoverage { get; private init; }

    /// <summary>Customers in <paramref name="from"/> at <see cref="From"/> and in <paramref name="to"/> at <see cref="To"/>.</summary>
    /// <param name="from">Stage at the first date.</param>
    /// <param name="to">Stage at the second date.</param>
    /// <returns>The count.</returns>
    public int Count(LifecycleStage from, LifecycleStage to) => _counts[(Index(from) * K) + Index(to)];

    /// <summary>Row share: of the customers in <paramref name="from"/> at <see cref="From"/>, the share in <paramref name="to"/> at <see cref="To"/> (NaN for an empty row).</summary>
    /// <param name="from">Stage at the first date.</param>
    /// <param name="to">Stage at the second date.</param>
    /// <returns>The share in [0, 1]; each non-empty row sums to 1.</returns>
    public double Share(LifecycleStage from, LifecycleStage to) => Ratio(Count(from, to), FromCount(from));

    /// <summary>Customers in <paramref name="stage"/> at <see cref="From"/> (row total).</summary>
    /// <param name="stage">The stage.</param>
    /// <returns>The count.</returns>
    public int FromCount(LifecycleStage stage) => _fromCounts[Index(stage)];

    /// <summary>Customers in <paramref name="stage"/> at <see cref="To"/> (column total).</summary>
    /// <param name="stage">The stage.</param>
    /// <returns>The count.</returns>
    public int ToCount(LifecycleStage stage) => _toCounts[Index(stage)];

    /// <summary>The migration between two dates, with the top 20% of buyers as the high-value group.</summary>
    /// <param name="policy">The policy.</param>
    /// <param name="customers">The summaries.</param>
    /// <param name="from">The first date, from the first purchase day of the data.</param>
    /// <param name="to">The second date, on or after <paramref name="from"/> and at most the summaries' holdout end.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A date is outside the data's date range, or <paramref name="to"/> is before <paramref name="from"/>.</exception>
    public static LifecycleTransitionReport Create(LifecyclePolicy policy, CustomerSummaries customers, DateOnly from, DateOnly to) =>
        Create(policy, customers, from, to, 0.2);

    /// <summary>The migration between two dates.</summary>
    /// <param name="policy">The policy.</param>
    /// <param name="customers">The summaries.</param>
    /// <param name="from">The first date, from the first purchase day of the data.</param>
    /// <param name="to">The second date, on or after <paramref name="from"/> and at most the summaries' holdout end.</param>
    /// <param name="highValueShare">The top share of buyers (by net spend at <paramref name="from"/>) forming the high-value group, in (0, 1].</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A date is outside the data's date range, <paramref name="to"/> is before <paramref name="from"/>, or <paramref name="highValueShare"/> is outside (0, 1].</exception>
    public static LifecycleTransitionReport Create(LifecyclePolicy policy, CustomerSummaries customers, DateOnly from, DateOnly to, double highValueShare)
    {
        LifecyclePolicy.CheckPeriod(policy, customers, from, to);

        if (!(highValueShare > 0 && highValueShare <= 1))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(highValueShare), highValueShare, Guard.Format($"highValueShare must be in (0, 1], but was {highValueShare}."));
        }

        int count = customers.Count;
        int d1 = from.DayNumber, d2 = to.DayNumber;
        int end = customers.ObservationEnd.DayNumber;
        var unit = customers.TimeUnit;
        var counts = new int[K * K];
        var fromStages = new LifecycleStage[count];
        var toStages = new LifecycleStage[count];
        var value = new double[count];
        var isBuyer = new bool[count];
        var repurchased = new bool[count];

        // Each customer's two stages on both cores (1M customers: the report's longest single loop); the counts after, in
        // index order, so the report is the same on any number of cores.
        Parallelism.For(count, (start, stop) =>
        {
            var summaries = customers.AsSpan();
            for (int i = start; i < stop; i++)
            {
                var all = customers.PurchaseDayNumbers(i);
                int n1 = LifecyclePolicy.CountUpTo(all, LifecyclePolicy.KnownUpTo(summaries[i], d1, end), d1);
                int n2 = LifecyclePolicy.CountUpTo(all, n1, d2);
                fromStages[i] = policy.Classify(all[..n1], d1, default, unit, end);
                toStages[i] = policy.Classify(all[..n2], d2, default, unit, end);
                if (n1 > 0)
                {
                    isBuyer[i] = true;
                    repurchased[i] = n2 > n1;
                    value[i] = NetSpendUpTo(customers, i, n1);
                }
            }
        });

        int buyers = 0, repurchasers = 0;
        for (int i = 0; i < count; i++)
        {
            counts[((int)fromStages[i] * K) + (int)toStages[i]]++;
            buyers += isBuyer[i] ? 1 : 0;
            repurchasers += repurchased[i] ? 1 : 0;
        }

        int active = 0, retained = 0, atRisk = 0, churned = 0, leads = 0, activated = 0, quiet = 0, reactivated = 0;
        for (int i = 0; i < count; i++)
        {
            var s1 = fromStages[i];
            var s2 = toStages[i];
            if (s1.IsActive())
            {
                active++;
                retained += s2.IsActive() ? 1 : 0;
                atRisk += s2 == LifecycleStage.Dormant ? 1 : 0;
                churned += s2 == LifecycleStage.Churned ? 1 : 0;
            }
            else if (s1 == LifecycleStage.Lead)
            {
                leads++;
                activated += s2 != LifecycleStage.Lead ? 1 : 0;
            }
            else if (s1.IsQuiet())
            {
                quiet++;
                reactivated += s2.IsActive() ? 1 : 0;
            }
        }

        // ceil(share x buyers) of the share as written: 7% of 100 buyers is 7, though 0.07 x 100 rounds up to 7.000000000000001.
        double exact = highValueShare * buyers;
        int top = (int)Math.Ceiling(exact - Math.ScaleB(exact, -50));
        int covered = 0;
        if (top > 0)
        {
            var buyer = new int[buyers];
            var values = new double[buyers];
            int w = 0;
            for (int i = 0; i < count; i++)
            {
                if (isBuyer[i])
                {
                    buyer[w] = i;
                    values[w++] = value[i];
                }
            }

            // Highest value first (a linear radix sort at scale; ties in index order), then the buyers who spent the same as the
            // last one in the group and that the group's edge divides put in customer id order: which of them are in the group
            // does not depend on their positions, which a log read without ORDER BY changes (list prices make such ties common).
            var ranks = Ranking.Descending(values);
            double edge = values[ranks[top - 1]];
            int tieFrom = top - 1, tieTo = top;
            while (tieFrom > 0 && values[ranks[tieFrom - 1]] == edge)
            {
                tieFrom--;
            }

            while (tieTo < buyers && values[ranks[tieTo]] == edge)
            {
                tieTo++;
            }

            if (tieTo > top)
            {
                ranks.AsSpan(tieFrom, tieTo - tieFrom).Sort((x, y) => string.CompareOrdinal(customers[buyer[x]].CustomerId, customers[buyer[y]].CustomerId));
            }

            for (int r = 0; r < top; r++)
            {
                covered += toStages[buyer[ranks[r]]].IsActive() ? 1 : 0;
            }
        }

        return new LifecycleTransitionReport(from, to, counts, count)
        {
            RetentionRate = Ratio(retained, active),
            AtRiskRate = Ratio(atRisk, active),
            ChurnRate = Ratio(churned, active),
            RepurchaseRate = Ratio(repurchasers, buyers),
            ActivationRate = Ratio(activated, leads),
            ReactivationRate = Ratio(reactivated, quiet),
            HighValueShare = highValueShare,
            HighValueCustomers = top,
            HighValueCoverage = Ratio(covered, top),
        };
    }

    /// <summary>
    /// The report as a fixed-width table (invariant culture): a title line, one line per non-empty cell (stage at
    /// <see cref="From"/>, stage at <see cref="To"/>, customers, row share), then the KPIs; a rate with no customers to
    /// measure it on (the property is NaN: no leads at <see cref="From"/> for the activation rate) is written <c>n/a</c>.
    /// </summary>
    /// <returns>The table.</returns>
    public override string ToString()
    {
        var table = new TextTable(("from", true), ("to", true), ("customers", false), ("share", false));
        foreach (var row in _rows)
        {
            table.Add(row.FromStage.EnglishLabel(), row.ToStage.EnglishLabel(), TextTable.Int(row.Customers), TextTable.Share(row.Share));
        }

        return table.Render(
            Guard.Format($"Lifecycle transitions {From:yyyy-MM-dd} -> {To:yyyy-MM-dd}, {TextTable.Int(Population)} customers"),
            Guard.Format($"retention {Rate(RetentionRate)}, at risk {Rate(AtRiskRate)}, churn {Rate(ChurnRate)}"),
            Guard.Format($"repurchase {Rate(RepurchaseRate)}, activation {Rate(ActivationRate)}, reactivation {Rate(ReactivationRate)}"),
            Guard.Format($"high-value coverage {Rate(HighValueCoverage)} (top {TextTable.Share(HighValueShare)} of buyers: {TextTable.Int(HighValueCustomers)} customers)"));
    }

    /// <summary>A rate for the text: NaN (no customers to measure it on) as <c>n/a</c>, which reads as what it is.</summary>
    private static string Rate(double rate) => double.IsNaN(rate) ? "n/a" : TextTable.Share(rate);

    /// <summary>
    /// Purchases on the first <paramref name="n"/> purchase days less the refunds recorded up to the observation end
    /// (refunds are a total per customer in the summaries, not dated, so they are subtracted in full at every date).
    /// </summary>
    internal static double NetSpendUpTo(CustomerSummaries customers, int index, int n)
    {
        var amounts = customers.PurchaseDayAmounts(index)[..n];
        double sum = 0;
        for (int k = 0; k < amounts.Length; k++)
        {
            sum += amounts[k];
        }

        return sum - customers[index].Refunds;
    }

    private static double Ratio(int numerator, int denominator) => denominator == 0 ? double.NaN : numerator / (double)denominator;

    private static int Index(LifecycleStage stage, [CallerArgumentExpression(nameof(stage))] string paramName = "")
    {
        int i = (int)stage;
        if ((uint)i >= K)
        {
            ThrowHelper.ArgumentOutOfRange(paramName, stage, Guard.Format($"{paramName} must be a defined LifecycleStage (0 to 7), but was {i}."));
        }

        return i;
    }
}
