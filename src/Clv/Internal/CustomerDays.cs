namespace Clv.Internal;

/// <summary>
/// Per customer, the distinct purchase days (ascending) with the amount bought that day, stored flat
/// (compressed sparse rows), the calibration refunds, and the earliest day of any row: what
/// <see cref="CustomerSummaries"/> keeps so that summaries merge exactly and any date can be classified.
/// </summary>
/// <remarks>Built by <see cref="CustomerDaysBuilder"/> (rows one at a time) or by <see cref="TransactionGrouping"/> (a log in memory).</remarks>
internal sealed class CustomerDays
{
    private readonly CustomerIds _ids;
    private readonly int _count;
    private readonly int[] _starts;
    private readonly int[]? _lengths;
    private readonly int[] _days;
    private readonly double[] _amounts;
    private readonly double[]? _refunds;

    // The earliest day of any row is the first purchase day for nearly every customer: only the others are kept
    // (customers ascending), those whose first row is a refund before their first purchase or who have no purchase day.
    private readonly int[] _otherFirstRowCustomers;
    private readonly int[] _otherFirstRowDays;

    /// <summary>
    /// Customer c's distinct days are <c>days[starts[c] .. starts[c] + lengths[c])</c>, ascending; segments may
    /// leave gaps (same-day rows merged in place), so no compacting copy is needed. Arrays may be longer than
    /// <paramref name="count"/>. <paramref name="refunds"/> is null when no customer has a calibration refund.
    /// </summary>
    internal CustomerDays(int count, CustomerIds ids, int[] starts, int[] lengths, int[] days, double[] amounts, double[]? refunds, int[] firstRowDay)
        : this(count, ids, starts, lengths, days, amounts, refunds, OtherFirstRows(count, starts, lengths, days, firstRowDay))
    {
    }

    /// <summary>
    /// Contiguous segments: customer c's distinct days are <c>days[starts[c] .. starts[c + 1])</c> (<paramref name="starts"/>
    /// holds <paramref name="count"/> + 1 offsets), and the earliest row day of each customer is its first day except for
    /// the customers listed (ascending) in <paramref name="otherFirstRows"/>.
    /// </summary>
    internal CustomerDays(int count, CustomerIds ids, int[] starts, int[] days, double[] amounts, double[]? refunds, (int[] Customers, int[] Days) otherFirstRows)
        : this(count, ids, starts, null, days, amounts, refunds, otherFirstRows)
    {
    }

    private CustomerDays(int count, CustomerIds ids, int[] starts, int[]? lengths, int[] days, double[] amounts, double[]? refunds, (int[] Customers, int[] Days) otherFirstRows)
    {
        _count = count;
        _ids = ids;
        _starts = starts;
        _lengths = lengths;
        _days = days;
        _amounts = amounts;
        _refunds = refunds;
        (_otherFirstRowCustomers, _otherFirstRowDays) = otherFirstRows;
    }

    public int CustomerCount => _count;

    /// <summary>Customer c's id as a string (created when the ids are packed).</summary>
    public string Id(int c) => _ids[c];

    /// <summary>What a summary of customer c stores as its id, with <paramref name="c"/> as the index: the string, or the packed ids.</summary>
    public object IdOwner(int c) => _ids.Owner(c);

    public ReadOnlySpan<int> Days(int c) => _days.AsSpan(_starts[c], Length(c));

    public ReadOnlySpan<double> Amounts(int c) => _amounts.AsSpan(_starts[c], Length(c));

    public double Refunds(int c) => _refunds is null ? 0 : _refunds[c];

    public int FirstRowDay(int c)
    {
        int i = Array.BinarySearch(_otherFirstRowCustomers, c);
        return i >= 0 ? _otherFirstRowDays[i] : _days[_starts[c]];
    }

    /// <summary>The customers (ascending) whose earliest row day is not their first purchase day, and those days.</summary>
    internal static (int[] Customers, int[] Days) OtherFirstRows(int count, int[] starts, int[]? lengths, int[] days, int[] firstRowDay)
    {
        List<int>? customers = null, firstDays = null;
        for (int c = 0; c < count; c++)
        {
            int length = lengths is null ? starts[c + 1] - starts[c] : lengths[c];
            if (length == 0 || days[starts[c]] != firstRowDay[c])
            {
                (customers ??= []).Add(c);
                (firstDays ??= []).Add(firstRowDay[c]);
            }
        }

        return customers is null ? ([], []) : ([.. customers], [.. firstDays!]);
    }

    private int Length(int c) => _lengths is null ? _starts[c + 1] - _starts[c] : _lengths[c];

    /// <summary>
    /// The earliest day of any row (<see cref="int.MaxValue"/> without customers), how many customers' earliest row is on it,
    /// and the next day of any row after it (<see cref="int.MaxValue"/> when there is none): two passes over the customers'
    /// first days, read from the arrays (a customer's days are ascending and distinct, so at most its first two are read).
    /// </summary>
    internal (int Earliest, int Customers, int Next) EarliestDays()
    {
        int earliest = int.MaxValue;
        for (int c = 0; c < _count; c++)
        {
            if (Length(c) > 0)
            {
                earliest = Math.Min(earliest, _days[_starts[c]]);
            }
        }

        foreach (int day in _otherFirstRowDays)
        {
            earliest = Math.Min(earliest, day);
        }

        int customers = 0, next = int.MaxValue;
        for (int c = 0; c < _count; c++)
        {
            int length = Length(c), start = _starts[c];
            if (length > 0 && _days[start] == earliest)
            {
                customers++;
                start++;
                length--;
            }

            if (length > 0)
            {
                next = Math.Min(next, _days[start]);
            }
        }

        // A customer whose earliest row is a refund (before its first purchase day, or with none) is counted by that day.
        foreach (int day in _otherFirstRowDays)
        {
            if (day == earliest)
            {
                customers++;
            }
            else
            {
                next = Math.Min(next, day);
            }
        }

        return (earliest, customers, next);
    }

    public static CustomerDays Merge(CustomerDays a, CustomerDays b)
    {
        var ids = CustomerIds.Union(a._ids, b._ids, out int[] bToMerged);
        int n = ids.Count;
        var fromB = new int[n];
        fromB.AsSpan().Fill(-1);
        for (int c = 0; c < b.CustomerCount; c++)
        {
            fromB[bToMerged[c]] = c;
        }

        var starts = new int[n];
        var lengths = new int[n];
        int total = 0;
        for (int c = 0; c < a.CustomerCount; c++)
        {
            total += a.Length(c);
        }

        for (int c = 0; c < b.CustomerCount; c++)
        {
            total += b.Length(c);
        }

        var days = new int[total];
        var amounts = new double[total];
        var refunds = a._refunds is null && b._refunds is null ? null : new double[n];
        var firstRow = new int[n];
        int w = 0;
        for (int m = 0; m < n; m++)
        {
            starts[m] = w;
            ReadOnlySpan<int> da = m < a.CustomerCount ? a.Days(m) : default;
            ReadOnlySpan<double> aa = m < a.CustomerCount ? a.Amounts(m) : default;
            int cb = fromB[m];
            ReadOnlySpan<int> db = cb >= 0 ? b.Days(cb) : default;
            ReadOnlySpan<double> ab = cb >= 0 ? b.Amounts(cb) : default;
            int i = 0, j = 0;
            while (i < da.Length || j < db.Length)
            {
                if (j == db.Length || (i < da.Length && da[i] < db[j]))
                {
                    days[w] = da[i];
                    amounts[w++] = aa[i++];
                }
                else if (i == da.Length || db[j] < da[i])
                {
                    days[w] = db[j];
                    amounts[w++] = ab[j++];
                }
                else
                {
                    days[w] = da[i];
                    amounts[w++] = aa[i++] + ab[j++];
                }
            }

            lengths[m] = w - starts[m];
            if (refunds is not null)
            {
                refunds[m] = (m < a.CustomerCount ? a.Refunds(m) : 0) + (cb >= 0 ? b.Refunds(cb) : 0);
            }

            firstRow[m] = Math.Min(m < a.CustomerCount ? a.FirstRowDay(m) : int.MaxValue, cb >= 0 ? b.FirstRowDay(cb) : int.MaxValue);
        }

        return new CustomerDays(n, ids, starts, lengths, days, amounts, refunds, firstRow);
    }

    /// <summary>
    /// Sorts a segment by day and merges equal days to its front, returning the distinct count. Each day's amounts are summed
    /// exactly (<see cref="ExactSum"/>), so the result does not depend on their order: with <paramref name="lows"/> (the rows'
    /// own rounding errors, as long as the segment) each day's sum and error are kept apart for later rows of the day; with
    /// none (empty) each day's sum is rounded once.
    /// </summary>
    internal static int SortAndMerge(Span<int> days, Span<double> amounts, Span<double> lows)
    {
        int n = days.Length;
        if (n == 0)
        {
            return 0;
        }

        bool hasLows = !lows.IsEmpty;
        if (n <= 16)
        {
            for (int i = 1; i < n; i++)
            {
                int d = days[i];
                double a = amounts[i], low = hasLows ? lows[i] : 0;
                int j = i - 1;
                while (j >= 0 && days[j] > d)
                {
                    days[j + 1] = days[j];
                    amounts[j + 1] = amounts[j];
                    if (hasLows)
                    {
                        lows[j + 1] = lows[j];
                    }

                    j--;
                }

                days[j + 1] = d;
                amounts[j + 1] = a;
                if (hasLows)
                {
                    lows[j + 1] = low;
                }
            }
        }
        else if (!hasLows)
        {
            days.Sort(amounts);
        }
        else
        {
            SortCarryingTwo(days, amounts, lows);
        }

        int w = 0;
        double sum = amounts[0], error = hasLows ? lows[0] : 0;
        for (int i = 1; i <= n; i++)
        {
            if (i < n && days[i] == days[w])
            {
                error += ExactSum.Add(ref sum, amounts[i]) + (hasLows ? lows[i] : 0);
                continue;
            }

            // Day w is complete.
            if (hasLows)
            {
                amounts[w] = sum;
                lows[w] = error;
            }
            else
            {
                amounts[w] = ExactSum.Round(sum, error);
            }

            if (i < n)
            {
                w++;
                days[w] = days[i];
                sum = amounts[i];
                error = hasLows ? lows[i] : 0;
            }
        }

        return w + 1;
    }

    /// <summary>Sorts <paramref name="days"/> carrying both <paramref name="amounts"/> and <paramref name="lows"/> along.</summary>
    private static void SortCarryingTwo(Span<int> days, Span<double> amounts, Span<double> lows)
    {
        int n = days.Length;
        int[] order = System.Buffers.ArrayPool<int>.Shared.Rent(n);
        double[] copy = System.Buffers.ArrayPool<double>.Shared.Rent(2 * n);
        try
        {
            for (int i = 0; i < n; i++)
            {
                order[i] = i;
            }

            days.Sort(order.AsSpan(0, n));
            amounts.CopyTo(copy);
            lows.CopyTo(copy.AsSpan(n));
            for (int i = 0; i < n; i++)
            {
                amounts[i] = copy[order[i]];
                lows[i] = copy[n + order[i]];
            }
        }
        finally
        {
            System.Buffers.ArrayPool<int>.Shared.Return(order);
            System.Buffers.ArrayPool<double>.Shared.Return(copy);
        }
    }
}
