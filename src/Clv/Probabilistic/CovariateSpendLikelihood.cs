using Clv.Internal;
using MathNet.Numerics;

namespace Clv.Probabilistic;

/// <summary>
/// The Gamma-Gamma log-likelihood with time-invariant covariates on the spend scale: customer i's rate of the heterogeneity of ν
/// is v_i = v exp(γ'z_i). Parameters θ = (ln p, ln q, ln v, γ_1 .. γ_J); ln L, its gradient and its analytic Hessian in one pass
/// over the rows (one exponential and one logarithm per row); the gamma-function terms once per distinct x.
/// </summary>
/// <remarks>
/// Rows are distinct (x, m_x, z) triples with weights, sorted by x then m_x, and summed in fixed chunks, so the result does not
/// depend on the core count. With s_i = x m_x + v_i and r_i = v_i / s_i:
/// ln L = Σ_x n_x [ln Γ(p x + q) − ln Γ(p x) − ln Γ(q) + p x ln x] + Σ_i w_i [q ln v_i + (p x − 1) ln m_x − (p x + q) ln s_i],
/// and d ln L / d ln v_i = q − (p x + q) r_i, whose derivative is −(p x + q) r_i (1 − r_i).
/// </remarks>
internal sealed class CovariateSpendLikelihood : LikelihoodProblem
{
    private const int ChunkSize = 1 << 13;

    private readonly int _j;               // covariates
    private readonly int[] _x;
    private readonly double[] _m;
    private readonly double[] _z;          // row-major, _j per row
    private readonly double[] _w;
    private readonly int[] _groupX;
    private readonly double[] _groupWeight;
    private readonly double _sumLnM, _sumXLnM, _sumXLnX;
    private readonly double[] _sumE;       // Σ w e_k, e = (1, z)
    private readonly IReadOnlyList<double[]> _starts;

    /// <param name="names">p, q, v, then one name per coefficient.</param>
    /// <param name="reference">1, 1, the mean spend, then each covariate's natural scale (1 / its standard deviation).</param>
    /// <param name="x">Frequencies, sorted.</param>
    /// <param name="m">Mean spends.</param>
    /// <param name="z">Covariates, row-major.</param>
    /// <param name="w">Weights.</param>
    /// <param name="totalWeight">The customers the rows stand for.</param>
    /// <param name="starts">Starting points in natural parameters.</param>
    public CovariateSpendLikelihood(string[] names, double[] reference, int[] x, double[] m, double[] z, double[] w, double totalWeight, IReadOnlyList<double[]> starts)
        : base("Gamma-Gamma", names, reference, totalWeight, x.Length, names.Length - 3)
    {
        _j = names.Length - 3;
        _x = x;
        _m = m;
        _z = z;
        _w = w;
        _starts = starts;
        _sumE = new double[_j + 1];
        var gx = new List<int>();
        var gw = new List<double>();
        for (int i = 0; i < x.Length; i++)
        {
            double lnM = Math.Log(m[i]);
            _sumLnM += w[i] * lnM;
            _sumXLnM += w[i] * x[i] * lnM;
            _sumXLnX += w[i] * x[i] * Math.Log(x[i]);
            _sumE[0] += w[i];
            for (int k = 0; k < _j; k++)
            {
                _sumE[k + 1] += w[i] * z[(i * _j) + k];
            }

            if (gx.Count == 0 || gx[^1] != x[i])
            {
                gx.Add(x[i]);
                gw.Add(0);
            }

            gw[^1] += w[i];
        }

        _groupX = [.. gx];
        _groupWeight = [.. gw];
    }

    public override IReadOnlyList<double[]> Starts => _starts;

    public override bool HasHessian => true;

    /// <summary>Every step-th row (rows are sorted by x, so a systematic sample stratified by x), weights scaled to the same total.</summary>
    public override LikelihoodProblem? Sample(int rows)
    {
        int step = Math.Max(1, _x.Length / Math.Max(1, rows));
        if (step == 1)
        {
            return null;
        }

        int n = (_x.Length + step - 1) / step;
        var x = new int[n];
        var m = new double[n];
        var z = new double[n * _j];
        var w = new double[n];
        double sampled = 0;
        for (int i = 0; i < n; i++)
        {
            int from = i * step;
            x[i] = _x[from];
            m[i] = _m[from];
            w[i] = _w[from];
            Array.Copy(_z, from * _j, z, i * _j, _j);
            sampled += w[i];
        }

        double scale = TotalWeight / sampled;
        for (int i = 0; i < n; i++)
        {
            w[i] *= scale;
        }

        return new CovariateSpendLikelihood(Names, Reference, x, m, z, w, TotalWeight, _starts) { CoefficientPenalty = CoefficientPenalty };
    }

    public override double LogLikelihood(ReadOnlySpan<double> theta, Span<double> gradient, CancellationToken cancellationToken) =>
        Evaluate(theta, gradient, default, cancellationToken);

    public override double LogLikelihood(ReadOnlySpan<double> theta, Span<double> gradient, Span<double> hessian, CancellationToken cancellationToken) =>
        Evaluate(theta, gradient, hessian, cancellationToken);

    private double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient, Span<double> hessian, CancellationToken cancellationToken)
    {
        int kk = _j + 1, k = Dimension;
        bool second = !hessian.IsEmpty;
        double p = Math.Exp(theta[0]), q = Math.Exp(theta[1]), lnV = theta[2];
        var gamma = theta[3..].ToArray();
        if (!double.IsFinite(p) || !double.IsFinite(q) || !(p > 0) || !(q > 0))
        {
            return double.NaN;
        }

        // Per-x terms.
        double lgQ = SpecialFunctions.GammaLn(q), psiQ = SpecialFunctions.DiGamma(q), triQ = second ? SpecialMath.TriGamma(q) : 0;
        double ll = 0, sumPsiA = 0, sumPsiB = 0, triAA = 0, triBB = 0, triAB = 0;
        for (int g = 0; g < _groupX.Length; g++)
        {
            int xg = _groupX[g];
            double n = _groupWeight[g], px = p * xg;
            double psiPxQ = SpecialFunctions.DiGamma(px + q);
            ll += n * (SpecialFunctions.GammaLn(px + q) - SpecialFunctions.GammaLn(px) - lgQ);
            sumPsiA += n * xg * (psiPxQ - SpecialFunctions.DiGamma(px));
            sumPsiB += n * (psiPxQ - psiQ);
            if (second)
            {
                double triPxQ = SpecialMath.TriGamma(px + q);
                triAA += n * xg * xg * (triPxQ - SpecialMath.TriGamma(px));
                triBB += n * (triPxQ - triQ);
                triAB += n * xg * triPxQ;
            }
        }

        // Per-row sums, in fixed chunks: ln s, x ln s, then T0_k = Σ w r e_k, T1_k = Σ w x r e_k, then (second order)
        // Q0_kl = Σ w r(1 − r) e_k e_l, Q1_kl = Σ w x r(1 − r) e_k e_l over the upper triangle.
        int pairs = kk * (kk + 1) / 2;
        int width = 2 + (2 * kk) + (second ? 2 * pairs : 0);
        int chunks = (_x.Length + ChunkSize - 1) / ChunkSize;
        var partials = new double[chunks * width];
        int j = _j;
        int[] xs = _x;
        double[] ms = _m, zs = _z, ws = _w;
        Parallelism.For(
            chunks,
            (from, to) =>
            {
                Span<double> e = stackalloc double[kk];
                e[0] = 1;
                for (int c = from; c < to && !cancellationToken.IsCancellationRequested; c++)
                {
                    var acc = partials.AsSpan(c * width, width);
                    int end = Math.Min(xs.Length, (c + 1) * ChunkSize);
                    for (int i = c * ChunkSize; i < end; i++)
                    {
                        double u = lnV;
                        for (int b = 0; b < j; b++)
                        {
                            double zb = zs[(i * j) + b];
                            e[b + 1] = zb;
                            u += gamma[b] * zb;
                        }

                        double vi = Math.Exp(u), xm = xs[i] * ms[i], s = xm + vi, w = ws[i];
                        double lnS = Math.Log(s), r = vi / s;
                        acc[0] += w * lnS;
                        acc[1] += w * xs[i] * lnS;
                        double wr = w * r, wxr = wr * xs[i];
                        for (int a = 0; a < kk; a++)
                        {
                            acc[2 + a] += wr * e[a];
                            acc[2 + kk + a] += wxr * e[a];
                        }

                        if (second)
                        {
                            double wrr = w * vi * xm / (s * s), wxrr = wrr * xs[i];
                            int o = 2 + (2 * kk);
                            for (int a = 0; a < kk; a++)
                            {
                                for (int b = a; b < kk; b++)
                                {
                                    double ee = e[a] * e[b];
                                    acc[o] += wrr * ee;
                                    acc[o + pairs] += wxrr * ee;
                                    o++;
                                }
                            }
                        }
                    }
                }
            },
            minimumPerWorker: 4);
        cancellationToken.ThrowIfCancellationRequested();

        var sums = new double[width];
        for (int c = 0; c < chunks; c++)
        {
            for (int a = 0; a < width; a++)
            {
                sums[a] += partials[(c * width) + a];
            }
        }

        double sumU = lnV * _sumE[0];
        for (int b = 0; b < _j; b++)
        {
            sumU += gamma[b] * _sumE[b + 1];
        }

        double sLnS = sums[0], sXLnS = sums[1];
        ll += (p * _sumXLnX) + (q * sumU) + (p * _sumXLnM) - _sumLnM - (p * sXLnS) - (q * sLnS);
        if (!double.IsFinite(ll))
        {
            return double.NaN;
        }

        double ga = p * (sumPsiA + _sumXLnX + _sumXLnM - sXLnS);
        double gb = q * (sumPsiB + sumU - sLnS);
        gradient[0] = ga;
        gradient[1] = gb;
        for (int a = 0; a < kk; a++)
        {
            gradient[2 + a] = (q * _sumE[a]) - (p * sums[2 + kk + a]) - (q * sums[2 + a]);
        }

        if (second)
        {
            hessian[..(k * k)].Clear();
            hessian[0] = ga + (p * p * triAA);
            hessian[k + 1] = gb + (q * q * triBB);
            hessian[1] = hessian[k] = p * q * triAB;
            for (int a = 0; a < kk; a++)
            {
                hessian[2 + a] = hessian[(2 + a) * k] = -p * sums[2 + kk + a];
                hessian[k + 2 + a] = hessian[((2 + a) * k) + 1] = q * (_sumE[a] - sums[2 + a]);
            }

            int o = 2 + (2 * kk);
            for (int a = 0; a < kk; a++)
            {
                for (int b = a; b < kk; b++)
                {
                    double h = (-p * sums[o + pairs]) - (q * sums[o]);
                    hessian[((2 + a) * k) + 2 + b] = h;
                    hessian[((2 + b) * k) + 2 + a] = h;
                    o++;
                }
            }
        }

        return ll;
    }
}
