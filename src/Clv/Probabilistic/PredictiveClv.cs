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
    public static double[] Compute(PurchaseModel purchases, GammaGammaModel spend, CustomerSummaries customers, PredictiveClvOptions? options)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var plan = Plan.Create(purchases, spend, options);
        var result = new double[customers.Count];
        plan.Values(customers.AsSpan(), result);
        return result;
    }

    /// <summary>
    /// Value at risk of every customer: CLV x (1 - P(alive)), the part of the customer's value that the model says
    /// may already be lost. Pass it to <c>Clv.Lifecycle.EarlyWarningReport.Create</c> to rank slipping customers by it.
    /// </summary>
    /// <param name="purchases">The repeat-purchase model (also gives P(alive)).</param>
    /// <param name="spend">The spend model.</param>
    /// <param name="customers">The customers (their time unit is converted to the model's).</param>
    /// <param name="options">Horizon, period, discount rate and margin; <see cref="PredictiveClvOptions.Default"/> when null.</param>
    /// <returns>One value at risk per customer, at least 0; 0 for customers without a purchase.</returns>
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
            clv[i] *= 1 - alive;
        }

        return clv;
    }

    private sealed class Plan
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

        /// <summary>Σ_k discount_k (E[Y(kL) | alive] - E[Y((k-1)L) | alive]).</summary>
        public double PurchaseFactor(in CustomerSummary c, double scale) => PurchaseFactor(c.Frequency, c.Age * scale);

        public double PurchaseFactor(int x, double age)
        {
            int n = _discount.Length - 1;
            Span<double> times = n <= 512 ? stackalloc double[n] : new double[n];
            Span<double> expected = n <= 512 ? stackalloc double[n] : new double[n];
            for (int k = 1; k <= n; k++)
            {
                times[k - 1] = k * _periodLength;
            }

            _purchases.ExpectedPurchasesIfAlive(x, age, times, expected);

            double sum = 0, previous = 0;
            for (int k = 1; k <= n; k++)
            {
                sum += _discount[k] * (expected[k - 1] - previous);
                previous = expected[k - 1];
            }

            return sum;
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
            // Distinct (x, T) in order of first appearance: the expectation given alive depends on nothing else.
            var index = new KeyIndex(256);
            var slot = new int[customers.Length];
            for (int i = 0; i < customers.Length; i++)
            {
                ref readonly var c = ref customers[i];
                slot[i] = index.GetOrAdd(c.Frequency, 0, c.Age * _purchases.Scale(c.TimeUnit));
            }

            // Each distinct key is independent, so the parallel loop gives the same values as the scalar entry.
            var factors = new double[index.Count];
            Parallel.For(0, factors.Length, j => factors[j] = PurchaseFactor(index.X(j), index.Age(j)));
            for (int i = 0; i < customers.Length; i++)
            {
                destination[i] = Value(customers[i], _purchases.Scale(customers[i].TimeUnit), factors[slot[i]]);
            }
        }
    }
}
