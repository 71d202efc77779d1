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
/// The gradient is analytic throughout: each tail term ln F carries its derivatives in the four log-parameters, summed
/// alongside its hypergeometric series or quadrature (<see cref="ParetoNbdMath.LnTail(double, double, double, double, int, double, Span{double})"/>);
/// the gamma-function terms go through digamma, and the chain rule runs through the log-sum-exp of the alive and died terms.
/// </remarks>
internal sealed class ParetoNbdLikelihood : LikelihoodProblem
{
    /// <summary>Work is split into this many fixed chunks (fixed so the summation order, and the result, never depends on the thread count).</summary>
    private const int Chunks = 16;

    private const int ParallelThreshold = 4096;

    private readonly HistoryRows _source;
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

    private ParetoNbdLikelihood(HistoryRows rows, double alphaScale, double meanAge)
        : base("Pareto/NBD", ["r", "alpha", "s", "beta"], [1, alphaScale, 1, meanAge], rows.TotalWeight, rows.Count)
    {
        int n = rows.Count;
        _source = rows;
        _frequencies = rows.DistinctX;
        _rowFrequency = rows.Group;
        _rowRecency = rows.Recency;
        _rowAgeIndex = rows.AgeIndex;
        _ages = rows.DistinctAges;
        _rowWeight = rows.Weight;

        // The 2F1 tail terms F(t) are needed once per distinct (x, t) with t a recency or an age.
        var terms = new Dictionary<(int X, double T), int>();
        var termFrequency = new List<int>();
        var termTime = new List<double>();
        _rowRecencyTerm = new int[n];
        _rowAgeTerm = new int[n];
        for (int i = 0; i < n; i++)
        {
            _rowRecencyTerm[i] = TermIndex(terms, termFrequency, termTime, rows.X[i], rows.Recency[i]);
            _rowAgeTerm[i] = TermIndex(terms, termFrequency, termTime, rows.X[i], rows.Age[i]);
        }

        _termFrequency = [.. termFrequency];
        _termTime = [.. termTime];
        _termLn = new double[_termTime.Length];
        _termGradient = new double[4 * _termTime.Length];
        Starts = [[0.5, meanAge / 8, 0.5, meanAge / 8], [1, alphaScale, 1, meanAge / 2], [0.25, 0.25 * alphaScale, 0.8, 0.4 * meanAge], [0.1, 0.1 * alphaScale, 0.5, 0.25 * meanAge], [3, 3 * alphaScale, 2, meanAge]];
    }

    public override IReadOnlyList<double[]> Starts { get; }

    public override LikelihoodProblem? Sample(int rows)
    {
        var sample = _source.Sample(Math.Max(1, _source.Count / rows));
        return sample.WeightedFrequency > 0 ? Create(sample) : null;
    }

    /// <summary>The likelihood over one covariate group's rows, without the data checks (a group may lack repeat purchases).</summary>
    public static ParetoNbdLikelihood ForGroup(HistoryRows rows) => new(rows, 1, 1);

    /// <summary>Builds the likelihood over the compressed rows of a fit.</summary>
    /// <exception cref="ModelFitException">No customer with a purchase, or no repeat purchase at all.</exception>
    public static ParetoNbdLikelihood Create(HistoryRows rows)
    {
        double alphaScale = rows.RequireRepeatPurchases("Pareto/NBD");
        double meanAge = Math.Max(rows.WeightedAge / rows.TotalWeight, 1e-3);
        return new ParetoNbdLikelihood(rows, alphaScale, meanAge);
    }

    public override double LogLikelihood(ReadOnlySpan<double> theta, Span<double> gradient, CancellationToken cancellationToken)
    {
        double value = NegativeLogLikelihood(theta, gradient, cancellationToken);
        for (int i = 0; i < 4; i++)
        {
            gradient[i] = -gradient[i];
        }

        return -value;
    }

    /// <summary>The negative log-likelihood of the whole population and its gradient over log-parameters.</summary>
    private double NegativeLogLikelihood(ReadOnlySpan<double> theta, Span<double> gradient, CancellationToken cancellationToken)
    {
        double r = Math.Exp(theta[0]), alpha = Math.Exp(theta[1]), s = Math.Exp(theta[2]), beta = Math.Exp(theta[3]);
        if (!(double.IsFinite(r) && double.IsFinite(alpha) && double.IsFinite(s) && double.IsFinite(beta) && r > 0 && alpha > 0 && s > 0 && beta > 0))
        {
            gradient.Clear();
            return double.PositiveInfinity;
        }

        ComputeTerms(theta, cancellationToken);
        // Per distinct x: lnG(r + x) - lnG(r) and r (psi(r + x) - psi(r)).
        int nf = _frequencies.Length;
        Span<double> lnGammaRatio = nf <= 512 ? stackalloc double[nf] : new double[nf];
        Span<double> digammaRatio = nf <= 512 ? stackalloc double[nf] : new double[nf];
        for (int f = 0; f < nf; f++)
        {
            lnGammaRatio[f] = SpecialMath.GammaLnRatio(r, _frequencies[f], out double psi, out _);
            digammaRatio[f] = psi;
        }

        // Per distinct age T: ln(alpha + T), ln(1 + T/alpha), ln(1 + T/beta), alpha/(alpha + T), beta/(beta + T). The alive term
        // and the tails carry the likelihood's alpha^r beta^s (see ParetoNbdMath): ln of it is -r ln(1 + T/alpha) - x ln(alpha + T)
        // - s ln(1 + T/beta), whose terms stay small where r and alpha are in the hundreds of millions.
        int na = _ages.Length;
        var ageTerms = new double[AgeStride * na];
        for (int k = 0; k < na; k++)
        {
            double age = _ages[k];
            ageTerms[AgeStride * k] = Math.Log(alpha + age);
            ageTerms[(AgeStride * k) + 1] = SpecialMath.LnOneAndRatio(age, alpha);
            ageTerms[(AgeStride * k) + 2] = SpecialMath.LnOneAndRatio(age, beta);
            ageTerms[(AgeStride * k) + 3] = alpha / (alpha + age);
            ageTerms[(AgeStride * k) + 4] = beta / (beta + age);
        }

        var context = new RowContext(r, s, theta[2], lnGammaRatio.ToArray(), digammaRatio.ToArray(), ageTerms);
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
            Parallel.For(0, Chunks, c =>
            {
                if (!cancellationToken.IsCancellationRequested)
                {
                    SumRows(context, c * chunk, Math.Min(rows, (c + 1) * chunk), partial.AsSpan(5 * c, 5));
                }
            });
        }

        cancellationToken.ThrowIfCancellationRequested();

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


    private void SumRows(RowContext ctx, int from, int to, Span<double> result)
    {
        double r = ctx.R, s = ctx.S, lnS = ctx.LnS;
        double[] lnGammaRatio = ctx.LnGammaRatio, digammaRatio = ctx.DigammaRatio, ageTerms = ctx.AgeTerms;
        double sum = 0, g0 = 0, g1 = 0, g2 = 0, g3 = 0;
        for (int i = from; i < to; i++)
        {
            int f = _rowFrequency[i];
            int x = _frequencies[f];
            double w = _rowWeight[i];
            int ak = AgeStride * _rowAgeIndex[i];
            double lnAlphaT = ageTerms[ak], alphaGrowth = ageTerms[ak + 1], betaGrowth = ageTerms[ak + 2];
            double lnAlive = (-r * alphaGrowth) - (x * lnAlphaT) - (s * betaGrowth);

            // d lnAlive / d theta (alpha^r beta^s included)
            double a0 = -r * alphaGrowth, a1 = r - ((r + x) * ageTerms[ak + 3]), a2 = -s * betaGrowth, a3 = s - (s * ageTerms[ak + 4]);

            double ll = lnGammaRatio[f];
            double d0 = r * digammaRatio[f];

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
            g1 += w * m1;
            g2 += w * m2;
            g3 += w * m3;
        }

        result[0] = sum;
        result[1] = g0;
        result[2] = g1;
        result[3] = g2;
        result[4] = g3;
    }

    /// <summary>Numbers kept per distinct age: ln(α + T), ln(1 + T/α), ln(1 + T/β), α/(α + T), β/(β + T).</summary>
    private const int AgeStride = 5;

    private sealed record RowContext(double R, double S, double LnS, double[] LnGammaRatio, double[] DigammaRatio, double[] AgeTerms);

    private void ComputeTerms(ReadOnlySpan<double> theta, CancellationToken cancellationToken)
    {
        // Blocks of 64 terms (a 2F1 series each, up to 9 per term): the token is checked between blocks.
        const int Block = 64;
        double[] at = theta.ToArray();
        int n = _termTime.Length;
        int blocks = (n + Block - 1) / Block;
        void Run(int b)
        {
            if (!cancellationToken.IsCancellationRequested)
            {
                ComputeTerms(at, b * Block, Math.Min(n, (b + 1) * Block));
            }
        }

        if (n < ParallelThreshold / 16)
        {
            for (int b = 0; b < blocks; b++)
            {
                Run(b);
            }
        }
        else
        {
            Parallel.For(0, blocks, Run);
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    private void ComputeTerms(double[] theta, int from, int to)
    {
        double r = Math.Exp(theta[0]), alpha = Math.Exp(theta[1]), s = Math.Exp(theta[2]), beta = Math.Exp(theta[3]);
        for (int k = from; k < to; k++)
        {
            _termLn[k] = ParetoNbdMath.LnTail(r, alpha, s, beta, _termFrequency[k], _termTime[k], _termGradient.AsSpan(4 * k, 4));
        }
    }

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
