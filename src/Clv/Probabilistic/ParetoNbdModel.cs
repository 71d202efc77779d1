using Clv.Internal;

namespace Clv.Probabilistic;

/// <summary>
/// The Pareto/NBD model of non-contractual repeat purchasing in continuous time: while alive a customer buys as a Poisson
/// process with rate λ ~ Gamma(r, α), and dies after an exponential lifetime with rate μ ~ Gamma(s, β), independent of λ.
/// Immutable; predictions are in <see cref="PurchaseModel"/>.
/// </summary>
/// <remarks>
/// <para>Schmittlein, Morrison and Colombo (1987), "Counting your customers: who are they and what will they do next?",
/// Management Science 33(1); formulas from Fader, Hardie and Lee (2005), "A note on deriving the Pareto/NBD model and related
/// expressions". On the CDNOW sample (weeks) the maximum-likelihood estimates are r = 0.5533, α = 10.5776, s = 0.6062,
/// β = 11.6679 with ln L = −9594.98.</para>
/// <para>L = Γ(r + x) α^r β^s / Γ(r) · [ (α + T)^−(r+x) (β + T)^−s + s/(r + s + x) A₀ ], where A₀ is a difference of two Gauss
/// hypergeometric terms, with the argument (α − β)/(α + t) when α ≥ β and (β − α)/(β + t) otherwise. It is evaluated in log space
/// with signs, so it stays finite for frequencies in the thousands; where the argument is above 0.95 the term is integrated
/// numerically instead of summed. P(alive) = 1 / (1 + s/(r + s + x) (α + T)^(r+x) (β + T)^s A₀).
/// E[X(t)] = r β / (α (s − 1)) [1 − (β/(β + t))^(s − 1)], and
/// E[Y(t) | x, t_x, T] = (r + x)/(α + T) · (β + T)/(s − 1) · [1 − ((β + T)/(β + T + t))^(s − 1)] · P(alive); both hold for every
/// s &gt; 0 (at s = 1 the limit (β + T) ln(1 + t/(β + T)) is used).</para>
/// </remarks>
public sealed class ParetoNbdModel : PurchaseModel, IJsonPersistable<ParetoNbdModel>
{
    private const string ModelName = "Pareto/NBD";
    private static readonly string[] Names = ["r", "alpha", "s", "beta"];

    /// <summary>
    /// The largest r and s a model accepts: past it (r + x) ln(α + T) and s ln(β + T) leave the range of a double, and P(alive)
    /// and every prediction were NaN (a saved model read back with r = 1e308). Fits stay far below it.
    /// </summary>
    private const double MaxShape = 1e300;

    /// <summary>ln 1e300: the largest ratio of α and β (either way) a model accepts.</summary>
    private static readonly double MaxLnRateRatio = 300 * Math.Log(10);

    /// <summary>
    /// Memo of the 2F1 tail terms ln F(t) by (x, t): a population has few distinct (x, t_x) and (x, T) pairs, so batch
    /// predictions reuse them. Direct-mapped; entries are immutable objects, so concurrent readers see whole entries.
    /// </summary>
    private readonly TailEntry?[] _tails = new TailEntry?[4096];

    /// <summary>Creates a model from known parameters.</summary>
    /// <param name="r">Shape r of the purchase-rate Gamma distribution (greater than 0).</param>
    /// <param name="alpha">Rate α of the purchase-rate Gamma distribution, in <paramref name="timeUnit"/> (greater than 0).</param>
    /// <param name="s">Shape s of the dropout-rate Gamma distribution (greater than 0).</param>
    /// <param name="beta">Rate β of the dropout-rate Gamma distribution, in <paramref name="timeUnit"/> (greater than 0).</param>
    /// <param name="timeUnit">The unit of time of α, β and of every recency, age and horizon.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not a finite number greater than 0, r or s is greater than 1e300, α and β are more than a factor of 1e300 apart, or the unit is undefined.</exception>
    public ParetoNbdModel(double r, double alpha, double s, double beta, TimeUnit timeUnit)
        : base(ModelName, Names, [r, alpha, s, beta], timeUnit)
    {
        CheckShape(r, nameof(r));
        CheckShape(s, nameof(s));

        // The tail integrals take 1 - z = (min(α, β) + t)/(max(α, β) + t), at t = 0 the ratio of the rates: past 1e300 it
        // underflows, and their quadrature would need endless panels (a customer with t_x = 0 hung P(alive) and ln L).
        if (Math.Abs(Math.Log(alpha) - Math.Log(beta)) > MaxLnRateRatio)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(beta), beta, Guard.Format(
                $"alpha ({alpha}) and beta ({beta}) must be within a factor of 1e300 of each other (their ratio is 1e{(Math.Log10(alpha) - Math.Log10(beta)):F0})."));
        }

        R = r;
        Alpha = alpha;
        S = s;
        Beta = beta;
    }

    private static void CheckShape(double value, string paramName)
    {
        if (value > MaxShape)
        {
            ThrowHelper.ArgumentOutOfRange(paramName, value, Guard.Format($"{paramName} must be at most 1e300, but was {value}."));
        }
    }

    /// <summary>Shape r of the purchase-rate Gamma distribution.</summary>
    public double R { get; }

    /// <summary>Rate α of the purchase-rate Gamma distribution, per <see cref="PurchaseModel.TimeUnit"/>.</summary>
    public double Alpha { get; }

    /// <summary>Shape s of the dropout-rate Gamma distribution.</summary>
    public double S { get; }

    /// <summary>Rate β of the dropout-rate Gamma distribution, per <see cref="PurchaseModel.TimeUnit"/>.</summary>
    public double Beta { get; }

    /// <summary>Fits the model by maximum likelihood with the default options; see <see cref="Fit(CustomerSummaries, FitOptions?)"/>.</summary>
    /// <param name="customers">The calibration summaries.</param>
    /// <returns>The fitted model with its diagnostics.</returns>
    /// <exception cref="ModelFitException">The data cannot identify the model, or no starting point led to a maximum.</exception>
    public static FitResult<ParetoNbdModel> Fit(CustomerSummaries customers) => Fit(customers, null);

    /// <summary>
    /// Fits the model by maximum likelihood to every customer with a purchase, in the summaries' time unit; customers without
    /// one (leads) are excluded and counted in <see cref="FitResult{TModel}.ExcludedCount"/>.
    /// </summary>
    /// <param name="customers">The calibration summaries.</param>
    /// <param name="options">Penalty, iteration cap, tolerance, progress and cancellation; <see cref="FitOptions.Default"/> when null.</param>
    /// <returns>The model with its status, log-likelihood, iterations and standard errors of r, α, s, β.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="ModelFitException">No customer has a repeat purchase, or no starting point led to a maximum.</exception>
    /// <exception cref="OperationCanceledException"><see cref="FitOptions.CancellationToken"/> was cancelled.</exception>
    /// <remarks>
    /// Customers are compressed to distinct (x, t_x, T) rows and the 2F1 terms to distinct (x, t) pairs, so the cost grows with
    /// the number of distinct values rather than customers. The gradient is analytic except for the 2F1 terms' derivatives in
    /// their parameters, taken by central differences.
    /// </remarks>
    public static FitResult<ParetoNbdModel> Fit(CustomerSummaries customers, FitOptions? options) =>
        FitSummaries(customers, options, ParetoNbdLikelihood.Create, Create);

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
        CovariatePurchaseModel.Fit(customers, covariates, options, unit => new ParetoNbdModel(1, 1, 1, 1, unit), ParetoNbdLikelihood.Create, ParetoNbdLikelihood.ForGroup);

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
        CovariatePurchaseModel.Fit(histories, timeUnit, covariates, options, unit => new ParetoNbdModel(1, 1, 1, 1, unit), ParetoNbdLikelihood.Create, ParetoNbdLikelihood.ForGroup);

    /// <summary>
    /// Fits the model with time-varying covariates (a value per customer and period: seasons, campaigns, contacts) by maximum
    /// likelihood, in the summaries' time unit: first without covariates (the start), then with them. The likelihood is exact
    /// (Bachmann, Meierer and Naef 2021); each customer's repeat purchases are placed in their periods from the purchase days the
    /// summaries keep.
    /// </summary>
    /// <param name="customers">The calibration summaries.</param>
    /// <param name="covariates">The covariates (one row per customer, periods covering every first purchase) and which of them shift which rate.</param>
    /// <param name="options">Penalty, iteration cap, tolerance, progress and cancellation; <see cref="FitOptions.Default"/> when null.</param>
    /// <returns>The model with its status, ln L and standard errors of r, α, s, β and every coefficient (<c>purchase.x</c>, <c>dropout.x</c>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> or <paramref name="covariates"/> is null.</exception>
    /// <exception cref="ArgumentException">The covariates do not have one row per customer, a name is unknown or repeated, or a first purchase is before the first period.</exception>
    /// <exception cref="ModelFitException">No repeat purchase, a covariate never varies, or no starting point led to a maximum.</exception>
    /// <exception cref="OperationCanceledException"><see cref="FitOptions.CancellationToken"/> was cancelled.</exception>
    /// <remarks>Each evaluation walks every customer's periods (cost ∝ customers × periods); see <see cref="TimeVaryingParetoNbdModel"/>.</remarks>
    public static FitResult<TimeVaryingParetoNbdModel> Fit(CustomerSummaries customers, TimeVaryingCovariateOptions covariates, FitOptions? options) =>
        TimeVaryingParetoNbdModel.Fit(customers, covariates, options);

    /// <summary>Fits the model by maximum likelihood to weighted (x, t_x, T) histories.</summary>
    /// <param name="histories">The histories, in <paramref name="timeUnit"/>; identical rows may be repeated or weighted.</param>
    /// <param name="timeUnit">The unit of the recencies and ages.</param>
    /// <param name="options">Penalty, iteration cap, tolerance, progress and cancellation; <see cref="FitOptions.Default"/> when null.</param>
    /// <returns>The fitted model with its diagnostics.</returns>
    /// <exception cref="ArgumentException">A history has recency greater than age, or a weight is not greater than 0.</exception>
    /// <exception cref="ModelFitException">No repeat purchase, or no starting point led to a maximum.</exception>
    public static FitResult<ParetoNbdModel> Fit(ReadOnlySpan<PurchaseHistory> histories, TimeUnit timeUnit, FitOptions? options) =>
        FitHistories(histories, timeUnit, options, ParetoNbdLikelihood.Create, Create);

    /// <summary>
    /// Fits the model to fit statistics (built from summaries, merged from parts or read back from bytes), in their time
    /// unit; equal to fitting the summaries they came from, bit for bit.
    /// </summary>
    /// <param name="statistics">The distinct (x, t_x, T) rows with their counts.</param>
    /// <param name="options">Penalty, iteration cap, tolerance, progress and cancellation; <see cref="FitOptions.Default"/> when null.</param>
    /// <returns>The fitted model with its diagnostics.</returns>
    /// <exception cref="ModelFitException">No repeat purchase, or no starting point led to a maximum.</exception>
    /// <exception cref="OperationCanceledException"><see cref="FitOptions.CancellationToken"/> was cancelled.</exception>
    public static FitResult<ParetoNbdModel> Fit(PurchaseStatistics statistics, FitOptions? options) =>
        FitStatistics(statistics, options, ParetoNbdLikelihood.Create, Create);

    /// <summary>Reads a model written by <see cref="PurchaseModel.ToJson"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="FormatException">The text is not a Pareto/NBD model of a supported version, or a field is missing or invalid; the message names the field.</exception>
    public static ParetoNbdModel FromJson(string json) => ReadJson(json, ModelName, Names, Create);

    internal override double LikelihoodLnCore(int frequency, double recency, double age) =>
        ParetoNbdMath.LnLikelihood(R, Alpha, S, Beta, frequency, recency, age);

    internal override double ExpectedPurchasesIfAlive(int frequency, double age, double time) =>
        ParetoNbdMath.ExpectedPurchasesIfAlive(R, Alpha, S, Beta, frequency, age, time);

    internal override double AnyPurchaseIfAlive(int frequency, double age, double time) =>
        ParetoNbdMath.AnyPurchaseProbability(R + frequency, Alpha + age, S, Beta + age, time);

    internal override double ExpectedPurchasesCore(double time) =>
        ParetoNbdMath.ExpectedPurchases(R, Alpha, S, Beta, time);

    internal override double PurchaseCountProbabilityIfAlive(int frequency, double age, double time, int count) =>
        ParetoNbdMath.PurchaseCountProbability(R + frequency, Alpha + age, S, Beta + age, count, time);

    internal override Func<int, double> CountProbabilitiesIfAlive(int frequency, double age, double time) =>
        new ParetoNbdCountProbabilities(R + frequency, Alpha + age, S, Beta + age, time).Probability;

    internal override Func<int, double> CountProbabilities(double time) => new ParetoNbdCountProbabilities(R, Alpha, S, Beta, time).Probability;

    /// <inheritdoc/>
    internal override double CountSumLimit => 5e3;

    internal override double AnyPurchaseLimitIfAlive(int frequency, double age) =>
        ParetoNbdMath.AnyPurchaseLimit(R + frequency, Alpha + age, S, Beta + age);

    internal override double PurchaseCountProbabilityCore(int count, double time) =>
        ParetoNbdMath.PurchaseCountProbability(R, Alpha, S, Beta, count, time);

    internal override PurchaseHistory Draw(double age, Random random, List<double>? times) =>
        PurchaseSimulation.ParetoNbd(R, Alpha, S, Beta, age, random, times);

    internal override double ProbabilityAliveCore(int frequency, double recency, double age) =>
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

    private static ParetoNbdModel Create(double[] p, TimeUnit unit) => new(p[0], p[1], p[2], p[3], unit);

    private sealed record TailEntry(int X, double T, double Ln);

    internal override PurchaseModel WithParameters(double[] values) => Create(values, TimeUnit);
}
