using Clv.Internal;

namespace Clv.Lifecycle;

/// <summary>
/// Every customer's <see cref="LifecycleStage"/> at a series of dates (typically month ends), with the stage counts
/// per date, for dashboards and plots. Immutable; stored as one byte per customer and date.
/// </summary>
/// <remarks>Stages come from purchases alone (no <see cref="CustomerEngagement"/>): an interaction date or an open
/// opportunity is a snapshot, not a history. Every date must lie between the summaries' observation end and holdout end.</remarks>
public sealed class LifecycleHistory
{
    private readonly DateOnly[] _dates;
    private readonly LifecycleStage[] _stages;
    private readonly int[] _counts;

    private LifecycleHistory(DateOnly[] dates, LifecycleStage[] stages, int[] counts, int customerCount)
    {
        _dates = dates;
        _stages = stages;
        _counts = counts;
        CustomerCount = customerCount;
    }

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
    /// <returns>Seven counts, indexed by <c>(int)stage</c>.</returns>
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
    /// <param name="customers">The summaries; every month end must lie between their observation end and holdout end.</param>
    /// <param name="from">The first day considered.</param>
    /// <param name="to">The last day considered.</param>
    /// <returns>The history.</returns>
    /// <exception cref="ArgumentOutOfRangeException">No month end lies in the range, or one is outside the summaries' data range.</exception>
    public static LifecycleHistory AtMonthEnds(LifecyclePolicy policy, CustomerSummaries customers, DateOnly from, DateOnly to)
    {
        var dates = new List<DateOnly>();
        var month = new DateOnly(from.Year, from.Month, 1);
        while (true)
        {
            var end = month.AddMonths(1).AddDays(-1);
            if (end > to)
            {
                break;
            }

            if (end >= from)
            {
                dates.Add(end);
            }

            month = month.AddMonths(1);
        }

        if (dates.Count == 0)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(to), to, Guard.Format($"No month end lies between {from:yyyy-MM-dd} and {to:yyyy-MM-dd}."));
        }

        return AtDates(policy, customers, dates.ToArray());
    }

    /// <summary>Stages at the given dates.</summary>
    /// <param name="policy">The policy.</param>
    /// <param name="customers">The summaries; every date must lie between their observation end and holdout end.</param>
    /// <param name="dates">Strictly ascending dates, at least one.</param>
    /// <returns>The history.</returns>
    /// <exception cref="ArgumentException"><paramref name="dates"/> is empty or not strictly ascending.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A date is outside the summaries' data range.</exception>
    public static LifecycleHistory AtDates(LifecyclePolicy policy, CustomerSummaries customers, ReadOnlySpan<DateOnly> dates)
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
        var dayNumbers = new int[m];
        for (int j = 0; j < m; j++)
        {
            dayNumbers[j] = dates[j].DayNumber;
        }

        var stages = new LifecycleStage[(long)count * m];
        var counts = new int[m * LifecycleStageExtensions.StageCount];
        double unitDays = customers.TimeUnit.LengthInDays();
        var summaries = customers.AsSpan();
        for (int i = 0; i < count; i++)
        {
            var all = customers.PurchaseDayNumbers(i);
            int n = summaries[i].PurchaseDays;
            var row = stages.AsSpan(i * m, m);
            for (int j = 0; j < m; j++)
            {
                int d = dayNumbers[j];
                n = LifecyclePolicy.CountUpTo(all, n, d);
                var stage = policy.Classify(all[..n], d, default, unitDays);
                row[j] = stage;
                counts[(j * LifecycleStageExtensions.StageCount) + (int)stage]++;
            }
        }

        return new LifecycleHistory(dates.ToArray(), stages, counts, count);
    }
}
