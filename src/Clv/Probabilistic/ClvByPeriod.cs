using Clv.Internal;

namespace Clv.Probabilistic;

/// <summary>
/// Predictive CLV split by period: one row per customer, one column per period of the horizon (month 1, 2, ... or, grouped,
/// year 1, 2, 3), each cell the discounted expected margin of that period alone. A row sums to <see cref="PredictiveClv"/>'s
/// total for the customer (to rounding, 1e-12 relative); CRM teams plan on "1-3 year value" from the grouped columns.
/// </summary>
/// <remarks>
/// Cell (i, k) = margin E[M | x, m_x] P(alive | x, t_x, T) (E[Y(k L) | alive] - E[Y((k - 1) L) | alive]) / (1 + d)^k, the k-th term of
/// <see cref="PredictiveClv"/>'s sum (Fader, Hardie &amp; Lee 2005, "RFM and CLV: using iso-value curves", eq. 2, per period).
/// Memory: 8 bytes per customer and period (1M customers x 36 months is 288 MB). Immutable and thread-safe.
/// </remarks>
public sealed class ClvByPeriod
{
    private readonly double[] _values;

    private ClvByPeriod(double[] values, int customerCount, int periodCount, TimeUnit period, int periodsPerColumn)
    {
        _values = values;
        CustomerCount = customerCount;
        PeriodCount = periodCount;
        Period = period;
        PeriodsPerColumn = periodsPerColumn;
    }

    /// <summary>The number of customers (rows), in the order of the summaries valued.</summary>
    public int CustomerCount { get; }

    /// <summary>The number of columns: the horizon's periods, or groups of them after <see cref="Grouped"/>.</summary>
    public int PeriodCount { get; }

    /// <summary>The unit of one period of the horizon (<see cref="PredictiveClvOptions.Period"/>).</summary>
    public TimeUnit Period { get; }

    /// <summary>How many periods of <see cref="Period"/> one column spans: 1, or the group size given to <see cref="Grouped"/> (the last column may span fewer).</summary>
    public int PeriodsPerColumn { get; }

    /// <summary>The discounted expected margin of customer <paramref name="customer"/> in column <paramref name="period"/>.</summary>
    /// <param name="customer">The customer's index, in [0, <see cref="CustomerCount"/>).</param>
    /// <param name="period">The column, in [0, <see cref="PeriodCount"/>): 0 is the first period (or group).</param>
    /// <returns>The value, at least 0.</returns>
    public double this[int customer, int period]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(customer);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(customer, CustomerCount);
            ArgumentOutOfRangeException.ThrowIfNegative(period);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(period, PeriodCount);
            return _values[(customer * PeriodCount) + period];
        }
    }

    /// <summary>The values of a customer's periods, in order.</summary>
    /// <param name="customer">The customer's index, in [0, <see cref="CustomerCount"/>).</param>
    /// <returns>One value per column.</returns>
    public ReadOnlySpan<double> Row(int customer)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(customer);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(customer, CustomerCount);
        return _values.AsSpan(customer * PeriodCount, PeriodCount);
    }

    /// <summary>A customer's total over the horizon: the sum of the row in period order.</summary>
    /// <param name="customer">The customer's index.</param>
    /// <returns>The total; equal to <see cref="PredictiveClv"/>'s value of the customer to 1e-12 relative.</returns>
    public double Total(int customer)
    {
        double sum = 0;
        foreach (double v in Row(customer))
        {
            sum += v;
        }

        return sum;
    }

    /// <summary>Every customer's value in one column, in customer order (for example year 2 of every customer).</summary>
    /// <param name="period">The column, in [0, <see cref="PeriodCount"/>).</param>
    /// <returns>One value per customer.</returns>
    public double[] Column(int period)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(period);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(period, PeriodCount);
        var result = new double[CustomerCount];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = _values[(i * PeriodCount) + period];
        }

        return result;
    }

    /// <summary>
    /// Columns merged in groups of <paramref name="periodsPerGroup"/> consecutive periods: 36 months grouped by 12 give year 1, 2
    /// and 3. Each new cell is the sum of its periods' cells, so rows still sum to the same totals.
    /// </summary>
    /// <param name="periodsPerGroup">Columns per group (at least 1); the last group holds the remainder when it does not divide <see cref="PeriodCount"/>.</param>
    /// <returns>The grouped values.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="periodsPerGroup"/> is less than 1, or <see cref="PeriodsPerColumn"/> times it exceeds <see cref="int.MaxValue"/>.</exception>
    public ClvByPeriod Grouped(int periodsPerGroup)
    {
        if (periodsPerGroup < 1)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(periodsPerGroup), periodsPerGroup, Guard.Format($"periodsPerGroup must be at least 1, but was {periodsPerGroup}."));
        }

        if (periodsPerGroup > int.MaxValue / PeriodsPerColumn)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(periodsPerGroup), periodsPerGroup, Guard.Format(
                $"periodsPerGroup must be at most {int.MaxValue / PeriodsPerColumn} (columns already span {PeriodsPerColumn} periods each), but was {periodsPerGroup}."));
        }

        int groups = GroupCount(PeriodCount, periodsPerGroup);
        var values = new double[CustomerCount * groups];
        for (int i = 0; i < CustomerCount; i++)
        {
            for (int k = 0; k < PeriodCount; k++)
            {
                values[(i * groups) + (k / periodsPerGroup)] += _values[(i * PeriodCount) + k];
            }
        }

        return new ClvByPeriod(values, CustomerCount, groups, Period, PeriodsPerColumn * periodsPerGroup);
    }

    /// <summary>The value of every period of the horizon for every customer, converting the summaries' time unit to the model's.</summary>
    /// <param name="purchases">The repeat-purchase model.</param>
    /// <param name="spend">The spend model.</param>
    /// <param name="customers">The customers.</param>
    /// <param name="options">Horizon, period, discount rate and margin; <see cref="PredictiveClvOptions.Default"/> when null.</param>
    /// <returns>One row per customer (in order) of <see cref="PredictiveClvOptions.Periods"/> columns; rows of customers without a purchase are 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (<see cref="PredictiveClvOptions.Periods"/> below 1 or above 1,000,000, a negative margin rate or an invalid period), or the table of customers x periods has more than <see cref="Array.MaxLength"/> cells; the parameter name is the option, such as <c>options.Periods</c>.</exception>
    public static ClvByPeriod Compute(PurchaseModel purchases, GammaGammaModel spend, CustomerSummaries customers, PredictiveClvOptions? options)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var plan = PredictiveClv.Plan.Create(purchases, spend, options);
        var span = customers.AsSpan();
        int periods = plan.PeriodCount;
        var values = new double[TableCells(span.Length, periods)];

        Values(plan, purchases, customers, 1, values);
        return new ClvByPeriod(values, span.Length, periods, plan.Period, 1);
    }

    /// <summary>
    /// <c>Compute(purchases, spend, customers, options).Grouped(periodsPerGroup)</c>, to the bit, without the customers x periods
    /// table of single periods (288 MB for a million customers and 36 months): each customer's periods go through one scratch row.
    /// </summary>
    internal static ClvByPeriod Compute(PurchaseModel purchases, GammaGammaModel spend, CustomerSummaries customers, PredictiveClvOptions? options, int periodsPerGroup)
    {
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentOutOfRangeException.ThrowIfLessThan(periodsPerGroup, 1);
        var plan = PredictiveClv.Plan.Create(purchases, spend, options);
        var span = customers.AsSpan();
        int periods = plan.PeriodCount;
        int groups = GroupCount(periods, periodsPerGroup);
        var values = new double[TableCells(span.Length, groups)];

        Values(plan, purchases, customers, periodsPerGroup, values);
        return new ClvByPeriod(values, span.Length, groups, plan.Period, periodsPerGroup);
    }

    /// <summary>
    /// Every customer's period values into its row of <paramref name="values"/>, summed in groups of
    /// <paramref name="periodsPerGroup"/> periods (1: each period as it is), over the cores in fixed ranges of customers.
    /// </summary>
    private static void Values(PredictiveClv.Plan plan, PurchaseModel purchases, CustomerSummaries customers, int periodsPerGroup, double[] values)
    {
        int periods = plan.PeriodCount;
        int groups = GroupCount(periods, periodsPerGroup);
        var terms = Terms(plan, purchases, customers.AsSpan(), out int[] slot);
        Parallelism.For(customers.Count, (from, to) =>
        {
            var span = customers.AsSpan();
            var row = periodsPerGroup == 1 ? null : new double[periods];
            for (int i = from; i < to; i++)
            {
                var periodTerms = terms.AsSpan(slot[i] * periods, periods);
                double scale = purchases.Scale(span[i].TimeUnit);
                if (row is null)
                {
                    plan.PeriodValues(span[i], scale, periodTerms, values.AsSpan(i * periods, periods));
                    continue;
                }

                plan.PeriodValues(span[i], scale, periodTerms, row);
                var grouped = values.AsSpan(i * groups, groups);
                for (int k = 0; k < periods; k++)
                {
                    grouped[k / periodsPerGroup] += row[k];
                }
            }
        });
    }

    /// <summary>
    /// The incremental expectations given alive, which depend on (x, T) only: once per distinct pair, in parallel; row
    /// <c>slot[i]</c> of the result (of <see cref="PredictiveClv.Plan.PeriodCount"/> terms) is customer i's.
    /// </summary>
    private static double[] Terms(PredictiveClv.Plan plan, PurchaseModel purchases, ReadOnlySpan<CustomerSummary> span, out int[] slot)
    {
        int periods = plan.PeriodCount;
        var index = new KeyIndex(256);
        slot = new int[span.Length];
        for (int i = 0; i < span.Length; i++)
        {
            slot[i] = index.GetOrAdd(span[i].Frequency, 0, span[i].Age * purchases.Scale(span[i].TimeUnit));
        }

        var terms = new double[TableCells(index.Count, periods)];
        Parallel.For(0, index.Count, j => plan.PeriodTerms(index.X(j), index.Age(j), terms.AsSpan(j * periods, periods)));
        return terms;
    }

    /// <summary>The value of every period of the horizon for one customer; identical to the customer's row of the population form.</summary>
    /// <param name="purchases">The repeat-purchase model.</param>
    /// <param name="spend">The spend model.</param>
    /// <param name="customer">The customer (the summary's time unit is converted to the model's).</param>
    /// <param name="options">Horizon, period, discount rate and margin; <see cref="PredictiveClvOptions.Default"/> when null.</param>
    /// <param name="destination">One value per period (length <see cref="PredictiveClvOptions.Periods"/>).</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/>'s length is not the number of periods.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range: <see cref="PredictiveClvOptions.Periods"/> below 1 or above 1,000,000, a negative margin rate or an invalid period (the parameter name is the option, such as <c>options.Periods</c>).</exception>
    public static void Compute(PurchaseModel purchases, GammaGammaModel spend, in CustomerSummary customer, PredictiveClvOptions? options, Span<double> destination)
    {
        var plan = PredictiveClv.Plan.Create(purchases, spend, options);
        Guard.SameLength(plan.PeriodCount, destination.Length);
        double scale = purchases.Scale(customer.TimeUnit);
        Span<double> terms = plan.PeriodCount <= 512 ? stackalloc double[plan.PeriodCount] : new double[plan.PeriodCount];
        plan.PeriodTerms(customer.Frequency, customer.Age * scale, terms);
        plan.PeriodValues(customer, scale, terms, destination);
    }

    /// <summary>The number of groups of <paramref name="size"/> columns out of <paramref name="columns"/> (the last may be short), without overflow.</summary>
    private static int GroupCount(int columns, int size) => columns == 0 ? 0 : ((columns - 1) / size) + 1;

    /// <summary>The cells of a table of <paramref name="rows"/> x <paramref name="columns"/>, refused when one array cannot hold them.</summary>
    private static int TableCells(int rows, int columns)
    {
        long cells = (long)rows * columns;
        if (cells > Array.MaxLength)
        {
            ThrowHelper.ArgumentOutOfRange("options.Periods", columns, Guard.Format(
                $"A table of {rows} customers x {columns} periods has {cells} cells, more than the {Array.MaxLength} one array holds: use fewer options.Periods or fewer customers."));
        }

        return (int)cells;
    }
}
