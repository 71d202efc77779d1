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
public sealed class ParetoNbdModel : IPurchaseModel, IAliveExpectation
{
    private const string ModelName = "Pareto/NBD";
    private static readonly string[] Names = ["r", "alpha", "s", "beta"];

    /// <summary>
    /// Memo of the 2F1 tail terms ln F(t) by (x, t): a population has few distinct (x, t_x) and (x, T) pairs, so batch
    /// predictions reuse them. Direct-mapped; entries are immutable objects, so concurrent readers see whole entries.
    /// </summary>
    private readonly TailEntry?[] _tails = new TailEntry?[4096];

    /// <summary>Creates a model from known parameters.</summary>
    /// <param name="r">Shape r of the purchase-rate gamma distribution, r &gt; 0.</param>
    /// <param name="alpha">Rate alpha of the purchase-rate gamma distribution (in <paramref name="timeUnit"/>), alpha &gt; 0.</param>
    /// <param name="s">Shape s of the dropout-rate gamma distribution, s &gt; 0.</param>
    /// <param name="beta">Rate beta of the dropout-rate gamma distribution (in <paramref name="timeUnit"/>), beta &gt; 0.</param>
    /// <param name="timeUnit">The unit of time of alpha, beta, recency, age and horizons.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not a finite positive number, or the unit is undefined.</exception>
    public ParetoNbdModel(double r, double alpha, double s, double beta, TimeUnit timeUnit)
    {
        ModelFitting.CheckParameter(r, nameof(r));
        ModelFitting.CheckParameter(alpha, nameof(alpha));
        ModelFitting.CheckParameter(s, nameof(s));
        ModelFitting.CheckParameter(beta, nameof(beta));
        ModelFitting.CheckUnit(timeUnit, nameof(timeUnit));

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

    /// <summary>Fits the model by maximum likelihood with the default options; see <see cref="Fit(CustomerSummaries, FitOptions?)"/>.</summary>
    /// <param name="customers">The calibration summaries.</param>
    /// <returns>The fitted model with its diagnostics.</returns>
    /// <exception cref="ModelFitException">The data cannot identify the model, or the optimizer did not converge.</exception>
    public static FitResult<ParetoNbdModel> Fit(CustomerSummaries customers) => Fit(customers, null);

    /// <summary>
    /// Fits the model by maximum likelihood to every customer with a purchase; customers without one (refund-only
    /// leads) are excluded and counted in <see cref="FitResult{TModel}.ExcludedCount"/>.
    /// </summary>
    /// <param name="customers">The calibration summaries; the model takes their <see cref="CustomerSummaries.TimeUnit"/>.</param>
    /// <param name="options">Penalty and iteration cap; <see cref="FitOptions.Default"/> when null.</param>
    /// <returns>The model, log-likelihood, AIC/BIC, iterations and standard errors of r, alpha, s, beta.</returns>
    /// <exception cref="ModelFitException">No customer has a repeat purchase, or the optimizer did not converge from any start.</exception>
    /// <remarks>
    /// Customers are compressed to distinct (x, t_x, T) rows and the 2F1 terms to distinct (x, t) pairs, so the
    /// cost grows with the number of distinct values rather than customers. The gradient is analytic except for
    /// the 2F1 terms' derivatives in their parameters, taken by central differences. Python lifetimes reports no
    /// standard errors for this model; here they come from the Hessian as for every other model.
    /// </remarks>
    public static FitResult<ParetoNbdModel> Fit(CustomerSummaries customers, FitOptions? options)
    {
        ArgumentNullException.ThrowIfNull(customers);
        return Fit(HistoryRows.FromSummaries(customers.AsSpan()), customers.TimeUnit, options);
    }

    /// <summary>Fits the model by maximum likelihood to weighted (x, t_x, T) histories.</summary>
    /// <param name="histories">The histories, in <paramref name="timeUnit"/>; identical rows may be repeated or weighted.</param>
    /// <param name="timeUnit">The unit of the recencies and ages.</param>
    /// <param name="options">Penalty and iteration cap; <see cref="FitOptions.Default"/> when null.</param>
    /// <returns>The fitted model with its diagnostics.</returns>
    /// <exception cref="ArgumentException">A history has recency greater than age, or a weight is not greater than 0.</exception>
    /// <exception cref="ModelFitException">No repeat purchase, or the optimizer did not converge.</exception>
    public static FitResult<ParetoNbdModel> Fit(ReadOnlySpan<PurchaseHistory> histories, TimeUnit timeUnit, FitOptions? options) =>
        Fit(HistoryRows.FromHistories(histories), timeUnit, options);

    /// <summary>Reads a model written by <see cref="ToJson"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The model.</returns>
    /// <exception cref="FormatException">The text is not a Pareto/NBD model of a supported version, or a parameter is invalid.</exception>
    public static ParetoNbdModel FromJson(string json)
    {
        var (unit, p) = ModelJson.Read(json, ModelName, Names, requireUnit: true);
        return ModelJson.Create(() => new ParetoNbdModel(p[0], p[1], p[2], p[3], unit));
    }

    /// <summary>Writes the model as versioned JSON: <c>{"model":"Pareto/NBD","version":1,"timeUnit":"Week","parameters":{"r":..,"alpha":..,"s":..,"beta":..}}</c>.</summary>
    /// <returns>The JSON text (round-trips every parameter exactly).</returns>
    public string ToJson() => ModelJson.Write(ModelName, TimeUnit, Names, [R, Alpha, S, Beta]);

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
        return ProbabilityAliveCore(frequency, recency, age);
    }

    /// <summary>The probability the customer is alive at the observation end.</summary>
    /// <param name="customer">A customer summary in this model's time unit.</param>
    /// <returns>P(alive), in [0, 1].</returns>
    public double ProbabilityAlive(in CustomerSummary customer) => ProbabilityAlive(customer.Frequency, customer.Recency, customer.Age);

    /// <summary>P(alive) for each customer (recency and age in <see cref="TimeUnit"/>).</summary>
    /// <param name="customers">Customer summaries in this model's time unit.</param>
    /// <param name="destination">Receives one probability per customer.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public void ProbabilityAlive(ReadOnlySpan<CustomerSummary> customers, Span<double> destination) =>
        PurchaseModelBatch.ProbabilityAlive(this, customers, destination, 1);

    /// <summary>P(alive) for every customer, converting their time unit to the model's.</summary>
    /// <param name="customers">The customers.</param>
    /// <returns>One probability per customer, in order.</returns>
    public double[] ProbabilityAlive(CustomerSummaries customers) => PurchaseModelBatch.ProbabilityAlive(this, customers);

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
        return ProbabilityAliveCore(frequency, recency, age) * ParetoNbdMath.ExpectedPurchasesIfAlive(R, Alpha, S, Beta, frequency, age, time);
    }

    /// <summary>Expected repeat purchases of a customer in the next <paramref name="time"/> units.</summary>
    /// <param name="customer">A customer summary in this model's time unit.</param>
    /// <param name="time">Horizon t (at least 0).</param>
    /// <returns>E[Y(t) | x, t_x, T].</returns>
    public double ConditionalExpectedPurchases(in CustomerSummary customer, double time) =>
        ConditionalExpectedPurchases(customer.Frequency, customer.Recency, customer.Age, time);

    /// <summary>E[Y(t) | x, t_x, T] for each customer; the part that depends on (x, T) only is computed once per distinct pair.</summary>
    /// <param name="customers">Customer summaries in this model's time unit.</param>
    /// <param name="time">Horizon t (at least 0).</param>
    /// <param name="destination">Receives one expectation per customer.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public void ConditionalExpectedPurchases(ReadOnlySpan<CustomerSummary> customers, double time, Span<double> destination) =>
        PurchaseModelBatch.ConditionalExpectedPurchases(this, customers, time, destination, 1);

    /// <summary>E[Y(t) | x, t_x, T] for every customer, converting their time unit to the model's.</summary>
    /// <param name="customers">The customers.</param>
    /// <param name="time">Horizon t in <see cref="TimeUnit"/>.</param>
    /// <returns>One expectation per customer, in order.</returns>
    public double[] ConditionalExpectedPurchases(CustomerSummaries customers, double time) =>
        PurchaseModelBatch.ConditionalExpectedPurchases(this, customers, time);

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
        double pAlive = ProbabilityAliveCore(frequency, recency, age);
        double alive = ParetoNbdMath.PurchaseCountProbability(R + frequency, Alpha + age, S, Beta + age, count, time);
        return Math.Clamp(((count == 0 ? 1 : 0) * (1 - pAlive)) + (pAlive * alive), 0, 1);
    }

    /// <summary>Returns the parameters, for logs and debugging.</summary>
    /// <returns>"Pareto/NBD(r = ..., alpha = ..., s = ..., beta = ..., Week)".</returns>
    public override string ToString() =>
        Guard.Format($"Pareto/NBD(r = {R:G6}, alpha = {Alpha:G6}, s = {S:G6}, beta = {Beta:G6}, {TimeUnit})");

    /// <inheritdoc/>
    double IAliveExpectation.ExpectedPurchasesIfAlive(int frequency, double age, double time) =>
        ParetoNbdMath.ExpectedPurchasesIfAlive(R, Alpha, S, Beta, frequency, age, time);

    /// <inheritdoc/>
    void IAliveExpectation.ExpectedPurchasesIfAlive(int frequency, double age, ReadOnlySpan<double> times, Span<double> destination)
    {
        // Closed form per horizon: no series to share.
        for (int i = 0; i < times.Length; i++)
        {
            destination[i] = ParetoNbdMath.ExpectedPurchasesIfAlive(R, Alpha, S, Beta, frequency, age, times[i]);
        }
    }

    /// <inheritdoc/>
    double IAliveExpectation.ProbabilityAliveUnchecked(int frequency, double recency, double age) => ProbabilityAliveCore(frequency, recency, age);

    private double ProbabilityAliveCore(int frequency, double recency, double age) =>
        recency < age
            ? ParetoNbdMath.ProbabilityAlive(R, Alpha, S, Beta, frequency, recency, age, LnTail(frequency, recency), LnTail(frequency, age))
            : 1;

    private double LnTail(int x, double t)
    {
        int slot = (int)((uint)HashCode.Combine(x, t) % (uint)_tails.Length);
        var entry = Volatile.Read(ref _tails[slot]);
        if (entry is not null && entry.X == x && entry.T == t)
        {
            return entry.Ln;
        }

        double ln = ParetoNbdMath.LnTail(R, Alpha, S, Beta, x, t, out _);
        Volatile.Write(ref _tails[slot], new TailEntry(x, t, ln));
        return ln;
    }

    private static void ValidateCustomer(int frequency, double recency, double age) => HistoryRows.Validate(frequency, recency, age);

    private static FitResult<ParetoNbdModel> Fit(HistoryRows rows, TimeUnit timeUnit, FitOptions? options)
    {
        ModelFitting.CheckUnit(timeUnit, nameof(timeUnit));

        // Checks there are customers with repeat purchases (else throws); the (r, alpha) part of the BG/NBD starts fits here too.
        var common = PurchaseModelBatch.Starts(rows, ModelName);
        var likelihood = ParetoNbdLikelihood.Create(rows);
        double meanAge = Math.Max(likelihood.MeanAge, 1e-3);
        var starts = new List<double[]> { new[] { 0.5, meanAge / 8, 0.5, meanAge / 8 } };
        foreach (var s in common)
        {
            starts.Add([s[0], s[1], s[2], meanAge * s[2] / 2]);
        }

        return ModelFitting.Fit(
            likelihood.LogLikelihood,
            rows.TotalWeight,
            Names,
            starts,
            ModelName,
            options,
            p => new ParetoNbdModel(p[0], p[1], p[2], p[3], timeUnit),
            rows.Excluded);
    }

    private sealed record TailEntry(int X, double T, double Ln);
}
