using Clv.Internal;

namespace Clv.Probabilistic;

/// <summary>
/// The Normal-Normal model of value per transaction, for values that can be zero or negative (net of returns, profit margins):
/// a customer's transaction values are N(μ_i, σ²) with μ_i ~ N(μ, τ²) across customers, so the mean m_x of a customer's x values
/// is N(μ, τ² + σ²/x). Its prediction shrinks each customer's mean towards the population mean:
/// E[μ_i | x, m_x] = w m_x + (1 − w) μ with w = x τ² / (x τ² + σ²). Immutable; unit-free (values are in the currency of the data).
/// </summary>
/// <remarks>
/// <para>Why this model: the Gamma-Gamma model (<see cref="GammaGammaModel"/>, like lifetimes and CLVTools) needs every value
/// positive; this one allows any sign, has a closed-form likelihood and posterior mean, and is identified from how the spread of
/// customers' means shrinks with x: Var(m_x) = τ² + σ²/x, so τ (how much customers differ) and σ (how much one customer's values
/// vary) are told apart by customers with different numbers of repeat transactions. It is the normal hierarchical model of
/// Efron and Morris (1975), "Data analysis using Stein's estimator and its generalizations".</para>
/// <para>Limits: it is symmetric and light-tailed. Positive spend is usually right-skewed with a heavy tail, which Gamma-Gamma
/// serves better; use this model when values can be negative or zero, or as a check. Like Gamma-Gamma it assumes value is
/// independent of the purchase process, and it needs customers with at least two different repeat frequencies x.</para>
/// </remarks>
public sealed class NormalNormalModel : IJsonPersistable<NormalNormalModel>
{
    private const string ModelName = "Normal-Normal";
    private static readonly string[] Names = ["tau", "sigma", "mu"];

    /// <summary>Creates a model from its parameters.</summary>
    /// <param name="mu">The population mean value per transaction μ (any finite number: negative for a loss-making population).</param>
    /// <param name="tau">The standard deviation τ of customers' mean values μ_i (finite, greater than 0).</param>
    /// <param name="sigma">The standard deviation σ of one customer's transaction values around μ_i (finite, greater than 0).</param>
    /// <exception cref="ArgumentOutOfRangeException">μ is not finite, or τ or σ is not a finite number greater than 0.</exception>
    public NormalNormalModel(double mu, double tau, double sigma)
    {
        Guard.Finite(mu);
        PurchaseModel.CheckParameter(tau, nameof(tau));
        PurchaseModel.CheckParameter(sigma, nameof(sigma));
        Mu = mu;
        Tau = tau;
        Sigma = sigma;
    }

    /// <summary>The population mean value per transaction μ: the prediction for a customer without repeat transactions.</summary>
    public double Mu { get; }

    /// <summary>The standard deviation τ of customers' mean values across the population.</summary>
    public double Tau { get; }

    /// <summary>The standard deviation σ of one customer's transaction values around the customer's own mean.</summary>
    public double Sigma { get; }

    /// <summary>Fits the model by maximum likelihood with the default options; see <see cref="Fit(CustomerSummaries, FitOptions?)"/>.</summary>
    /// <param name="customers">The calibration summaries.</param>
    /// <returns>The fitted model with its diagnostics.</returns>
    /// <exception cref="ModelFitException">The data cannot identify the model (see the other overload), or no starting point led to a maximum.</exception>
    public static FitResult<NormalNormalModel> Fit(CustomerSummaries customers) => Fit(customers, null);

    /// <summary>
    /// Fits the model by maximum likelihood to the repeat customers (x &gt; 0) and their <see cref="CustomerSummary.MonetaryValue"/>,
    /// zero included; customers without a repeat purchase are excluded and counted in <see cref="FitResult{TModel}.ExcludedCount"/>.
    /// </summary>
    /// <param name="customers">The calibration summaries.</param>
    /// <param name="options">Penalty on ln τ and ln σ, iteration cap, tolerance, progress and cancellation; <see cref="FitOptions.Default"/> when null.</param>
    /// <returns>The fitted model with its status, ln L and standard errors of τ, σ and μ (in that order).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> is null.</exception>
    /// <exception cref="ModelFitException">Fewer than three repeat customers, one repeat frequency only, every mean value equal, or no starting point led to a maximum.</exception>
    /// <exception cref="OperationCanceledException"><see cref="FitOptions.CancellationToken"/> was cancelled.</exception>
    /// <remarks>
    /// Summaries keep zero-valued purchases (a purchase day of amount 0), but not signed values: a negative amount is a refund,
    /// summed into <see cref="CustomerSummary.Refunds"/> and never part of a purchase day, so <see cref="CustomerSummary.MonetaryValue"/>
    /// is at least 0. To model values net of returns or margins that can be negative, compute each customer's mean value per
    /// repeat transaction and use <see cref="Fit(ReadOnlySpan{int}, ReadOnlySpan{double}, FitOptions?)"/>.
    /// </remarks>
    public static FitResult<NormalNormalModel> Fit(CustomerSummaries customers, FitOptions? options)
    {
        ArgumentNullException.ThrowIfNull(customers);
        options = MaximumLikelihood.Begin(options);
        var rows = new Rows();
        long excluded = 0;
        var span = customers.AsSpan();
        for (int i = 0; i < span.Length; i++)
        {
            if ((i & 0xFFFF) == 0)
            {
                options.CancellationToken.ThrowIfCancellationRequested();
            }

            if (span[i].Frequency > 0)
            {
                rows.Add(span[i].Frequency, span[i].MonetaryValue);
            }
            else
            {
                excluded++;
            }
        }

        return FitCore(rows, excluded, options);
    }

    /// <summary>Fits the model to (x, m_x) pairs of any sign: each customer's repeat transactions and their mean value.</summary>
    /// <param name="frequencies">Repeat transaction counts x (each at least 1).</param>
    /// <param name="meanValues">Mean value per repeat transaction m_x (each finite: negative, zero or positive).</param>
    /// <param name="options">Penalty on ln τ and ln σ, iteration cap, tolerance, progress and cancellation; <see cref="FitOptions.Default"/> when null.</param>
    /// <returns>The fitted model with its status, ln L and standard errors of τ, σ and μ (in that order).</returns>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A frequency is below 1 or a mean value is not finite; the message names its index.</exception>
    /// <exception cref="ModelFitException">Fewer than three pairs, one frequency only, every mean value equal, or no starting point led to a maximum.</exception>
    public static FitResult<NormalNormalModel> Fit(ReadOnlySpan<int> frequencies, ReadOnlySpan<double> meanValues, FitOptions? options)
    {
        Guard.SameLength(frequencies.Length, meanValues.Length, nameof(meanValues));
        options = MaximumLikelihood.Begin(options);
        var rows = new Rows();
        for (int i = 0; i < frequencies.Length; i++)
        {
            if (frequencies[i] < 1)
            {
                ThrowHelper.ArgumentOutOfRange(nameof(frequencies), frequencies[i], Guard.Format($"frequencies[{i}] must be at least 1, but was {frequencies[i]}."));
            }

            if (!double.IsFinite(meanValues[i]))
            {
                ThrowHelper.ArgumentOutOfRange(nameof(meanValues), meanValues[i], Guard.Format($"meanValues[{i}] must be a finite number, but was {meanValues[i]}."));
            }

            rows.Add(frequencies[i], meanValues[i]);
        }

        return FitCore(rows, 0, options);
    }

    /// <summary>Reads a model written by <see cref="ToJson"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="FormatException">The text is not a Normal-Normal model of a supported version, or a field is missing or invalid; the message names the field.</exception>
    public static NormalNormalModel FromJson(string json) =>
        JsonFormat.Read(json, ModelName, r => new NormalNormalModel(r.Number("parameters.mu"), r.Positive("parameters.tau"), r.Positive("parameters.sigma")));

    /// <summary>Writes the model as versioned JSON: <c>{"model":"Normal-Normal","version":1,"parameters":{"tau":..,"sigma":..,"mu":..}}</c>.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => JsonFormat.Write(ModelName, w => JsonFormat.WriteNumbers(w, "parameters", Names, [Tau, Sigma, Mu]));

    /// <summary>The log-likelihood of one customer's mean value: ln of the N(μ, τ² + σ²/x) density at m_x.</summary>
    /// <param name="frequency">Repeat transaction count x (at least 1).</param>
    /// <param name="meanValue">Mean value per repeat transaction m_x (finite, any sign).</param>
    /// <returns>ln f(m_x | x; μ, τ, σ).</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public double LikelihoodLn(int frequency, double meanValue)
    {
        if (frequency < 1)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(frequency), frequency, Guard.Format($"frequency must be at least 1, but was {frequency}."));
        }

        Guard.Finite(meanValue);
        return NormalNormalLikelihood.LikelihoodLn(Mu, Tau, Sigma, frequency, meanValue);
    }

    /// <summary>The weight w = x τ² / (x τ² + σ²) the prediction gives a customer's own mean after x repeat transactions (0 at x = 0, towards 1 as x grows).</summary>
    /// <param name="frequency">Repeat transaction count x (at least 0).</param>
    /// <returns>w in [0, 1].</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="frequency"/> is negative.</exception>
    public double ShrinkageWeight(int frequency)
    {
        Guard.NonNegative(frequency);
        double own = frequency * Tau * Tau;
        double weight = own / (own + (Sigma * Sigma));
        return double.IsNaN(weight) ? RatioWeight(frequency) : weight;
    }

    /// <summary>
    /// w = x / (x + (σ/τ)²), the same weight without τ² and σ², which pass the largest double past 1.3e154 (or both round to 0
    /// below 1e-162): ∞/∞ or 0/0 made the weight, and every expected value, NaN for a model read back with τ = 1e300.
    /// </summary>
    private double RatioWeight(int frequency)
    {
        double ratio = Sigma / Tau;
        return frequency / (frequency + (ratio * ratio));
    }

    /// <summary>
    /// The expected value per transaction of a customer with x repeat transactions of mean value m_x:
    /// E[μ_i | x, m_x] = (x τ² m_x + σ² μ) / (x τ² + σ²), always between m_x and μ; μ when x = 0.
    /// </summary>
    /// <param name="frequency">Repeat transaction count x (at least 0).</param>
    /// <param name="meanValue">Mean value per repeat transaction m_x (finite, any sign; ignored when x = 0).</param>
    /// <returns>E[μ_i | x, m_x].</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="frequency"/> is negative or <paramref name="meanValue"/> is not finite.</exception>
    public double ConditionalExpectedValue(int frequency, double meanValue)
    {
        Guard.NonNegative(frequency);
        Guard.Finite(meanValue);
        return ExpectedValueCore(frequency, meanValue);
    }

    /// <summary>E[μ_i | x, m_x] of one customer, with m_x its <see cref="CustomerSummary.MonetaryValue"/>.</summary>
    /// <param name="customer">The customer.</param>
    /// <returns>The expected value per transaction.</returns>
    public double ConditionalExpectedValue(in CustomerSummary customer) => ExpectedValueCore(customer.Frequency, customer.MonetaryValue);

    /// <summary>E[μ_i | x, m_x] of each customer; identical to the scalar entry.</summary>
    /// <param name="customers">The customers.</param>
    /// <param name="destination">One expected value per customer.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public void ConditionalExpectedValue(ReadOnlySpan<CustomerSummary> customers, Span<double> destination)
    {
        Guard.SameLength(customers.Length, destination.Length);
        for (int i = 0; i < customers.Length; i++)
        {
            destination[i] = ExpectedValueCore(customers[i].Frequency, customers[i].MonetaryValue);
        }
    }

    /// <summary>E[μ_i | x, m_x] of every customer.</summary>
    /// <param name="customers">The customers.</param>
    /// <returns>One expected value per customer.</returns>
    public double[] ConditionalExpectedValue(CustomerSummaries customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var result = new double[customers.Count];
        ConditionalExpectedValue(customers.AsSpan(), result);
        return result;
    }

    /// <inheritdoc/>
    public override string ToString() => Guard.Format($"Normal-Normal(mu = {Mu:G6}, tau = {Tau:G6}, sigma = {Sigma:G6})");

    private double ExpectedValueCore(int frequency, double meanValue)
    {
        if (frequency == 0)
        {
            return Mu;
        }

        double own = frequency * Tau * Tau, noise = Sigma * Sigma;
        double value = ((own * meanValue) + (noise * Mu)) / (own + noise);
        if (double.IsNaN(value))
        {
            double w = RatioWeight(frequency);
            value = (w * meanValue) + ((1 - w) * Mu);
        }

        // Rounding only: the posterior mean is a weighted mean of m_x and μ.
        return Math.Clamp(value, Math.Min(meanValue, Mu), Math.Max(meanValue, Mu));
    }

    private static FitResult<NormalNormalModel> FitCore(Rows rows, long excluded, FitOptions options)
    {
        var (x, n, mean, m2) = rows.Sorted();
        double total = n.Sum();
        if (total < 3)
        {
            throw new ModelFitException(Guard.Format($"Normal-Normal fit needs at least three repeat customers, but there were {total} ({excluded} excluded)."));
        }

        if (x.Length < 2)
        {
            throw new ModelFitException(Guard.Format(
                $"Normal-Normal fit needs customers with at least two different repeat frequencies, but every one of the {total} has x = {x[0]}: τ and σ are told apart by how the spread of customers' means shrinks with x."));
        }

        double grand = 0, spread = 0;
        for (int g = 0; g < x.Length; g++)
        {
            grand += n[g] * mean[g];
        }

        grand /= total;
        for (int g = 0; g < x.Length; g++)
        {
            spread += m2[g] + (n[g] * (mean[g] - grand) * (mean[g] - grand));
        }

        if (!(spread > 0))
        {
            throw new ModelFitException(Guard.Format($"Normal-Normal fit needs mean values that differ, but all {total} are {grand}."));
        }

        var problem = new NormalNormalLikelihood(x, n, mean, m2);
        return MaximumLikelihood.Fit(problem, options, p => new NormalNormalModel(p[2], p[0], p[1]), excluded);
    }

    /// <summary>Customers' mean values accumulated per distinct x (count, mean and sum of squared deviations, by Welford's update).</summary>
    private sealed class Rows
    {
        private readonly Dictionary<int, (double N, double Mean, double M2)> _byX = [];

        public void Add(int x, double m)
        {
            var (n, mean, m2) = _byX.TryGetValue(x, out var s) ? s : default;
            n++;
            double delta = m - mean;
            mean += delta / n;
            m2 += delta * (m - mean);
            _byX[x] = (n, mean, m2);
        }

        public (int[] X, double[] N, double[] Mean, double[] M2) Sorted()
        {
            int[] x = [.. _byX.Keys.Order()];
            return (x, [.. x.Select(k => _byX[k].N)], [.. x.Select(k => _byX[k].Mean)], [.. x.Select(k => _byX[k].M2)]);
        }
    }
}
