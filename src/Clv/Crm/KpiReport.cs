using Clv.Internal;
using Clv.Lifecycle;

namespace Clv.Crm;

/// <summary>
/// The KPIs CRM teams track, one row per calendar month or quarter of a date range: customer base, paying and new customers,
/// orders, revenue, ARPU, ARPPU, average order value, purchase frequency, repeat rate and churn rate (see <see cref="KpiRow"/>
/// for each definition). Immutable; built by <see cref="Create"/>.
/// </summary>
/// <remarks>
/// <para>Built from the transaction log itself, so refunds are dated and customers first seen late are counted. Rows before
/// the range are read too: they make customers known (acquired) and active at the range's start. Rows after the range's end
/// are ignored, so a report never looks ahead.</para>
/// <para>The rows cover every period from the one containing the start to the one containing the end; the first and last are
/// cut to the range, so the revenue of the rows sums to the purchase amounts dated in the range, and their net revenue to
/// every amount in it.</para>
/// </remarks>
public sealed class KpiReport
{
    private readonly KpiRow[] _rows;

    private KpiReport(KpiRow[] rows, DateOnly start, DateOnly end, KpiOptions options)
    {
        _rows = rows;
        Start = start;
        End = end;
        Period = options.Period;
        ActiveWindowDays = options.ActiveWindowDays;
    }

    /// <summary>One row per period, earliest first.</summary>
    public IReadOnlyList<KpiRow> Rows => _rows;

    /// <summary>The first day of the range.</summary>
    public DateOnly Start { get; }

    /// <summary>The last day of the range.</summary>
    public DateOnly End { get; }

    /// <summary>The period of the rows.</summary>
    public CohortPeriod Period { get; }

    /// <summary>The activity window W in days (<see cref="KpiOptions.ActiveWindowDays"/>).</summary>
    public int ActiveWindowDays { get; }

    /// <summary>Computes the KPIs of every period from <paramref name="start"/> to <paramref name="end"/>.</summary>
    /// <param name="transactions">The log, in any order, including the history before <paramref name="start"/> (for example <see cref="TransactionLog.Transactions"/>).</param>
    /// <param name="start">The first day of the range.</param>
    /// <param name="end">The last day of the range (inclusive), on or after <paramref name="start"/>.</param>
    /// <param name="options">The period and activity window; <see cref="KpiOptions.Default"/> when null.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="end"/> is before <paramref name="start"/>, or an option is out of range.</exception>
    /// <exception cref="ArgumentException">A row on or before <paramref name="end"/> is a default <see cref="Transaction"/> (no customer id); the message names it.</exception>
    public static KpiReport Create(ReadOnlySpan<Transaction> transactions, DateOnly start, DateOnly end, KpiOptions? options)
    {
        options = (options ?? KpiOptions.Default).Validate();
        if (end < start)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(end), end, Guard.Format($"end ({end:yyyy-MM-dd}) cannot be before start ({start:yyyy-MM-dd})."));
        }

        var (starts, ends) = Periods(start, end, options.Period);
        var refunds = new double[starts.Length];
        var refundErrors = new double[starts.Length];   // their rounding errors (ExactSum): the same sums in any row order
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var keys = new List<long>();
        var amounts = new List<double>();
        int endDay = end.DayNumber;
        for (int i = 0; i < transactions.Length; i++)
        {
            var t = transactions[i];
            if (t.CustomerId is null)
            {
                ThrowHelper.Argument(nameof(transactions), Guard.Format($"transactions[{i}] has no customer id (a default Transaction)."));
            }

            int day = t.Date.DayNumber;
            if (day > endDay)
            {
                continue;
            }

            if (t.IsRefund)
            {
                if (t.Date >= start)
                {
                    int period = PeriodOf(starts, day);
                    refundErrors[period] += ExactSum.Add(ref refunds[period], -t.Amount);
                }

                continue;
            }

            if (!index.TryGetValue(t.CustomerId, out int c))
            {
                c = index.Count;
                index.Add(t.CustomerId, c);
            }

            keys.Add(((long)c << 32) | (uint)day);
            amounts.Add(t.Amount);
        }

        var counts = Count(keys, amounts, starts, ends, options.ActiveWindowDays);
        var rows = new KpiRow[starts.Length];
        for (int p = 0; p < rows.Length; p++)
        {
            var k = counts[p];
            double revenue = ExactSum.Round(k.Revenue, k.RevenueError), refund = ExactSum.Round(refunds[p], refundErrors[p]);
            rows[p] = new KpiRow(
                DateOnly.FromDayNumber(starts[p]),
                DateOnly.FromDayNumber(ends[p]),
                k.Base,
                k.Paying,
                k.New,
                k.Orders,
                revenue,
                refund,
                Ratio(revenue, k.Base),
                Ratio(revenue, k.Paying),
                Ratio(revenue, k.Orders),
                Ratio(k.Orders, k.Paying),
                k.Repeat,
                Ratio(k.Repeat, k.Paying),
                k.ActiveAtStart,
                k.Churned,
                Ratio(k.Churned, k.ActiveAtStart));
        }

        return new KpiReport(rows, start, end, options);
    }

    /// <summary>
    /// The report as a fixed-width table (invariant culture): a title line, then one line per period with its first day, customer
    /// base, paying and new customers, orders, revenue, ARPU, ARPPU, AOV, purchase frequency, repeat rate and churn rate ("-" when undefined).
    /// </summary>
    /// <returns>The table.</returns>
    public override string ToString()
    {
        var table = new TextTable(("period", true), ("base", false), ("paying", false), ("new", false), ("orders", false), ("revenue", false),
            ("ARPU", false), ("ARPPU", false), ("AOV", false), ("frequency", false), ("repeat", false), ("churn", false));
        foreach (var row in _rows)
        {
            table.Add(
                TextTable.Date(row.PeriodStart),
                TextTable.Int(row.CustomerBase),
                TextTable.Int(row.PayingCustomers),
                TextTable.Int(row.NewCustomers),
                TextTable.Int(row.Orders),
                TextTable.Amount(row.Revenue),
                Cell(row.Arpu, "N2"),
                Cell(row.Arppu, "N2"),
                Cell(row.AverageOrderValue, "N2"),
                Cell(row.PurchaseFrequency, "0.00"),
                Cell(row.RepeatRate, "0.000"),
                Cell(row.ChurnRate, "0.000"));
        }

        string unit = Period == CohortPeriod.Month ? "month" : "quarter";
        return table.Render(Guard.Format($"KPIs by {unit} from {Start:yyyy-MM-dd} to {End:yyyy-MM-dd} (active window {ActiveWindowDays} days)"));
    }

    private static string Cell(double value, string format) => double.IsNaN(value) ? "-" : TextTable.Number(value, format);

    private static double Ratio(double numerator, double denominator) => denominator > 0 ? numerator / denominator : double.NaN;

    /// <summary>The calendar periods from the one containing start to the one containing end, cut to [start, end], as day numbers.</summary>
    private static (int[] Starts, int[] Ends) Periods(DateOnly start, DateOnly end, CohortPeriod period)
    {
        int months = period == CohortPeriod.Month ? 1 : 3;
        var first = new DateOnly(start.Year, ((start.Month - 1) / months * months) + 1, 1);
        var starts = new List<int>();
        var ends = new List<int>();
        for (var p = first; p <= end;)
        {
            // The period's last day, found without stepping past December 9999.
            var lastMonth = p.AddMonths(months - 1);
            var last = lastMonth.AddDays(DateTime.DaysInMonth(lastMonth.Year, lastMonth.Month) - 1);
            starts.Add(Math.Max(p.DayNumber, start.DayNumber));
            ends.Add(Math.Min(last.DayNumber, end.DayNumber));
            if (last >= end)
            {
                break;
            }

            p = last.AddDays(1);
        }

        return ([.. starts], [.. ends]);
    }

    private static int PeriodOf(int[] starts, int day)
    {
        int p = Array.BinarySearch(starts, day);
        return p >= 0 ? p : ~p - 1;
    }

    private struct Counts
    {
        public int Base;
        public int Paying;
        public int New;
        public long Orders;
        public double Revenue;
        public double RevenueError;   // the rounding error of Revenue's additions (ExactSum): the sum is the same in any row order
        public int Repeat;
        public int ActiveAtStart;
        public int Churned;
    }

    /// <summary>Sorts the purchases by customer and day, merges same-day purchases into orders, and counts every period.</summary>
    private static Counts[] Count(List<long> keyList, List<double> amountList, int[] starts, int[] ends, int window)
    {
        long[] keys = [.. keyList];
        double[] amounts = [.. amountList];
        Array.Sort(keys, amounts);
        var counts = new Counts[starts.Length];
        var days = new List<int>();
        var dayAmounts = new List<double>();
        var dayErrors = new List<double>();
        for (int i = 0; i < keys.Length;)
        {
            long customer = keys[i] >> 32;
            days.Clear();
            dayAmounts.Clear();
            dayErrors.Clear();
            for (; i < keys.Length && keys[i] >> 32 == customer; i++)
            {
                int day = (int)(keys[i] & 0xFFFFFFFF);
                if (days.Count > 0 && days[^1] == day)
                {
                    // A day's purchases summed exactly (the sort leaves them in no set order) and rounded once below.
                    double sum = dayAmounts[^1];
                    dayErrors[^1] += ExactSum.Add(ref sum, amounts[i]);
                    dayAmounts[^1] = sum;
                }
                else
                {
                    days.Add(day);
                    dayAmounts.Add(amounts[i]);
                    dayErrors.Add(0);
                }
            }

            for (int d = 0; d < dayAmounts.Count; d++)
            {
                dayAmounts[d] = ExactSum.Round(dayAmounts[d], dayErrors[d]);
            }

            AddCustomer(days, dayAmounts, starts, ends, window, counts);
        }

        return counts;
    }

    private static void AddCustomer(List<int> days, List<double> amounts, int[] starts, int[] ends, int window, Counts[] counts)
    {
        int first = days[0], last = days[^1];
        for (int p = 0; p < starts.Length; p++)
        {
            int ps = starts[p], pe = ends[p];
            if (first > pe || last < ps - window)
            {
                continue;   // not yet acquired, or lapsed before the window that reaches into the period
            }

            ref var k = ref counts[p];
            int from = LowerBound(days, ps), to = LowerBound(days, pe + 1);
            int before = LowerBound(days, ps - window);
            int ordersToEnd = to;
            bool activeAtStart = from > before;
            if (activeAtStart)
            {
                k.ActiveAtStart++;
                if (LowerBound(days, pe - window + 1) == to)
                {
                    k.Churned++;
                }
            }

            if (to > from)
            {
                k.Paying++;
                k.Orders += to - from;
                for (int d = from; d < to; d++)
                {
                    k.RevenueError += ExactSum.Add(ref k.Revenue, amounts[d]);
                }

                if (first >= ps)
                {
                    k.New++;
                }

                if (ordersToEnd >= 2)
                {
                    k.Repeat++;
                }
            }

            if (to > before)
            {
                k.Base++;
            }
        }
    }

    /// <summary>The index of the first day at or after <paramref name="day"/> (the count of days before it).</summary>
    private static int LowerBound(List<int> days, int day)
    {
        int lo = 0, hi = days.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (days[mid] < day)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
