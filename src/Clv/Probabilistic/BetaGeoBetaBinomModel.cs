using System.Runtime.InteropServices;
using Clv.Internal;

namespace Clv.Probabilistic;

/// <summary>
/// The beta-geometric/beta-Bernoulli (BG/BB) model of repeat purchasing at discrete opportunities (a yearly
/// donation campaign, a monthly renewal window): while alive a customer buys at each opportunity with probability
/// p ~ Beta(alpha, beta), and dies before each opportunity with probability theta ~ Beta(gamma, delta). Immutable.
/// </summary>
/// <remarks>
/// Fader, Hardie and Shang (2010), "Customer-base analysis in a discrete-time noncontractual setting", Marketing
/// Science 29(6). Time is counted in opportunities, so the model has no <see cref="TimeUnit"/>. Every sum of beta-function
/// ratios is taken in log space (log-sum-exp), so histories of thousands of opportunities do not underflow.
/// </remarks>
public sealed class BetaGeoBetaBinomModel : IJsonPersistable<BetaGeoBetaBinomModel>
{
    private const string ModelName = "BG/BB";
    private static readonly string[] Names = ["alpha", "beta", "gamma", "delta"];

    /// <summary>Creates a model from known parameters.</summary>
    /// <param name="alpha">alpha of the purchase-probability beta distribution, alpha &gt; 0.</param>
    /// <param name="beta">beta of the purchase-probability beta distribution, beta &gt; 0.</param>
    /// <param name="gamma">gamma of the dropout-probability beta distribution, gamma &gt; 0.</param>
    /// <param name="delta">delta of the dropout-probability beta distribution, delta &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not a finite positive number.</exception>
    public BetaGeoBetaBinomModel(double alpha, double beta, double gamma, double delta)
    {
        PurchaseModel.CheckParameter(alpha, nameof(alpha));
        PurchaseModel.CheckParameter(beta, nameof(beta));
        PurchaseModel.CheckParameter(gamma, nameof(gamma));
        PurchaseModel.CheckParameter(delta, nameof(delta));
        Alpha = alpha;
        Beta = beta;
        Gamma = gamma;
        Delta = delta;
    }

    /// <summary>alpha of the purchase-probability distribution p ~ Beta(alpha, beta) (alpha &gt; 0).</summary>
    public double Alpha { get; }

    /// <summary>beta of the purchase-probability distribution p ~ Beta(alpha, beta) (beta &gt; 0).</summary>
    public double Beta { get; }

    /// <summary>gamma of the dropout-probability distribution theta ~ Beta(gamma, delta) (gamma &gt; 0).</summary>
    public double Gamma { get; }

    /// <summary>delta of the dropout-probability distribution theta ~ Beta(gamma, delta) (delta &gt; 0).</summary>
    public double Delta { get; }

    /// <summary>Fits the model by maximum likelihood with the default options; see <see cref="Fit(ReadOnlySpan{BinaryPurchaseHistory}, FitOptions?)"/>.</summary>
    /// <param name="histories">Histories with weights.</param>
    /// <returns>The fitted model with its diagnostics.</returns>
    /// <exception cref="ArgumentException">No history has a positive weight.</exception>
    /// <exception cref="ModelFitException">The optimizer did not converge from any start.</exception>
    public static FitResult<BetaGeoBetaBinomModel> Fit(ReadOnlySpan<BinaryPurchaseHistory> histories) => Fit(histories, null);

    /// <summary>Fits the model by maximum likelihood to weighted histories.</summary>
    /// <param name="histories">Histories with weights (customers sharing a history may be given once with their count; rows of weight 0 are ignored).</param>
    /// <param name="options">Penalty and iteration cap; <see cref="FitOptions.Default"/> when null.</param>
    /// <returns>
    /// The model, log-likelihood, AIC/BIC, iterations and standard errors of alpha, beta, gamma, delta;
    /// <see cref="FitResult{TModel}.ObservationCount"/> is the sum of the weights, rounded.
    /// </returns>
    /// <exception cref="ArgumentException">No history has a positive weight.</exception>
    /// <exception cref="ModelFitException">The optimizer did not converge from any start.</exception>
    public static FitResult<BetaGeoBetaBinomModel> Fit(ReadOnlySpan<BinaryPurchaseHistory> histories, FitOptions? options)
    {
        options = MaximumLikelihood.Begin(options);

        // Compress identical histories (a million customers over a few opportunities have few distinct rows).
        var rows = new Dictionary<(int X, int Tx, int N), double>();
        double total = 0;
        foreach (ref readonly var h in histories)
        {
            if (h.Weight > 0)
            {
                rows[(h.Frequency, h.Recency, h.Periods)] = rows.GetValueOrDefault((h.Frequency, h.Recency, h.Periods)) + h.Weight;
                total += h.Weight;
            }
        }

        if (!(total > 0))
        {
            ThrowHelper.Argument(nameof(histories), "BG/BB needs at least one history with a positive weight to fit.");
        }

        var keys = rows.Keys.Order().ToArray();
        var weights = keys.Select(k => rows[k]).ToArray();
        return MaximumLikelihood.Fit(
            new BetaGeoBetaBinomLikelihood(ModelName, Names, keys, weights, total),
            options,
            p => new BetaGeoBetaBinomModel(p[0], p[1], p[2], p[3]),
            0);
    }

    /// <summary>Reads a model written by <see cref="ToJson"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="FormatException">The text is not a BG/BB model of a supported version, or a field is missing or invalid; the message names the field.</exception>
    public static BetaGeoBetaBinomModel FromJson(string json) =>
        JsonFormat.Read(json, ModelName, r => new BetaGeoBetaBinomModel(r.Positive("parameters.alpha"), r.Positive("parameters.beta"), r.Positive("parameters.gamma"), r.Positive("parameters.delta")));

    /// <summary>Writes the model as versioned JSON: <c>{"model":"BG/BB","version":1,"parameters":{"alpha":..,"beta":..,"gamma":..,"delta":..}}</c> (no time unit: time is counted in opportunities).</summary>
    /// <returns>The JSON text (round-trips every parameter exactly).</returns>
    public string ToJson() => JsonFormat.Write(ModelName, w => JsonFormat.WriteNumbers(w, "parameters", Names, [Alpha, Beta, Gamma, Delta]));

    /// <summary>The log-likelihood of one history (its weight is not applied).</summary>
    /// <param name="history">A history (x, t_x, n).</param>
    /// <returns>ln L(alpha, beta, gamma, delta | x, t_x, n).</returns>
    public double LikelihoodLn(in BinaryPurchaseHistory history) =>
        BetaGeoBetaBinomMath.LnLikelihood(Alpha, Beta, Gamma, Delta, history.Frequency, history.Recency, history.Periods, default);

    /// <summary>The probability the customer is alive at the next opportunity, n + 1.</summary>
    /// <param name="history">A history (x, t_x, n).</param>
    /// <returns>P(alive at n + 1 | x, t_x, n), in [0, 1].</returns>
    public double ProbabilityAlive(in BinaryPurchaseHistory history) => ProbabilityAlive(in history, 1);

    /// <summary>The probability the customer is alive at opportunity n + <paramref name="periodsAhead"/>.</summary>
    /// <param name="history">A history (x, t_x, n).</param>
    /// <param name="periodsAhead">Opportunities ahead, m (at least 0; 0 gives P(alive) at opportunity n itself).</param>
    /// <returns>B(alpha + x, beta + n - x)/B(alpha, beta) B(gamma, delta + n + m)/B(gamma, delta) / L(x, t_x, n), in [0, 1].</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="periodsAhead"/> is negative, or the history's periods plus <paramref name="periodsAhead"/> exceed <see cref="int.MaxValue"/>.</exception>
    public double ProbabilityAlive(in BinaryPurchaseHistory history, int periodsAhead)
    {
        Guard.NonNegative(periodsAhead);
        CheckHorizon(history.Periods, periodsAhead, nameof(periodsAhead), nameof(history));
        return BetaGeoBetaBinomMath.ProbabilityAlive(Alpha, Beta, Gamma, Delta, history.Frequency, history.Recency, history.Periods, periodsAhead);
    }

    /// <summary>P(alive at the next opportunity) for each history.</summary>
    /// <param name="histories">Histories.</param>
    /// <param name="destination">Receives one probability per history.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public void ProbabilityAlive(ReadOnlySpan<BinaryPurchaseHistory> histories, Span<double> destination)
    {
        Guard.SameLength(histories.Length, destination.Length);
        EachDistinct(histories, destination, h => ProbabilityAlive(in h));
    }

    /// <summary>Expected purchases in the next <paramref name="periods"/> opportunities, E[X(n, n + n*) | x, t_x, n].</summary>
    /// <param name="history">A history (x, t_x, n).</param>
    /// <param name="periods">Opportunities ahead, n* (at least 0).</param>
    /// <returns>
    /// B(alpha + x + 1, beta + n - x)/B(alpha, beta) delta/(gamma - 1) G(gamma + delta)/G(1 + delta)
    /// [G(1 + delta + n)/G(gamma + delta + n) - G(1 + delta + n + n*)/G(gamma + delta + n + n*)] / L(x, t_x, n);
    /// its limit is used at gamma = 1.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="periods"/> is negative, or the history's periods plus <paramref name="periods"/> exceed <see cref="int.MaxValue"/>.</exception>
    public double ConditionalExpectedPurchases(in BinaryPurchaseHistory history, int periods)
    {
        Guard.NonNegative(periods);
        CheckHorizon(history.Periods, periods, nameof(periods), nameof(history));
        return BetaGeoBetaBinomMath.ConditionalExpectedPurchases(Alpha, Beta, Gamma, Delta, history.Frequency, history.Recency, history.Periods, periods);
    }

    /// <summary>E[X(n, n + n*) | x, t_x, n] for each history (weights not applied).</summary>
    /// <param name="histories">Histories.</param>
    /// <param name="periods">Opportunities ahead, n* (at least 0).</param>
    /// <param name="destination">Receives one expectation per history.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="periods"/> is negative, or a history's periods plus <paramref name="periods"/> exceed <see cref="int.MaxValue"/> (the message names the history).</exception>
    public void ConditionalExpectedPurchases(ReadOnlySpan<BinaryPurchaseHistory> histories, int periods, Span<double> destination)
    {
        Guard.SameLength(histories.Length, destination.Length);
        Guard.NonNegative(periods);
        for (int i = 0; i < histories.Length; i++)
        {
            CheckHorizon(histories[i].Periods, periods, nameof(periods), Guard.Format($"histories[{i}]"));
        }

        EachDistinct(histories, destination, h => ConditionalExpectedPurchases(in h, periods));
    }

    /// <summary>
    /// The value of each history, computed once per distinct (x, t_x, n): each costs n − t_x likelihood terms, and a population
    /// over many opportunities (a year of days) has far fewer distinct histories than customers. The same values as one by one.
    /// </summary>
    private static void EachDistinct(ReadOnlySpan<BinaryPurchaseHistory> histories, Span<double> destination, Func<BinaryPurchaseHistory, double> value)
    {
        var seen = new Dictionary<(int, int, int), double>();
        for (int i = 0; i < histories.Length; i++)
        {
            ref readonly var h = ref histories[i];
            ref double known = ref CollectionsMarshal.GetValueRefOrAddDefault(seen, (h.Frequency, h.Recency, h.Periods), out bool exists);
            if (!exists)
            {
                known = value(h);
            }

            destination[i] = known;
        }
    }

    /// <summary>P(at least one purchase in the next <paramref name="periods"/> opportunities | x, t_x, n).</summary>
    /// <param name="history">A history (x, t_x, n).</param>
    /// <param name="periods">Opportunities ahead, k (at least 0).</param>
    /// <returns>The probability, in [0, 1]; non-decreasing in <paramref name="periods"/>, 0 at 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="periods"/> is negative, or the history's periods plus <paramref name="periods"/> exceed <see cref="int.MaxValue"/>.</exception>
    public double ProbabilityOfAnyPurchase(in BinaryPurchaseHistory history, int periods)
    {
        Guard.NonNegative(periods);
        CheckHorizon(history.Periods, periods, nameof(periods), nameof(history));
        double result = 0;
        if (periods > 0)
        {
            BetaGeoBetaBinomMath.AnyPurchase(Alpha, Beta, Gamma, Delta, history.Frequency, history.Recency, history.Periods, (k, p, _) =>
            {
                result = p;
                return k < periods;
            });
        }

        return result;
    }

    /// <summary>
    /// The number of opportunities by which the customer buys again with probability <paramref name="probability"/>: the smallest k with
    /// P(a purchase in the next k opportunities | x, t_x, n) ≥ <paramref name="probability"/> (with 0.5, the median wait for the next purchase).
    /// </summary>
    /// <param name="history">A history (x, t_x, n).</param>
    /// <param name="probability">The level, in (0, 1).</param>
    /// <returns>The number of opportunities k (a whole number, at least 1), or <see cref="double.PositiveInfinity"/> when the customer's chance of ever buying again is below the level (or the level is first reached beyond 10^8 opportunities).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="probability"/> is not in (0, 1).</exception>
    public double NextPurchaseTime(in BinaryPurchaseHistory history, double probability)
    {
        PurchaseModel.CheckLevel(probability, nameof(probability));
        double result = double.PositiveInfinity;
        BetaGeoBetaBinomMath.AnyPurchase(Alpha, Beta, Gamma, Delta, history.Frequency, history.Recency, history.Periods, (k, p, alive) =>
        {
            if (p >= probability)
            {
                result = k;
                return false;
            }

            // p + P(alive, no purchase yet) bounds every later probability: below the level, the customer never gets there.
            return p + alive >= probability && k < 100_000_000;
        });
        return result;
    }

    /// <summary>Expected purchases of a new customer at the first <paramref name="periods"/> opportunities, E[X(n)].</summary>
    /// <param name="periods">Opportunities, n (at least 0).</param>
    /// <returns>alpha/(alpha + beta) delta/(gamma - 1) [1 - G(gamma + delta)/G(gamma + delta + n) G(1 + delta + n)/G(1 + delta)]; its limit at gamma = 1.</returns>
    public double ExpectedPurchases(int periods)
    {
        Guard.NonNegative(periods);
        return BetaGeoBetaBinomMath.ExpectedPurchases(Alpha, Beta, Gamma, Delta, periods);
    }

    /// <summary>Returns the parameters, for logs and debugging.</summary>
    /// <returns>"BG/BB(alpha = ..., beta = ..., gamma = ..., delta = ...)".</returns>
    public override string ToString() =>
        Guard.Format($"BG/BB(alpha = {Alpha:G6}, beta = {Beta:G6}, gamma = {Gamma:G6}, delta = {Delta:G6})");

    /// <summary>Refuses a horizon whose last opportunity, n + <paramref name="periods"/>, lies beyond <see cref="int.MaxValue"/>.</summary>
    private static void CheckHorizon(int historyPeriods, int periods, string paramName, string historyName)
    {
        if (periods > int.MaxValue - historyPeriods)
        {
            ThrowHelper.ArgumentOutOfRange(paramName, periods, Guard.Format(
                $"{historyName}.Periods + {paramName} must be at most {int.MaxValue}, but {historyName}.Periods was {historyPeriods} and {paramName} was {periods}."));
        }
    }
}
