using System.Collections;
using System.Runtime.InteropServices;
using Clv.Internal;

namespace Clv;

/// <summary>
/// One <see cref="CustomerSummary"/> per customer known at an explicit observation end, in order of each
/// customer's first row in the log, with a calibration/holdout split and a count of where every row went.
/// Immutable and safe to share between threads.
/// </summary>
/// <remarks>
/// <para>Rows on or before <see cref="ObservationEnd"/> are calibration rows. Rows after it are holdout rows,
/// up to <see cref="HoldoutEnd"/> when one was given; rows after an explicit holdout end are counted in
/// <see cref="ExcludedTransactionCount"/>. Customers whose first row falls after the observation end are not
/// summarised (nothing was known of them then) and are counted in <see cref="HoldoutOnlyCustomerCount"/>.</para>
/// <para>Summaries of disjoint parts of one log (any split of its rows) combine with <see cref="Merge"/> into
/// exactly the summaries of the whole log: each keeps the customer's distinct purchase days internally.</para>
/// </remarks>
public sealed partial class CustomerSummaries : IReadOnlyList<CustomerSummary>
{
    private readonly CustomerSummary[] _summaries;
    private readonly CustomerDays _days;
    private readonly int[]? _summaryToInternal;
    private object? _index; // an IdLookup, or a Dictionary<string, int> should an id repeat

    private CustomerSummaries(
        CustomerDays days,
        DateOnly observationEnd,
        TimeUnit timeUnit,
        DateOnly? explicitHoldoutEnd,
        int latestDayNumber,
        RowCounts counts,
        (CustomerSummary[] Summaries, int[]? Map)? summarized = null)
    {
        _days = days;
        ObservationEnd = observationEnd;
        TimeUnit = timeUnit;
        ExplicitHoldoutEnd = explicitHoldoutEnd;
        LatestDayNumber = latestDayNumber;
        Counts = counts;
        (_summaries, _summaryToInternal) = summarized ?? Summarize(days, observationEnd.DayNumber, timeUnit);
        CheckFiniteTotals(_summaries);
        Warnings = WarningsFor(days, observationEnd, explicitHoldoutEnd, latestDayNumber, counts);
    }

    /// <summary>
    /// Refuses totals past the largest double: amounts that each are finite (1e308 twice) would otherwise sum to an infinite
    /// spend or refund total, which every value computed from it would carry silently.
    /// </summary>
    private static void CheckFiniteTotals(CustomerSummary[] summaries)
    {
        for (int i = 0; i < summaries.Length; i++)
        {
            ref readonly var s = ref summaries[i];
            if (!(double.IsFinite(s.Spend) && double.IsFinite(s.Refunds) && double.IsFinite(s.HoldoutSpend)))
            {
                throw new OverflowException(Guard.Format(
                    $"Customer '{s.CustomerId}': the amounts sum to more than the largest finite number (spend {s.Spend}, refunds {s.Refunds}, holdout spend {s.HoldoutSpend}), so they cannot be summarised; check the amount column for a misread or mis-scaled value."));
            }
        }
    }

    /// <summary>The last calibration day: rows on or before it describe what was known then.</summary>
    public DateOnly ObservationEnd { get; }

    /// <summary>The unit of <see cref="CustomerSummary.Recency"/>, <see cref="CustomerSummary.Age"/> and <see cref="HoldoutLength"/>.</summary>
    public TimeUnit TimeUnit { get; }

    /// <summary>
    /// The last holdout day: the explicit holdout end when one was given, otherwise the latest transaction
    /// date in the log (or <see cref="ObservationEnd"/> when there was no row after it).
    /// </summary>
    public DateOnly HoldoutEnd => ExplicitHoldoutEnd ?? DateOnly.FromDayNumber(Math.Max(LatestDayNumber, ObservationEnd.DayNumber));

    /// <summary>Length of the holdout period (<see cref="HoldoutEnd"/> - <see cref="ObservationEnd"/>) in <see cref="TimeUnit"/>.</summary>
    public double HoldoutLength => TimeUnit.FromDays(HoldoutEnd.DayNumber - ObservationEnd.DayNumber);

    /// <summary>
    /// What looks wrong with the input without being an error; empty normally. An observation end more than 30 days after
    /// the log's latest transaction (every customer's age then counts days with no data), naming the observation end, the
    /// last transaction date and the gap; and, when no holdout end was given, a latest transaction more than ten years
    /// after the observation end (the holdout period runs to it: a far-off date such as a 9999-12-31 placeholder stretches
    /// it over centuries), naming that date; and an earliest transaction, on or before the observation end, more than ten years
    /// before the log's next date (a placeholder such as 1900-01-01 for a missing date, which stretches its customers' age
    /// over the gap), naming both dates and how many customers' first row it is.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Number of customers summarised.</summary>
    public int Count => _summaries.Length;

    /// <summary>Number of rows in the log(s) these summaries were built from.</summary>
    public long TransactionCount => Counts.Total;

    /// <summary>Rows on or before <see cref="ObservationEnd"/> (purchases and refunds).</summary>
    public long CalibrationTransactionCount => Counts.Calibration;

    /// <summary>Rows after <see cref="ObservationEnd"/> and up to <see cref="HoldoutEnd"/>.</summary>
    public long HoldoutTransactionCount => Counts.Holdout;

    /// <summary>Rows after an explicit holdout end: not used, but counted.</summary>
    public long ExcludedTransactionCount => Counts.Excluded;

    /// <summary>Calibration rows with a negative amount (refunds); they are part of <see cref="CalibrationTransactionCount"/>.</summary>
    public long RefundTransactionCount => Counts.Refunds;

    /// <summary>Customers whose first row is after <see cref="ObservationEnd"/>: counted, not summarised.</summary>
    public int HoldoutOnlyCustomerCount => _days.CustomerCount - _summaries.Length;

    internal DateOnly? ExplicitHoldoutEnd { get; }

    internal int LatestDayNumber { get; }

    internal RowCounts Counts { get; }

    /// <summary>The summary at <paramref name="index"/>.</summary>
    /// <param name="index">Zero-based position, in order of each customer's first row.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative or at least <see cref="Count"/>.</exception>
    public CustomerSummary this[int index] => (uint)index < (uint)_summaries.Length
        ? _summaries[index]
        : throw new ArgumentOutOfRangeException(nameof(index), index, Guard.Format($"index must be from 0 to {_summaries.Length - 1}, but was {index}."));

    /// <summary>The summaries as a span, for the batch APIs.</summary>
    /// <returns>A read-only view of all summaries.</returns>
    public ReadOnlySpan<CustomerSummary> AsSpan() => _summaries;

    /// <summary>The summaries as memory, for work split over threads.</summary>
    internal ReadOnlyMemory<CustomerSummary> AsMemory() => _summaries;

    /// <summary>Finds a customer's position by identifier (ordinal comparison).</summary>
    /// <param name="customerId">The identifier.</param>
    /// <param name="index">The position when found; otherwise -1.</param>
    /// <returns>Whether the customer is summarised.</returns>
    public bool TryGetIndex(string customerId, out int index)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        var lookup = _index ?? BuildIndex();
        if (lookup is IdLookup ids)
        {
            index = ids.Find(customerId);
            return index >= 0;
        }

        if (((Dictionary<string, int>)lookup).TryGetValue(customerId, out index))
        {
            return true;
        }

        index = -1;
        return false;
    }

    /// <inheritdoc />
    public IEnumerator<CustomerSummary> GetEnumerator() => ((IEnumerable<CustomerSummary>)_summaries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// Builds one summary per customer from a transaction log, at an explicit observation end.
    /// </summary>
    /// <param name="transactions">The rows, in any order.</param>
    /// <param name="observationEnd">The last calibration day (inclusive).</param>
    /// <param name="timeUnit">The unit of recency, age and holdout length.</param>
    /// <param name="holdoutEnd">The last holdout day (inclusive); null to take every row after the observation end as holdout.</param>
    /// <returns>The summaries.</returns>
    /// <remarks>
    /// Uses every core for large logs; the result does not depend on the core count. Fastest when each customer's
    /// rows are together (1M customers in about 0.1 s on 2 cores); a log in date order takes several times longer.
    /// Working arrays are rented from <see cref="System.Buffers.ArrayPool{T}.Shared"/> and returned before it returns.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeUnit"/> is undefined, or <paramref name="holdoutEnd"/> is before <paramref name="observationEnd"/>.</exception>
    /// <exception cref="ArgumentException">A row is a default <see cref="Transaction"/> (no customer id); the message names the first such row.
    /// Or the log has rows but none on or before <paramref name="observationEnd"/>; the message names the data's first and last dates.
    /// (An empty log gives empty summaries.)</exception>
    /// <exception cref="OverflowException">A customer's amounts sum to more than the largest finite number; the message names the customer.</exception>
    public static CustomerSummaries FromTransactions(
        ReadOnlySpan<Transaction> transactions,
        DateOnly observationEnd,
        TimeUnit timeUnit,
        DateOnly? holdoutEnd = null)
    {
        return GroupTransactions(transactions, observationEnd, timeUnit, holdoutEnd, TransactionGrouping.RowsPerChunk, TransactionGrouping.RowsPerPartition);
    }

    /// <summary><see cref="FromTransactions(ReadOnlySpan{Transaction}, DateOnly, TimeUnit, DateOnly?)"/> with the grouping's chunk and partition sizes (tests use tiny ones).</summary>
    internal static CustomerSummaries GroupTransactions(ReadOnlySpan<Transaction> transactions, DateOnly observationEnd, TimeUnit timeUnit, DateOnly? holdoutEnd, int rowsPerChunk, int rowsPerPartition)
    {
        Guard.Unit(timeUnit);
        Guard.HoldoutEnd(observationEnd, holdoutEnd);
        var grouped = TransactionGrouping.Group(transactions, observationEnd.DayNumber, holdoutEnd?.DayNumber ?? int.MaxValue, timeUnit, rowsPerChunk, rowsPerPartition);
        if (grouped.Counts.Total > 0 && grouped.Counts.Calibration == 0)
        {
            // Only on this error path: the range of every row's date, for the message.
            int first = int.MaxValue, last = int.MinValue;
            foreach (ref readonly var t in transactions)
            {
                first = Math.Min(first, t.Date.DayNumber);
                last = Math.Max(last, t.Date.DayNumber);
            }

            ThrowNoCalibrationRows(observationEnd, grouped.Counts.Total, first, last);
        }

        return new CustomerSummaries(grouped.Days, observationEnd, timeUnit, holdoutEnd, grouped.LatestDay, grouped.Counts, grouped.Summarized);
    }

    /// <summary>The log has rows, but none on or before the observation end: nothing was known of anyone then.</summary>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    internal static void ThrowNoCalibrationRows(DateOnly observationEnd, long rows, int firstDay, int lastDay) =>
        ThrowHelper.Argument(nameof(observationEnd), Guard.Format(
            $"No transaction is on or before the observation end ({observationEnd:yyyy-MM-dd}): the log's {rows:N0} rows run from {DateOnly.FromDayNumber(firstDay):yyyy-MM-dd} to {DateOnly.FromDayNumber(lastDay):yyyy-MM-dd}. Choose an observation end in that range."));

    internal static CustomerSummaries Create(CustomerDays days, DateOnly observationEnd, TimeUnit timeUnit, DateOnly? holdoutEnd, int latestDayNumber, RowCounts counts) =>
        new(days, observationEnd, timeUnit, holdoutEnd, latestDayNumber, counts);

    /// <summary>
    /// Combines summaries of two disjoint parts of one log into exactly the summaries of the whole log.
    /// Customers keep the order of <paramref name="first"/>, then new customers of <paramref name="second"/>.
    /// </summary>
    /// <param name="first">Summaries of one part.</param>
    /// <param name="second">Summaries of another part, built with the same observation end, time unit and holdout end.</param>
    /// <returns>The merged summaries.</returns>
    /// <exception cref="ArgumentException">The two were built with a different observation end, time unit or holdout end.</exception>
    /// <exception cref="OverflowException">A customer's amounts in the two parts sum to more than the largest finite number; the message names the customer.</exception>
    public static CustomerSummaries Merge(CustomerSummaries first, CustomerSummaries second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (first.ObservationEnd != second.ObservationEnd || first.TimeUnit != second.TimeUnit || first.ExplicitHoldoutEnd != second.ExplicitHoldoutEnd)
        {
            ThrowHelper.Argument(nameof(second), Guard.Format(
                $"Summaries to merge must share the observation end, time unit and holdout end: ({first.ObservationEnd:yyyy-MM-dd}, {first.TimeUnit}, {first.ExplicitHoldoutEnd:yyyy-MM-dd}) vs ({second.ObservationEnd:yyyy-MM-dd}, {second.TimeUnit}, {second.ExplicitHoldoutEnd:yyyy-MM-dd})."));
        }

        var days = CustomerDays.Merge(first._days, second._days);
        return new CustomerSummaries(
            days,
            first.ObservationEnd,
            first.TimeUnit,
            first.ExplicitHoldoutEnd,
            Math.Max(first.LatestDayNumber, second.LatestDayNumber),
            first.Counts + second.Counts);
    }

    /// <summary>Distinct purchase day numbers (calibration and holdout, ascending) of the summary at <paramref name="index"/>.</summary>
    internal ReadOnlySpan<int> PurchaseDayNumbers(int index) => _days.Days(InternalIndex(index));

    /// <summary>Purchase amounts per day, aligned with <see cref="PurchaseDayNumbers"/>.</summary>
    internal ReadOnlySpan<double> PurchaseDayAmounts(int index) => _days.Amounts(InternalIndex(index));

    private int InternalIndex(int index) => _summaryToInternal is null ? index : _summaryToInternal[index];

    /// <summary>The id lookup: a table over the summaries (no string per packed id), or a dictionary should an id repeat.</summary>
    private object BuildIndex()
    {
        object? lookup = IdLookup.Create(_summaries);
        if (lookup is null)
        {
            var byId = new Dictionary<string, int>(_summaries.Length, StringComparer.Ordinal);
            for (int i = 0; i < _summaries.Length; i++)
            {
                byId[_summaries[i].CustomerId] = i;
            }

            lookup = byId;
        }

        Interlocked.CompareExchange(ref _index, lookup, null);
        return _index;
    }

    private static (CustomerSummary[] Summaries, int[]? Map) Summarize(CustomerDays days, int endDay, TimeUnit unit)
    {
        int known = 0;
        for (int c = 0; c < days.CustomerCount; c++)
        {
            if (days.FirstRowDay(c) <= endDay)
            {
                known++;
            }
        }

        int[]? map = null;
        if (known != days.CustomerCount)
        {
            map = new int[known];
            for (int c = 0, k = 0; c < days.CustomerCount; c++)
            {
                if (days.FirstRowDay(c) <= endDay)
                {
                    map[k++] = c;
                }
            }
        }

        var result = new CustomerSummary[known];
        HugePages.Advise(result);
        Parallelism.For(known, (from, to) =>
        {
            for (int k = from; k < to; k++)
            {
                int c = map is null ? k : map[k];
                result[k] = Summarize(days.IdOwner(c), c, days.Days(c), days.Amounts(c), days.Refunds(c), endDay, unit);
            }
        });

        return (result, map);
    }

    internal static CustomerSummary Summarize(string id, ReadOnlySpan<int> dayNumbers, ReadOnlySpan<double> amounts, double refunds, int endDay, TimeUnit unit) =>
        Summarize(id, 0, dayNumbers, amounts, refunds, endDay, unit);

    /// <summary>The summary of one customer's days; its id is <paramref name="id"/> (a string) or entry <paramref name="idIndex"/> of it (packed ids).</summary>
    internal static CustomerSummary Summarize(object id, int idIndex, ReadOnlySpan<int> dayNumbers, ReadOnlySpan<double> amounts, double refunds, int endDay, TimeUnit unit)
    {
        double unitDays = unit.LengthInDays();
        int n = 0;
        while (n < dayNumbers.Length && dayNumbers[n] <= endDay)
        {
            n++;
        }

        double holdoutSpend = 0;
        for (int i = n; i < amounts.Length; i++)
        {
            holdoutSpend += amounts[i];
        }

        if (n == 0)
        {
            return new CustomerSummary(id, unit, null, null, 0, 0, 0, null, 0, refunds, 0, dayNumbers.Length, holdoutSpend, idIndex);
        }

        int first = dayNumbers[0];
        int last = dayNumbers[n - 1];
        double repeatSpend = 0;
        for (int i = 1; i < n; i++)
        {
            repeatSpend += amounts[i];
        }

        return new CustomerSummary(
            id,
            unit,
            DateOnly.FromDayNumber(first),
            DateOnly.FromDayNumber(last),
            n,
            (last - first) / unitDays,
            (endDay - first) / unitDays,
            endDay - last,
            amounts[0] + repeatSpend,
            refunds,
            n > 1 ? repeatSpend / (n - 1) : 0,
            dayNumbers.Length - n,
            holdoutSpend,
            idIndex);
    }
}
