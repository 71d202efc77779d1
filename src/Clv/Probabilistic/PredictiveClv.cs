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
    public static double Compute(IPurchaseModel purchases, GammaGammaModel spend, in CustomerSummary customer, PredictiveClvOptions? options)
    {
        var plan = Plan.Create(purchases, spend, options);
        return plan.Value(customer, 1, plan.PurchaseFactor(customer, 1));
    }

    /// <summary>The CLV of each customer (recency and age in the model's time unit); identical to the scalar entry.</summary>
    /// <param name="purchases">The repeat-purchase model.</param>
    /// <param name="spend">The spend model.</param>
    /// <param name="customers">The customers.</param>
    /// <param name="destination">One CLV per customer.</param>
    /// <param name="options">Horizon, period, discount rate and margin; <see cref="PredictiveClvOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static void Compute(IPurchaseModel purchases, GammaGammaModel spend, ReadOnlySpan<CustomerSummary> customers, Span<double> destination, PredictiveClvOptions? options)
    {
        Guard.SameLength(customers.Length, destination.Length);
        Plan.Create(purchases, spend, options).Values(customers, destination, 1);
    }

    /// <summary>The CLV of every customer, converting the summaries' time unit to the model's.</summary>
    /// <param name="purchases">The repeat-purchase model.</param>
    /// <param name="spend">The spend model.</param>
    /// <param name="customers">The customers.</param>
    /// <param name="options">Horizon, period, discount rate and margin; <see cref="PredictiveClvOptions.Default"/> when null.</param>
    /// <returns>One CLV per customer, in the order of <paramref name="customers"/>.</returns>
    public static double[] Compute(IPurchaseModel purchases, GammaGammaModel spend, CustomerSummaries customers, PredictiveClvOptions? options)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var plan = Plan.Create(purchases, spend, options);
        var result = new double[customers.Count];
        plan.Values(customers.AsSpan(), result, PurchaseModelBatch.Scale(customers.TimeUnit, purchases.TimeUnit));
        return result;
    }

    /// <summary>
    /// Value at risk of every customer: CLV x (1 - P(alive)), the part of the customer's value that the model says
    /// may already be lost. Pass it to <c>Clv.Lifecycle.EarlyWarning.Find</c> to rank slipping customers by it.
    /// </summary>
    /// <param name="purchases">The repeat-purchase model (also gives P(alive)).</param>
    /// <param name="spend">The spend model.</param>
    /// <param name="customers">The customers (their time unit is converted to the model's).</param>
    /// <param name="options">Horizon, period, discount rate and margin; <see cref="PredictiveClvOptions.Default"/> when null.</param>
    /// <returns>One value at risk per customer, at least 0; 0 for customers without a purchase.</returns>
    public static double[] ValueAtRisk(IPurchaseModel purchases, GammaGammaModel spend, CustomerSummaries customers, PredictiveClvOptions? options)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        var clv = Compute(purchases, spend, customers, options);
        double scale = PurchaseModelBatch.Scale(customers.TimeUnit, purchases.TimeUnit);
        var span = customers.AsSpan();
        for (int i = 0; i < clv.Length; i++)
        {
            ref readonly var c = ref span[i];
            double alive = c.HasPurchase ? purchases.ProbabilityAlive(c.Frequency, c.Recency * scale, c.Age * scale) : 1;
            clv[i] *= 1 - alive;
        }

        return clv;
    }

    private sealed class Plan
    {
        private readonly IPurchaseModel _purchases;
        private readonly IAliveExpectation? _factored;
        private readonly GammaGammaModel _spend;
        private readonly double _margin;
        private readonly double _periodLength;
        private readonly double[] _discount;

        private Plan(IPurchaseModel purchases, GammaGammaModel spend, PredictiveClvOptions options)
        {
            _purchases = purchases;
            _factored = purchases as IAliveExpectation;
            _spend = spend;
            _margin = options.Margin;
            _periodLength = PurchaseModelBatch.Scale(options.Period, purchases.TimeUnit);
            _discount = new double[options.Periods + 1];
            for (int k = 1; k <= options.Periods; k++)
            {
                _discount[k] = options.DiscountRate.DiscountFactor(k, options.Period);
            }
        }

        public static Plan Create(IPurchaseModel purchases, GammaGammaModel spend, PredictiveClvOptions? options)
        {
            ArgumentNullException.ThrowIfNull(purchases);
            ArgumentNullException.ThrowIfNull(spend);
            options ??= PredictiveClvOptions.Default;
            if (options.Periods < 1)
            {
                ThrowHelper.ArgumentOutOfRange("options.Periods", options.Periods, Guard.Format($"options.Periods must be at least 1, but was {options.Periods}."));
            }

            ModelFitting.CheckUnit(options.Period, "options.Period");
            Guard.NonNegative(options.Margin, "options.Margin");
            return new Plan(purchases, spend, options);
        }

        /// <summary>Σ_k discount_k (E[..](kL) - E[..]((k-1)L)): given alive for a factored model, else conditional.</summary>
        public double PurchaseFactor(in CustomerSummary c, double scale) => PurchaseFactor(c.Frequency, c.Recency * scale, c.Age * scale);

        public double PurchaseFactor(int x, double recency, double age)
        {
            int n = _discount.Length - 1;
            Span<double> times = n <= 512 ? stackalloc double[n] : new double[n];
            Span<double> expected = n <= 512 ? stackalloc double[n] : new double[n];
            for (int k = 1; k <= n; k++)
            {
                times[k - 1] = k * _periodLength;
            }

            if (_factored is not null)
            {
                _factored.ExpectedPurchasesIfAlive(x, age, times, expected);
            }
            else
            {
                for (int k = 0; k < n; k++)
                {
                    expected[k] = _purchases.ConditionalExpectedPurchases(x, recency, age, times[k]);
                }
            }

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

            double alive = _factored?.ProbabilityAliveUnchecked(c.Frequency, c.Recency * scale, c.Age * scale) ?? 1;
            return _margin * _spend.ExpectedSpendUnchecked(c.Frequency, Math.Max(c.MonetaryValue, 0)) * alive * purchaseFactor;
        }

        public void Values(ReadOnlySpan<CustomerSummary> customers, Span<double> destination, double scale)
        {
            // Distinct keys in order of first appearance: (x, T) for a factored model, (x, t_x, T) otherwise.
            var index = new KeyIndex(256);
            var slot = new int[customers.Length];
            bool factored = _factored is not null;
            for (int i = 0; i < customers.Length; i++)
            {
                ref readonly var c = ref customers[i];
                slot[i] = index.GetOrAdd(c.Frequency, factored ? 0 : c.Recency * scale, c.Age * scale);
            }

            // Each distinct key is independent, so the parallel loop gives the same values as the scalar entry.
            var factors = new double[index.Count];
            Parallel.For(0, factors.Length, j => factors[j] = PurchaseFactor(index.X(j), index.Recency(j), index.Age(j)));
            for (int i = 0; i < customers.Length; i++)
            {
                destination[i] = Value(customers[i], scale, factors[slot[i]]);
            }
        }
    }
}
