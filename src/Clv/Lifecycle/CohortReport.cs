using Clv.Internal;

namespace Clv.Lifecycle;

/// <summary>
/// Customers grouped by the calendar period of their first purchase (the cohort) against whole periods since it:
/// per cell the number and share of the cohort who bought in that period, and the gross spend they brought.
/// <see cref="Rows"/> hold every cell of every non-empty cohort; the matrix accessors (<see cref="ActiveCustomers"/>,
/// <see cref="RetentionShare"/>, <see cref="Spend"/>) address a cell by cohort and periods since. Immutable; built by
/// <see cref="Create(CustomerSummaries, CohortPeriod)"/>.
/// </summary>
/// <remarks>
/// <para>Period 0 is the cohort's own period, so its retention share is 1. A cohort has a cell for every period up
/// to the one containing the report's <see cref="Through"/> date; that last period may be partial. Spend is gross:
/// the sum of purchase amounts (refunds are not dated per purchase and are not deducted).</para>
/// <para>The report uses every purchase day of the summaries up to <see cref="Through"/>, calibration and holdout alike.
/// Customers first seen after the summaries' observation end are not summarised, so for complete cohorts build the
/// summaries with the observation end at the last date of the data.</para>
/// </remarks>
public sealed class CohortReport
{
    private readonly DateOnly[] _starts;
    private readonly int[] _sizes;
    private readonly int[] _offsets;
    private readonly int[] _active;
    private readonly double[] _spend;
    private readonly CohortRow[] _rows;

    private CohortReport(CohortPeriod period, DateOnly through, DateOnly[] starts, int[] sizes, int[] offsets, int[] active, double[] spend)
    {
        Period = period;
        Through = through;
        _starts = starts;
        _sizes = sizes;
        _offsets = offsets;
        _active = active;
        _spend = spend;
        var rows = new List<CohortRow>(active.Length);
        for (int c = 0; c < starts.Length; c++)
        {
            if (sizes[c] == 0)
            {
                continue;
            }

            int first = PeriodIndex(starts[c], period);
            for (int k = 0; k < starts.Length - c; k++)
            {
                int cell = offsets[c] + k;
                rows.Add(new CohortRow(starts[c], k, PeriodStart(first + k, period), sizes[c], active[cell], active[cell] / (double)sizes[c], spend[cell]));
            }
        }

        _rows = [.. rows];
    }

    /// <summary>Every cell of every non-empty cohort: by cohort (earliest first), then by periods since.</summary>
    public IReadOnlyList<CohortRow> Rows => _rows;

    /// <summary>The period of cohorts and columns.</summary>
    public CohortPeriod Period { get; }

    /// <summary>The last day included.</summary>
    public DateOnly Through { get; }

    /// <summary>Number of cohorts in the matrix, from the earliest first-purchase period, including empty periods in between (which have no <see cref="Rows"/>).</summary>
    public int CohortCount => _starts.Length;

    /// <summary>The first day of cohort <paramref name="cohort"/>'s period.</summary>
    /// <param name="cohort">Position of the cohort, 0 for the earliest.</param>
    /// <returns>The first day of the period.</returns>
    public DateOnly CohortStart(int cohort) => _starts[CheckCohort(cohort)];

    /// <summary>Number of customers whose first purchase falls in cohort <paramref name="cohort"/>'s period.</summary>
    /// <param name="cohort">Position of the cohort.</param>
    /// <returns>The cohort size.</returns>
    public int CohortSize(int cohort) => _sizes[CheckCohort(cohort)];

    /// <summary>Number of periods observed for the cohort (its own period up to the one containing <see cref="Through"/>).</summary>
    /// <param name="cohort">Position of the cohort.</param>
    /// <returns>The number of cells in the cohort's row.</returns>
    public int PeriodCount(int cohort)
    {
        CheckCohort(cohort);
        return _starts.Length - cohort;
    }

    /// <summary>Customers of the cohort with at least one purchase day in the period <paramref name="periodsSince"/> periods after the cohort's.</summary>
    /// <param name="cohort">Position of the cohort.</param>
    /// <param name="periodsSince">Periods since the cohort's period, from 0 to <see cref="PeriodCount"/> - 1.</param>
    /// <returns>The number of active customers.</returns>
    public int ActiveCustomers(int cohort, int periodsSince) => Cell(cohort, periodsSince) is int cell and >= 0 ? _active[cell] : 0;

    /// <summary>Retention share: <see cref="ActiveCustomers"/> divided by <see cref="CohortSize"/> (NaN for an empty cohort).</summary>
    /// <param name="cohort">Position of the cohort.</param>
    /// <param name="periodsSince">Periods since the cohort's period.</param>
    /// <returns>The share in [0, 1].</returns>
    public double RetentionShare(int cohort, int periodsSince)
    {
        int cell = Cell(cohort, periodsSince);
        return cell < 0 ? double.NaN : _active[cell] / (double)_sizes[cohort];
    }

    /// <summary>Gross spend (purchase amounts) of the cohort's customers in the period <paramref name="periodsSince"/> periods after the cohort's.</summary>
    /// <param name="cohort">Position of the cohort.</param>
    /// <param name="periodsSince">Periods since the cohort's period.</param>
    /// <returns>The spend.</returns>
    public double Spend(int cohort, int periodsSince) => Cell(cohort, periodsSince) is int cell and >= 0 ? _spend[cell] : 0;

    /// <summary>Builds the report through the summaries' holdout end.</summary>
    /// <param name="customers">The summaries.</param>
    /// <param name="period">Months or quarters.</param>
    /// <returns>The report (no cohorts when nobody bought).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is undefined.</exception>
    public static CohortReport Create(CustomerSummaries customers, CohortPeriod period)
    {
        ArgumentNullException.ThrowIfNull(customers);
        return Create(customers, period, customers.HoldoutEnd);
    }

    /// <summary>Builds the report from purchase days up to <paramref name="through"/>.</summary>
    /// <param name="customers">The summaries.</param>
    /// <param name="period">Months or quarters.</param>
    /// <param name="through">The last day included, at most the summaries' holdout end.</param>
    /// <returns>The report (no cohorts when nobody bought by <paramref name="through"/>).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is undefined, or <paramref name="through"/> is after the summaries' holdout end.</exception>
    public static CohortReport Create(CustomerSummaries customers, CohortPeriod period, DateOnly through)
    {
        ArgumentNullException.ThrowIfNull(customers);
        if (period is not (CohortPeriod.Month or CohortPeriod.Quarter))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(period), period, Guard.Format($"period must be Month or Quarter, but was {(int)period}."));
        }

        if (through > customers.HoldoutEnd)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(through), through, Guard.Format(
                $"through ({through:yyyy-MM-dd}) is after the summaries' holdout end ({customers.HoldoutEnd:yyyy-MM-dd}): no data is available for it."));
        }

        int end = through.DayNumber;
        int last = PeriodIndex(through, period);
        int first = int.MaxValue;
        for (int i = 0; i < customers.Count; i++)
        {
            var days = customers.PurchaseDayNumbers(i);
            if (days.Length > 0 && days[0] <= end)
            {
                first = Math.Min(first, PeriodIndex(DateOnly.FromDayNumber(days[0]), period));
            }
        }

        if (first == int.MaxValue)
        {
            return new CohortReport(period, through, [], [], [0], [], []);
        }

        int cohorts = last - first + 1;
        var starts = new DateOnly[cohorts];
        var sizes = new int[cohorts];
        for (int i = 0; i < customers.Count; i++)
        {
            var days = customers.PurchaseDayNumbers(i);
            if (days.Length > 0 && days[0] <= end)
            {
                sizes[PeriodIndex(DateOnly.FromDayNumber(days[0]), period) - first]++;
            }
        }

        // Cells are stored for non-empty cohorts only: one early placeholder date (0001-01-01) makes 24,000 monthly cohorts,
        // nearly all empty, whose 295 million cells would otherwise take gigabytes.
        var offsets = new int[cohorts + 1];
        for (int c = 0; c < cohorts; c++)
        {
            starts[c] = PeriodStart(first + c, period);
            offsets[c + 1] = offsets[c] + (sizes[c] > 0 ? cohorts - c : 0);
        }

        var active = new int[offsets[cohorts]];
        var spend = new double[offsets[cohorts]];
        var spendError = new double[offsets[cohorts]];   // the rounding errors of spend (ExactSum): the same sums in any customer order
        for (int i = 0; i < customers.Count; i++)
        {
            var days = customers.PurchaseDayNumbers(i);
            if (days.Length == 0 || days[0] > end)
            {
                continue;
            }

            var amounts = customers.PurchaseDayAmounts(i);
            int cohort = PeriodIndex(DateOnly.FromDayNumber(days[0]), period) - first;
            int previous = -1;
            for (int k = 0; k < days.Length && days[k] <= end; k++)
            {
                int since = PeriodIndex(DateOnly.FromDayNumber(days[k]), period) - first - cohort;
                int cell = offsets[cohort] + since;
                spendError[cell] += ExactSum.Add(ref spend[cell], amounts[k]);
                if (since != previous)
                {
                    active[cell]++;
                    previous = since;
                }
            }
        }

        for (int cell = 0; cell < spend.Length; cell++)
        {
            spend[cell] = ExactSum.Round(spend[cell], spendError[cell]);
        }

        return new CohortReport(period, through, starts, sizes, offsets, active, spend);
    }

    /// <summary>
    /// The report as a fixed-width table (invariant culture): a title line, then one line per row with the cohort,
    /// periods since, the period's first day, cohort size, active customers, retention share and spend.
    /// </summary>
    /// <returns>The table.</returns>
    public override string ToString()
    {
        var table = new TextTable(("cohort", true), ("since", false), ("period", true), ("size", false), ("active", false), ("retention", false), ("spend", false));
        foreach (var row in _rows)
        {
            table.Add(
                TextTable.Date(row.CohortStart),
                TextTable.Int(row.PeriodsSince),
                TextTable.Date(row.PeriodStart),
                TextTable.Int(row.CohortSize),
                TextTable.Int(row.ActiveCustomers),
                TextTable.Share(row.RetentionShare),
                TextTable.Amount(row.Spend));
        }

        string unit = Period == CohortPeriod.Month ? "month" : "quarter";
        return table.Render(Guard.Format($"Cohorts by first-purchase {unit} through {Through:yyyy-MM-dd}: {TextTable.Int(_rows.Length)} cells"));
    }

    private static int PeriodIndex(DateOnly date, CohortPeriod period) =>
        period == CohortPeriod.Month ? (date.Year * 12) + date.Month - 1 : (date.Year * 4) + ((date.Month - 1) / 3);

    private static DateOnly PeriodStart(int index, CohortPeriod period) =>
        period == CohortPeriod.Month ? new DateOnly(index / 12, (index % 12) + 1, 1) : new DateOnly(index / 4, ((index % 4) * 3) + 1, 1);

    private int CheckCohort(int cohort)
    {
        if ((uint)cohort >= (uint)_starts.Length)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(cohort), cohort, Guard.Format($"cohort must be between 0 and {_starts.Length - 1}, but was {cohort}."));
        }

        return cohort;
    }

    /// <summary>The stored cell of a cohort and period since; -1 for an empty cohort, which stores none.</summary>
    private int Cell(int cohort, int periodsSince)
    {
        CheckCohort(cohort);
        int length = _starts.Length - cohort;
        if ((uint)periodsSince >= (uint)length)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(periodsSince), periodsSince, Guard.Format($"periodsSince must be between 0 and {length - 1} for cohort {cohort}, but was {periodsSince}."));
        }

        return _sizes[cohort] == 0 ? -1 : _offsets[cohort] + periodsSince;
    }
}
