using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Clv.Internal;

/// <summary>
/// Takes rows one at a time (ids as strings or as text), numbering customers through one <see cref="SlotTable"/>,
/// and keeps each customer's purchase days rather than its rows: <see cref="Build"/> groups what is kept by
/// customer with a counting sort, then sorts and merges each customer's days.
/// </summary>
/// <remarks>
/// <para>Memory grows with customers and their purchase days, not with rows. A purchase on the day of the customer's
/// latest kept row is added to that row (so rows in date order, or grouped by customer and dated in order, keep
/// exactly one row per purchase day). A row dated before the customer's latest kept row is kept, and counted:
/// when such rows outnumber the rows kept after the last compaction (and 2^20), the kept rows are compacted (grouped
/// by customer, same days merged), so kept rows never exceed twice the purchase days plus 2^20.</para>
/// <para>A day's amounts and a customer's refunds are summed exactly (<see cref="ExactSum"/>: the rounding error of each
/// addition kept beside the sum, in a chunk's second array allocated at its first error) and rounded once at Build, so the
/// summaries do not depend on the order of the rows.</para>
/// <para>The rows live in native chunks that Build (and a compaction) frees as it goes, and the id table is dropped
/// at Build, so a one-shot job gives that memory back at once instead of leaving it to the next full collection.</para>
/// </remarks>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "Build releases the native rows; the rows' finalizer releases those of a builder that is never built.")]
internal sealed partial class CustomerDaysBuilder(int endDay, int holdoutEndDay)
{
    /// <summary>Rows dated out of order that are tolerated before a compaction, at least.</summary>
    internal const int MinimumRowsBeforeCompaction = 1 << 20;

    // Customers, by number in order of first row (the id table's index): id, per-row state, calibration refunds.
    private readonly CustomerIds _ids = new(1024);
    private CustomerState[] _state = new CustomerState[1024];
    private double[]? _refunds; // allocated at the first calibration refund
    private double[]? _refundLows; // the rounding errors of those sums (ExactSum), allocated at the first
    private readonly SlotTable _table = new(1024);

    private readonly NativeRowChunks _rowChunks = new();
    private int _rows;
    private int _outOfOrder;
    private int _rowsAfterCompaction;
    private long _total, _calibration, _holdout, _excluded, _refundRows;
    private int _excludedFirst = int.MaxValue, _excludedLast = int.MinValue;
    private int _previous = -1;
    private string? _previousId; // the previous row's id when it came as a string

    public int LatestDay { get; private set; } = int.MinValue;

    public RowCounts Counts => new(_total, _calibration, _holdout, _excluded, _refundRows);

    /// <summary>Purchase rows kept (at most one per customer and day when rows come in date order).</summary>
    internal int KeptRows => _rows;

    /// <summary>How many times the kept rows were compacted.</summary>
    internal int Compactions { get; private set; }

    /// <summary>Rows dated out of order before a compaction, at least (tests lower it).</summary>
    internal int CompactionThreshold { get; init; } = MinimumRowsBeforeCompaction;

    private int CustomerCount => _table.Count;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(ReadOnlySpan<Transaction> transactions)
    {
        for (int r = 0; r < transactions.Length; r++)
        {
            ref readonly var t = ref transactions[r];
            _total++;
            int day = t.Date.DayNumber;
            if (day > holdoutEndDay)
            {
                Exclude(day);
                continue;
            }

            string id = t.CustomerId;
            if (id is null)
            {
                _total--;
                ThrowHelper.Argument(nameof(transactions), Guard.Format($"Transaction {r} has no customer id (a default Transaction)."));
            }

            // Logs are often grouped by customer: the previous row's customer is checked first.
            if (!ReferenceEquals(id, _previousId))
            {
                var matcher = new StringMatcher(_ids, id);
                _previous = _table.FindOrAdd(id.GetHashCode(), ref matcher, out bool added);
                if (added)
                {
                    AddCustomer(id);
                }

                _previousId = id;
            }

            AddRow(_previous, day, t.Amount);
        }
    }

    /// <summary>Adds one row whose id is still text (a CSV field): a string is allocated only for a new customer.</summary>
    public void Add(ReadOnlySpan<char> id, DateOnly date, double amount) => AddText(id, string.GetHashCode(id), date, amount);

    /// <summary>Adds one row whose id is text with its hash (<see cref="string.GetHashCode(ReadOnlySpan{char})"/>) already computed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe void AddText(ReadOnlySpan<char> id, int hash, DateOnly date, double amount)
    {
        _total++;
        int day = date.DayNumber;
        if (day > holdoutEndDay)
        {
            Exclude(day);
            return;
        }

        if (_previous < 0 || !_ids.Matches(_previous, id))
        {
            // Equal text has equal hashes as a span and as a string, so both kinds of Add find one customer.
            fixed (char* text = id)
            {
                var matcher = new TextMatcher(_ids, text, id.Length);
                _previous = _table.FindOrAdd(hash, ref matcher, out bool added);
                if (added)
                {
                    AddCustomer(id);
                }
            }

            _previousId = null;
        }

        AddRow(_previous, day, amount);
    }

    /// <summary>The first and last day of any row added (excluded rows too); for messages, so computed only when asked.</summary>
    public (int First, int Last) DataRange()
    {
        int first = _excludedFirst;
        for (int c = 0; c < CustomerCount; c++)
        {
            first = Math.Min(first, _state[c].FirstRowDay);
        }

        return (first, Math.Max(LatestDay, _excludedLast));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public CustomerDays Build()
    {
        int n = CustomerCount;
        _table.Release();

        // The per-customer state goes before the rows are grouped: the grouping's arrays set off the next full collection,
        // which then finds the state already garbage instead of leaving it to the end of the job. Only each customer's
        // earliest row day is kept, in native memory (freed on return), like the grouping's lengths.
        using var firstRowDayArray = new NativeArray<int>(n);
        var firstRowDays = firstRowDayArray.Span;
        for (int c = 0; c < n; c++)
        {
            firstRowDays[c] = _state[c].FirstRowDay;
        }

        _state = [];
        using var lengthArray = new NativeArray<int>(n);
        var lengths = lengthArray.Span;
        var (starts, days, amounts, lows) = GroupRows(n, lengths, keepErrors: false);
        _rowChunks.Dispose();

        // Close the gaps that same-day merges left (segments ascend, so each moves left or stays): starts becomes n + 1
        // offsets and the lengths go. The earliest row day is kept only where it is not the first purchase day.
        List<int>? otherCustomers = null, otherDays = null;
        int write = 0;
        for (int c = 0; c < n; c++)
        {
            int start = starts[c], length = lengths[c];
            if (lows is not null)
            {
                // Each day's exact sum rounded once.
                for (int i = start; i < start + length; i++)
                {
                    amounts[i] = ExactSum.Round(amounts[i], lows[i]);
                }
            }

            if (start != write)
            {
                days.AsSpan(start, length).CopyTo(days.AsSpan(write));
                amounts.AsSpan(start, length).CopyTo(amounts.AsSpan(write));
            }

            starts[c] = write;
            int firstRowDay = firstRowDays[c];
            if (length == 0 || days[write] != firstRowDay)
            {
                (otherCustomers ??= []).Add(c);
                (otherDays ??= []).Add(firstRowDay);
            }

            write += length;
        }

        starts[n] = write;
        _ids.Trim();
        (int[], int[]) otherFirstRows = otherCustomers is null ? ([], []) : ([.. otherCustomers], [.. otherDays!]);
        if (_refundLows is not null)
        {
            for (int c = 0; c < n; c++)
            {
                _refunds![c] = ExactSum.Round(_refunds[c], _refundLows[c]);
            }
        }

        return new CustomerDays(n, _ids, starts, days, amounts, _refunds, otherFirstRows);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddRow(int c, int day, double amount)
    {
        ref var state = ref _state[c];
        if (day < state.FirstRowDay)
        {
            state.FirstRowDay = day;
        }

        if (day > LatestDay)
        {
            LatestDay = day;
        }

        bool inCalibration = day <= endDay;
        if (inCalibration)
        {
            _calibration++;
        }
        else
        {
            _holdout++;
        }

        if (amount < 0)
        {
            if (inCalibration)
            {
                _refundRows++;
                double error = ExactSum.Add(ref (_refunds ??= new double[_state.Length])[c], -amount);
                if (error != 0)
                {
                    (_refundLows ??= new double[_refunds.Length])[c] += error;
                }
            }

            return;
        }

        if (day == state.LastDay)
        {
            // Another purchase on the day of the customer's latest kept row: one row per purchase day, summed exactly
            // (the rounding error kept beside it), so that the day's amount does not depend on the order of its rows.
            int k = state.LastRow >> NativeRowChunks.Shift, offset = state.LastRow & (NativeRowChunks.Size - 1);
            double error = ExactSum.Add(ref _rowChunks.Amounts(k)[offset], amount);
            if (error != 0)
            {
                _rowChunks.Lows(k)[offset] += error;
            }

            return;
        }

        bool outOfOrder = day < state.LastDay;
        state.LastDay = day;
        state.LastRow = Append(c, day, amount);
        if (outOfOrder && ++_outOfOrder > Math.Max(_rowsAfterCompaction, CompactionThreshold))
        {
            Compact();
        }
    }

    private void Exclude(int day)
    {
        _excluded++;
        _excludedFirst = Math.Min(_excludedFirst, day);
        _excludedLast = Math.Max(_excludedLast, day);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Append(int c, int day, double amount)
    {
        int offset = _rows & (NativeRowChunks.Size - 1);
        int chunk = _rows >> NativeRowChunks.Shift;
        if (offset == 0)
        {
            if (_rows > Array.MaxLength - NativeRowChunks.Size)
            {
                ThrowHelper.InvalidOperation(Guard.Format($"A builder holds at most {Array.MaxLength - NativeRowChunks.Size:N0} purchase days: build summaries of parts of the log and combine them with CustomerSummaries.Merge."));
            }

            // Rows live in fixed-size chunks: growing never copies, and Build frees them one by one.
            _rowChunks.Add();
        }

        _rowChunks.Customers(chunk)[offset] = c;
        _rowChunks.Days(chunk)[offset] = day;
        _rowChunks.Amounts(chunk)[offset] = amount;
        return _rows++;
    }

    /// <summary>What each row of a customer reads and writes, together in one cache line.</summary>
    [StructLayout(LayoutKind.Auto)]
    private struct CustomerState
    {
        /// <summary>The earliest day of any of the customer's rows (purchases and refunds).</summary>
        public int FirstRowDay;

        /// <summary>The day of the customer's latest kept row; int.MinValue before the first.</summary>
        public int LastDay;

        /// <summary>The index of that row among the kept rows.</summary>
        public int LastRow;
    }

    /// <summary>Matches a customer id given as a string (the same instance first, then ordinal text).</summary>
    private readonly struct StringMatcher(CustomerIds ids, string id) : ISlotKeyMatcher
    {
        public bool Matches(int index) => ids.Matches(index, id);
    }

    /// <summary>Matches a customer id given as text; the text is pinned by the caller for the duration of the lookup.</summary>
    private readonly unsafe struct TextMatcher(CustomerIds ids, char* text, int length) : ISlotKeyMatcher
    {
        public bool Matches(int index) => ids.Matches(index, new ReadOnlySpan<char>(text, length));
    }
}
