using Clv.Internal;
using Clv.Lifecycle;
using Clv.Probabilistic;
using Clv.Rfm;
using Clv.Valuation;

namespace Clv.Crm;

/// <summary>
/// The per-customer scorecard a CRM imports as fields: one row per customer, in the summaries' order, with every score the
/// configured parts give (RFM scores, code and segment, value tier, lifecycle stage, days since the last purchase, churn
/// warning, historical value and ABC class, P(alive), expected purchases and spend, CLV in total and by year, value at risk,
/// health score and band). Immutable; built by <see cref="Create(CustomerSummaries, ScorecardOptions?)"/>.
/// </summary>
/// <remarks>
/// Each value is the library's own result for the customer, computed by the part's entry point (<see cref="RfmScorer"/>,
/// <see cref="SegmentMap.Assign(RfmScore)"/>, <see cref="LifecyclePolicy"/>, <see cref="EarlyWarningReport"/>,
/// <see cref="Valuation.HistoricalValue"/>, <see cref="AbcClassification"/>, <see cref="PurchaseModel"/>,
/// <see cref="GammaGammaModel"/>, <see cref="PredictiveClv"/>, <see cref="ClvByPeriod"/>, <see cref="HealthScore"/>), all as of
/// the summaries' observation end. <see cref="Columns"/> lists the columns of the configured parts, in a fixed order, with
/// stable snake_case names; a part that is not configured has no column (see the README's data dictionary).
/// </remarks>
public sealed partial class Scorecard
{
    private readonly ScorecardRow[] _rows;
    private readonly ScorecardColumn[] _columns;

    private Scorecard(ScorecardRow[] rows, ScorecardColumn[] columns, DateOnly asOf, int clvYears)
    {
        _rows = rows;
        _columns = columns;
        AsOf = asOf;
        ClvYears = clvYears;
    }

    /// <summary>One row per customer, in the order of the summaries.</summary>
    public IReadOnlyList<ScorecardRow> Rows => _rows;

    /// <summary>The columns of the configured parts, in the order writers use: <c>customer_id</c> first.</summary>
    public IReadOnlyList<ScorecardColumn> Columns => _columns;

    /// <summary>The date every score is as of: the summaries' observation end.</summary>
    public DateOnly AsOf { get; }

    /// <summary>The number of CLV-by-year columns (<c>clv_year_1</c> ...); 0 when CLV by year is not given.</summary>
    public int ClvYears { get; }

    /// <summary>The scorecard of every customer.</summary>
    /// <param name="customers">The summaries; every score is as of their observation end.</param>
    /// <param name="options">The parts and their settings; <see cref="ScorecardOptions.Default"/> when null.</param>
    /// <returns>The scorecard.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> is null.</exception>
    /// <exception cref="ArgumentException">A part depends on one that is left out, a segment map's score count differs from the RFM options', or RFM is configured and no customer has a purchase.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static Scorecard Create(CustomerSummaries customers, ScorecardOptions? options) => Create(customers, null, options);

    /// <summary>The scorecard of every customer, with user-supplied health signals.</summary>
    /// <param name="customers">The summaries; every score is as of their observation end.</param>
    /// <param name="customHealthSignals">Raw values of the custom health signals declared in <see cref="HealthScoreOptions.CustomSignals"/>, by name, each aligned with <paramref name="customers"/> (as <see cref="HealthSignals.Create"/> takes them); null for none.</param>
    /// <param name="options">The parts and their settings; <see cref="ScorecardOptions.Default"/> when null.</param>
    /// <returns>The scorecard.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> is null.</exception>
    /// <exception cref="ArgumentException">A part depends on one that is left out, a segment map's score count differs from the RFM options', RFM is configured and no customer has a purchase, or a custom signal is not declared or has the wrong length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static Scorecard Create(CustomerSummaries customers, IReadOnlyDictionary<string, double[]>? customHealthSignals, ScorecardOptions? options)
    {
        ArgumentNullException.ThrowIfNull(customers);
        options = (options ?? ScorecardOptions.Default).Validate();
        int n = customers.Count;
        var summaries = customers.AsSpan();
        var rows = new ScorecardRow[n];
        for (int i = 0; i < n; i++)
        {
            rows[i] = new ScorecardRow { CustomerId = summaries[i].CustomerId, DaysSinceLastPurchase = summaries[i].DaysSinceLastPurchase };
        }

        AddRfm(customers, options, rows);
        AddLifecycle(customers, options, rows);
        double[]? alive = options.Purchases?.ProbabilityAlive(customers);
        var (clv, clvByYear) = AddModels(customers, options, alive, rows);
        AddValue(customers, options, clv, rows);
        AddHealth(customers, customHealthSignals, options, alive, rows);
        int years = clvByYear?.PeriodCount ?? 0;
        return new Scorecard(rows, ColumnsFor(options, years), customers.ObservationEnd, years);
    }

    /// <summary>
    /// A summary of the columns as a fixed-width table (invariant culture): a title line with the date and the number of
    /// customers, then one line per column with its name, type and how many customers have a value in it.
    /// </summary>
    /// <returns>The table.</returns>
    public override string ToString()
    {
        var table = new TextTable(("column", true), ("type", true), ("filled", false));
        foreach (var column in _columns)
        {
            int filled = 0;
            foreach (var row in _rows)
            {
                filled += column.HasValue(row) ? 1 : 0;
            }

            table.Add(column.Name, column.Kind.ToString().ToLowerInvariant(), TextTable.Int(filled));
        }

        return table.Render(Guard.Format($"Scorecard as of {TextTable.Date(AsOf)}: {TextTable.Int(_rows.Length)} customers, {TextTable.Int(_columns.Length)} columns"));
    }

    private static void AddRfm(CustomerSummaries customers, ScorecardOptions options, ScorecardRow[] rows)
    {
        if (options.Rfm is null)
        {
            return;
        }

        var scores = options.RfmCutPoints is { } cuts ? cuts.Score(customers) : RfmScorer.Score(customers, options.Rfm);
        var segments = options.Segments?.Assign(scores.AsSpan());
        var tiers = options.ValueTiers?.Assign(scores.AsSpan());
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = rows[i] with { Rfm = scores[i], Segment = segments?[i], ValueTier = tiers?[i] };
        }
    }

    private static void AddLifecycle(CustomerSummaries customers, ScorecardOptions options, ScorecardRow[] rows)
    {
        if (options.Lifecycle is not { } policy)
        {
            return;
        }

        var asOf = customers.ObservationEnd;
        var stages = policy.Classify(customers, asOf);
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = rows[i] with { Stage = stages[i] };
        }

        if (options.ChurnWarningDays is not { } days || !HasAnyPurchase(customers))
        {
            return;
        }

        var since = DateOnly.FromDayNumber(Math.Max(LifecycleDates.FirstDay(customers).DayNumber, asOf.DayNumber - days));
        foreach (var warning in EarlyWarningReport.Create(policy, customers, since, asOf).Rows)
        {
            rows[warning.CustomerIndex] = rows[warning.CustomerIndex] with { ChurnWarning = warning.Reason };
        }
    }

    private static bool HasAnyPurchase(CustomerSummaries customers)
    {
        foreach (ref readonly var c in customers.AsSpan())
        {
            if (c.HasPurchase)
            {
                return true;
            }
        }

        return false;
    }

    private static (double[]? Clv, ClvByPeriod? ByYear) AddModels(CustomerSummaries customers, ScorecardOptions options, double[]? alive, ScorecardRow[] rows)
    {
        var horizon = options.Horizon;
        if (options.Purchases is { } purchases && alive is not null)
        {
            double time = horizon.Period.ConvertTo(horizon.Periods, purchases.TimeUnit);
            var expected = purchases.ConditionalExpectedPurchases(customers, time);
            for (int i = 0; i < rows.Length; i++)
            {
                rows[i] = rows[i] with { AliveProbability = alive[i], ExpectedPurchases = expected[i] };
            }
        }

        if (options.Spend is { } spend)
        {
            var perPurchase = spend.ConditionalExpectedSpend(customers);
            for (int i = 0; i < rows.Length; i++)
            {
                rows[i] = rows[i] with { ExpectedSpendPerPurchase = perPurchase[i] };
            }
        }

        if (options.Purchases is null || options.Spend is null)
        {
            return (null, null);
        }

        var clv = PredictiveClv.Compute(options.Purchases, options.Spend, customers, horizon);
        var atRisk = PredictiveClv.ValueAtRisk(options.Purchases, options.Spend, customers, horizon);
        int perYear = PeriodsPerYear(horizon.Period);
        var byYear = perYear > 0 ? ClvByPeriod.Compute(options.Purchases, options.Spend, customers, horizon).Grouped(perYear) : null;
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = rows[i] with { Clv = clv[i], ValueAtRisk = atRisk[i], ClvByYear = byYear is null ? null : Array.AsReadOnly(byYear.Row(i).ToArray()) };
        }

        return (clv, byYear);
    }

    /// <summary>Periods of the horizon per year: 12 for months, 1 for years, 0 (no CLV by year) for days and weeks, which do not make whole years.</summary>
    private static int PeriodsPerYear(TimeUnit period) => period switch
    {
        TimeUnit.Month => 12,
        TimeUnit.Year => 1,
        _ => 0,
    };

    private static void AddValue(CustomerSummaries customers, ScorecardOptions options, double[]? clv, ScorecardRow[] rows)
    {
        double[]? historical = options.HistoricalValue is { } h ? Valuation.HistoricalValue.Compute(customers, h) : null;
        if (historical is not null)
        {
            for (int i = 0; i < rows.Length; i++)
            {
                rows[i] = rows[i] with { HistoricalValue = historical[i] };
            }
        }

        if (options.Abc is null)
        {
            return;
        }

        var basis = options.AbcBasis == AbcBasis.Clv ? clv! : historical!;
        var classes = AbcClassification.Classify(basis, options.Abc);
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = rows[i] with { Abc = classes[i] };
        }
    }

    private static void AddHealth(CustomerSummaries customers, IReadOnlyDictionary<string, double[]>? customSignals, ScorecardOptions options, double[]? alive, ScorecardRow[] rows)
    {
        if (options.Health is null)
        {
            return;
        }

        var health = HealthScore.Score(HealthSignals.Create(customers, alive ?? [], customSignals, options.Health));
        for (int i = 0; i < rows.Length; i++)
        {
            var h = health[i];
            rows[i] = rows[i] with
            {
                HealthScore = double.IsNaN(h.Score) ? null : h.Score,
                HealthBand = h.Band,
                HealthReason = h.Reason,
                HealthWeakest = h.Weakest,
            };
        }
    }
}
