using Clv.Internal;

namespace Clv.Probabilistic;

/// <summary>
/// The beta-geometric/negative binomial distribution (BG/NBD) model of repeat purchases: while active a customer
/// buys as a Poisson process with rate λ ~ Gamma(r, α), and after each repeat purchase drops out for good with
/// probability p ~ Beta(a, b). Immutable; every prediction takes frequency x, recency t_x and age T in
/// <see cref="TimeUnit"/>.
/// </summary>
/// <remarks>
/// Fader, Hardie and Lee (2005), "Counting your customers the easy way: an alternative to the Pareto/NBD model",
/// Marketing Science 24(2). On the CDNOW sample (weeks) the maximum-likelihood estimates are r = 0.2426,
/// α = 4.4135, a = 0.7929, b = 2.4258 with ln L = -9582.43.
/// </remarks>
public sealed class BgNbdModel : IPurchaseModel, IAliveExpectation
{
    private const string ModelName = "BG/NBD";
    private static readonly string[] Names = ["r", "alpha", "a", "b"];

    /// <summary>Creates a model from its parameters.</summary>
    /// <param name="r">Shape r of the Gamma purchase-rate heterogeneity (greater than 0).</param>
    /// <param name="alpha">Rate α of the Gamma purchase-rate heterogeneity, in <paramref name="timeUnit"/> (greater than 0).</param>
    /// <param name="a">Beta dropout parameter a (greater than 0).</param>
    /// <param name="b">Beta dropout parameter b (greater than 0).</param>
    /// <param name="timeUnit">The unit of time of α and of every recency, age and horizon.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not a finite number greater than 0, or the unit is undefined.</exception>
    public BgNbdModel(double r, double alpha, double a, double b, TimeUnit timeUnit)
    {
        ModelFitting.CheckParameter(r, nameof(r));
        ModelFitting.CheckParameter(alpha, nameof(alpha));
        ModelFitting.CheckParameter(a, nameof(a));
        ModelFitting.CheckParameter(b, nameof(b));
        ModelFitting.CheckUnit(timeUnit, nameof(timeUnit));
        R = r;
        Alpha = alpha;
        A = a;
        B = b;
        TimeUnit = timeUnit;
    }

    /// <summary>Shape r of the Gamma distribution of purchase rates.</summary>
    public double R { get; }

    /// <summary>Rate α of the Gamma distribution of purchase rates (mean rate r/α per <see cref="TimeUnit"/>).</summary>
    public double Alpha { get; }

    /// <summary>Beta dropout parameter a (mean dropout probability a/(a + b)).</summary>
    public double A { get; }

    /// <summary>Beta dropout parameter b.</summary>
    public double B { get; }

    /// <inheritdoc/>
    public TimeUnit TimeUnit { get; }

    /// <summary>Fits the model by maximum likelihood with the default options; see <see cref="Fit(CustomerSummaries, FitOptions?)"/>.</summary>
    /// <param name="customers">The calibration summaries.</param>
    /// <returns>The fitted model with its diagnostics.</returns>
    /// <exception cref="ModelFitException">The data cannot identify the model, or the optimizer did not converge.</exception>
    public static FitResult<BgNbdModel> Fit(CustomerSummaries customers) => Fit(customers, null);

    /// <summary>
    /// Fits the model by maximum likelihood to every customer with a purchase; customers without one
    /// (refund-only leads) are excluded and counted in <see cref="FitResult{TModel}.ExcludedCount"/>.
    /// </summary>
    /// <param name="customers">The calibration summaries; the model takes their <see cref="CustomerSummaries.TimeUnit"/>.</param>
    /// <param name="options">Penalty and iteration cap; <see cref="FitOptions.Default"/> when null.</param>
    /// <returns>The fitted model with log-likelihood, iterations, convergence reason and standard errors.</returns>
    /// <exception cref="ModelFitException">No customer has a repeat purchase, or the optimizer did not converge from any start.</exception>
    public static FitResult<BgNbdModel> Fit(CustomerSummaries customers, FitOptions? options)
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
    public static FitResult<BgNbdModel> Fit(ReadOnlySpan<PurchaseHistory> histories, TimeUnit timeUnit, FitOptions? options) =>
        Fit(HistoryRows.FromHistories(histories), timeUnit, options);

    /// <summary>Reads a model written by <see cref="ToJson"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The model.</returns>
    /// <exception cref="FormatException">The text is not a BG/NBD model of a supported version, or a parameter is invalid.</exception>
    public static BgNbdModel FromJson(string json)
    {
        var (unit, p) = ModelJson.Read(json, ModelName, Names, requireUnit: true);
        return ModelJson.Create(() => new BgNbdModel(p[0], p[1], p[2], p[3], unit));
    }

    /// <summary>Writes the model as versioned JSON: <c>{"model":"BG/NBD","version":1,"timeUnit":"Week","parameters":{"r":..,"alpha":..,"a":..,"b":..}}</c>.</summary>
    /// <returns>The JSON text (round-trips every parameter exactly).</returns>
    public string ToJson() => ModelJson.Write(ModelName, TimeUnit, Names, [R, Alpha, A, B]);

    /// <summary>The log-likelihood of one customer's (x, t_x, T) under the model.</summary>
    /// <param name="frequency">Repeat frequency x.</param>
    /// <param name="recency">Recency t_x, in [0, <paramref name="age"/>].</param>
    /// <param name="age">Age T.</param>
    /// <returns>ln L(r, α, a, b | x, t_x, T).</returns>
    public double LogLikelihood(int frequency, double recency, double age)
    {
        HistoryRows.Validate(frequency, recency, age);
        return BetaGeometric.LogLikelihood(false, R, Alpha, A, B, frequency, recency, age);
    }

    /// <inheritdoc/>
    /// <remarks>1 / (1 + a/(b + x - 1) ((α + T)/(α + t_x))^(r + x)) for x &gt; 0, and exactly 1 when x = 0; computed in log
    /// space so it returns 0.0 (never NaN) when the odds overflow, e.g. x = 1000, t_x = 10, T = 100.</remarks>
    public double ProbabilityAlive(int frequency, double recency, double age)
    {
        HistoryRows.Validate(frequency, recency, age);
        return BetaGeometric.ProbabilityAlive(false, R, Alpha, A, B, frequency, recency, age);
    }

    /// <summary>P(alive) of one customer (recency and age in <see cref="TimeUnit"/>).</summary>
    /// <param name="customer">The customer.</param>
    /// <returns>P(alive | x, t_x, T).</returns>
    public double ProbabilityAlive(in CustomerSummary customer) => ProbabilityAlive(customer.Frequency, customer.Recency, customer.Age);

    /// <summary>P(alive) of each customer (recency and age in <see cref="TimeUnit"/>).</summary>
    /// <param name="customers">The customers.</param>
    /// <param name="destination">One probability per customer.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public void ProbabilityAlive(ReadOnlySpan<CustomerSummary> customers, Span<double> destination) =>
        PurchaseModelBatch.ProbabilityAlive(this, customers, destination, 1);

    /// <summary>P(alive) of every customer, converting their time unit to the model's.</summary>
    /// <param name="customers">The customers.</param>
    /// <returns>One probability per customer, in the same order.</returns>
    public double[] ProbabilityAlive(CustomerSummaries customers) => PurchaseModelBatch.ProbabilityAlive(this, customers);

    /// <inheritdoc/>
    /// <remarks>(a + b - 1)/(a - 1) [1 - (α/(α + t))^r 2F1(r, b; a + b - 1; t/(α + t))].</remarks>
    public double ExpectedPurchases(double time)
    {
        Guard.NonNegative(time);
        return BetaGeometric.ExpectedPurchases(false, R, Alpha, A, B, time);
    }

    /// <inheritdoc/>
    /// <remarks>(a + b + x - 1)/(a - 1) [1 - ((α + T)/(α + T + t))^(r + x) 2F1(r + x, b + x; a + b + x - 1; t/(α + T + t))] P(alive).</remarks>
    public double ConditionalExpectedPurchases(int frequency, double recency, double age, double time)
    {
        HistoryRows.Validate(frequency, recency, age);
        Guard.NonNegative(time);
        return ProbabilityAlive(frequency, recency, age) * ExpectedPurchasesIfAlive(frequency, age, time);
    }

    /// <summary>E[Y(t) | x, t_x, T] for one customer.</summary>
    /// <param name="customer">The customer (recency and age in <see cref="TimeUnit"/>).</param>
    /// <param name="time">Horizon t in <see cref="TimeUnit"/>.</param>
    /// <returns>Expected repeat purchases in the next <paramref name="time"/>.</returns>
    public double ConditionalExpectedPurchases(in CustomerSummary customer, double time) =>
        ConditionalExpectedPurchases(customer.Frequency, customer.Recency, customer.Age, time);

    /// <summary>E[Y(t) | x, t_x, T] for each customer; the part that depends on (x, T) only is computed once per distinct pair.</summary>
    /// <param name="customers">The customers (recency and age in <see cref="TimeUnit"/>).</param>
    /// <param name="time">Horizon t in <see cref="TimeUnit"/>.</param>
    /// <param name="destination">One expectation per customer.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public void ConditionalExpectedPurchases(ReadOnlySpan<CustomerSummary> customers, double time, Span<double> destination) =>
        PurchaseModelBatch.ConditionalExpectedPurchases(this, customers, time, destination, 1);

    /// <summary>E[Y(t) | x, t_x, T] for every customer, converting their time unit to the model's.</summary>
    /// <param name="customers">The customers.</param>
    /// <param name="time">Horizon t in <see cref="TimeUnit"/>.</param>
    /// <returns>One expectation per customer.</returns>
    public double[] ConditionalExpectedPurchases(CustomerSummaries customers, double time) =>
        PurchaseModelBatch.ConditionalExpectedPurchases(this, customers, time);

    /// <summary>P(X(t) = n): the probability that a new customer makes exactly <paramref name="count"/> repeat purchases in the first <paramref name="time"/>.</summary>
    /// <param name="count">The number of repeat purchases n (at least 0).</param>
    /// <param name="time">Time t since the first purchase, in <see cref="TimeUnit"/>.</param>
    /// <returns>The probability, in [0, 1].</returns>
    /// <remarks>B(a, b + n)/B(a, b) Γ(r + n)/(Γ(r) n!) (α/(α + t))^r (t/(α + t))^n + [n &gt; 0] B(a + 1, b + n - 1)/B(a, b) P(NBD(t) ≥ n),
    /// with the negative binomial tail as a regularized incomplete beta function (no cancellation).</remarks>
    public double PurchaseCountProbability(int count, double time)
    {
        Guard.NonNegative(count);
        Guard.NonNegative(time);
        return BetaGeometric.PurchaseCountProbability(false, R, Alpha, A, B, count, time);
    }

    /// <summary>The probability that the customer makes at least one purchase in the next <paramref name="time"/>.</summary>
    /// <param name="frequency">Repeat frequency x.</param>
    /// <param name="recency">Recency t_x.</param>
    /// <param name="age">Age T.</param>
    /// <param name="time">Horizon t in <see cref="TimeUnit"/>.</param>
    /// <returns>P(alive) (1 - ((α + T)/(α + T + t))^(r + x)), in [0, 1].</returns>
    public double ProbabilityOfPurchase(int frequency, double recency, double age, double time)
    {
        HistoryRows.Validate(frequency, recency, age);
        Guard.NonNegative(time);
        return BetaGeometric.ProbabilityOfPurchase(false, R, Alpha, A, B, frequency, recency, age, time);
    }

    /// <summary>Simulates one (x, t_x, T) history per age from the model's generative process (for what-if analysis and recovery tests).</summary>
    /// <param name="ages">Each simulated customer's age T, in <see cref="TimeUnit"/>.</param>
    /// <param name="seed">Seed of the random generator: the same seed gives the same histories.</param>
    /// <returns>One history per age, with weight 1.</returns>
    public PurchaseHistory[] Simulate(ReadOnlySpan<double> ages, int seed) =>
        PurchaseSimulation.Histories(ages, seed, (age, random, times) => BetaGeometric.Simulate(false, R, Alpha, A, B, age, random, times));

    /// <summary>
    /// Simulates a transaction log: one customer per first-purchase date, purchases from the model (same-day
    /// purchases merge into one day when summarised) with amounts from <paramref name="spend"/>, up to <paramref name="end"/>.
    /// </summary>
    /// <param name="firstPurchases">Each customer's first purchase date (on or before <paramref name="end"/>).</param>
    /// <param name="end">The last day simulated.</param>
    /// <param name="spend">The spend model for the amounts.</param>
    /// <param name="seed">Seed of the random generator.</param>
    /// <returns>The transactions, customers "S0000000", "S0000001", ... in date order within each customer.</returns>
    public Transaction[] SimulateTransactions(ReadOnlySpan<DateOnly> firstPurchases, DateOnly end, GammaGammaModel spend, int seed) =>
        PurchaseSimulation.Transactions(firstPurchases, end, spend, seed, TimeUnit, (age, random, times) => BetaGeometric.Simulate(false, R, Alpha, A, B, age, random, times));

    /// <inheritdoc/>
    public override string ToString() => Guard.Format($"BG/NBD(r = {R:G6}, alpha = {Alpha:G6}, a = {A:G6}, b = {B:G6}; {TimeUnit})");

    /// <inheritdoc/>
    double IAliveExpectation.ExpectedPurchasesIfAlive(int frequency, double age, double time) => ExpectedPurchasesIfAlive(frequency, age, time);

    /// <inheritdoc/>
    void IAliveExpectation.ExpectedPurchasesIfAlive(int frequency, double age, ReadOnlySpan<double> times, Span<double> destination) =>
        BetaGeometric.ExpectedPurchasesIfAlive(false, R, Alpha, A, B, frequency, age, times, destination);

    /// <inheritdoc/>
    double IAliveExpectation.ProbabilityAliveUnchecked(int frequency, double recency, double age) =>
        BetaGeometric.ProbabilityAlive(false, R, Alpha, A, B, frequency, recency, age);

    private static FitResult<BgNbdModel> Fit(HistoryRows rows, TimeUnit timeUnit, FitOptions? options)
    {
        ModelFitting.CheckUnit(timeUnit, nameof(timeUnit));
        var starts = PurchaseModelBatch.Starts(rows, ModelName);
        return ModelFitting.Fit(
            (p, g) => BetaGeometric.TotalLogLikelihood(false, rows, p, g),
            rows.TotalWeight,
            Names,
            starts,
            ModelName,
            options,
            p => new BgNbdModel(p[0], p[1], p[2], p[3], timeUnit),
            rows.Excluded);
    }

    private double ExpectedPurchasesIfAlive(int frequency, double age, double time) =>
        BetaGeometric.ExpectedPurchasesIfAlive(false, R, Alpha, A, B, frequency, age, time);
}
