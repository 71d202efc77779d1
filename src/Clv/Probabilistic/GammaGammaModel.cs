using Clv.Internal;

namespace Clv.Probabilistic;

/// <summary>
/// The Gamma-Gamma model of spend per transaction: a customer's transaction values are Gamma(p, ν) with ν ~ Gamma(q, v)
/// across customers, independent of the purchase process. Immutable; unit-free (amounts are in the currency of the data).
/// </summary>
/// <remarks>
/// <para>Fader and Hardie (2013), "The Gamma-Gamma model of monetary value"; Fader, Hardie and Lee (2005), "RFM and CLV: using
/// iso-value curves for customer base analysis", Journal of Marketing Research 42(4). On the 946 CDNOW repeat customers:
/// p = 6.2488, q = 3.7446, v = 15.4477, ln L = −4055.92.</para>
/// <para>ln f(m_x | x) = ln Γ(p x + q) − ln Γ(p x) − ln Γ(q) + q ln v + (p x − 1) ln m_x + p x ln x − (p x + q) ln(x m_x + v).
/// E[M | x, m_x] = p (v + x m_x) / (p x + q − 1), which exists only when p x + q &gt; 1; the population mean p v / (q − 1) needs
/// q &gt; 1. A fit with q ≤ 1 says so in <see cref="FitResult{TModel}.Warnings"/>, and predictions that do not exist throw
/// instead of returning infinity.</para>
/// </remarks>
public sealed class GammaGammaModel : IJsonPersistable<GammaGammaModel>
{
    private const string ModelName = "Gamma-Gamma";
    private static readonly string[] Names = ["p", "q", "v"];

    /// <summary>Creates a model from its parameters.</summary>
    /// <param name="p">Shape p of a customer's transaction values (greater than 0).</param>
    /// <param name="q">Shape q of the heterogeneity of the scale ν (greater than 0; the population mean needs q &gt; 1).</param>
    /// <param name="v">Rate v of the heterogeneity of ν, in currency units (greater than 0).</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not a finite number greater than 0.</exception>
    public GammaGammaModel(double p, double q, double v)
    {
        PurchaseModel.CheckParameter(p, nameof(p));
        PurchaseModel.CheckParameter(q, nameof(q));
        PurchaseModel.CheckParameter(v, nameof(v));
        P = p;
        Q = q;
        V = v;
    }

    /// <summary>Shape p of a customer's transaction values.</summary>
    public double P { get; }

    /// <summary>Shape q of the Gamma heterogeneity of ν.</summary>
    public double Q { get; }

    /// <summary>Rate v of the Gamma heterogeneity of ν.</summary>
    public double V { get; }

    /// <summary>Whether the population mean spend exists (q &gt; 1). When it does not, predictions for customers without repeat purchases throw.</summary>
    public bool HasFiniteMeanSpend => Q > 1;

    /// <summary>The population mean spend per transaction, p v / (q − 1); +∞ when q ≤ 1 (see <see cref="HasFiniteMeanSpend"/>).</summary>
    /// <exception cref="InvalidOperationException">q &gt; 1 but p v / (q − 1) itself is beyond the largest double (a saved model edited or crafted); the message names the parameters.</exception>
    public double MeanSpend => Q > 1 ? ExpectedSpendCore(0, 0) : double.PositiveInfinity;

    /// <summary>Fits the model by maximum likelihood with the default options; see <see cref="Fit(CustomerSummaries, FitOptions?)"/>.</summary>
    /// <param name="customers">The calibration summaries.</param>
    /// <returns>The fitted model with its diagnostics.</returns>
    /// <exception cref="ModelFitException">Fewer than two customers qualify, or no starting point led to a maximum.</exception>
    public static FitResult<GammaGammaModel> Fit(CustomerSummaries customers) => Fit(customers, null);

    /// <summary>
    /// Fits the model by maximum likelihood to the repeat customers (x &gt; 0) with a positive mean repeat spend
    /// (<see cref="CustomerSummary.MonetaryValue"/>); every other customer (no repeat purchase, zero spend, no purchase at all)
    /// is excluded and counted in <see cref="FitResult{TModel}.ExcludedCount"/>. Identical (x, m_x) pairs are fitted once, with
    /// their count as weight.
    /// </summary>
    /// <param name="customers">The calibration summaries.</param>
    /// <param name="options">Penalty, iteration cap, tolerance, progress and cancellation; <see cref="FitOptions.Default"/> when null.</param>
    /// <returns>
    /// The fitted model with its diagnostics; a warning when q ≤ 1 (no finite mean spend). When every repeat customer has the
    /// same mean spend (one price, as in a single-plan subscription) no maximum exists: the result is the limit, with status
    /// <see cref="FitStatus.Boundary"/>, whose expected spend is that price for everyone. Check the model's independence
    /// assumption with <see cref="CheckIndependence(CustomerSummaries)"/>.
    /// </returns>
    /// <exception cref="ModelFitException">Fewer than two customers qualify, or no starting point led to a maximum.</exception>
    /// <exception cref="OperationCanceledException"><see cref="FitOptions.CancellationToken"/> was cancelled.</exception>
    public static FitResult<GammaGammaModel> Fit(CustomerSummaries customers, FitOptions? options)
    {
        ArgumentNullException.ThrowIfNull(customers);
        options = MaximumLikelihood.Begin(options);
        var rows = SpendRows.FromSummaries(customers.AsSpan(), options.CancellationToken, out long excluded);
        return FitCore(rows, excluded, options);
    }

    /// <summary>
    /// Fits the model with time-invariant covariates on the spend scale by maximum likelihood: customer i's scale is
    /// v_i = v exp(γ'z_i), so its mean spend per transaction p v_i / (q − 1) grows with a positive coefficient. The customers fitted
    /// are those of <see cref="Fit(CustomerSummaries, FitOptions?)"/> (a repeat purchase and a positive mean spend); the model
    /// without covariates is fitted first and is the start.
    /// </summary>
    /// <param name="customers">The calibration summaries.</param>
    /// <param name="covariates">The covariates (one row per customer) and which of them enter; see <see cref="SpendCovariateOptions"/>.</param>
    /// <param name="options">Penalty on the log-parameters, iteration cap, tolerance, progress and cancellation; <see cref="FitOptions.Default"/> when null.</param>
    /// <returns>
    /// The model with its status, ln L (compare it with the fit without covariates by <see cref="LikelihoodRatioTest"/>) and standard
    /// errors of p, q, v and every coefficient (named <c>spend.x</c>; <see cref="FittedParameter.ZStatistic"/> tests each against 0).
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> or <paramref name="covariates"/> is null.</exception>
    /// <exception cref="ArgumentException">The covariates do not have one row per customer, or a name is unknown or repeated.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="SpendCovariateOptions.Regularization"/> is negative or not finite.</exception>
    /// <exception cref="ModelFitException">Fewer than two customers qualify, a covariate has one value for every customer fitted, every repeat customer has the same mean spend (nothing for covariates to explain), or no starting point led to a maximum.</exception>
    /// <exception cref="OperationCanceledException"><see cref="FitOptions.CancellationToken"/> was cancelled.</exception>
    /// <remarks>See <see cref="CovariateSpendModel"/>. Cost: one exponential and one logarithm per distinct (x, m_x, covariates) row per evaluation.</remarks>
    public static FitResult<CovariateSpendModel> Fit(CustomerSummaries customers, SpendCovariateOptions covariates, FitOptions? options) =>
        CovariateSpendModel.Fit(customers, covariates, options);

    /// <summary>Fits the model to (x, m_x) pairs, all of which must qualify.</summary>
    /// <param name="frequencies">Repeat frequencies x (each at least 1).</param>
    /// <param name="monetaryValues">Mean repeat spend m_x (each finite and greater than 0).</param>
    /// <param name="options">Penalty, iteration cap, tolerance, progress and cancellation; <see cref="FitOptions.Default"/> when null.</param>
    /// <returns>The fitted model with its diagnostics.</returns>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A pair does not qualify; the message names its index.</exception>
    /// <exception cref="ModelFitException">Fewer than two pairs, or no starting point led to a maximum.</exception>
    public static FitResult<GammaGammaModel> Fit(ReadOnlySpan<int> frequencies, ReadOnlySpan<double> monetaryValues, FitOptions? options)
    {
        Guard.SameLength(frequencies.Length, monetaryValues.Length, nameof(monetaryValues));
        options = MaximumLikelihood.Begin(options);
        var rows = new SpendRows();
        for (int i = 0; i < frequencies.Length; i++)
        {
            if (frequencies[i] < 1)
            {
                ThrowHelper.ArgumentOutOfRange(nameof(frequencies), frequencies[i], Guard.Format($"frequencies[{i}] must be at least 1, but was {frequencies[i]}."));
            }

            if (!(monetaryValues[i] > 0) || double.IsPositiveInfinity(monetaryValues[i]))
            {
                ThrowHelper.ArgumentOutOfRange(nameof(monetaryValues), monetaryValues[i], Guard.Format($"monetaryValues[{i}] must be a finite number greater than 0, but was {monetaryValues[i]}."));
            }

            rows.Add(frequencies[i], monetaryValues[i], 1);
        }

        return FitCore(rows, 0, options);
    }

    /// <summary>Fits the model to spend statistics (built from summaries, merged from parts or read back from bytes); equal to fitting the summaries they came from, bit for bit.</summary>
    /// <param name="statistics">The distinct (x, m_x) pairs with their counts.</param>
    /// <param name="options">Penalty, iteration cap, tolerance, progress and cancellation; <see cref="FitOptions.Default"/> when null.</param>
    /// <returns>The fitted model with its diagnostics.</returns>
    /// <exception cref="ModelFitException">Fewer than two customers qualify, or no starting point led to a maximum.</exception>
    public static FitResult<GammaGammaModel> Fit(SpendStatistics statistics, FitOptions? options)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        options = MaximumLikelihood.Begin(options);
        return FitCore(statistics.ToRows(), statistics.ExcludedCount, options);
    }

    /// <summary>
    /// The check of the model's key assumption: spend is independent of purchase frequency. Returns the Pearson correlation of
    /// (x, m_x) over the customers the fit uses (CDNOW: 0.1139); a correlation far from 0 means the Gamma-Gamma predictions are biased.
    /// </summary>
    /// <param name="customers">The calibration summaries.</param>
    /// <returns>The correlation and the number of customers it is computed over.</returns>
    public static SpendIndependenceCheck CheckIndependence(CustomerSummaries customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        // Two passes with exact sums (ExactSum): the means, then the centred sums. Welford's online update gave other last digits
        // when the customers came in another order (a log read without ORDER BY); the sums here are the same in any order.
        var span = customers.AsSpan();
        long n = 0, sumX = 0;
        double sumM = 0, sumMError = 0;
        foreach (ref readonly var c in span)
        {
            if (c.Frequency > 0 && c.MonetaryValue > 0)
            {
                n++;
                sumX += c.Frequency;
                sumMError += ExactSum.Add(ref sumM, c.MonetaryValue);
            }
        }

        double mx = n > 0 ? (double)sumX / n : 0, mm = n > 0 ? ExactSum.Round(sumM, sumMError) / n : 0;
        double sxx = 0, smm = 0, sxm = 0, sxxError = 0, smmError = 0, sxmError = 0;
        foreach (ref readonly var c in span)
        {
            if (c.Frequency > 0 && c.MonetaryValue > 0)
            {
                double dx = c.Frequency - mx, dm = c.MonetaryValue - mm;
                sxxError += ExactSum.Add(ref sxx, dx * dx);
                smmError += ExactSum.Add(ref smm, dm * dm);
                sxmError += ExactSum.Add(ref sxm, dx * dm);
            }
        }

        sxx = ExactSum.Round(sxx, sxxError);
        smm = ExactSum.Round(smm, smmError);
        sxm = ExactSum.Round(sxm, sxmError);
        double correlation = sxx > 0 && smm > 0 ? sxm / Math.Sqrt(sxx * smm) : double.NaN;
        return new SpendIndependenceCheck(correlation, n);
    }

    /// <summary>Reads a model written by <see cref="ToJson"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="FormatException">The text is not a Gamma-Gamma model of a supported version, or a field is missing or invalid; the message names the field.</exception>
    public static GammaGammaModel FromJson(string json) =>
        JsonFormat.Read(json, ModelName, r => new GammaGammaModel(r.Positive("parameters.p"), r.Positive("parameters.q"), r.Positive("parameters.v")));

    /// <summary>Writes the model as versioned JSON: <c>{"model":"Gamma-Gamma","version":1,"parameters":{"p":..,"q":..,"v":..}}</c>.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => JsonFormat.Write(ModelName, w => JsonFormat.WriteNumbers(w, "parameters", Names, [P, Q, V]));

    /// <summary>The log-likelihood of one repeat customer's mean spend.</summary>
    /// <param name="frequency">Repeat frequency x (at least 1).</param>
    /// <param name="monetaryValue">Mean repeat spend m_x (greater than 0).</param>
    /// <returns>ln f(m_x | x; p, q, v).</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public double LikelihoodLn(int frequency, double monetaryValue)
    {
        if (frequency < 1)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(frequency), frequency, Guard.Format($"frequency must be at least 1, but was {frequency}."));
        }

        Guard.Positive(monetaryValue);
        return SpendRows.LikelihoodLn(P, Q, V, frequency, monetaryValue);
    }

    /// <summary>
    /// The expected spend per transaction of a customer with repeat frequency x and mean repeat spend m_x:
    /// p (v + x m_x) / (p x + q − 1), a weighted mean of the population mean and the customer's own mean. With x = 0 it is the
    /// population mean <see cref="MeanSpend"/>.
    /// </summary>
    /// <param name="frequency">Repeat frequency x (at least 0).</param>
    /// <param name="monetaryValue">Mean repeat spend m_x (at least 0; ignored when x = 0).</param>
    /// <returns>E[M | x, m_x].</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is negative, NaN or infinite.</exception>
    /// <exception cref="InvalidOperationException">p x + q ≤ 1: the expectation does not exist (a fit with q ≤ 1 and x = 0); or it is beyond the largest double (the message names the parameters).</exception>
    public double ConditionalExpectedSpend(int frequency, double monetaryValue)
    {
        Guard.NonNegative(frequency);
        Guard.NonNegative(monetaryValue);
        return ExpectedSpendCore(frequency, monetaryValue);
    }

    /// <summary>E[M | x, m_x] of one customer.</summary>
    /// <param name="customer">The customer.</param>
    /// <returns>The expected spend per transaction.</returns>
    /// <exception cref="InvalidOperationException">The expectation does not exist for this customer (p x + q ≤ 1).</exception>
    public double ConditionalExpectedSpend(in CustomerSummary customer) => ExpectedSpendCore(customer.Frequency, customer.MonetaryValue);

    /// <summary>E[M | x, m_x] of each customer; identical to the scalar entry.</summary>
    /// <param name="customers">The customers.</param>
    /// <param name="destination">One expected spend per customer.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    /// <exception cref="InvalidOperationException">The expectation does not exist for a customer (p x + q ≤ 1); the message names the first.</exception>
    public void ConditionalExpectedSpend(ReadOnlySpan<CustomerSummary> customers, Span<double> destination)
    {
        Guard.SameLength(customers.Length, destination.Length);
        for (int i = 0; i < customers.Length; i++)
        {
            destination[i] = ConditionalExpectedSpend(in customers[i]);
        }
    }

    /// <summary>E[M | x, m_x] of every customer.</summary>
    /// <param name="customers">The customers.</param>
    /// <returns>One expected spend per customer.</returns>
    /// <exception cref="InvalidOperationException">The expectation does not exist for a customer (p x + q ≤ 1).</exception>
    public double[] ConditionalExpectedSpend(CustomerSummaries customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var result = new double[customers.Count];
        ConditionalExpectedSpend(customers.AsSpan(), result);
        return result;
    }

    /// <inheritdoc/>
    public override string ToString() => Guard.Format($"Gamma-Gamma(p = {P:G6}, q = {Q:G6}, v = {V:G6})");

    /// <summary>E[M | x, m_x]; throws when it does not exist.</summary>
    internal double ExpectedSpendCore(int frequency, double monetaryValue)
    {
        double denominator = (P * frequency) + Q - 1;
        if (!(denominator > 0))
        {
            ThrowNoMean(frequency);
        }

        if (double.IsPositiveInfinity(denominator))
        {
            // p x past the largest double (p = 1e308 from a saved model, x = 2): p divided out, (v + x m)/(x + (q − 1)/p); the
            // formula above gave ∞/∞ = NaN.
            double scaled = frequency + ((Q - 1) / P);
            double mean = (V + (frequency * monetaryValue)) / scaled;
            mean = double.IsFinite(mean) ? mean : (V / scaled) + (frequency / scaled * monetaryValue);
            return double.IsFinite(mean) ? mean : SpendFromLogs(frequency, monetaryValue, 0, Math.Log(scaled));
        }

        double spend = P * (V + (frequency * monetaryValue)) / denominator;

        // Past the largest double (x m = 2e309 at x = int.MaxValue, m = 1e300) the weighted mean is taken term by term.
        spend = double.IsFinite(spend) ? spend : (P / denominator * V) + (P * frequency / denominator * monetaryValue);

        // A term still past it (p v = 1e400 with q − 1 = 1e300: the mean spend is 1e100) is taken in logs.
        return double.IsFinite(spend) ? spend : SpendFromLogs(frequency, monetaryValue, Math.Log(P), Math.Log(denominator));
    }

    /// <summary>
    /// p (v + x m) / d as exp(ln p + ln(v + x m) − ln d), for parameters whose products pass the largest double while the
    /// spend does not; throws when the spend itself is beyond the largest double.
    /// </summary>
    private double SpendFromLogs(int frequency, double monetaryValue, double lnP, double lnDenominator)
    {
        double lnV = Math.Log(V);
        double lnSum = lnV;
        if (frequency > 0 && monetaryValue > 0)
        {
            double lnXm = Math.Log(frequency) + Math.Log(monetaryValue);
            lnSum = Math.Max(lnV, lnXm) + Math.Log(1 + Math.Exp(-Math.Abs(lnV - lnXm)));
        }

        double ln = lnP + lnSum - lnDenominator;
        double spend = Math.Exp(ln);
        if (!double.IsFinite(spend))
        {
            ThrowHelper.InvalidOperation(Guard.Format(
                $"The expected spend of a customer with {frequency} repeat purchases and mean spend {monetaryValue:G6} under {this} is e^{ln:G6}, beyond the largest double: p (v + x m) / (p x + q − 1) overflows. The parameters are not those of any real spend data; refit, or check the saved model."));
        }

        return spend;
    }

    /// <summary>The p of the limit a one-price fit returns (q = p + 1): any large value gives the same predictions.</summary>
    internal const double OneSpendP = 1e6;

    /// <summary>
    /// Every repeat customer with the same mean spend (one price for everyone, as in a single-plan subscription): spend has no
    /// spread, so the likelihood keeps rising as p and q grow together and no interior maximum exists. Returns that limit at once
    /// as a <see cref="FitStatus.Boundary"/> fit (p = 10⁶, q = p + 1, v = the price: every such customer's expected spend, and
    /// the population mean, is the price), or null when the mean spends differ. It used to run hundreds of Newton steps that
    /// ended in "did not converge", then threw.
    /// </summary>
    private static FitResult<GammaGammaModel>? OneSpendLimit(SpendRows rows, long excluded)
    {
        var (x, m, w) = rows.Sorted();
        if (!SpendRows.IsOneSpend(m, out double low, out double high))
        {
            return null;
        }

        double sum = 0;
        for (int i = 0; i < m.Length; i++)
        {
            sum += w[i] * m[i];
        }

        double price = Math.Clamp(sum / rows.TotalWeight, low, high);
        var model = new GammaGammaModel(OneSpendP, OneSpendP + 1, price);
        double ll = 0;
        for (int i = 0; i < m.Length; i++)
        {
            ll += w[i] * SpendRows.LikelihoodLn(model.P, model.Q, model.V, x[i], m[i]);
        }

        string message = Guard.Format(
            $"Boundary: p → ∞ and q → ∞ (p = {model.P:G3}, q = {model.Q:G7}): every one of the {rows.TotalWeight:N0} repeat customers has the same mean spend per transaction ({price:G6}), so spend has no spread and the likelihood keeps rising as p and q grow together. Predictions use this limit: every customer's expected spend per transaction is {price:G6}, and so is the population mean; a customer with another mean spend m over x repeat purchases gets ({price:G6} + x m)/(x + 1). The value of p and q at the limit is arbitrary.");
        FittedParameter[] parameters = [new("p", model.P, double.NaN), new("q", model.Q, double.NaN), new("v", model.V, double.NaN)];
        double[] covariance = new double[9];
        Array.Fill(covariance, double.NaN);
        return new FitResult<GammaGammaModel>(model, FitStatus.Boundary, message, ll, 0, parameters, (long)rows.TotalWeight, excluded, null, covariance);
    }

    private void ThrowNoMean(int frequency) =>
        ThrowHelper.InvalidOperation(Guard.Format(
            $"The expected spend does not exist for a customer with {frequency} repeat purchases under {this}: it needs p x + q > 1, but p x + q = {(P * frequency) + Q:G4}. A Gamma-Gamma fit with q ≤ 1 has no finite mean spend; check the data for extreme amounts, or value customers without repeat purchases another way."));

    internal static FitResult<GammaGammaModel> FitCore(SpendRows rows, long excluded, FitOptions options)
    {
        if (rows.TotalWeight < 2)
        {
            throw new ModelFitException(Guard.Format($"Gamma-Gamma fit needs at least two repeat customers with a positive mean spend, but there were {rows.TotalWeight} ({excluded} excluded)."));
        }

        if (OneSpendLimit(rows, excluded) is { } limit)
        {
            return limit;
        }

        var result = MaximumLikelihood.Fit(rows.Problem(), options, p => new GammaGammaModel(p[0], p[1], p[2]), excluded);
        if (result.Model.Q > 1)
        {
            return result;
        }

        string warning = Guard.Format(
            $"q = {result.Model.Q:G4} ≤ 1: the spend distribution has no finite mean, so the population mean spend and the expected spend of customers with p x + q ≤ 1 (every customer without a repeat purchase) do not exist; those predictions throw.");
        return new FitResult<GammaGammaModel>(result.Model, result.Status, result.StatusMessage, result.LikelihoodLn, result.Iterations, result.Parameters, result.ObservationCount, result.ExcludedCount, [warning], [.. result.LogCovariance]);
    }
}
