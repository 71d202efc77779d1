using Clv.Internal;

namespace Clv.Lifecycle;

/// <summary>
/// Every customer's <see cref="LifecycleStage"/> at a series of dates (typically month ends): the stage counts per
/// date as <see cref="Rows"/> for dashboards and plots, and each customer's stages. Immutable; stored as one byte per
/// customer and date. Built by <see cref="Create"/> or <see cref="CreateAtMonthEnds"/>.
/// </summary>
/// <remarks>Stages come from purchases alone (no <see cref="CustomerEngagement"/>): an interaction date or an open
/// opportunity is a snapshot, not a history. The dates may be any dates of the data, from the first purchase day to
/// the summaries' holdout end; before the observation end, customers whose first purchase day is later are
/// <see cref="LifecycleStage.NotYetAcquired"/> (see <see cref="LifecyclePolicy"/>), so every date's counts add up to
/// <see cref="CustomerCount"/>.</remarks>
public sealed class LifecycleHistoryReport
{
    private readonly DateOnly[] _dates;
    private readonly LifecycleStage[] _stages;
    private readonly int[] _counts;
    private readonly LifecycleHistoryRow[] _rows;

    private LifecycleHistoryReport(DateOnly[] dates, LifecycleStage[] stages, int[] counts, int customerCount)
    {
        _dates = dates;
        _stages = stages;
        _counts = counts;
        CustomerCount = customerCount;
        var rows = new List<LifecycleHistoryRow>();
        for (int j = 0; j < dates.Length; j++)
        {
            for (int s = 0; s < LifecycleStageExtensions.StageCount; s++)
            {
                int c = counts[(j * LifecycleStageExtensions.StageCount) + s];
                if (c > 0)
                {
                    rows.Add(new LifecycleHistoryRow(dates[j], (LifecycleStage)s, c, c / (double)customerCount));
                }
            }
        }

        _rows = [.. rows];
    }

    /// <summary>The non-empty stages at each date: by date, then by stage value ascending.</summary>
    public IReadOnlyList<LifecycleHistoryRow> Rows => _rows;

    /// <summary>The dates, ascending.</summary>
    public ReadOnlySpan<DateOnly> Dates => _dates;

    /// <summary>Number of customers (rows), aligned with the summaries the history was built from.</summary>
    public int CustomerCount { get; }

    /// <summary>The stage of customer <paramref name="customer"/> at <see cref="Dates"/>[<paramref name="date"/>].</summary>
    /// <param name="customer">Position in the summaries.</param>
    /// <param name="date">Position in <see cref="Dates"/>.</param>
    /// <returns>The stage.</returns>
    public LifecycleStage this[int customer, int date]
    {
        get
        {
            if ((uint)date >= (uint)_dates.Length)
            {
                ThrowHelper.ArgumentOutOfRange(nameof(date), date, Guard.Format($"date must be between 0 and {_dates.Length - 1}, but was {date}."));
            }

            return CustomerStages(customer)[date];
        }
    }

    /// <summary>One customer's stages at every date, aligned with <see cref="Dates"/>.</summary>
    /// <param name="customer">Position in the summaries.</param>
    /// <returns>The stages.</returns>
    public ReadOnlySpan<LifecycleStage> CustomerStages(int customer)
    {
        if ((uint)customer >= (uint)CustomerCount)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(customer), customer, Guard.Format($"customer must be between 0 and {CustomerCount - 1}, but was {customer}."));
        }

        return _stages.AsSpan(customer * _dates.Length, _dates.Length);
    }

    /// <summary>How many customers were in each stage at <see cref="Dates"/>[<paramref name="date"/>], indexed by stage value; they add up to <see cref="CustomerCount"/>.</summary>
    /// <param name="date">Position in <see cref="Dates"/>.</param>
    /// <returns><see cref="LifecycleStageExtensions.StageCount"/> counts, indexed by <c>(int)stage</c>.</returns>
    public ReadOnlySpan<int> StageCounts(int date)
    {
        if ((uint)date >= (uint)_dates.Length)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(date), date, Guard.Format($"date must be between 0 and {_dates.Length - 1}, but was {date}."));
        }

        return _counts.AsSpan(date * LifecycleStageExtensions.StageCount, LifecycleStageExtensions.StageCount);
    }

    /// <summary>
    /// Stages at every month end from <paramref name="from"/> to <paramref name="to"/> (both inclusive).
    /// </summary>
    /// <param name="policy">The policy.</param>
    /// <param name="customers">The summaries.</param>
    /// <param name="from">The first day considered.</param>
    /// <param name="to">The last day considered.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentOutOfRangeException">No month end lies in the range, or one is outside the data's date range (first purchase day to holdout end).</exception>
    /// <exception cref="ArgumentException">Customers × month ends is more than <see cref="Array.MaxLength"/> stages.</exception>
    public static LifecycleHistoryReport CreateAtMonthEnds(LifecyclePolicy policy, CustomerSummaries customers, DateOnly from, DateOnly to)
    {
        var dates = MonthEnds.Between(from, to);
        if (dates.Count == 0)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(to), to, Guard.Format($"No month end lies between {from:yyyy-MM-dd} and {to:yyyy-MM-dd}."));
        }

        return Create(policy, customers, dates.ToArray());
    }

    /// <summary>Stages at the given dates.</summary>
    /// <param name="policy">The policy.</param>
    /// <param name="customers">The summaries.</param>
    /// <param name="dates">Strictly ascending dates, at least one, each from the first purchase day of the data to the summaries' holdout end.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="dates"/> is empty or not strictly ascending, or customers × dates is more than <see cref="Array.MaxLength"/> stages.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">A date is outside the data's date range.</exception>
    public static LifecycleHistoryReport Create(LifecyclePolicy policy, CustomerSummaries customers, ReadOnlySpan<DateOnly> dates)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(customers);
        if (dates.IsEmpty)
        {
            ThrowHelper.Argument(nameof(dates), "dates must contain at least one date.");
        }

        for (int j = 0; j < dates.Length; j++)
        {
            LifecyclePolicy.CheckDate(customers, dates[j], nameof(dates));
            if (j > 0 && dates[j] <= dates[j - 1])
            {
                ThrowHelper.Argument(nameof(dates), Guard.Format($"dates must be strictly ascending, but {dates[j]:yyyy-MM-dd} follows {dates[j - 1]:yyyy-MM-dd}."));
            }
        }

        int m = dates.Length;
        int count = customers.Count;
        if ((long)count * m > Array.MaxLength)
        {
            // One stage per customer and date in one array: past its limit the allocation failed with a bare OverflowException.
            ThrowHelper.Argument(nameof(dates), Guard.Format(
                $"{count:N0} customers at {m:N0} dates are {(long)count * m:N0} stages, more than one report holds ({Array.MaxLength:N0}): use fewer dates (month ends rather than days), or report on parts of the customers."));
        }

        var dayNumbers = new int[m];
        for (int j = 0; j < m; j++)
        {
            dayNumbers[j] = dates[j].DayNumber;
        }

        var stages = new LifecycleStage[(long)count * m];
        var counts = new int[m * LifecycleStageExtensions.StageCount];
        var unit = customers.TimeUnit;
        int end = customers.ObservationEnd.DayNumber;

        // Customers on both cores (1M customers at 18 month ends took 0.65 s on one), each chunk counting into its own
        // table, added under a lock: integer counts, the same on any number of cores.
        Parallelism.For(count, (start, stop) =>
        {
            var local = new int[counts.Length];
            for (int i = start; i < stop; i++)
            {
                var all = customers.PurchaseDayNumbers(i);
                int n = 0;
                var row = stages.AsSpan(i * m, m);
                for (int j = 0; j < m; j++)
                {
                    int d = dayNumbers[j];
                    n = LifecyclePolicy.CountUpTo(all, n, d);
                    var stage = policy.Classify(all[..n], d, default, unit, end);
                    row[j] = stage;
                    local[(j * LifecycleStageExtensions.StageCount) + (int)stage]++;
                }
            }

            lock (counts)
            {
                for (int k = 0; k < counts.Length; k++)
                {
                    counts[k] += local[k];
                }
            }
        });

        return new LifecycleHistoryReport(dates.ToArray(), stages, counts, count);
    }

    /// <summary>
    /// The report as a fixed-width table (invariant culture): a title line, then one line per date with the number
    /// of customers in each stage (stages in value order, empty stages as 0).
    /// </summary>
    /// <returns>The table.</returns>
    public override string ToString()
    {
        const int K = LifecycleStageExtensions.StageCount;
        var columns = new (string Header, bool Left)[K + 1];
        columns[0] = ("date", true);
        for (int s = 0; s < K; s++)
        {
            columns[s + 1] = (((LifecycleStage)s).EnglishLabel(), false);
        }

        var table = new TextTable(columns);
        for (int j = 0; j < _dates.Length; j++)
        {
            var cells = new string[K + 1];
            cells[0] = TextTable.Date(_dates[j]);
            for (int s = 0; s < K; s++)
            {
                cells[s + 1] = TextTable.Int(_counts[(j * K) + s]);
            }

            table.Add(cells);
        }

        return table.Render(Guard.Format($"Lifecycle history, {TextTable.Int(CustomerCount)} customers at {TextTable.Int(_dates.Length)} dates"));
    }
}
