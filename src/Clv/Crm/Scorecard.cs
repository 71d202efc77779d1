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
    private readonly Parts _parts;
    private readonly ScorecardColumn[] _columns;

    private Scorecard(Parts parts, ScorecardColumn[] columns, DateOnly asOf, int clvYears)
    {
        _parts = parts;
        _columns = columns;
        AsOf = asOf;
        ClvYears = clvYears;
        Rows = new RowList(parts);
    }

    /// <summary>One row per customer, in the order of the summaries.</summary>
    /// <remarks>
    /// The scorecard keeps one array per part (column by column), and a row is assembled from them when it is read. To export
    /// every cell, read by column and position (<see cref="ScorecardColumn.GetNumber(int)"/> and the like), which builds no row.
    /// </remarks>
    public IReadOnlyList<ScorecardRow> Rows { get; }

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
    /// <param name="customHealthSignals">Raw values of the custom health signals declared in <see cref="HealthScoreOptions.CustomSignals"/>, by name, each aligned with <paramref name="customers"/> (as <see cref="HealthSignals.Create"/> takes them); null for none. Needs <see cref="ScorecardOptions.Health"/>.</param>
    /// <param name="options">The parts and their settings; <see cref="ScorecardOptions.Default"/> when null.</param>
    /// <returns>The scorecard.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> is null.</exception>
    /// <exception cref="ArgumentException">A part depends on one that is left out, a segment map's score count differs from the RFM options', RFM is configured and no customer has a purchase, a custom signal is not declared or has the wrong length, or custom signals are passed while <see cref="ScorecardOptions.Health"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static Scorecard Create(CustomerSummaries customers, IReadOnlyDictionary<string, double[]>? customHealthSignals, ScorecardOptions? options)
    {
        ArgumentNullException.ThrowIfNull(customers);
        options = (options ?? ScorecardOptions.Default).Validate();
        if (options.Health is null && customHealthSignals is { Count: > 0 })
        {
            // Values for a part that is left out would be dropped without a word, as a part without the one it needs is not.
            ThrowHelper.Argument(nameof(customHealthSignals), Guard.Format(
                $"customHealthSignals has values ({string.Join(", ", customHealthSignals.Keys)}) but options.Health is null: set health options declaring them in CustomSignals, or pass null."));
        }

        var parts = new Parts(customers.AsSpan());

        // The RFM part and the lifecycle part (with its warnings) need nothing from the others: they run beside the models,
        // value and health parts, each writing only its own arrays. A failure is reported as the sequential order would:
        // RFM's first, then the lifecycle's, then the rest's.
        var rfm = Task.Run(() => AddRfm(customers, options, parts));
        var lifecycle = Task.Run(() => AddLifecycle(customers, options, parts));
        Exception? rest = null;
        try
        {
            double[]? alive = options.Purchases?.ProbabilityAlive(customers);
            AddModels(customers, options, alive, parts);
            AddValue(customers, options, parts);
            AddHealth(customers, customHealthSignals, options, alive, parts);
        }
        catch (Exception e)
        {
            rest = e;
        }

        Exception? first = null;
        foreach (var part in (Task[])[rfm, lifecycle])
        {
            try
            {
                part.GetAwaiter().GetResult();
            }
            catch (Exception e)
            {
                first ??= e;
            }
        }

        if ((first ?? rest) is { } failure)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }

        int years = parts.ByYear?.PeriodCount ?? 0;
        return new Scorecard(parts, ColumnsFor(options, parts, years), customers.ObservationEnd, years);
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
            for (int i = 0; i < _parts.Count; i++)
            {
                filled += column.HasValue(i) ? 1 : 0;
            }

            table.Add(column.Name, column.Kind.ToString().ToLowerInvariant(), TextTable.Int(filled));
        }

        return table.Render(Guard.Format($"Scorecard as of {TextTable.Date(AsOf)}: {TextTable.Int(_parts.Count)} customers, {TextTable.Int(_columns.Length)} columns"));
    }

    private static void AddRfm(CustomerSummaries customers, ScorecardOptions options, Parts parts)
    {
        if (options.Rfm is null)
        {
            return;
        }

        var scores = options.RfmCutPoints is { } cuts ? cuts.Score(customers) : RfmScorer.Score(customers, options.Rfm);
        parts.Rfm = scores;
        parts.Segments = options.Segments?.Assign(scores.AsSpan());
        parts.Tiers = options.ValueTiers?.Assign(scores.AsSpan());
    }

    private static void AddLifecycle(CustomerSummaries customers, ScorecardOptions options, Parts parts)
    {
        if (options.Lifecycle is not { } policy)
        {
            return;
        }

        var asOf = customers.ObservationEnd;
        parts.Stages = policy.Classify(customers, asOf);
        if (options.ChurnWarningDays is not { } days || !HasAnyPurchase(customers))
        {
            return;
        }

        var since = DateOnly.FromDayNumber(Math.Max(LifecycleDates.FirstDay(customers).DayNumber, asOf.DayNumber - days));
        var warnings = new string?[customers.Count];
        EarlyWarningReport.Reasons(policy, customers, since, asOf, warnings);
        parts.Warnings = warnings;
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

    private static void AddModels(CustomerSummaries customers, ScorecardOptions options, double[]? alive, Parts parts)
    {
        var horizon = options.Horizon;
        if (options.Purchases is { } purchases && alive is not null)
        {
            double time = horizon.Period.ConvertTo(horizon.Periods, purchases.TimeUnit);
            parts.Alive = alive;
            parts.Expected = purchases.ConditionalExpectedPurchases(customers, time);
        }

        if (options.Spend is { } spend)
        {
            parts.Spend = spend.ConditionalExpectedSpend(customers);
        }

        if (options.Purchases is null || options.Spend is null)
        {
            return;
        }

        parts.Clv = PredictiveClv.Compute(options.Purchases, options.Spend, customers, horizon);

        // PredictiveClv.ValueAtRisk to the bit, from the CLV and P(alive) already computed instead of both again.
        var span = customers.AsSpan();
        var atRisk = new double[span.Length];
        for (int i = 0; i < atRisk.Length; i++)
        {
            atRisk[i] = PredictiveClv.AtRisk(parts.Clv[i], span[i].HasPurchase, alive![i]);
        }

        parts.AtRisk = atRisk;
        int perYear = PeriodsPerYear(horizon.Period);
        parts.ByYear = perYear > 0 ? ClvByPeriod.Compute(options.Purchases, options.Spend, customers, horizon, perYear) : null;
    }

    /// <summary>Periods of the horizon per year: 12 for months, 1 for years, 0 (no CLV by year) for days and weeks, which do not make whole years.</summary>
    private static int PeriodsPerYear(TimeUnit period) => period switch
    {
        TimeUnit.Month => 12,
        TimeUnit.Year => 1,
        _ => 0,
    };

    private static void AddValue(CustomerSummaries customers, ScorecardOptions options, Parts parts)
    {
        double[]? historical = options.HistoricalValue is { } h ? Valuation.HistoricalValue.Compute(customers, h, "options.HistoricalValue") : null;
        parts.Historical = historical;
        if (options.Abc is null)
        {
            return;
        }

        var basis = options.AbcBasis == AbcBasis.Clv ? parts.Clv! : historical!;
        parts.Abc = AbcClassification.Classify(basis, options.Abc);
    }

    /// <summary>Each configured part's results, one array per part; a row is assembled from them when it is read.</summary>
    private sealed class Parts
    {
        public Parts(ReadOnlySpan<CustomerSummary> customers)
        {
            // Ids packed by the summaries stay packed (a string is made when a row or cell is read).
            Ids = IdColumn.From(customers);
            DaysSinceLastPurchase = new int?[customers.Length];
            for (int i = 0; i < customers.Length; i++)
            {
                DaysSinceLastPurchase[i] = customers[i].DaysSinceLastPurchase;
            }
        }

        public int Count => Ids.Count;

        public IdColumn Ids { get; }

        public int?[] DaysSinceLastPurchase { get; }

        public RfmScores? Rfm { get; set; }

        public RfmSegment[]? Segments { get; set; }

        public RfmSegment[]? Tiers { get; set; }

        public LifecycleStage[]? Stages { get; set; }

        public string?[]? Warnings { get; set; }

        public double[]? Historical { get; set; }

        public AbcClass[]? Abc { get; set; }

        public double[]? Alive { get; set; }

        public double[]? Expected { get; set; }

        public double[]? Spend { get; set; }

        public double[]? Clv { get; set; }

        public double[]? AtRisk { get; set; }

        public ClvByPeriod? ByYear { get; set; }

        public CustomerHealth[]? HealthParts { get; set; }

        /// <summary>The RFM score of a customer who has one (not a lead); null otherwise or when RFM is not configured.</summary>
        public RfmScore? Scored(int i) => Rfm is not null && Rfm[i] is { IsLead: false } score ? score : null;

        public double? Health(int i) => HealthParts is null || double.IsNaN(HealthParts[i].Score) ? null : HealthParts[i].Score;

        public ScorecardRow Row(int i)
        {
            var h = HealthParts is null ? default(CustomerHealth?) : HealthParts[i];
            return new ScorecardRow
            {
                CustomerId = Ids[i],
                DaysSinceLastPurchase = DaysSinceLastPurchase[i],
                Rfm = Rfm is null ? null : Rfm[i],
                Segment = Segments?[i],
                ValueTier = Tiers?[i],
                Stage = Stages is null ? null : Stages[i],
                ChurnWarning = Warnings?[i],
                HistoricalValue = Historical is null ? null : Historical[i],
                Abc = Abc is null ? null : Abc[i],
                AliveProbability = Expected is null ? null : Alive![i],
                ExpectedPurchases = Expected is null ? null : Expected[i],
                ExpectedSpendPerPurchase = Spend is null ? null : Spend[i],
                Clv = Clv is null ? null : Clv[i],
                ValueAtRisk = AtRisk is null ? null : AtRisk[i],
                ClvByYear = ByYear is null ? null : Array.AsReadOnly(ByYear.Row(i).ToArray()),
                HealthScore = Health(i),
                HealthBand = h?.Band,
                HealthReason = h?.Reason,
                HealthWeakest = h?.Weakest,
            };
        }
    }

    /// <summary>The rows, each assembled from the parts when read.</summary>
    private sealed class RowList(Parts parts) : IReadOnlyList<ScorecardRow>
    {
        public int Count => parts.Count;

        public ScorecardRow this[int index] => (uint)index < (uint)parts.Count
            ? parts.Row(index)
            : throw new ArgumentOutOfRangeException(nameof(index), index, Guard.Format($"The scorecard has {parts.Count} rows."));

        public IEnumerator<ScorecardRow> GetEnumerator()
        {
            for (int i = 0; i < parts.Count; i++)
            {
                yield return parts.Row(i);
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
