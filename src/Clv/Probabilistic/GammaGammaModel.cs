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
        var data = new SpendData(x, m);
        double[][] starts = [[1, 2, mean], [5, 3, 0.4 * mean], [0.5, 5, 8 * mean], [20, 10, 0.45 * mean]];
        return ModelFitting.Fit(
            data.TotalLogLikelihood,
            x.Length,
            Names,
            starts,
            ModelName,
            options,
            p => new GammaGammaModel(p[0], p[1], p[2]),
            excluded);
    }

    /// <summary>
    /// The fitting data arranged so that each likelihood evaluation costs one logarithm per customer: the
    /// gamma-function terms depend on x only and are evaluated once per distinct x, the terms in ln m_x are
    /// constants, and the per-customer sums run over fixed chunks (in parallel) added in a fixed order, so the
    /// result does not depend on the number of cores.
    /// </summary>
    private sealed class SpendData
    {
        private const int ChunkSize = 1 << 14;
        private readonly int[] _x;
        private readonly double[] _m;
        private readonly int[] _groupX;
        private readonly int[] _groupCount;
        private readonly double _sumXLnM;
        private readonly double _sumLnM;
        private readonly double[] _partials;

        public SpendData(int[] x, double[] m)
        {
            _x = x;
            _m = m;
            Array.Sort(_x, _m);
            var gx = new List<int>();
            var gn = new List<int>();
            for (int i = 0; i < x.Length; i++)
            {
                double lnM = Math.Log(m[i]);
                _sumLnM += lnM;
                _sumXLnM += x[i] * lnM;
                if (gx.Count == 0 || gx[^1] != x[i])
                {
                    gx.Add(x[i]);
                    gn.Add(0);
                }

                gn[^1]++;
            }

            _groupX = [.. gx];
            _groupCount = [.. gn];
            _partials = new double[((x.Length + ChunkSize - 1) / ChunkSize) * 4];
        }

        public double TotalLogLikelihood(ReadOnlySpan<double> parameters, Span<double> gradient)
        {
            double p = parameters[0], q = parameters[1], v = parameters[2];
            double lgQ = SpecialFunctions.GammaLn(q), psiQ = SpecialFunctions.DiGamma(q), lnV = Math.Log(v);
            double ll = 0, gp = 0, gq = 0;
            for (int g = 0; g < _groupX.Length; g++)
            {
                int xg = _groupX[g];
                double n = _groupCount[g], px = p * xg, lnX = Math.Log(xg);
                double psiPxQ = SpecialFunctions.DiGamma(px + q);
                ll += n * (SpecialFunctions.GammaLn(px + q) - SpecialFunctions.GammaLn(px) - lgQ + (q * lnV) + (px * lnX));
                gp += n * xg * (psiPxQ - SpecialFunctions.DiGamma(px) + lnX);
                gq += n * (psiPxQ - psiQ + lnV);
            }

            // Per customer: sums of ln s, x ln s, 1/s and x/s with s = x m_x + v.
            int chunks = _partials.Length / 4;
            var partials = _partials;
            int[] xs = _x;
            double[] ms = _m;
            Parallelism.For(
                chunks,
                (from, to) =>
            {
                for (int k = from; k < to; k++)
                {
                    double sLn = 0, sXLn = 0, sInv = 0, sXInv = 0;
                    int end = Math.Min(xs.Length, (k + 1) * ChunkSize);
                    for (int i = k * ChunkSize; i < end; i++)
                    {
                        double s = (xs[i] * ms[i]) + v;
                        double lnS = Math.Log(s);
                        double inv = 1 / s;
                        sLn += lnS;
                        sXLn += xs[i] * lnS;
                        sInv += inv;
                        sXInv += xs[i] * inv;
                    }

                    partials[(4 * k) + 0] = sLn;
                    partials[(4 * k) + 1] = sXLn;
                    partials[(4 * k) + 2] = sInv;
                    partials[(4 * k) + 3] = sXInv;
                }
            },
                minimumPerWorker: 4);

            double sumLnS = 0, sumXLnS = 0, sumInvS = 0, sumXInvS = 0;
            for (int k = 0; k < chunks; k++)
            {
                sumLnS += partials[4 * k];
                sumXLnS += partials[(4 * k) + 1];
                sumInvS += partials[(4 * k) + 2];
                sumXInvS += partials[(4 * k) + 3];
            }

            ll += (p * _sumXLnM) - _sumLnM - (p * sumXLnS) - (q * sumLnS);
            gp += _sumXLnM - sumXLnS;
            gq -= sumLnS;
            gradient[0] = gp;
            gradient[1] = gq;
            gradient[2] = (_x.Length * q / v) - (p * sumXInvS) - (q * sumInvS);
            return ll;
        }
    }
}
