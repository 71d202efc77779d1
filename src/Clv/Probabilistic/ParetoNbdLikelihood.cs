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

    /// <summary>Work is split into this many fixed chunks (fixed so the summation order, and the result, never depends on the thread count).</summary>
    private const int Chunks = 16;

    private const int ParallelThreshold = 4096;

    private readonly int[] _frequencies;     // per distinct x
    private readonly int[] _rowFrequency;    // per row: index into _frequencies
    private readonly int[] _rowRecencyTerm;  // per row: index into terms
    private readonly int[] _rowAgeTerm;      // per row: index into terms
    private readonly double[] _rowRecency;
    private readonly int[] _rowAgeIndex;     // per row: index into _ages
    private readonly double[] _ages;         // distinct ages
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
        var ageIndex = new Dictionary<double, int>();
        _rowAgeIndex = new int[rowAge.Length];
        for (int i = 0; i < rowAge.Length; i++)
        {
            if (!ageIndex.TryGetValue(rowAge[i], out int k))
            {
                k = ageIndex.Count;
                ageIndex.Add(rowAge[i], k);
            }

            _rowAgeIndex[i] = k;
        }

        _ages = new double[ageIndex.Count];
        foreach (var (age, k) in ageIndex)
        {
            _ages[k] = age;
        }

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

        // Per distinct age T: ln(alpha + T), ln(beta + T), alpha/(alpha + T), beta/(beta + T).
        int na = _ages.Length;
        var ageTerms = new double[4 * na];
        for (int k = 0; k < na; k++)
        {
            double age = _ages[k];
            ageTerms[4 * k] = Math.Log(alpha + age);
            ageTerms[(4 * k) + 1] = Math.Log(beta + age);
            ageTerms[(4 * k) + 2] = alpha / (alpha + age);
            ageTerms[(4 * k) + 3] = beta / (beta + age);
        }

        var context = new RowContext(r, s, theta[1], theta[2], theta[3], lnGammaRatio.ToArray(), digammaRatio.ToArray(), ageTerms);
        int rows = _rowWeight.Length;
        var partial = new double[5 * Chunks];
        int chunk = (rows + Chunks - 1) / Chunks;
        if (rows < ParallelThreshold)
        {
            for (int c = 0; c < Chunks; c++)
            {
                SumRows(context, c * chunk, Math.Min(rows, (c + 1) * chunk), partial.AsSpan(5 * c, 5));
            }
        }
        else
        {
            Parallel.For(0, Chunks, c => SumRows(context, c * chunk, Math.Min(rows, (c + 1) * chunk), partial.AsSpan(5 * c, 5)));
        }

        double sum = 0, g0 = 0, g1 = 0, g2 = 0, g3 = 0;
        for (int c = 0; c < Chunks; c++)
        {
            sum += partial[5 * c];
            g0 += partial[(5 * c) + 1];
            g1 += partial[(5 * c) + 2];
            g2 += partial[(5 * c) + 3];
            g3 += partial[(5 * c) + 4];
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

    private void SumRows(RowContext ctx, int from, int to, Span<double> result)
    {
        double r = ctx.R, s = ctx.S, lnAlpha = ctx.LnAlpha, lnBeta = ctx.LnBeta, lnS = ctx.LnS;
        double[] lnGammaRatio = ctx.LnGammaRatio, digammaRatio = ctx.DigammaRatio, ageTerms = ctx.AgeTerms;
        double sum = 0, g0 = 0, g1 = 0, g2 = 0, g3 = 0;
        for (int i = from; i < to; i++)
        {
            int f = _rowFrequency[i];
            int x = _frequencies[f];
            double w = _rowWeight[i];
            int ak = 4 * _rowAgeIndex[i];
            double lnAlphaT = ageTerms[ak], lnBetaT = ageTerms[ak + 1];
            double lnAlive = (-(r + x) * lnAlphaT) - (s * lnBetaT);

            // d lnAlive / d theta
            double a0 = -r * lnAlphaT, a1 = -(r + x) * ageTerms[ak + 2], a2 = -s * lnBetaT, a3 = -s * ageTerms[ak + 3];

            double ll = lnGammaRatio[f] + (r * lnAlpha) + (s * lnBeta);
            double d0 = r * (digammaRatio[f] + lnAlpha), d1 = r, d2 = s * lnBeta, d3 = s;

            double mix = lnAlive;
            double m0 = a0, m1 = a1, m2 = a2, m3 = a3;
            if (_rowRecency[i] < _ages[_rowAgeIndex[i]])
            {
                int it = _rowRecencyTerm[i], iT = _rowAgeTerm[i];
                double lnTx = _termLn[it];
                double gap = _termLn[iT] - lnTx;
                double ratio = Math.Exp(gap); // F(T)/F(t_x) < 1
                double lnOneMinus = ratio < 0.5 ? SpecialMath.Log1P(-ratio) : Math.Log(-SpecialMath.ExpM1(gap));
                double lnDied = lnS + lnTx + lnOneMinus;
                if (double.IsFinite(lnDied))
                {
                    // Mixture weights of the alive and died terms from one exponential.
                    double pAlive, pDied;
                    if (lnDied <= lnAlive)
                    {
                        double e = Math.Exp(lnDied - lnAlive);
                        mix = lnAlive + SpecialMath.Log1P(e);
                        pAlive = 1 / (1 + e);
                        pDied = 1 - pAlive;
                    }
                    else
                    {
                        double e = Math.Exp(lnAlive - lnDied);
                        mix = lnDied + SpecialMath.Log1P(e);
                        pDied = 1 / (1 + e);
                        pAlive = 1 - pDied;
                    }

                    // d ln(F(tx) - F(T)) = (g(tx) - ratio g(T)) / (1 - ratio).
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
            }

            sum += w * (ll + mix);
            g0 += w * (d0 + m0);
            g1 += w * (d1 + m1);
            g2 += w * (d2 + m2);
            g3 += w * (d3 + m3);
        }

        result[0] = sum;
        result[1] = g0;
        result[2] = g1;
        result[3] = g2;
        result[4] = g3;
    }

    private sealed record RowContext(double R, double S, double LnAlpha, double LnS, double LnBeta, double[] LnGammaRatio, double[] DigammaRatio, double[] AgeTerms);

    private void ComputeTerms(ReadOnlySpan<double> theta)
    {
        double[] at = theta.ToArray();
        int n = _termTime.Length;
        if (n < ParallelThreshold)
        {
            ComputeTerms(at, 0, n);
            return;
        }

        int chunk = (n + Chunks - 1) / Chunks;
        Parallel.For(0, Chunks, c => ComputeTerms(at, c * chunk, Math.Min(n, (c + 1) * chunk)));
    }

    private void ComputeTerms(double[] theta, int from, int to)
    {
        Span<double> shifted = stackalloc double[4];
        for (int k = from; k < to; k++)
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
