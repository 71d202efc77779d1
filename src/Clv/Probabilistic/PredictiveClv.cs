using Clv.Internal;

namespace Clv.Probabilistic;

/// <summary>
/// Predictive customer lifetime value: expected purchases from a repeat-purchase model (BG/NBD, MBG/NBD, ...)
/// times the Gamma-Gamma expected spend times the margin, discounted per period over a horizon.
/// </summary>
/// <remarks>
/// CLV = margin E[M | x, m_x] Σ_{k=1..N} (E[Y(k L) | x, t_x, T] - E[Y((k - 1) L) | x, t_x, T]) / (1 + d)^k, where L is
/// the period length in the model's time unit and d the discount rate per period: each period's <em>incremental</em>
/// expected purchases are discounted at the period's end (discounting cumulative purchases, a common peer bug,
/// counts early purchases many times). The model's unit and the discount rate's period are converted exactly
/// (a 365.25-day year, 365.25/12-day months). Customers without a purchase (refund-only leads) are valued at 0.
/// For BG/NBD, MBG/NBD and Pareto/NBD the expectation factors as P(alive) times a term that depends on (x, T)
/// only, so a population needs the hypergeometric terms once per distinct (x, T).
/// </remarks>
public static class PredictiveClv
{
    /// <summary>The CLV of one customer (recency and age in the model's time unit).</summary>
    /// <param name="purchases">The repeat-purchase model.</param>
    /// <param name="spend">The spend model.</param>
    /// <param name="customer">The customer.</param>
    /// <param name="options">Horizon, period, discount rate and margin; <see cref="PredictiveClvOptions.Default"/> when null.</param>
    /// <returns>The discounted expected margin over the horizon.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range: <see cref="PredictiveClvOptions.Periods"/> below 1 or above 1,000,000, a negative margin rate or an invalid period (the parameter name is the option, such as <c>options.Periods</c>).</exception>
    public static double Compute(PurchaseModel purchases, GammaGammaModel spend, in CustomerSummary customer, PredictiveClvOptions? options)
    {
        var plan = Plan.Create(purchases, spend, options);
        double scale = purchases.Scale(customer.TimeUnit);
        return plan.Value(customer, scale, plan.PurchaseFactor(customer, scale));
    }

    /// <summary>The CLV of each customer (recency and age in the model's time unit); identical to the scalar entry.</summary>
    /// <param name="purchases">The repeat-purchase model.</param>
    /// <param name="spend">The spend model.</param>
    /// <param name="customers">The customers.</param>
    /// <param name="options">Horizon, period, discount rate and margin; <see cref="PredictiveClvOptions.Default"/> when null.</param>
    /// <param name="destination">One CLV per customer.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range: <see cref="PredictiveClvOptions.Periods"/> below 1 or above 1,000,000, a negative margin rate or an invalid period (the parameter name is the option, such as <c>options.Periods</c>).</exception>
    public static void Compute(PurchaseModel purchases, GammaGammaModel spend, ReadOnlySpan<CustomerSummary> customers, PredictiveClvOptions? options, Span<double> destination)
    {
        Guard.SameLength(customers.Length, destination.Length);
        Plan.Create(purchases, spend, options).Values(customers, destination);
    }

    /// <summary>The CLV of every customer, converting the summaries' time unit to the model's.</summary>
    /// <param name="purchases">The repeat-purchase model.</param>
    /// <param name="spend">The spend model.</param>
    /// <param name="customers">The customers.</param>
    /// <param name="options">Horizon, period, discount rate and margin; <see cref="PredictiveClvOptions.Default"/> when null.</param>
    /// <returns>One CLV per customer, in the order of <paramref name="customers"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range: <see cref="PredictiveClvOptions.Periods"/> below 1 or above 1,000,000, a negative margin rate or an invalid period (the parameter name is the option, such as <c>options.Periods</c>).</exception>
    public static double[] Compute(PurchaseModel purchases, GammaGammaModel spend, CustomerSummaries customers, PredictiveClvOptions? options)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var plan = Plan.Create(purchases, spend, options);
        var result = new double[customers.Count];
        plan.Values(customers.AsSpan(), result);
        return result;
    }

    /// <summary>
    /// The value of a customer not yet acquired (x = 0 at T = 0): the first purchase's margin plus the discounted expected margin of
    /// the repeat purchases over the horizon, from the unconditional E[X(t)] and the population mean spend p v / (q - 1). Compare
    /// it with the cost of acquiring a customer (LTV:CAC).
    /// </summary>
    /// <param name="purchases">The repeat-purchase model.</param>
    /// <param name="spend">The spend model (its q must exceed 1 for a finite mean spend).</param>
    /// <param name="options">Horizon, period, discount rate and margin; <see cref="PredictiveClvOptions.Default"/> when null.</param>
    /// <returns>The expected repeat purchases over the horizon, the mean spend and the first-purchase, repeat and total values.</returns>
    /// <exception cref="ArgumentException">The spend model's q is at most 1.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range: <see cref="PredictiveClvOptions.Periods"/> below 1 or above 1,000,000, a negative margin rate or an invalid period (the parameter name is the option, such as <c>options.Periods</c>).</exception>
    public static NewCustomerValue NewCustomer(PurchaseModel purchases, GammaGammaModel spend, PredictiveClvOptions? options) =>
        Plan.Create(purchases, spend, options).NewCustomer();

    /// <summary>
    /// Value at risk of every customer: CLV x (1 - P(alive)), the part of the customer's value that the model says
    /// may already be lost. Pass it to <c>Clv.Lifecycle.EarlyWarningReport.Create</c> to rank slipping customers by it.
    /// </summary>
    /// <param name="purchases">The repeat-purchase model (also gives P(alive)).</param>
    /// <param name="spend">The spend model.</param>
    /// <param name="customers">The customers (their time unit is converted to the model's).</param>
    /// <param name="options">Horizon, period, discount rate and margin; <see cref="PredictiveClvOptions.Default"/> when null.</param>
    /// <returns>One value at risk per customer, at least 0; 0 for customers without a purchase.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range: <see cref="PredictiveClvOptions.Periods"/> below 1 or above 1,000,000, a negative margin rate or an invalid period (the parameter name is the option, such as <c>options.Periods</c>).</exception>
    public static double[] ValueAtRisk(PurchaseModel purchases, GammaGammaModel spend, CustomerSummaries customers, PredictiveClvOptions? options)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        var clv = Compute(purchases, spend, customers, options);
        double scale = purchases.Scale(customers.TimeUnit);
        var span = customers.AsSpan();
        for (int i = 0; i < clv.Length; i++)
        {
            ref readonly var c = ref span[i];
            double alive = c.HasPurchase ? purchases.ProbabilityAliveCore(c.Frequency, c.Recency * scale, c.Age * scale) : 1;
            clv[i] = AtRisk(clv[i], c.HasPurchase, alive);
        }

        return clv;
    }

    /// <summary>One customer's value at risk: CLV x (1 - P(alive)), P(alive) taken as 1 without a purchase (the scorecard reuses its P(alive)).</summary>
    internal static double AtRisk(double clv, bool hasPurchase, double alive) => clv * (1 - (hasPurchase ? alive : 1));

    internal sealed class Plan
    {
        private readonly PurchaseModel _purchases;
        private readonly GammaGammaModel _spend;
        private readonly double _margin;
        private readonly double _periodLength;
        private readonly double[] _discount;

        private Plan(PurchaseModel purchases, GammaGammaModel spend, PredictiveClvOptions options)
        {
            _purchases = purchases;
            _spend = spend;
            _margin = options.MarginRate;
            _periodLength = purchases.Scale(options.Period);
            Period = options.Period;
            _discount = new double[options.Periods + 1];
            for (int k = 1; k <= options.Periods; k++)
            {
                _discount[k] = options.DiscountRate.DiscountFactor(k, options.Period);
            }
        }

        public static Plan Create(PurchaseModel purchases, GammaGammaModel spend, PredictiveClvOptions? options)
        {
            ArgumentNullException.ThrowIfNull(purchases);
            ArgumentNullException.ThrowIfNull(spend);
            options ??= PredictiveClvOptions.Default;
            return new Plan(purchases, spend, options.Validate());
        }

        /// <summary>The number of periods of the horizon.</summary>
        public int PeriodCount => _discount.Length - 1;

        /// <summary>The unit of one period.</summary>
        public TimeUnit Period { get; }

        /// <summary>Σ_k discount_k (E[Y(kL) | alive] - E[Y((k-1)L) | alive]).</summary>
        public double PurchaseFactor(in CustomerSummary c, double scale) => PurchaseFactor(c.Frequency, c.Age * scale);

        public double PurchaseFactor(int x, double age)
        {
            int n = PeriodCount;
            Span<double> terms = n <= 512 ? stackalloc double[n] : new double[n];
            PeriodTerms(x, age, terms);
            double sum = 0;
            for (int k = 0; k < n; k++)
            {
                sum += terms[k];
            }

            return sum;
        }

        /// <summary>discount_k (E[Y(kL) | alive] - E[Y((k-1)L) | alive]) for k = 1..N, into <paramref name="terms"/>.</summary>
        public void PeriodTerms(int x, double age, Span<double> terms)
        {
            int n = PeriodCount;
            Span<double> times = n <= 512 ? stackalloc double[n] : new double[n];
            for (int k = 1; k <= n; k++)
            {
                times[k - 1] = k * _periodLength;
            }

            _purchases.ExpectedPurchasesIfAlive(x, age, times, terms);
            double previous = 0;
            for (int k = 1; k <= n; k++)
            {
                double expected = terms[k - 1];
                terms[k - 1] = _discount[k] * (expected - previous);
                previous = expected;
            }
        }

        /// <summary>Each period's value: margin E[M] P(alive) times the period's discounted term (0 without a purchase).</summary>
        public void PeriodValues(in CustomerSummary c, double scale, ReadOnlySpan<double> terms, Span<double> destination)
        {
            if (!c.HasPurchase)
            {
                destination.Clear();
                return;
            }

            double alive = _purchases.ProbabilityAliveCore(c.Frequency, c.Recency * scale, c.Age * scale);
            double common = _margin * _spend.ExpectedSpendCore(c.Frequency, c.MonetaryValue) * alive;
            for (int k = 0; k < terms.Length; k++)
            {
                destination[k] = common * terms[k];
            }
        }

        /// <summary>The value of a customer acquired now: the first purchase (undiscounted) and the discounted repeat purchases.</summary>
        public NewCustomerValue NewCustomer()
        {
            if (!_spend.HasFiniteMeanSpend)
            {
                ThrowHelper.Argument("spend", Guard.Format($"The spend model's q ({_spend.Q}) is at most 1, so the mean spend of a new customer is infinite."));
            }

            int n = PeriodCount;
            double meanSpend = _spend.MeanSpend;
            double sum = 0, previous = 0;
            for (int k = 1; k <= n; k++)
            {
                double expected = _purchases.ExpectedPurchasesCore(k * _periodLength);
                sum += _discount[k] * (expected - previous);
                previous = expected;
            }

            return new NewCustomerValue(previous, meanSpend, _margin * meanSpend, _margin * meanSpend * sum);
        }

        public double Value(in CustomerSummary c, double scale, double purchaseFactor)
        {
            if (!c.HasPurchase)
            {
                return 0;
            }

            double alive = _purchases.ProbabilityAliveCore(c.Frequency, c.Recency * scale, c.Age * scale);
            return _margin * _spend.ExpectedSpendCore(c.Frequency, c.MonetaryValue) * alive * purchaseFactor;
        }

        public void Values(ReadOnlySpan<CustomerSummary> customers, Span<double> destination)
        {
            // Distinct (x, T) in order of first appearance: the expectation given alive depends on nothing else. The customers
            // look their key up again below rather than keep its number (a 4 MB working array at a million customers).
            var index = new KeyIndex(256);
            for (int i = 0; i < customers.Length; i++)
            {
                ref readonly var c = ref customers[i];
                index.GetOrAdd(c.Frequency, 0, c.Age * _purchases.Scale(c.TimeUnit));
            }

            // Each distinct key is independent, so the parallel loops give the same values as the scalar entry.
            var factors = new double[index.Count];
            Parallel.For(0, factors.Length, j => factors[j] = PurchaseFactor(index.X(j), index.Age(j)));
            Parallelism.For(customers, destination, (part, into, _) =>
            {
                for (int i = 0; i < part.Length; i++)
                {
                    ref readonly var c = ref part[i];
                    double scale = _purchases.Scale(c.TimeUnit);
                    into[i] = Value(c, scale, factors[index.IndexOf(c.Frequency, 0, c.Age * scale)]);
                }
            });
        }
    }
}
