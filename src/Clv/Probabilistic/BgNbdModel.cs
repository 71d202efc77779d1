using System.Runtime.CompilerServices;

namespace Clv.Probabilistic;

/// <summary>
/// The beta-geometric/negative binomial distribution (BG/NBD) model of repeat purchases: while active a customer buys as a
/// Poisson process with rate λ ~ Gamma(r, α), and after each repeat purchase drops out for good with probability
/// p ~ Beta(a, b). Immutable; predictions are in <see cref="PurchaseModel"/>.
/// </summary>
/// <remarks>
/// <para>Fader, Hardie and Lee (2005), "Counting your customers the easy way: an alternative to the Pareto/NBD model",
/// Marketing Science 24(2), 275-284. On the CDNOW sample (weeks) the maximum-likelihood estimates are r = 0.2426,
/// α = 4.4135, a = 0.7929, b = 2.4258 with ln L = −9582.43.</para>
/// <para>ln L = A₁ + A₂ + ln(e^A₃ + [x &gt; 0] e^A₄) with A₁ = ln Γ(r + x) − ln Γ(r) + r ln α, A₂ = ln B(a, b + x) − ln B(a, b),
/// A₃ = −(r + x) ln(α + T), A₄ = ln a − ln(b + x − 1) − (r + x) ln(α + t_x).
/// P(alive) = 1 / (1 + [x &gt; 0] a/(b + x − 1) ((α + T)/(α + t_x))^(r + x)), so P(alive) = 1 at x = 0: a customer can only
/// drop out right after a repeat purchase.
/// E[Y(t) | x, t_x, T] = (a + b + x − 1)/(a − 1) [1 − ((α + T)/(α + T + t))^(r + x) ₂F₁(r + x, b + x; a + b + x − 1; t/(α + T + t))] P(alive).
/// E[X(t)] = (a + b − 1)/(a − 1) [1 − (α/(α + t))^r ₂F₁(r, b; a + b − 1; t/(α + t))].</para>
/// </remarks>
public sealed class BgNbdModel : PurchaseModel, IJsonPersistable<BgNbdModel>
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
        : base(ModelName, Names, [r, alpha, a, b], timeUnit)
    {
        R = r;
        Alpha = alpha;
        A = a;
        B = b;
    }

    /// <summary>Shape r of the Gamma distribution of purchase rates.</summary>
    public double R { get; }

    /// <summary>Rate α of the Gamma distribution of purchase rates (mean rate r/α per <see cref="PurchaseModel.TimeUnit"/>).</summary>
    public double Alpha { get; }

    /// <summary>Beta dropout parameter a (mean dropout probability a/(a + b)).</summary>
    public double A { get; }

    /// <summary>Beta dropout parameter b.</summary>
    public double B { get; }

    /// <summary>Fits the model by maximum likelihood with the default options; see <see cref="Fit(CustomerSummaries, FitOptions?)"/>.</summary>
    /// <param name="customers">The calibration summaries.</param>
    /// <returns>The fitted model with its diagnostics.</returns>
    /// <exception cref="ModelFitException">The data cannot identify the model, or no starting point led to a maximum.</exception>
    public static FitResult<BgNbdModel> Fit(CustomerSummaries customers) => Fit(customers, null);

    /// <summary>
    /// Fits the model by maximum likelihood to every customer with a purchase, in the summaries' time unit; customers without
    /// one (leads) are excluded and counted in <see cref="FitResult{TModel}.ExcludedCount"/>.
    /// </summary>
    /// <param name="customers">The calibration summaries.</param>
    /// <param name="options">Penalty, iteration cap, tolerance, progress and cancellation; <see cref="FitOptions.Default"/> when null.</param>
    /// <returns>The fitted model with its status, log-likelihood, iterations and standard errors.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="ModelFitException">No customer has a repeat purchase, or no starting point led to a maximum.</exception>
    /// <exception cref="OperationCanceledException"><see cref="FitOptions.CancellationToken"/> was cancelled.</exception>
    public static FitResult<BgNbdModel> Fit(CustomerSummaries customers, FitOptions? options) =>
        FitSummaries(customers, options, rows => new BetaGeometricLikelihood(false, ModelName, rows), Create);

    /// <summary>
    /// Fits the model with time-invariant covariates by maximum likelihood, in the summaries' time unit: first without covariates
    /// (the start), then with them. Customers are grouped by covariate vector, so the cost grows with the number of distinct
    /// (covariates, x, t_x, T) rows.
    /// </summary>
    /// <param name="customers">The calibration summaries.</param>
    /// <param name="covariates">The covariates (one row per customer) and which of them shift which process; see <see cref="CovariateOptions"/>.</param>
    /// <param name="options">Penalty, iteration cap, tolerance, progress and cancellation; <see cref="FitOptions.Default"/> when null.</param>
    /// <returns>The model with its status, ln L and standard errors of the base parameters and of every coefficient (named <c>purchase.x</c>, <c>dropout.x</c>, <c>shared.x</c>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> or <paramref name="covariates"/> is null.</exception>
    /// <exception cref="ArgumentException">The covariates do not have one row per customer, or a name is unknown, repeated or wrongly constrained.</exception>
    /// <exception cref="ModelFitException">No repeat purchase, a covariate does not vary over the customers fitted, or no starting point led to a maximum.</exception>
    /// <exception cref="OperationCanceledException"><see cref="FitOptions.CancellationToken"/> was cancelled.</exception>
    /// <remarks>Fader and Hardie (2007), "Incorporating time-invariant covariates into the Pareto/NBD and BG/NBD models"; see <see cref="CovariatePurchaseModel"/>.</remarks>
    public static FitResult<CovariatePurchaseModel> Fit(CustomerSummaries customers, CovariateOptions covariates, FitOptions? options) =>
        CovariatePurchaseModel.Fit(customers, covariates, options, unit => new BgNbdModel(1, 1, 1, 1, unit), rows => new BetaGeometricLikelihood(false, ModelName, rows), rows => new BetaGeometricLikelihood(false, ModelName, rows, 1));

    /// <summary>Fits the model with time-invariant covariates to weighted (x, t_x, T) histories (computed elsewhere, or simulated in continuous time).</summary>
    /// <param name="histories">The histories, in <paramref name="timeUnit"/>.</param>
    /// <param name="timeUnit">The unit of the recencies and ages.</param>
    /// <param name="covariates">The covariates, one row per history in the same order, and which of them shift which process.</param>
    /// <param name="options">Penalty, iteration cap, tolerance, progress and cancellation; <see cref="FitOptions.Default"/> when null.</param>
    /// <returns>The model with its diagnostics; see <see cref="Fit(CustomerSummaries, CovariateOptions, FitOptions?)"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="covariates"/> is null.</exception>
    /// <exception cref="ArgumentException">A history is invalid, or the covariates do not have one row per history, or a name is unknown, repeated or wrongly constrained.</exception>
    /// <exception cref="ModelFitException">No repeat purchase, a covariate does not vary, or no starting point led to a maximum.</exception>
    /// <exception cref="OperationCanceledException"><see cref="FitOptions.CancellationToken"/> was cancelled.</exception>
    public static FitResult<CovariatePurchaseModel> Fit(ReadOnlySpan<PurchaseHistory> histories, TimeUnit timeUnit, CovariateOptions covariates, FitOptions? options) =>
        CovariatePurchaseModel.Fit(histories, timeUnit, covariates, options, unit => new BgNbdModel(1, 1, 1, 1, unit), rows => new BetaGeometricLikelihood(false, ModelName, rows), rows => new BetaGeometricLikelihood(false, ModelName, rows, 1));

    /// <summary>Fits the model by maximum likelihood to weighted (x, t_x, T) histories.</summary>
    /// <param name="histories">The histories, in <paramref name="timeUnit"/>; identical rows may be repeated or weighted.</param>
    /// <param name="timeUnit">The unit of the recencies and ages.</param>
    /// <param name="options">Penalty, iteration cap, tolerance, progress and cancellation; <see cref="FitOptions.Default"/> when null.</param>
    /// <returns>The fitted model with its diagnostics.</returns>
    /// <exception cref="ArgumentException">A history has recency greater than age, or a weight is not greater than 0.</exception>
    /// <exception cref="ModelFitException">No repeat purchase, or no starting point led to a maximum.</exception>
    public static FitResult<BgNbdModel> Fit(ReadOnlySpan<PurchaseHistory> histories, TimeUnit timeUnit, FitOptions? options) =>
        FitHistories(histories, timeUnit, options, rows => new BetaGeometricLikelihood(false, ModelName, rows), Create);

    /// <summary>
    /// Fits the model to fit statistics (built from summaries, merged from parts or read back from bytes), in their time
    /// unit; equal to fitting the summaries they came from, bit for bit.
    /// </summary>
    /// <param name="statistics">The distinct (x, t_x, T) rows with their counts.</param>
    /// <param name="options">Penalty, iteration cap, tolerance, progress and cancellation; <see cref="FitOptions.Default"/> when null.</param>
    /// <returns>The fitted model with its diagnostics.</returns>
    /// <exception cref="ModelFitException">No repeat purchase, or no starting point led to a maximum.</exception>
    /// <exception cref="OperationCanceledException"><see cref="FitOptions.CancellationToken"/> was cancelled.</exception>
    public static FitResult<BgNbdModel> Fit(PurchaseStatistics statistics, FitOptions? options) =>
        FitStatistics(statistics, options, rows => new BetaGeometricLikelihood(false, ModelName, rows), Create);

    /// <summary>Reads a model written by <see cref="PurchaseModel.ToJson"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="FormatException">The text is not a BG/NBD model of a supported version, or a field is missing or invalid; the message names the field.</exception>
    public static BgNbdModel FromJson(string json) => ReadJson(json, ModelName, Names, Create);

    internal override double LikelihoodLnCore(int frequency, double recency, double age) =>
        BetaGeometric.LogLikelihood(false, R, Alpha, A, B, frequency, recency, age);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal override double ProbabilityAliveCore(int frequency, double recency, double age) =>
        BetaGeometric.ProbabilityAlive(false, R, Alpha, A, B, frequency, recency, age);

    internal override double ExpectedPurchasesIfAlive(int frequency, double age, double time) =>
        BetaGeometric.ExpectedPurchasesIfAlive(false, R, Alpha, A, B, frequency, age, time);

    internal override void ExpectedPurchasesIfAlive(int frequency, double age, ReadOnlySpan<double> times, Span<double> destination) =>
        BetaGeometric.ExpectedPurchasesIfAlive(false, R, Alpha, A, B, frequency, age, times, destination);

    internal override double AnyPurchaseIfAlive(int frequency, double age, double time) =>
        BetaGeometric.AnyPurchaseIfAlive(R, Alpha, frequency, age, time);

    internal override double ExpectedPurchasesCore(double time) =>
        BetaGeometric.ExpectedPurchases(false, R, Alpha, A, B, time);

    internal override double PurchaseCountProbabilityIfAlive(int frequency, double age, double time, int count) =>
        BetaGeometric.PurchaseCountProbability(false, R + frequency, Alpha + age, A, B + frequency, count, time);

    internal override double NextPurchaseTimeIfAlive(int frequency, double age, double target) =>
        BetaGeometric.NextPurchaseTimeIfAlive(R, Alpha, frequency, age, target);

    internal override double PurchaseCountProbabilityCore(int count, double time) =>
        BetaGeometric.PurchaseCountProbability(false, R, Alpha, A, B, count, time);

    internal override PurchaseHistory Draw(double age, Random random, List<double>? times) =>
        PurchaseSimulation.BetaGeometric(false, R, Alpha, A, B, age, random, times);

    private static BgNbdModel Create(double[] p, TimeUnit unit) => new(p[0], p[1], p[2], p[3], unit);

    internal override PurchaseModel WithParameters(double[] values) => Create(values, TimeUnit);
}
