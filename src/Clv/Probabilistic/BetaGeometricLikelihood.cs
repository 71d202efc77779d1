using System.Runtime.CompilerServices;
using Clv.Internal;

namespace Clv.Probabilistic;

/// <summary>
/// The BG/NBD and MBG/NBD log-likelihood over compressed (x, t_x, T) rows for <see cref="MaximumLikelihood"/>, with its analytic
/// gradient and Hessian (Fader, Hardie and Lee 2005; Batislam, Denizel and Filiztekin 2007).
/// </summary>
/// <remarks>
/// The ln-gamma, digamma and trigamma terms depend on x only and are computed once per distinct x; ln(α + T) and ln(α + t_x)
/// once per distinct age and recency. Rows are summed in fixed chunks (in parallel) whose partial sums are added in chunk
/// order, so the result does not depend on the number of cores. Per row, with D = ln(e^A₃ + e^A₄) (BG/NBD) the Hessian is
/// p₃ ∂²A₃ + p₄ ∂²A₄ + p₃p₄ (∂A₃ − ∂A₄)(∂A₃ − ∂A₄)', p₃ and p₄ the shares of the two terms; MBG/NBD's ln(1 + e^A₄) likewise
/// with the logistic weight of A₄.
/// </remarks>
internal sealed class BetaGeometricLikelihood : LikelihoodProblem
{
    private const int Chunk = 16384;

    /// <summary>Partial sums per chunk: ln L, 4 gradient and 10 Hessian (upper triangle) entries.</summary>
    private const int Stride = 15;

    private readonly bool _modified;
    private readonly HistoryRows _rows;

    /// <param name="modified">MBG/NBD when true.</param>
    /// <param name="modelName">"BG/NBD" or "MBG/NBD".</param>
    /// <param name="rows">The compressed data.</param>
    /// <exception cref="ModelFitException">No customer with a purchase, or no repeat purchase at all.</exception>
    public BetaGeometricLikelihood(bool modified, string modelName, HistoryRows rows)
        : this(modified, modelName, rows, rows.RequireRepeatPurchases(modelName))
    {
    }

    /// <summary>The likelihood over one covariate group's rows, without the data checks (a group may lack repeat purchases).</summary>
    public BetaGeometricLikelihood(bool modified, string modelName, HistoryRows rows, double alphaScale)
        : base(modelName, ["r", "alpha", "a", "b"], [1, alphaScale, 1, 1], rows.TotalWeight, rows.Count)
    {
        _modified = modified;
        _rows = rows;
        double scale = Reference[1];
        Starts = [[1, scale, 1, 1], [0.25, 0.25 * scale, 0.8, 2.5], [0.1, 0.1 * scale, 0.5, 5], [3, 3 * scale, 2, 10]];
    }

    public override IReadOnlyList<double[]> Starts { get; }

    public override bool HasHessian => true;

    public override LikelihoodProblem? Sample(int rows)
    {
        var sample = _rows.Sample(Math.Max(1, _rows.Count / rows));
        return sample.WeightedFrequency > 0 ? new BetaGeometricLikelihood(_modified, ModelName, sample) : null;
    }

    public override double LogLikelihood(ReadOnlySpan<double> theta, Span<double> gradient, CancellationToken cancellationToken) =>
        Evaluate(theta, gradient, default, cancellationToken);

    public override double LogLikelihood(ReadOnlySpan<double> theta, Span<double> gradient, Span<double> hessian, CancellationToken cancellationToken) =>
        Evaluate(theta, gradient, hessian, cancellationToken);

    public override string? DescribeBoundary(ReadOnlySpan<double> estimates, ReadOnlySpan<bool> atBound)
    {
        if (atBound[2] || atBound[3])
        {
            return Guard.Format($"The mean dropout probability after a purchase, a/(a + b) = {estimates[2] / (estimates[2] + estimates[3]):G4}, is what the data determine.");
        }

        return atBound[0] || atBound[1]
            ? Guard.Format($"Purchase rates look the same for every customer; the mean rate r/α = {estimates[0] / estimates[1]:G4} per time unit is what the data determine.")
            : null;
    }

    /// <summary>ln L at log-parameters θ, d ln L / dθ, and (when <paramref name="hessian"/> is not empty) d² ln L / dθ².</summary>
    private double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient, Span<double> hessian, CancellationToken cancellationToken)
    {
        double r = Math.Exp(theta[0]), alpha = Math.Exp(theta[1]), a = Math.Exp(theta[2]), b = Math.Exp(theta[3]);
        bool second = !hessian.IsEmpty;
        bool modified = _modified;
        var rows = _rows;
        double lnA = Math.Log(a);
        int shift = modified ? 1 : 0;

        // Natural-parameter sums: value, gradient (r, α, a, b) and the Hessian's upper triangle (rr, rα, ra, rb, αα, αa, αb, aa, ab, bb).
        // The gamma-function terms are ratios Γ(v + n)/Γ(v), kept accurate when a parameter is large (see SpecialMath.GammaLnRatio).
        // Each row's r ln α - (r + x) ln(α + T) is summed as -r ln(1 + T/α) - x ln(α + T): near the ridge (every customer buying at
        // one rate, r and α in the hundreds of millions) the two terms of the first form are 1e10 each and cancel to a few units,
        // which left ln L wrong in its fourth decimal.
        Span<double> total = stackalloc double[Stride];
        total.Clear();
        var xs = rows.DistinctX;
        var rxs = new double[xs.Length];
        var odds0 = new double[xs.Length];
        var invB = new double[xs.Length];
        for (int j = 0; j < xs.Length; j++)
        {
            int x = xs[j];
            double w = rows.XWeight[j];
            double rx = r + x;
            double lnR = SpecialMath.GammaLnRatio(r, x, out double psiR, out double triR);
            double lnB = SpecialMath.GammaLnRatio(b, x + shift, out double psiB, out double triB);
            double lnAb = SpecialMath.GammaLnRatio(a + b, x + shift, out double psiAb, out double triAb);
            total[0] += w * (lnR + lnB - lnAb);
            total[1] += w * psiR;
            total[2] += w * r / alpha;
            total[3] -= w * psiAb;
            total[4] += w * (psiB - psiAb);
            if (second)
            {
                total[5] += w * triR;
                total[6] += w / alpha;
                total[9] -= w * r / (alpha * alpha);
                total[12] -= w * triAb;
                total[13] -= w * triAb;
                total[14] += w * (triB - triAb);
            }

            rxs[j] = rx;
            double denominator = modified ? b + x : b + (x - 1);
            odds0[j] = lnA - Math.Log(denominator);
            invB[j] = 1 / denominator;
        }

        // ln(α + T) and ln(α + t_x) once per distinct value (as many as the rows on data that is not at day resolution: in parallel).
        var lnT = new double[rows.DistinctAges.Length];
        var lnT1 = new double[lnT.Length];
        var invT = new double[lnT.Length];
        var lnTx = new double[rows.DistinctRecencies.Length];
        var lnTx1 = new double[lnTx.Length];
        var invTx = new double[lnTx.Length];
        var ages = rows.DistinctAges;
        var recencies = rows.DistinctRecencies;
        Parallelism.For(lnT.Length + lnTx.Length, (from, to) =>
        {
            for (int d = from; d < to; d++)
            {
                if (d < lnT.Length)
                {
                    lnT[d] = Math.Log(alpha + ages[d]);
                    lnT1[d] = SpecialMath.LnOneAndRatio(ages[d], alpha);
                    invT[d] = 1 / (alpha + ages[d]);
                }
                else
                {
                    int e = d - lnT.Length;
                    lnTx[e] = Math.Log(alpha + recencies[e]);
                    lnTx1[e] = SpecialMath.LnOneAndRatio(recencies[e], alpha);
                    invTx[e] = 1 / (alpha + recencies[e]);
                }
            }
        });

        int chunks = (rows.Count + Chunk - 1) / Chunk;
        var partial = new double[chunks * Stride];
        var context = new RowContext(r, rxs, odds0, invB, lnT, lnT1, invT, lnTx, lnTx1, invTx, 1 / a);
        void Sum(int chunk)
        {
            if (!cancellationToken.IsCancellationRequested)
            {
                SumRows(context, chunk * Chunk, Math.Min(rows.Count, (chunk + 1) * Chunk), partial.AsSpan(chunk * Stride, Stride), second);
            }
        }

        if (chunks == 1)
        {
            Sum(0);
        }
        else
        {
            Parallel.For(0, chunks, Sum);
        }

        cancellationToken.ThrowIfCancellationRequested();
        for (int c = 0; c < chunks; c++)
        {
            for (int i = 0; i < Stride; i++)
            {
                total[i] += partial[(c * Stride) + i];
            }
        }

        // To log-parameters: dθ = p dp, d²θ = p_i p_j d²p + δ_ij p_i dp_i.
        Span<double> p = [r, alpha, a, b];
        for (int i = 0; i < 4; i++)
        {
            gradient[i] = p[i] * total[1 + i];
        }

        if (second)
        {
            int index = 5;
            for (int i = 0; i < 4; i++)
            {
                for (int j = i; j < 4; j++)
                {
                    double h = p[i] * p[j] * total[index++];
                    if (i == j)
                    {
                        h += gradient[i];
                    }

                    hessian[(i * 4) + j] = h;
                    hessian[(j * 4) + i] = h;
                }
            }
        }

        return total[0];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SumRows(RowContext c, int from, int to, Span<double> result, bool second)
    {
        double sll = 0, gr = 0, gAlpha = 0, ga = 0, gb = 0;
        double hRR = 0, hRAlpha = 0, hRA = 0, hRB = 0, hAlphaAlpha = 0, hAlphaA = 0, hAlphaB = 0, hAA = 0, hAB = 0, hBB = 0;
        var weight = _rows.Weight;
        var group = _rows.Group;
        var xOf = _rows.X;
        var ageIndex = _rows.AgeIndex;
        var recencyIndex = _rows.RecencyIndex;
        double invA = c.InvA;
        for (int i = from; i < to; i++)
        {
            double w = weight[i];
            int g = group[i];
            double rx = c.Rx[g];
            double x = xOf[i];
            double lt = c.LnT[ageIndex[i]], lt1 = c.LnT1[ageIndex[i]], it = c.InvT[ageIndex[i]];
            double ltx = c.LnTx[recencyIndex[i]], ltx1 = c.LnTx1[recencyIndex[i]], itx = c.InvTx[recencyIndex[i]];
            if (_modified)
            {
                // ln L_row = A3 + ln(1 + e^A4), A3 = r ln α - (r + x) lt = -r lt1 - x lt, A4 = ln a - ln(b + x) + (r + x)(lt1 - ltx1).
                double dr = lt1 - ltx1;
                double a4 = c.Odds0[g] + (rx * dr);
                double e = Math.Exp(-Math.Abs(a4));
                double s = a4 >= 0 ? 1 / (1 + e) : e / (1 + e);
                double dAlpha = rx * (it - itx), db = -c.InvB[g];
                sll += w * ((-c.R * lt1) - (x * lt) + Math.Max(a4, 0) + Math.Log(1 + e));
                gr += w * (-lt1 + (s * dr));
                gAlpha += w * ((-rx * it) + (s * dAlpha));
                ga += w * s * invA;
                gb += w * s * db;
                if (second)
                {
                    double v = w * s * (1 - s);
                    hRR += v * dr * dr;
                    hRAlpha += w * (-it + (s * (it - itx))) + (v * dr * dAlpha);
                    hRA += v * dr * invA;
                    hRB += v * dr * db;
                    hAlphaAlpha += w * ((rx * it * it) - (s * rx * ((it * it) - (itx * itx)))) + (v * dAlpha * dAlpha);
                    hAlphaA += v * dAlpha * invA;
                    hAlphaB += v * dAlpha * db;
                    hAA += (v * invA * invA) - (w * s * invA * invA);
                    hAB += v * invA * db;
                    hBB += (w * s * db * db) + (v * db * db);
                }
            }
            else if (x == 0)
            {
                sll -= w * c.R * lt1;
                gr -= w * lt1;
                gAlpha -= w * rx * it;
                if (second)
                {
                    hRAlpha -= w * it;
                    hAlphaAlpha += w * rx * it * it;
                }
            }
            else
            {
                // ln L_row = ln(e^A3 + e^A4), A3 = r ln α - (r + x) lt = -r lt1 - x lt, A4 = ln a - ln(b + x - 1) - r lt1x - x ltx.
                double a3 = (-c.R * lt1) - (x * lt);
                double a4 = c.Odds0[g] - (c.R * ltx1) - (x * ltx);
                double d = a4 - a3;
                double e = Math.Exp(-Math.Abs(d));
                double big = 1 / (1 + e), small = e * big;
                double p4 = d > 0 ? big : small, p3 = d > 0 ? small : big;
                double ib = c.InvB[g];
                sll += w * (Math.Max(a3, a4) + Math.Log(1 + e));
                gr -= w * ((p3 * lt1) + (p4 * ltx1));
                gAlpha -= w * rx * ((p3 * it) + (p4 * itx));
                ga += w * p4 * invA;
                gb -= w * p4 * ib;
                if (second)
                {
                    // Δ = ∂A3 - ∂A4 = (ltx1 - lt1, -(r + x)(it - itx), -1/a, 1/(b + x - 1)).
                    double v = w * p3 * p4;
                    double dr = ltx1 - lt1, dAlpha = -rx * (it - itx), da = -invA;
                    hRR += v * dr * dr;
                    hRAlpha += (-w * ((p3 * it) + (p4 * itx))) + (v * dr * dAlpha);
                    hRA += v * dr * da;
                    hRB += v * dr * ib;
                    hAlphaAlpha += (w * rx * ((p3 * it * it) + (p4 * itx * itx))) + (v * dAlpha * dAlpha);
                    hAlphaA += v * dAlpha * da;
                    hAlphaB += v * dAlpha * ib;
                    hAA += (-w * p4 * invA * invA) + (v * da * da);
                    hAB += v * da * ib;
                    hBB += (w * p4 * ib * ib) + (v * ib * ib);
                }
            }
        }

        result[0] = sll;
        result[1] = gr;
        result[2] = gAlpha;
        result[3] = ga;
        result[4] = gb;
        result[5] = hRR;
        result[6] = hRAlpha;
        result[7] = hRA;
        result[8] = hRB;
        result[9] = hAlphaAlpha;
        result[10] = hAlphaA;
        result[11] = hAlphaB;
        result[12] = hAA;
        result[13] = hAB;
        result[14] = hBB;
    }

    /// <summary>Per-row lookups: ln(α + T) as <c>LnT</c> and ln(1 + T/α) as <c>LnT1</c> by distinct age, the same for recency.</summary>
    private sealed record RowContext(double R, double[] Rx, double[] Odds0, double[] InvB, double[] LnT, double[] LnT1, double[] InvT, double[] LnTx, double[] LnTx1, double[] InvTx, double InvA);
}
