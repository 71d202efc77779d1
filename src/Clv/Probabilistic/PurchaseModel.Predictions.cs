using Clv.Internal;

namespace Clv.Probabilistic;

/// <content>Predictions: one scalar core per quantity, with checked scalar, summary, span and array entries around it.</content>
public abstract partial class PurchaseModel
{
    /// <summary>The log-likelihood ln L of one customer's (x, t_x, T) under the model.</summary>
    /// <param name="frequency">Repeat frequency x (at least 0).</param>
    /// <param name="recency">Recency t_x, in [0, <paramref name="age"/>], in <see cref="TimeUnit"/>.</param>
    /// <param name="age">Age T (at least 0), in <see cref="TimeUnit"/>.</param>
    /// <returns>ln L(parameters | x, t_x, T).</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is negative, NaN or infinite.</exception>
    /// <exception cref="ArgumentException"><paramref name="recency"/> exceeds <paramref name="age"/>.</exception>
    public double LikelihoodLn(int frequency, double recency, double age)
    {
        HistoryRows.Validate(frequency, recency, age);
        return LikelihoodLnCore(frequency, recency, age);
    }

    /// <summary>The probability the customer is still active at age T, P(alive | x, t_x, T).</summary>
    /// <param name="frequency">Repeat frequency x (at least 0).</param>
    /// <param name="recency">Recency t_x, in [0, <paramref name="age"/>], in <see cref="TimeUnit"/>.</param>
    /// <param name="age">Age T (at least 0), in <see cref="TimeUnit"/>.</param>
    /// <returns>P(alive), in [0, 1]; computed in log space, so it is exactly 0.0 (never NaN) when the odds overflow.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is negative, NaN or infinite.</exception>
    /// <exception cref="ArgumentException"><paramref name="recency"/> exceeds <paramref name="age"/>.</exception>
    public double ProbabilityAlive(int frequency, double recency, double age)
    {
        HistoryRows.Validate(frequency, recency, age);
        return ProbabilityAliveCore(frequency, recency, age);
    }

    /// <summary>
    /// P(alive | x, t_x, T) with the recency and age in <paramref name="timeUnit"/>, converted exactly to the model's
    /// <see cref="TimeUnit"/>. Its signature is <see cref="Lifecycle.AliveProbability"/>'s, so <c>model.ProbabilityAlive</c>
    /// can drive a lifecycle policy over summaries in any unit.
    /// </summary>
    /// <param name="frequency">Repeat frequency x (at least 0).</param>
    /// <param name="recency">Recency t_x, in [0, <paramref name="age"/>], in <paramref name="timeUnit"/>.</param>
    /// <param name="age">Age T (at least 0), in <paramref name="timeUnit"/>.</param>
    /// <param name="timeUnit">The unit of <paramref name="recency"/> and <paramref name="age"/>.</param>
    /// <returns>P(alive), in [0, 1].</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is negative, NaN or infinite, or <paramref name="timeUnit"/> is not defined.</exception>
    /// <exception cref="ArgumentException"><paramref name="recency"/> exceeds <paramref name="age"/>.</exception>
    public double ProbabilityAlive(int frequency, double recency, double age, TimeUnit timeUnit)
    {
        CheckUnit(timeUnit, nameof(timeUnit));
        HistoryRows.Validate(frequency, recency, age);
        double scale = Scale(timeUnit);
        return ProbabilityAliveCore(frequency, recency * scale, age * scale);
    }

    /// <summary>P(alive) of one customer, converting the summary's time unit to the model's.</summary>
    /// <param name="customer">The customer.</param>
    /// <returns>P(alive | x, t_x, T).</returns>
    public double ProbabilityAlive(in CustomerSummary customer)
    {
        double scale = Scale(customer.TimeUnit);
        return ProbabilityAliveCore(customer.Frequency, customer.Recency * scale, customer.Age * scale);
    }

    /// <summary>P(alive) of each customer, converting each summary's time unit to the model's; identical to the scalar entry.</summary>
    /// <param name="customers">The customers.</param>
    /// <param name="destination">One probability per customer.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public void ProbabilityAlive(ReadOnlySpan<CustomerSummary> customers, Span<double> destination)
    {
        Guard.SameLength(customers.Length, destination.Length);

        // Customers are independent: split over the cores, the same values as one at a time.
        Parallelism.For(customers, destination, (part, into, _) =>
        {
            for (int i = 0; i < part.Length; i++)
            {
                into[i] = ProbabilityAlive(in part[i]);
            }
        });
    }

    /// <summary>P(alive) of every customer, converting the summaries' time unit to the model's.</summary>
    /// <param name="customers">The customers.</param>
    /// <returns>One probability per customer, in order.</returns>
    public double[] ProbabilityAlive(CustomerSummaries customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var result = new double[customers.Count];
        ProbabilityAlive(customers.AsSpan(), result);
        return result;
    }

    /// <summary>Expected repeat purchases in the next <paramref name="time"/>: E[Y(t) | x, t_x, T].</summary>
    /// <param name="frequency">Repeat frequency x (at least 0).</param>
    /// <param name="recency">Recency t_x, in [0, <paramref name="age"/>], in <see cref="TimeUnit"/>.</param>
    /// <param name="age">Age T (at least 0), in <see cref="TimeUnit"/>.</param>
    /// <param name="time">Horizon t (at least 0), in <see cref="TimeUnit"/>.</param>
    /// <returns>The conditional expectation, at least 0; non-decreasing in <paramref name="time"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is negative, NaN or infinite.</exception>
    /// <exception cref="ArgumentException"><paramref name="recency"/> exceeds <paramref name="age"/>.</exception>
    public double ConditionalExpectedPurchases(int frequency, double recency, double age, double time)
    {
        HistoryRows.Validate(frequency, recency, age);
        Guard.NonNegative(time);
        return ProbabilityAliveCore(frequency, recency, age) * ExpectedPurchasesIfAlive(frequency, age, time);
    }

    /// <summary>E[Y(t) | x, t_x, T] of one customer, converting the summary's time unit to the model's.</summary>
    /// <param name="customer">The customer.</param>
    /// <param name="time">Horizon t (at least 0), in <see cref="TimeUnit"/>.</param>
    /// <returns>Expected repeat purchases in the next <paramref name="time"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="time"/> is negative, NaN or infinite.</exception>
    public double ConditionalExpectedPurchases(in CustomerSummary customer, double time)
    {
        Guard.NonNegative(time);
        double scale = Scale(customer.TimeUnit);
        double age = customer.Age * scale;
        return ProbabilityAliveCore(customer.Frequency, customer.Recency * scale, age) * ExpectedPurchasesIfAlive(customer.Frequency, age, time);
    }

    /// <summary>
    /// E[Y(t) | x, t_x, T] of each customer, converting each summary's time unit to the model's; the part that depends on (x, T)
    /// only is computed once per distinct pair. Identical to the scalar entry.
    /// </summary>
    /// <param name="customers">The customers.</param>
    /// <param name="time">Horizon t (at least 0), in <see cref="TimeUnit"/>.</param>
    /// <param name="destination">One expectation per customer.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="time"/> is negative, NaN or infinite.</exception>
    public void ConditionalExpectedPurchases(ReadOnlySpan<CustomerSummary> customers, double time, Span<double> destination)
    {
        Guard.NonNegative(time);
        Guard.SameLength(customers.Length, destination.Length);

        // Split over the cores, each part with its own cache of E[Y(t) | alive] by (x, T): a value computed twice is the
        // same value, so the result is the same as one pass.
        Parallelism.For(customers, destination, (part, into, _) =>
        {
            var index = new KeyIndex(256);
            var cache = new List<double>();
            for (int i = 0; i < part.Length; i++)
            {
                ref readonly var c = ref part[i];
                double scale = Scale(c.TimeUnit);
                int x = c.Frequency;
                double age = c.Age * scale;
                int k = index.GetOrAdd(x, 0, age);
                if (k == cache.Count)
                {
                    cache.Add(ExpectedPurchasesIfAlive(x, age, time));
                }

                into[i] = ProbabilityAliveCore(x, c.Recency * scale, age) * cache[k];
            }
        });
    }

    /// <summary>E[Y(t) | x, t_x, T] of every customer, converting the summaries' time unit to the model's.</summary>
    /// <param name="customers">The customers.</param>
    /// <param name="time">Horizon t (at least 0), in <see cref="TimeUnit"/>.</param>
    /// <returns>One expectation per customer, in order.</returns>
    public double[] ConditionalExpectedPurchases(CustomerSummaries customers, double time)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var result = new double[customers.Count];
        ConditionalExpectedPurchases(customers.AsSpan(), time, result);
        return result;
    }

    /// <summary>The probability that the customer makes at least one purchase in the next <paramref name="time"/>: P(Y(t) &gt; 0 | x, t_x, T).</summary>
    /// <param name="frequency">Repeat frequency x (at least 0).</param>
    /// <param name="recency">Recency t_x, in [0, <paramref name="age"/>], in <see cref="TimeUnit"/>.</param>
    /// <param name="age">Age T (at least 0), in <see cref="TimeUnit"/>.</param>
    /// <param name="time">Horizon t (at least 0), in <see cref="TimeUnit"/>.</param>
    /// <returns>P(alive) times the probability that an active customer buys within t, in [0, 1]; non-decreasing in <paramref name="time"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is negative, NaN or infinite.</exception>
    /// <exception cref="ArgumentException"><paramref name="recency"/> exceeds <paramref name="age"/>.</exception>
    public double ProbabilityOfAnyPurchase(int frequency, double recency, double age, double time)
    {
        HistoryRows.Validate(frequency, recency, age);
        Guard.NonNegative(time);
        return Math.Clamp(ProbabilityAliveCore(frequency, recency, age) * AnyPurchaseIfAlive(frequency, age, time), 0, 1);
    }

    /// <summary>P(Y(t) &gt; 0 | x, t_x, T) of one customer, converting the summary's time unit to the model's.</summary>
    /// <param name="customer">The customer.</param>
    /// <param name="time">Horizon t (at least 0), in <see cref="TimeUnit"/>.</param>
    /// <returns>The probability of at least one purchase in the next <paramref name="time"/>.</returns>
    public double ProbabilityOfAnyPurchase(in CustomerSummary customer, double time)
    {
        Guard.NonNegative(time);
        double scale = Scale(customer.TimeUnit);
        double age = customer.Age * scale;
        return Math.Clamp(ProbabilityAliveCore(customer.Frequency, customer.Recency * scale, age) * AnyPurchaseIfAlive(customer.Frequency, age, time), 0, 1);
    }

    /// <summary>P(Y(t) &gt; 0 | x, t_x, T) of each customer, converting each summary's time unit; identical to the scalar entry.</summary>
    /// <param name="customers">The customers.</param>
    /// <param name="time">Horizon t (at least 0), in <see cref="TimeUnit"/>.</param>
    /// <param name="destination">One probability per customer.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public void ProbabilityOfAnyPurchase(ReadOnlySpan<CustomerSummary> customers, double time, Span<double> destination)
    {
        Guard.NonNegative(time);
        Guard.SameLength(customers.Length, destination.Length);
        for (int i = 0; i < customers.Length; i++)
        {
            destination[i] = ProbabilityOfAnyPurchase(in customers[i], time);
        }
    }

    /// <summary>P(Y(t) &gt; 0 | x, t_x, T) of every customer, converting the summaries' time unit to the model's.</summary>
    /// <param name="customers">The customers.</param>
    /// <param name="time">Horizon t (at least 0), in <see cref="TimeUnit"/>.</param>
    /// <returns>One probability per customer, in order.</returns>
    public double[] ProbabilityOfAnyPurchase(CustomerSummaries customers, double time)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var result = new double[customers.Count];
        ProbabilityOfAnyPurchase(customers.AsSpan(), time, result);
        return result;
    }

    /// <summary>Expected repeat purchases of a new customer in the first <paramref name="time"/> after the first purchase: E[X(t)].</summary>
    /// <param name="time">Time since the first purchase (at least 0), in <see cref="TimeUnit"/>.</param>
    /// <returns>The unconditional expectation; non-decreasing in <paramref name="time"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="time"/> is negative, NaN or infinite.</exception>
    public double ExpectedPurchases(double time)
    {
        Guard.NonNegative(time);
        return ExpectedPurchasesCore(time);
    }

    /// <summary>P(X(t) = n): the probability that a new customer makes exactly <paramref name="count"/> repeat purchases in the first <paramref name="time"/>.</summary>
    /// <param name="count">The number of repeat purchases n (at least 0).</param>
    /// <param name="time">Time since the first purchase (at least 0), in <see cref="TimeUnit"/>.</param>
    /// <returns>The probability, in [0, 1]; the probabilities over n sum to 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is negative, NaN or infinite.</exception>
    public double PurchaseCountProbability(int count, double time)
    {
        Guard.NonNegative(count);
        Guard.NonNegative(time);
        return PurchaseCountProbabilityCore(count, time);
    }

    /// <summary>The factor converting a summary's recency and age from <paramref name="unit"/> to the model's unit (exactly 1 when they agree).</summary>
    internal double Scale(TimeUnit unit) => unit == TimeUnit ? 1 : unit.LengthInDays() / TimeUnit.LengthInDays();

    /// <summary>ln L of (x, t_x, T) in the model's unit; arguments trusted.</summary>
    internal abstract double LikelihoodLnCore(int frequency, double recency, double age);

    /// <summary>P(alive | x, t_x, T) in the model's unit; arguments trusted.</summary>
    internal abstract double ProbabilityAliveCore(int frequency, double recency, double age);

    /// <summary>E[Y(t) | alive at T, x]: depends on x and T only.</summary>
    internal abstract double ExpectedPurchasesIfAlive(int frequency, double age, double time);

    /// <summary>E[Y(t_k) | alive at T, x] for several horizons at once (predictive CLV sums a whole horizon).</summary>
    internal virtual void ExpectedPurchasesIfAlive(int frequency, double age, ReadOnlySpan<double> times, Span<double> destination)
    {
        for (int i = 0; i < times.Length; i++)
        {
            destination[i] = ExpectedPurchasesIfAlive(frequency, age, times[i]);
        }
    }

    /// <summary>P(Y(t) &gt; 0 | alive at T, x).</summary>
    internal abstract double AnyPurchaseIfAlive(int frequency, double age, double time);

    /// <summary>E[X(t)] for a new customer; argument trusted.</summary>
    internal abstract double ExpectedPurchasesCore(double time);

    /// <summary>P(X(t) = n) for a new customer; arguments trusted.</summary>
    internal abstract double PurchaseCountProbabilityCore(int count, double time);
}
