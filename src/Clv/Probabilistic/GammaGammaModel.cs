using Clv.Internal;
using MathNet.Numerics;

namespace Clv.Probabilistic;

/// <summary>
/// The Gamma-Gamma model of spend per transaction: a customer's transaction values are Gamma(p, ν) with
/// ν ~ Gamma(q, v) across customers, independent of the purchase process. Immutable; unit-free (amounts are in the
/// currency of the data).
/// </summary>
/// <remarks>
/// Fader and Hardie (2013), "The Gamma-Gamma model of monetary value"; Fader, Hardie and Lee (2005), "RFM and CLV:
/// using iso-value curves for customer base analysis", Journal of Marketing Research 42(4). On the 946 CDNOW
/// repeat customers: p = 6.2488, q = 3.7446, v = 15.4477, ln L = -4055.92.
/// </remarks>
public sealed class GammaGammaModel
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
        ModelFitting.CheckParameter(p, nameof(p));
        ModelFitting.CheckParameter(q, nameof(q));
        ModelFitting.CheckParameter(v, nameof(v));
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

    /// <summary>The population mean spend per transaction, p v / (q - 1); +∞ when q ≤ 1 (the mean does not exist).</summary>
    public double MeanSpend => Q > 1 ? P * V / (Q - 1) : double.PositiveInfinity;

    /// <summary>Fits the model by maximum likelihood with the default options; see <see cref="Fit(CustomerSummaries, FitOptions?)"/>.</summary>
    /// <param name="customers">The calibration summaries.</param>
    /// <returns>The fitted model with its diagnostics.</returns>
    /// <exception cref="ModelFitException">The data cannot identify the model, or the optimizer did not converge.</exception>
    public static FitResult<GammaGammaModel> Fit(CustomerSummaries customers) => Fit(customers, null);

    /// <summary>
    /// Fits the model by maximum likelihood to the repeat customers (x &gt; 0) with a positive mean repeat spend
    /// (<see cref="CustomerSummary.MonetaryValue"/>); every other customer (no repeat purchase, zero spend, no
    /// purchase at all) is excluded and counted in <see cref="FitResult{TModel}.ExcludedCount"/>.
    /// </summary>
    /// <param name="customers">The calibration summaries.</param>
    /// <param name="options">Penalty and iteration cap; <see cref="FitOptions.Default"/> when null.</param>
    /// <returns>The fitted model with log-likelihood and standard errors. Check the model's independence assumption with <see cref="CheckIndependence(CustomerSummaries)"/>.</returns>
    /// <exception cref="ModelFitException">Fewer than two customers qualify, or the optimizer did not converge.</exception>
    public static FitResult<GammaGammaModel> Fit(CustomerSummaries customers, FitOptions? options)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var x = new List<int>();
        var m = new List<double>();
        long excluded = 0;
        foreach (ref readonly var c in customers.AsSpan())
        {
            if (c.Frequency > 0 && c.MonetaryValue > 0)
            {
                x.Add(c.Frequency);
                m.Add(c.MonetaryValue);
            }
            else
            {
                excluded++;
            }
        }

        return FitCore([.. x], [.. m], excluded, options);
    }

    /// <summary>Fits the model to (x, m_x) pairs, all of which must qualify.</summary>
    /// <param name="frequencies">Repeat frequencies x (each at least 1).</param>
    /// <param name="monetaryValues">Mean repeat spend m_x (each greater than 0).</param>
    /// <param name="options">Penalty and iteration cap; <see cref="FitOptions.Default"/> when null.</param>
    /// <returns>The fitted model.</returns>
    /// <exception cref="ArgumentException">The lengths differ, or a pair does not qualify.</exception>
    /// <exception cref="ModelFitException">Fewer than two pairs, or the optimizer did not converge.</exception>
    public static FitResult<GammaGammaModel> Fit(ReadOnlySpan<int> frequencies, ReadOnlySpan<double> monetaryValues, FitOptions? options)
    {
        Guard.SameLength(frequencies.Length, monetaryValues.Length, nameof(monetaryValues));
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
        }

        return FitCore(frequencies.ToArray(), monetaryValues.ToArray(), 0, options);
    }

    /// <summary>
    /// The check of the model's key assumption: spend is independent of purchase frequency. Returns the Pearson
    /// correlation of (x, m_x) over the customers the fit uses (CDNOW: 0.1139); a correlation far from 0 means the
    /// Gamma-Gamma predictions are biased.
    /// </summary>
    /// <param name="customers">The calibration summaries.</param>
    /// <returns>The correlation and the number of customers it is computed over.</returns>
    public static SpendIndependenceCheck CheckIndependence(CustomerSummaries customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        long n = 0;
        double mx = 0, mm = 0, sxx = 0, smm = 0, sxm = 0;
        foreach (ref readonly var c in customers.AsSpan())
        {
            if (c.Frequency > 0 && c.MonetaryValue > 0)
            {
                // Welford's online update: stable for any population size.
                n++;
                double dx = c.Frequency - mx, dm = c.MonetaryValue - mm;
                mx += dx / n;
                mm += dm / n;
                sxx += dx * (c.Frequency - mx);
                smm += dm * (c.MonetaryValue - mm);
                sxm += dx * (c.MonetaryValue - mm);
            }
        }

        double correlation = sxx > 0 && smm > 0 ? sxm / Math.Sqrt(sxx * smm) : double.NaN;
        return new SpendIndependenceCheck(correlation, n);
    }

    /// <summary>Reads a model written by <see cref="ToJson"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The model.</returns>
    /// <exception cref="FormatException">The text is not a Gamma-Gamma model of a supported version, or a parameter is invalid.</exception>
    public static GammaGammaModel FromJson(string json)
    {
        var (_, p) = ModelJson.Read(json, ModelName, Names, requireUnit: false);
        return ModelJson.Create(() => new GammaGammaModel(p[0], p[1], p[2]));
    }

    /// <summary>Writes the model as versioned JSON: <c>{"model":"Gamma-Gamma","version":1,"parameters":{"p":..,"q":..,"v":..}}</c>.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => ModelJson.Write(ModelName, null, Names, [P, Q, V]);

    /// <summary>The log-likelihood of one repeat customer's mean spend.</summary>
    /// <param name="frequency">Repeat frequency x (at least 1).</param>
    /// <param name="monetaryValue">Mean repeat spend m_x (greater than 0).</param>
    /// <returns>ln f(m_x | x; p, q, v).</returns>
    public double LogLikelihood(int frequency, double monetaryValue)
    {
        if (frequency < 1)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(frequency), frequency, Guard.Format($"frequency must be at least 1, but was {frequency}."));
        }

        Guard.Positive(monetaryValue);
        double px = P * frequency;
        return SpecialFunctions.GammaLn(px + Q) - SpecialFunctions.GammaLn(px) - SpecialFunctions.GammaLn(Q) + (Q * Math.Log(V))
            + ((px - 1) * Math.Log(monetaryValue)) + (px * Math.Log(frequency)) - ((px + Q) * Math.Log((frequency * monetaryValue) + V));
    }

    /// <summary>
    /// The expected spend per transaction of a customer with repeat frequency x and mean repeat spend m_x:
    /// p (v + x m_x) / (p x + q - 1), a weighted mean of the population mean and the customer's own mean.
    /// With x = 0 it is the population mean <see cref="MeanSpend"/>.
    /// </summary>
    /// <param name="frequency">Repeat frequency x (at least 0).</param>
    /// <param name="monetaryValue">Mean repeat spend m_x (at least 0; ignored when x = 0).</param>
    /// <returns>E[M | x, m_x]; +∞ when p x + q ≤ 1 (the posterior mean does not exist).</returns>
    public double ConditionalExpectedSpend(int frequency, double monetaryValue)
    {
        Guard.NonNegative(frequency);
        Guard.NonNegative(monetaryValue);
        return ExpectedSpendUnchecked(frequency, monetaryValue);
    }

    /// <summary>E[M | x, m_x] of one customer.</summary>
    /// <param name="customer">The customer.</param>
    /// <returns>The expected spend per transaction.</returns>
    public double ConditionalExpectedSpend(in CustomerSummary customer) => ExpectedSpendUnchecked(customer.Frequency, Math.Max(customer.MonetaryValue, 0));

    /// <summary>E[M | x, m_x] of each customer (a negative mean spend counts as 0).</summary>
    /// <param name="customers">The customers.</param>
    /// <param name="destination">One expected spend per customer.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
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
    public double[] ConditionalExpectedSpend(CustomerSummaries customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var result = new double[customers.Count];
        ConditionalExpectedSpend(customers.AsSpan(), result);
        return result;
    }

    /// <inheritdoc/>
    public override string ToString() => Guard.Format($"Gamma-Gamma(p = {P:G6}, q = {Q:G6}, v = {V:G6})");

    internal double ExpectedSpendUnchecked(int frequency, double monetaryValue)
    {
        double denominator = (P * frequency) + Q - 1;
        return denominator > 0 ? P * (V + (frequency * monetaryValue)) / denominator : double.PositiveInfinity;
    }

    private static FitResult<GammaGammaModel> FitCore(int[] x, double[] m, long excluded, FitOptions? options)
    {
        if (x.Length < 2)
        {
            throw new ModelFitException(Guard.Format($"Gamma-Gamma fit needs at least two repeat customers with a positive mean spend, but there were {x.Length} ({excluded} excluded)."));
        }

        double mean = m.Average();
        var lnM = Array.ConvertAll(m, Math.Log);
        var lnX = Array.ConvertAll(x, v => Math.Log(v)).ToArray();
        double[][] starts = [[1, 2, mean], [5, 3, 0.4 * mean], [0.5, 5, 8 * mean], [20, 10, 0.45 * mean]];
        return ModelFitting.Fit(
            (p, g) => TotalLogLikelihood(x, m, lnM, lnX, p, g),
            x.Length,
            Names,
            starts,
            ModelName,
            options,
            p => new GammaGammaModel(p[0], p[1], p[2]),
            excluded);
    }

    private static double TotalLogLikelihood(int[] x, double[] m, double[] lnM, double[] lnX, ReadOnlySpan<double> parameters, Span<double> gradient)
    {
        double p = parameters[0], q = parameters[1], v = parameters[2];
        double lgQ = SpecialFunctions.GammaLn(q), psiQ = SpecialFunctions.DiGamma(q), lnV = Math.Log(v);
        double ll = 0, gp = 0, gq = 0, gv = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double px = p * x[i];
            double s = (x[i] * m[i]) + v;
            double lnS = Math.Log(s);
            double psiPxQ = SpecialFunctions.DiGamma(px + q);
            ll += SpecialFunctions.GammaLn(px + q) - SpecialFunctions.GammaLn(px) - lgQ + (q * lnV) + ((px - 1) * lnM[i]) + (px * lnX[i]) - ((px + q) * lnS);
            gp += x[i] * (psiPxQ - SpecialFunctions.DiGamma(px) + lnM[i] + lnX[i] - lnS);
            gq += psiPxQ - psiQ + lnV - lnS;
            gv += (q / v) - ((px + q) / s);
        }

        gradient[0] = gp;
        gradient[1] = gq;
        gradient[2] = gv;
        return ll;
    }
}
