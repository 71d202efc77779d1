using Clv.Internal;

namespace Clv.Probabilistic;

/// <summary>
/// The Pareto/NBD model of non-contractual repeat purchasing in continuous time (Schmittlein, Morrison and
/// Colombo 1987): while alive a customer buys as a Poisson process with rate lambda ~ Gamma(r, alpha), and dies
/// after an exponential lifetime with rate mu ~ Gamma(s, beta), independent of lambda. Immutable.
/// </summary>
/// <remarks>
/// Formulas from Fader, Hardie and Lee (2005), "A note on deriving the Pareto/NBD model and related
/// expressions". The likelihood's A0 (a difference of two Gauss hypergeometric terms, with the argument
/// (alpha - beta)/(alpha + t) when alpha &gt;= beta and (beta - alpha)/(beta + t) otherwise) is evaluated in log
/// space with signs, so it stays finite for frequencies in the thousands. Rates are per <see cref="TimeUnit"/>:
/// alpha and beta are in that unit, and so are recency, age and horizons.
/// </remarks>
public sealed class ParetoNbdModel : IPurchaseModel
{
    /// <summary>Creates a model from known parameters.</summary>
    /// <param name="r">Shape r of the purchase-rate gamma distribution, r &gt; 0.</param>
    /// <param name="alpha">Rate alpha of the purchase-rate gamma distribution (in <paramref name="timeUnit"/>), alpha &gt; 0.</param>
    /// <param name="s">Shape s of the dropout-rate gamma distribution, s &gt; 0.</param>
    /// <param name="beta">Rate beta of the dropout-rate gamma distribution (in <paramref name="timeUnit"/>), beta &gt; 0.</param>
    /// <param name="timeUnit">The unit of time of alpha, beta, recency, age and horizons.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not a finite positive number, or the unit is undefined.</exception>
    public ParetoNbdModel(double r, double alpha, double s, double beta, TimeUnit timeUnit = TimeUnit.Week)
    {
        Guard.Positive(r);
        Guard.Positive(alpha);
        Guard.Positive(s);
        Guard.Positive(beta);
        if (!Enum.IsDefined(timeUnit))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(timeUnit), timeUnit, Guard.Format($"timeUnit ({(int)timeUnit}) is not a defined TimeUnit."));
        }

        R = r;
        Alpha = alpha;
        S = s;
        Beta = beta;
        TimeUnit = timeUnit;
    }

    /// <summary>Shape r of the purchase-rate gamma distribution (r &gt; 0).</summary>
    public double R { get; }

    /// <summary>Rate alpha of the purchase-rate gamma distribution, per <see cref="TimeUnit"/> (alpha &gt; 0).</summary>
    public double Alpha { get; }

    /// <summary>Shape s of the dropout-rate gamma distribution (s &gt; 0).</summary>
    public double S { get; }

    /// <summary>Rate beta of the dropout-rate gamma distribution, per <see cref="TimeUnit"/> (beta &gt; 0).</summary>
    public double Beta { get; }

    /// <inheritdoc/>
    public TimeUnit TimeUnit { get; }

    /// <summary>
    /// Fits the model by maximum likelihood to every customer with a purchase (leads without one are excluded and
    /// counted in <see cref="FitResult{TModel}.ExcludedCount"/>), in the summaries' time unit.
    /// </summary>
    /// <param name="customers">Calibration summaries.</param>
    /// <returns>The model, log-likelihood, AIC/BIC, iterations and standard errors of r, alpha, s, beta.</returns>
    /// <exception cref="ArgumentException">No customer has a purchase.</exception>
    /// <exception cref="ModelFitException">The optimizer did not converge from any start.</exception>
    /// <remarks>
    /// Customers are compressed to distinct (x, t_x, T) rows and the 2F1 terms to distinct (x, t) pairs, so the
    /// cost grows with the number of distinct values rather than customers. The gradient is analytic except for
    /// the 2F1 terms' derivatives in their parameters, taken by central differences.
    /// </remarks>
    public static FitResult<ParetoNbdModel> Fit(CustomerSummaries customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var span = customers.AsSpan();
        int used = 0;
        foreach (ref readonly var c in span)
        {
            if (c.HasPurchase)
            {
                used++;
            }
        }

        var x = new int[used];
        var tx = new double[used];
        var age = new double[used];
        int k = 0;
        foreach (ref readonly var c in span)
        {
            if (c.HasPurchase)
            {
                x[k] = c.Frequency;
                tx[k] = c.Recency;
                age[k] = c.Age;
                k++;
            }
        }

        return Fit(x, tx, age, customers.TimeUnit, span.Length - used);
    }

    /// <summary>Fits the model to (x, t_x, T) columns.</summary>
    /// <param name="frequency">Repeat frequencies x.</param>
    /// <param name="recency">Recencies t_x, each in [0, T] and 0 where x = 0.</param>
    /// <param name="age">Ages T.</param>
    /// <param name="timeUnit">The unit of recency and age.</param>
    /// <returns>The fit result.</returns>
    /// <exception cref="ArgumentException">The columns differ in length, are empty, or a row is inconsistent.</exception>
    /// <exception cref="ModelFitException">The optimizer did not converge from any start.</exception>
    public static FitResult<ParetoNbdModel> Fit(ReadOnlySpan<int> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age, TimeUnit timeUnit) =>
        Fit(frequency, recency, age, timeUnit, 0);

    private static FitResult<ParetoNbdModel> Fit(ReadOnlySpan<int> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age, TimeUnit timeUnit, long excluded)
    {
        Guard.SameLength(frequency.Length, recency.Length, nameof(recency));
        Guard.SameLength(frequency.Length, age.Length, nameof(age));
        if (frequency.Length == 0)
        {
            ThrowHelper.Argument(nameof(frequency), "Pareto/NBD needs at least one customer with a purchase to fit.");
        }

        for (int i = 0; i < frequency.Length; i++)
        {
            ValidateCustomer(frequency[i], recency[i], age[i]);
        }

        var likelihood = ParetoNbdLikelihood.Create(frequency, recency, age);
        double lnMeanAge = Math.Log(Math.Max(likelihood.MeanAge, 1e-3));
        double[][] starts =
        [
            [Math.Log(0.5), lnMeanAge - 2, Math.Log(0.5), lnMeanAge - 2],
            [0, 0, 0, 0],
            [Math.Log(0.1), lnMeanAge, Math.Log(0.1), lnMeanAge],
        ];
        var outcome = MaximumLikelihood.Minimize(likelihood.MeanNegativeLogLikelihood, starts, "Pareto/NBD", gradientTolerance: 1e-9);
        var theta = outcome.Theta;
        var se = MaximumLikelihood.StandardErrors(likelihood.NegativeLogLikelihood, theta);
        var model = new ParetoNbdModel(Math.Exp(theta[0]), Math.Exp(theta[1]), Math.Exp(theta[2]), Math.Exp(theta[3]), timeUnit);
        FittedParameter[] parameters =
        [
            new("r", model.R, se[0]),
            new("alpha", model.Alpha, se[1]),
            new("s", model.S, se[2]),
            new("beta", model.Beta, se[3]),
        ];
        return new FitResult<ParetoNbdModel>(model, -outcome.Value * likelihood.TotalWeight, outcome.Iterations, outcome.ConvergenceReason, parameters, frequency.Length, excluded);
    }

    /// <summary>The log-likelihood of one customer's (x, t_x, T) under this model.</summary>
    /// <param name="frequency">Repeat frequency x.</param>
    /// <param name="recency">Recency t_x.</param>
    /// <param name="age">Age T.</param>
    /// <returns>ln L(r, alpha, s, beta | x, t_x, T).</returns>
    public double LogLikelihood(int frequency, double recency, double age)
    {
        ValidateCustomer(frequency, recency, age);
        return ParetoNbdMath.LnLikelihood(R, Alpha, S, Beta, frequency, recency, age);
    }

    /// <summary>The probability the customer is alive at age T.</summary>
    /// <param name="frequency">Repeat frequency x (at least 0).</param>
    /// <param name="recency">Recency t_x in [0, T], 0 when x = 0.</param>
    /// <param name="age">Age T (at least 0).</param>
    /// <returns>P(alive | x, t_x, T) = 1/(1 + s/(r + s + x) (alpha + T)^(r + x) (beta + T)^s A0), in [0, 1].</returns>
    public double ProbabilityAlive(int frequency, double recency, double age)
    {
        ValidateCustomer(frequency, recency, age);
        return ParetoNbdMath.ProbabilityAlive(R, Alpha, S, Beta, frequency, recency, age);
    }

    /// <summary>The probability the customer is alive at the observation end.</summary>
    /// <param name="customer">A customer summary in this model's time unit.</param>
    /// <returns>P(alive), in [0, 1].</returns>
    public double ProbabilityAlive(in CustomerSummary customer) => ProbabilityAlive(customer.Frequency, customer.Recency, customer.Age);

    /// <summary>P(alive) for each customer.</summary>
    /// <param name="customers">Customer summaries in this model's time unit.</param>
    /// <param name="destination">Receives one probability per customer.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public void ProbabilityAlive(ReadOnlySpan<CustomerSummary> customers, Span<double> destination)
    {
        Guard.SameLength(customers.Length, destination.Length);
        for (int i = 0; i < customers.Length; i++)
        {
            destination[i] = ProbabilityAlive(in customers[i]);
        }
    }

    /// <summary>P(alive) for every customer.</summary>
    /// <param name="customers">Customer summaries in this model's time unit.</param>
    /// <returns>One probability per customer, in order.</returns>
    public double[] ProbabilityAlive(CustomerSummaries customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var result = new double[customers.Count];
        ProbabilityAlive(customers.AsSpan(), result);
        return result;
    }

    /// <summary>Expected repeat purchases in the next <paramref name="time"/> units, E[Y(t) | x, t_x, T].</summary>
    /// <param name="frequency">Repeat frequency x.</param>
    /// <param name="recency">Recency t_x.</param>
    /// <param name="age">Age T.</param>
    /// <param name="time">Horizon t (at least 0).</param>
    /// <returns>
    /// (r + x)/(alpha + T) (beta + T)/(s - 1) [1 - ((beta + T)/(beta + T + t))^(s - 1)] P(alive), valid for every s &gt; 0
    /// (for s &lt; 1 both factors change sign; at s = 1 the limit (r + x)/(alpha + T) (beta + T) ln(1 + t/(beta + T)) P(alive)).
    /// </returns>
    public double ConditionalExpectedPurchases(int frequency, double recency, double age, double time)
    {
        ValidateCustomer(frequency, recency, age);
        Guard.NonNegative(time);
        return ParetoNbdMath.ConditionalExpectedPurchases(R, Alpha, S, Beta, frequency, recency, age, time);
    }

    /// <summary>Expected repeat purchases of a customer in the next <paramref name="time"/> units.</summary>
    /// <param name="customer">A customer summary in this model's time unit.</param>
    /// <param name="time">Horizon t (at least 0).</param>
    /// <returns>E[Y(t) | x, t_x, T].</returns>
    public double ConditionalExpectedPurchases(in CustomerSummary customer, double time) =>
        ConditionalExpectedPurchases(customer.Frequency, customer.Recency, customer.Age, time);

    /// <summary>E[Y(t) | x, t_x, T] for each customer.</summary>
    /// <param name="customers">Customer summaries in this model's time unit.</param>
    /// <param name="time">Horizon t (at least 0).</param>
    /// <param name="destination">Receives one expectation per customer.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public void ConditionalExpectedPurchases(ReadOnlySpan<CustomerSummary> customers, double time, Span<double> destination)
    {
        Guard.SameLength(customers.Length, destination.Length);
        Guard.NonNegative(time);
        for (int i = 0; i < customers.Length; i++)
        {
            destination[i] = ConditionalExpectedPurchases(in customers[i], time);
        }
    }

    /// <summary>E[Y(t) | x, t_x, T] for every customer.</summary>
    /// <param name="customers">Customer summaries in this model's time unit.</param>
    /// <param name="time">Horizon t (at least 0).</param>
    /// <returns>One expectation per customer, in order.</returns>
    public double[] ConditionalExpectedPurchases(CustomerSummaries customers, double time)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var result = new double[customers.Count];
        ConditionalExpectedPurchases(customers.AsSpan(), time, result);
        return result;
    }

    /// <summary>Expected repeat purchases of a new customer in the first <paramref name="time"/> units, E[X(t)].</summary>
    /// <param name="time">Time since the first purchase (at least 0).</param>
    /// <returns>r beta/(alpha (s - 1)) [1 - (beta/(beta + t))^(s - 1)] (its limit (r beta/alpha) ln(1 + t/beta) at s = 1).</returns>
    public double ExpectedPurchases(double time)
    {
        Guard.NonNegative(time);
        return ParetoNbdMath.ExpectedPurchases(R, Alpha, S, Beta, time);
    }

    /// <summary>The probability that a new customer makes exactly <paramref name="count"/> repeat purchases in the first <paramref name="time"/> units, P(X(t) = k).</summary>
    /// <param name="count">Number of repeat purchases k (at least 0).</param>
    /// <param name="time">Time since the first purchase (at least 0).</param>
    /// <returns>P(X(t) = k), in [0, 1]; the probabilities over k sum to 1.</returns>
    /// <remarks>
    /// Computed as "alive through t" plus "died at tau in (0, t)", each with a negative binomial count, the second
    /// integrated by Gauss-Legendre quadrature in ln(beta + tau); this avoids the closed form's alternating sum.
    /// </remarks>
    public double ProbabilityOfPurchases(int count, double time)
    {
        Guard.NonNegative(count);
        Guard.NonNegative(time);
        return ParetoNbdMath.PurchaseCountProbability(R, Alpha, S, Beta, count, time);
    }

    /// <summary>
    /// The conditional probability mass function: the probability that a customer with history (x, t_x, T) makes
    /// exactly <paramref name="count"/> purchases in the next <paramref name="time"/> units, P(Y(t) = k | x, t_x, T).
    /// </summary>
    /// <param name="count">Number of purchases k in (T, T + t] (at least 0).</param>
    /// <param name="frequency">Repeat frequency x.</param>
    /// <param name="recency">Recency t_x.</param>
    /// <param name="age">Age T.</param>
    /// <param name="time">Horizon t (at least 0).</param>
    /// <returns>
    /// (1 - P(alive)) [k = 0] + P(alive) P(X'(t) = k), where X' is the Pareto/NBD count with the posterior parameters
    /// (r + x, alpha + T, s, beta + T) of a customer known to be alive at T. Sums to 1 over k.
    /// </returns>
    public double ConditionalProbabilityOfPurchases(int count, int frequency, double recency, double age, double time)
    {
        Guard.NonNegative(count);
        ValidateCustomer(frequency, recency, age);
        Guard.NonNegative(time);
        double pAlive = ParetoNbdMath.ProbabilityAlive(R, Alpha, S, Beta, frequency, recency, age);
        double alive = ParetoNbdMath.PurchaseCountProbability(R + frequency, Alpha + age, S, Beta + age, count, time);
        return Math.Clamp(((count == 0 ? 1 : 0) * (1 - pAlive)) + (pAlive * alive), 0, 1);
    }

    /// <summary>Returns the parameters, for logs and debugging.</summary>
    /// <returns>"Pareto/NBD(r = ..., alpha = ..., s = ..., beta = ..., Week)".</returns>
    public override string ToString() =>
        Guard.Format($"Pareto/NBD(r = {R:G6}, alpha = {Alpha:G6}, s = {S:G6}, beta = {Beta:G6}, {TimeUnit})");

    internal static void ValidateCustomer(int frequency, double recency, double age)
    {
        Guard.NonNegative(frequency);
        Guard.NonNegative(age);
        Guard.InRange(recency, 0, age);
        if (frequency == 0 && recency != 0)
        {
            ThrowHelper.Argument(nameof(recency), Guard.Format($"Recency ({recency}) must be 0 when frequency is 0."));
        }
    }
}
