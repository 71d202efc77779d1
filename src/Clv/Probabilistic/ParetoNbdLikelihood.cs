using System.Runtime.InteropServices;
using Clv.Internal;
using MathNet.Numerics;

namespace Clv.Probabilistic;

/// <summary>
/// The Pareto/NBD negative log-likelihood of a population over log-parameters (ln r, ln alpha, ln s, ln beta),
/// with its gradient. Customers are compressed twice: to distinct (x, t_x, T) rows with counts, and the
/// expensive 2F1 tail terms F(t) to distinct (x, t) pairs (t_x and T values), so a population of a million
/// customers costs a few thousand 2F1 evaluations per pass.
/// </summary>
/// <remarks>
/// The gradient of each tail term ln F with respect to the four log-parameters is taken by central differences
/// (the derivative of 2F1 in its parameters has no practical closed form); everything else (the gamma-function
/// terms through digamma, the alive term, the chain rule through log-sum-exp) is analytic.
/// </remarks>
internal sealed class ParetoNbdLikelihood
{
    private const double Step = 1e-5;

    private readonly int[] _frequencies;     // per distinct x
    private readonly int[] _rowFrequency;    // per row: index into _frequencies
    private readonly int[] _rowRecencyTerm;  // per row: index into terms
    private readonly int[] _rowAgeTerm;      // per row: index into terms
    private readonly double[] _rowRecency;
    private readonly double[] _rowAge;
    private readonly double[] _rowWeight;
    private readonly int[] _termFrequency;   // per term: x
    private readonly double[] _termTime;     // per term: t
    private readonly double[] _termLn;
    private readonly double[] _termGradient; // 4 per term

    private ParetoNbdLikelihood(
        int[] frequencies, int[] rowFrequency, int[] rowRecencyTerm, int[] rowAgeTerm, double[] rowRecency, double[] rowAge, double[] rowWeight, int[] termFrequency, double[] termTime)
    {
        _frequencies = frequencies;
        _rowFrequency = rowFrequency;
        _rowRecencyTerm = rowRecencyTerm;
        _rowAgeTerm = rowAgeTerm;
        _rowRecency = rowRecency;
        _rowAge = rowAge;
        _rowWeight = rowWeight;
        _termFrequency = termFrequency;
        _termTime = termTime;
        _termLn = new double[termTime.Length];
        _termGradient = new double[4 * termTime.Length];
        TotalWeight = rowWeight.Sum();
    }

    /// <summary>Sum of the weights (customers).</summary>
    public double TotalWeight { get; }

    /// <summary>Distinct (x, t_x, T) rows.</summary>
    public int RowCount => _rowWeight.Length;

    /// <summary>Mean of the ages, for a starting point.</summary>
    public double MeanAge { get; private init; }

    /// <summary>Builds the likelihood over the compressed rows of a fit.</summary>
    public static ParetoNbdLikelihood Create(HistoryRows rows) => Create(rows.X, rows.Recency, rows.Age, rows.Weight);

    /// <summary>Compresses weighted (x, t_x, T) observations (already validated).</summary>
    public static ParetoNbdLikelihood Create(ReadOnlySpan<int> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age, ReadOnlySpan<double> weight)
    {
        var rows = new Dictionary<(int X, double Tx, double T), int>();
        var weights = new List<double>();
        double ageSum = 0;
        for (int i = 0; i < frequency.Length; i++)
        {
            ageSum += weight[i] * age[i];
            ref int slot = ref CollectionsMarshal.GetValueRefOrAddDefault(rows, (frequency[i], recency[i], age[i]), out bool exists);
            if (!exists)
            {
                slot = weights.Count;
                weights.Add(0);
            }

            weights[slot] += weight[i];
        }

        int n = rows.Count;
        var frequencyIndex = new Dictionary<int, int>();
        var terms = new Dictionary<(int X, double T), int>();
        var rowFrequency = new int[n];
        var rowRecencyTerm = new int[n];
        var rowAgeTerm = new int[n];
        var rowRecency = new double[n];
        var rowAge = new double[n];
        var rowWeight = new double[n];
        var frequencies = new List<int>();
        var termFrequency = new List<int>();
        var termTime = new List<double>();
        foreach (var (key, slot) in rows)
        {
            if (!frequencyIndex.TryGetValue(key.X, out int fi))
            {
                fi = frequencies.Count;
                frequencyIndex[key.X] = fi;
                frequencies.Add(key.X);
            }

            rowFrequency[slot] = fi;
            rowRecency[slot] = key.Tx;
            rowAge[slot] = key.T;
            rowWeight[slot] = weights[slot];
            rowRecencyTerm[slot] = TermIndex(terms, termFrequency, termTime, key.X, key.Tx);
            rowAgeTerm[slot] = TermIndex(terms, termFrequency, termTime, key.X, key.T);
        }

        double totalWeight = weights.Sum();
        return new ParetoNbdLikelihood(
            [.. frequencies], rowFrequency, rowRecencyTerm, rowAgeTerm, rowRecency, rowAge, rowWeight, [.. termFrequency], [.. termTime])
        {
            MeanAge = totalWeight > 0 ? ageSum / totalWeight : 1,
        };
    }

    /// <summary>The negative log-likelihood of the whole population and its gradient over log-parameters.</summary>
    public double NegativeLogLikelihood(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        double r = Math.Exp(theta[0]), alpha = Math.Exp(theta[1]), s = Math.Exp(theta[2]), beta = Math.Exp(theta[3]);
        if (!(double.IsFinite(r) && double.IsFinite(alpha) && double.IsFinite(s) && double.IsFinite(beta) && r > 0 && alpha > 0 && s > 0 && beta > 0))
        {
            gradient.Clear();
            return double.PositiveInfinity;
        }

        ComputeTerms(theta);

        // Per distinct x: lnG(r + x) - lnG(r) and r (psi(r + x) - psi(r)).
        int nf = _frequencies.Length;
        Span<double> lnGammaRatio = nf <= 512 ? stackalloc double[nf] : new double[nf];
        Span<double> digammaRatio = nf <= 512 ? stackalloc double[nf] : new double[nf];
        double lnGammaR = SpecialFunctions.GammaLn(r), digammaR = SpecialFunctions.DiGamma(r);
        for (int f = 0; f < nf; f++)
        {
            int x = _frequencies[f];
            lnGammaRatio[f] = SpecialFunctions.GammaLn(r + x) - lnGammaR;
            digammaRatio[f] = x == 0 ? 0 : SpecialFunctions.DiGamma(r + x) - digammaR;
        }

        double lnAlpha = theta[1], lnBeta = theta[3], lnS = theta[2];
        double sum = 0, g0 = 0, g1 = 0, g2 = 0, g3 = 0;
        for (int i = 0; i < _rowWeight.Length; i++)
        {
            int f = _rowFrequency[i];
            int x = _frequencies[f];
            double w = _rowWeight[i], age = _rowAge[i];
            double lnAlphaT = Math.Log(alpha + age), lnBetaT = Math.Log(beta + age);
            double lnAlive = (-(r + x) * lnAlphaT) - (s * lnBetaT);

            // d lnAlive / d theta
            double a0 = -r * lnAlphaT, a1 = -(r + x) * alpha / (alpha + age), a2 = -s * lnBetaT, a3 = -s * beta / (beta + age);

            double ll = lnGammaRatio[f] + (r * lnAlpha) + (s * lnBeta);
            double d0 = r * (digammaRatio[f] + lnAlpha), d1 = r, d2 = s * lnBeta, d3 = s;

            double mix;
            double m0 = a0, m1 = a1, m2 = a2, m3 = a3;
            if (_rowRecency[i] < age)
            {
                int it = _rowRecencyTerm[i], iT = _rowAgeTerm[i];
                double lnTx = _termLn[it], lnT = _termLn[iT];
                double lnDied = lnS + lnTx + LnOneMinusExp(lnT - lnTx);
                if (double.IsFinite(lnDied))
                {
                    mix = ParetoNbdMath.LnAddExp(lnAlive, lnDied);

                    // Weights of the two terms in the mixture, and the died term's gradient:
                    // d ln(F(tx) - F(T)) = (F(tx) g(tx) - F(T) g(T)) / (F(tx) - F(T)).
                    double pAlive = Math.Exp(lnAlive - mix), pDied = Math.Exp(lnDied - mix);
                    double ratio = Math.Exp(lnT - lnTx); // F(T)/F(tx) < 1
                    double denom = 1 - ratio;
                    int gt = 4 * it, gT = 4 * iT;
                    double e0 = (_termGradient[gt] - (ratio * _termGradient[gT])) / denom;
                    double e1 = (_termGradient[gt + 1] - (ratio * _termGradient[gT + 1])) / denom;
                    double e2 = 1 + ((_termGradient[gt + 2] - (ratio * _termGradient[gT + 2])) / denom);
                    double e3 = (_termGradient[gt + 3] - (ratio * _termGradient[gT + 3])) / denom;
                    m0 = (pAlive * a0) + (pDied * e0);
                    m1 = (pAlive * a1) + (pDied * e1);
                    m2 = (pAlive * a2) + (pDied * e2);
                    m3 = (pAlive * a3) + (pDied * e3);
                }
                else
                {
                    mix = lnAlive;
                }
            }
            else
            {
                mix = lnAlive;
            }

            sum += w * (ll + mix);
            g0 += w * (d0 + m0);
            g1 += w * (d1 + m1);
            g2 += w * (d2 + m2);
            g3 += w * (d3 + m3);
        }

        gradient[0] = -g0;
        gradient[1] = -g1;
        gradient[2] = -g2;
        gradient[3] = -g3;
        return -sum;
    }

    /// <summary>ln L at natural parameters (r, alpha, s, beta) with d ln L / d parameter: the form <see cref="ModelFitting"/> takes.</summary>
    public double LogLikelihood(ReadOnlySpan<double> parameters, Span<double> gradient)
    {
        Span<double> theta = stackalloc double[4];
        for (int i = 0; i < 4; i++)
        {
            theta[i] = Math.Log(parameters[i]);
        }

        double value = NegativeLogLikelihood(theta, gradient);
        for (int i = 0; i < 4; i++)
        {
            gradient[i] = -gradient[i] / parameters[i];
        }

        return -value;
    }

    private void ComputeTerms(ReadOnlySpan<double> theta)
    {
        Span<double> shifted = stackalloc double[4];
        for (int k = 0; k < _termTime.Length; k++)
        {
            int x = _termFrequency[k];
            double t = _termTime[k];
            _termLn[k] = Tail(theta, x, t);
            for (int j = 0; j < 4; j++)
            {
                theta.CopyTo(shifted);
                shifted[j] = theta[j] + Step;
                double up = Tail(shifted, x, t);
                shifted[j] = theta[j] - Step;
                double down = Tail(shifted, x, t);
                _termGradient[(4 * k) + j] = (up - down) / (2 * Step);
            }
        }
    }

    private static double Tail(ReadOnlySpan<double> theta, int x, double t) =>
        ParetoNbdMath.LnTail(Math.Exp(theta[0]), Math.Exp(theta[1]), Math.Exp(theta[2]), Math.Exp(theta[3]), x, t, out _);

    private static double LnOneMinusExp(double x) =>
        x >= 0 ? double.NegativeInfinity
        : x > -0.6931471805599453 ? Math.Log(-SpecialMath.ExpM1(x)) : SpecialMath.Log1P(-Math.Exp(x));

    private static int TermIndex(Dictionary<(int X, double T), int> terms, List<int> termFrequency, List<double> termTime, int x, double t)
    {
        if (!terms.TryGetValue((x, t), out int index))
        {
            index = termFrequency.Count;
            terms[(x, t)] = index;
            termFrequency.Add(x);
            termTime.Add(t);
        }

        return index;
    }
}
