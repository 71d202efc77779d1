using System.Runtime.CompilerServices;
using Clv.Internal;

namespace Clv;

/// <summary>
/// Builds <see cref="CustomerSummaries"/> from a log that arrives in chunks (a large file read piece by piece,
/// a database cursor), without holding row objects. Feed every chunk to <see cref="Add(ReadOnlySpan{Transaction})"/>
/// (or every row whose id is still text to <see cref="Add(ReadOnlySpan{char}, DateOnly, double)"/>), then call
/// <see cref="Build"/> once.
/// </summary>
/// <remarks>
/// <para>Memory grows with customers and their purchase days, not with rows: each customer's id is stored once, and
/// each purchase day is kept as 16 bytes (customer number, day, amount) in native memory until <see cref="Build"/>,
/// which frees them as it groups them. A purchase on the day of the customer's latest kept day is added to it, so a
/// log in date order (or grouped by customer, each customer's rows dated in order) keeps exactly one entry per
/// customer and purchase day, however many rows that day has (1M customers with 30 rows each on one day cost what
/// 1M customers with 3 rows cost). Rows dated out of order are kept as they come until they outnumber the entries
/// kept after the last compaction (and 2^20), when the entries are compacted to one per customer and day: entries
/// never exceed twice the purchase days plus 2^20.</para>
/// <para>Not thread-safe: use one builder per thread and <see cref="CustomerSummaries.Merge"/> the results.
/// A builder that is dropped without <see cref="Build"/> gives its rows' memory back when it is finalized.</para>
/// </remarks>
public sealed class CustomerSummariesBuilder
{
    private readonly CustomerDaysBuilder _days;
    private bool _built;

    /// <summary>Creates a builder for summaries at an explicit observation end.</summary>
    /// <param name="observationEnd">The last calibration day (inclusive).</param>
    /// <param name="timeUnit">The unit of recency, age and holdout length.</param>
    /// <param name="holdoutEnd">The last holdout day (inclusive); null to take every row after the observation end as holdout.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeUnit"/> is undefined, or <paramref name="holdoutEnd"/> is before <paramref name="observationEnd"/>.</exception>
    public CustomerSummariesBuilder(DateOnly observationEnd, TimeUnit timeUnit, DateOnly? holdoutEnd = null)
    {
        Guard.Unit(timeUnit);
        Guard.HoldoutEnd(observationEnd, holdoutEnd);
        ObservationEnd = observationEnd;
        TimeUnit = timeUnit;
        HoldoutEnd = holdoutEnd;
        _days = new CustomerDaysBuilder(observationEnd.DayNumber, holdoutEnd?.DayNumber ?? int.MaxValue);
    }

    /// <summary>The most customers <see cref="EnsureCapacity(int)"/> makes room for at once: 2^29 (the id table is at most half full, and its slots fill one array).</summary>
    public const int MaxCapacity = 1 << 29;

    /// <summary>The last calibration day.</summary>
    public DateOnly ObservationEnd { get; }

    /// <summary>The unit of recency and age.</summary>
    public TimeUnit TimeUnit { get; }

    /// <summary>The explicit holdout end, or null when every row after the observation end is holdout.</summary>
    public DateOnly? HoldoutEnd { get; }

    /// <summary>Rows added so far.</summary>
    public long TransactionCount => _days.Counts.Total;

    /// <summary>
    /// Makes room for at least <paramref name="customers"/> customers, so that adding them grows no table (as
    /// <see cref="List{T}.EnsureCapacity(int)"/> does for a list). Optional: the builder grows by doubling as customers arrive.
    /// A caller that knows the count (a CRM's customer table, a <c>COUNT(DISTINCT customer_id)</c>) spares the copies and the
    /// garbage of growing: about 50 bytes a customer are taken at once (12 of state, 4 plus the id's length for its text, 16 to
    /// 32 of id table), and on a 1M-customer log the read's and the build's peak memory are lower (benchmarks/README.md,
    /// "A capacity hint for the builder").
    /// </summary>
    /// <param name="customers">The number of distinct customers expected; more may come (the builder then grows as usual).</param>
    /// <returns>The number of customers the builder now holds without growing: at least <paramref name="customers"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="customers"/> is negative or more than <see cref="MaxCapacity"/>.</exception>
    /// <exception cref="InvalidOperationException"><see cref="Build"/> was already called.</exception>
    public int EnsureCapacity(int customers)
    {
        ThrowIfBuilt();
        if ((uint)customers > MaxCapacity)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(customers), customers, Guard.Format($"customers must be from 0 to {MaxCapacity} (the most one builder's id table holds), but was {customers}."));
        }

        return _days.EnsureCapacity(customers);
    }

    /// <summary>Adds a chunk of rows (in any order; chunks may split a customer or a day).</summary>
    /// <param name="transactions">The rows.</param>
    /// <exception cref="InvalidOperationException"><see cref="Build"/> was already called.</exception>
    /// <exception cref="ArgumentException">A row is a default <see cref="Transaction"/> (no customer id).</exception>
    public void Add(ReadOnlySpan<Transaction> transactions)
    {
        ThrowIfBuilt();
        _days.Add(transactions);
    }

    /// <summary>
    /// Adds one row whose customer id is still text: a field of a file, a column of a database cursor, a message
    /// of a queue. The id is compared ordinally with the ids already added (as text or as strings), and a string is
    /// allocated only for a customer not seen before, so a reader can feed millions of rows without a string per row.
    /// </summary>
    /// <param name="customerId">The customer's identifier (not empty); only read during the call.</param>
    /// <param name="date">The calendar date of the row.</param>
    /// <param name="amount">The amount; negative for a refund. Must be finite.</param>
    /// <exception cref="InvalidOperationException"><see cref="Build"/> was already called.</exception>
    /// <exception cref="ArgumentException"><paramref name="customerId"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="amount"/> is NaN or infinite.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(ReadOnlySpan<char> customerId, DateOnly date, double amount)
    {
        ThrowIfBuilt();
        if (customerId.IsEmpty)
        {
            ThrowHelper.Argument(nameof(customerId), "customerId must not be empty.");
        }

        Guard.Finite(amount);
        _days.Add(customerId, date, amount);
    }

    /// <summary>
    /// Adds a block of rows whose customer ids are text laid end to end, as a reader of a columnar or buffered source has them
    /// (a CSV block, a Parquet string column, a database cursor's page): row i's id is
    /// <c>idText[idEnds[i - 1]..idEnds[i]]</c> (from 0 for the first row). The same as adding the rows one by one with
    /// <see cref="Add(ReadOnlySpan{char}, DateOnly, double)"/>, and faster on large logs in date order: the block's lookups
    /// are overlapped in memory.
    /// </summary>
    /// <param name="idText">The ids of the rows, one after the other; only read during the call.</param>
    /// <param name="idEnds">Where each row's id ends in <paramref name="idText"/>: increasing (no empty id), the last at most its length.</param>
    /// <param name="dates">The calendar date of each row.</param>
    /// <param name="amounts">The amount of each row (negative for a refund); all finite.</param>
    /// <exception cref="InvalidOperationException"><see cref="Build"/> was already called.</exception>
    /// <exception cref="ArgumentException">The three row spans differ in length, or an id end is out of order or beyond the text (the message names the row); nothing is added.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An amount is NaN or infinite (the message names the row); nothing is added.</exception>
    public void Add(ReadOnlySpan<char> idText, ReadOnlySpan<int> idEnds, ReadOnlySpan<DateOnly> dates, ReadOnlySpan<double> amounts)
    {
        ThrowIfBuilt();
        if (dates.Length != idEnds.Length || amounts.Length != idEnds.Length)
        {
            ThrowHelper.Argument(nameof(dates), Guard.Format($"idEnds, dates and amounts must have one element per row, but have {idEnds.Length}, {dates.Length} and {amounts.Length}."));
        }

        int previous = 0;
        for (int i = 0; i < idEnds.Length; i++)
        {
            int end = idEnds[i];
            if (end <= previous || end > idText.Length)
            {
                ThrowHelper.Argument(nameof(idEnds), Guard.Format($"idEnds[{i}] is {end}, but must be greater than the previous end ({previous}: ids are not empty) and at most the text's length ({idText.Length})."));
            }

            if (!double.IsFinite(amounts[i]))
            {
                ThrowHelper.ArgumentOutOfRange(nameof(amounts), amounts[i], Guard.Format($"amounts[{i}] must be a finite number, but was {amounts[i]}."));
            }

            previous = end;
        }

        _days.Add(idText, idEnds, dates, amounts);
    }

    /// <summary>
    /// Adds a block of rows whose customer ids are indices into a table of ids, as a dictionary-encoded column has them (a
    /// Parquet or Arrow dictionary, a categorical): table entry k is <c>idTable[idTableEnds[k - 1]..idTableEnds[k]]</c> (from
    /// 0 for the first entry), and row i's id is entry <c>idIndices[i]</c>. The same as adding the rows one by one with
    /// <see cref="Add(ReadOnlySpan{char}, DateOnly, double)"/>, and faster: each entry's customer is looked up once, on the
    /// first row that uses it, and the other rows of the entry go straight to it. Entries may repeat (two equal entries are
    /// one customer) and need not all be used.
    /// </summary>
    /// <param name="idTable">The table's ids, one after the other; only read during the call.</param>
    /// <param name="idTableEnds">Where each entry ends in <paramref name="idTable"/>: increasing (no empty id), the last at most its length.</param>
    /// <param name="idIndices">Each row's entry in the table: from 0 to the number of entries - 1.</param>
    /// <param name="dates">The calendar date of each row.</param>
    /// <param name="amounts">The amount of each row (negative for a refund); all finite.</param>
    /// <exception cref="InvalidOperationException"><see cref="Build"/> was already called.</exception>
    /// <exception cref="ArgumentException">The three row spans differ in length, an entry end is out of order or beyond the text, or a row's index is outside the table (the message names the entry or row); nothing is added.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An amount is NaN or infinite (the message names the row); nothing is added.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(ReadOnlySpan<char> idTable, ReadOnlySpan<int> idTableEnds, ReadOnlySpan<int> idIndices, ReadOnlySpan<DateOnly> dates, ReadOnlySpan<double> amounts)
    {
        ThrowIfBuilt();
        if (dates.Length != idIndices.Length || amounts.Length != idIndices.Length)
        {
            ThrowHelper.Argument(nameof(dates), Guard.Format($"idIndices, dates and amounts must have one element per row, but have {idIndices.Length}, {dates.Length} and {amounts.Length}."));
        }

        int previous = 0;
        for (int k = 0; k < idTableEnds.Length; k++)
        {
            int end = idTableEnds[k];
            if (end <= previous || end > idTable.Length)
            {
                ThrowHelper.Argument(nameof(idTableEnds), Guard.Format($"idTableEnds[{k}] is {end}, but must be greater than the previous end ({previous}: ids are not empty) and at most the table's length ({idTable.Length})."));
            }

            previous = end;
        }

        for (int i = 0; i < idIndices.Length; i++)
        {
            if ((uint)idIndices[i] >= (uint)idTableEnds.Length)
            {
                ThrowHelper.Argument(nameof(idIndices), Guard.Format($"idIndices[{i}] is {idIndices[i]}, but must be from 0 to {idTableEnds.Length - 1} (the table has {idTableEnds.Length} entries)."));
            }

            if (!double.IsFinite(amounts[i]))
            {
                ThrowHelper.ArgumentOutOfRange(nameof(amounts), amounts[i], Guard.Format($"amounts[{i}] must be a finite number, but was {amounts[i]}."));
            }
        }

        _days.Add(idTable, idTableEnds, idIndices, dates, amounts);
    }

    /// <summary>Builds the summaries of every row added. Can be called once (a call that throws for the observation end can be repeated after adding rows).</summary>
    /// <returns>The summaries; their <see cref="CustomerSummaries.Warnings"/> say when the observation end is well after the data.</returns>
    /// <exception cref="InvalidOperationException"><see cref="Build"/> was already called.</exception>
    /// <exception cref="ArgumentException">Rows were added but none on or before <see cref="ObservationEnd"/>; the message names the data's first and last dates. (A builder without rows gives empty summaries.)</exception>
    /// <exception cref="OverflowException">A customer's amounts sum to more than the largest finite number; the message names the customer.</exception>
    public CustomerSummaries Build()
    {
        ThrowIfBuilt();
        var counts = _days.Counts;
        if (counts.Total > 0 && counts.Calibration == 0)
        {
            var (first, last) = _days.DataRange();
            CustomerSummaries.ThrowNoCalibrationRows(ObservationEnd, counts.Total, first, last);
        }

        return BuildCore();
    }

    /// <summary>
    /// Builds the summaries of one part of a log (a file, a partition, a thread's share of the rows) that will be combined
    /// with the other parts by <see cref="CustomerSummaries.Merge"/>: the same as <see cref="Build"/>, except that a part
    /// whose rows all fall after <see cref="ObservationEnd"/> (a file of holdout months, a partition of customers who all
    /// came later) is not an error, since other parts may hold the calibration rows. Such a part has no customer; its
    /// rows are counted as holdout (or excluded) rows, and its customers still merge with their rows in other parts.
    /// Can be called once, like <see cref="Build"/>.
    /// </summary>
    /// <returns>The part's summaries, to merge.</returns>
    /// <exception cref="InvalidOperationException"><see cref="Build"/> or <see cref="BuildPart"/> was already called.</exception>
    /// <exception cref="OverflowException">A customer's amounts sum to more than the largest finite number; the message names the customer.</exception>
    public CustomerSummaries BuildPart()
    {
        ThrowIfBuilt();
        return BuildCore();
    }

    private CustomerSummaries BuildCore()
    {
        _built = true;
        var counts = _days.Counts;
        return CustomerSummaries.Create(_days.Build(), ObservationEnd, TimeUnit, HoldoutEnd, _days.LatestDay, counts);
    }

    private void ThrowIfBuilt()
    {
        if (_built)
        {
            ThrowHelper.InvalidOperation("This builder has already built its summaries; create a new builder.");
        }
    }
}
