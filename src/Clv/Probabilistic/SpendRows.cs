using System.Diagnostics;
using Clv.Internal;
using MathNet.Numerics;

namespace Clv.Probabilistic;

/// <summary>
/// Repeat customers compressed to distinct (x, m_x) pairs with weights, grouped by x so the gamma-function terms are computed
/// once per distinct x; and the Gamma-Gamma log-likelihood over them for <see cref="MaximumLikelihood"/>.
/// </summary>
internal sealed partial class SpendRows
{
    private const int ChunkSize = 1 << 14;
    private readonly KeyIndex _index = new(1024);
    private readonly List<double> _weights = [];

    /// <summary>Rows already distinct and in canonical order (<see cref="FromSummaries"/>, <see cref="FromSorted"/>); then <see cref="Add"/> is not used.</summary>
    private (int[] X, double[] M, double[] W)? _sorted;

    public double TotalWeight { get; private set; }

    public void Add(int frequency, double monetaryValue, double weight)
    {
        Debug.Assert(_sorted is null, "Rows built sorted take no more rows.");
        int i = _index.GetOrAdd(frequency, monetaryValue, 0);
        if (i == _weights.Count)
        {
            _weights.Add(weight);
        }
        else
        {
            _weights[i] += weight;
        }

        TotalWeight += weight;
    }

    /// <summary>Rows that are distinct and sorted by x, then m_x already (a <see cref="SpendStatistics"/>'s); the total weight is their sum in order.</summary>
    public static SpendRows FromSorted(int[] x, double[] m, double[] w)
    {
        double total = 0;
        foreach (double weight in w)
        {
            total += weight;
        }

        return new SpendRows { _sorted = (x, m, w), TotalWeight = total };
    }

    /// <summary>
    /// Whether every mean spend is the same, to 1e-12 relative (one price for everyone, as in a single-plan subscription):
    /// Gamma-Gamma then has no maximum. <paramref name="low"/> and <paramref name="high"/> are the smallest and largest.
    /// </summary>
    public static bool IsOneSpend(ReadOnlySpan<double> m, out double low, out double high)
    {
        low = double.PositiveInfinity;
        high = double.NegativeInfinity;
        foreach (double v in m)
        {
            low = Math.Min(low, v);
            high = Math.Max(high, v);
        }

        return high <= low * (1 + 1e-12);
    }

    /// <summary>ln f(m_x | x; p, q, v) of one repeat customer.</summary>
    public static double LikelihoodLn(double p, double q, double v, int x, double m)
    {
        double px = p * x;
        return SpecialFunctions.GammaLn(px + q) - SpecialFunctions.GammaLn(px) - SpecialFunctions.GammaLn(q) + (q * Math.Log(v))
            + ((px - 1) * Math.Log(m)) + (px * Math.Log(x)) - ((px + q) * LnSpendSum(x, m, v));
    }

    /// <summary>ln(x m + v), also where x m + v passes the largest double (x = int.MaxValue, m = 1e300): then ln x + ln m + log1p(v/(x m)).</summary>
    public static double LnSpendSum(int x, double m, double v)
    {
        double sum = (x * m) + v;
        if (double.IsFinite(sum))
        {
            return Math.Log(sum);
        }

        double lnXm = Math.Log(x) + Math.Log(m), lnV = Math.Log(v);
        double high = Math.Max(lnXm, lnV);
        return high + SpecialMath.Log1P(Math.Exp(Math.Min(lnXm, lnV) - high));
    }

    /// <summary>The distinct (x, m_x) rows with their weights, sorted by x, then m_x.</summary>
    public (int[] X, double[] M, double[] W) Sorted()
    {
        if (_sorted is { } sorted)
        {
            return sorted;
        }

        // Canonical order (x, then m_x) without a comparison delegate: sort by m_x with the primitive sort, then a stable
        // counting sort by x. Within one x every m_x is distinct (the rows are distinct pairs), so the order is unique.
        int n = _index.Count;
        var byM = new double[n];
        var sortedByM = new int[n];
        int maxX = 0;
        for (int i = 0; i < n; i++)
        {
            byM[i] = _index.Recency(i);
            sortedByM[i] = i;
            maxX = Math.Max(maxX, _index.X(i));
        }

        if (maxX > (4L * n) + 1024)
        {
            return SortedByKeys(n);
        }

        Array.Sort(byM, sortedByM);
        var starts = new int[maxX + 2];
        for (int i = 0; i < n; i++)
        {
            starts[_index.X(i) + 1]++;
        }

        for (int k = 1; k < starts.Length; k++)
        {
            starts[k] += starts[k - 1];
        }

        var order = new int[n];
        foreach (int i in sortedByM)
        {
            order[starts[_index.X(i)]++] = i;
        }

        var x = new int[n];
        var m = new double[n];
        var w = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = _index.X(order[i]);
            m[i] = _index.Recency(order[i]);
            w[i] = _weights[order[i]];
        }

        return (x, m, w);
    }

    /// <summary>The same order by a comparison sort, for frequencies too large for a counting sort.</summary>
    private (int[] X, double[] M, double[] W) SortedByKeys(int n)
    {
        var keys = new (int X, double M, int Slot)[n];
        for (int i = 0; i < n; i++)
        {
            keys[i] = (_index.X(i), _index.Recency(i), i);
        }

        Array.Sort(keys);
        return ([.. keys.Select(k => k.X)], [.. keys.Select(k => k.M)], [.. keys.Select(k => _weights[k.Slot])]);
    }

    public LikelihoodProblem Problem()
    {
        var (x, m, w) = Sorted();
        double weightedMean = 0;
        for (int i = 0; i < x.Length; i++)
        {
            weightedMean += w[i] * m[i];
        }

        return new Likelihood(x, m, w, TotalWeight, weightedMean / TotalWeight);
    }

    /// <summary>ln L over the rows: one logarithm per row per evaluation; everything in ln m_x is a constant.</summary>
    private sealed class Likelihood : LikelihoodProblem
    {
        private readonly int[] _x;
        private readonly double[] _m;
        private readonly double[] _w;
        private readonly int[] _groupX;
        private readonly double[] _groupWeight;
        private readonly double _sumXLnM;
        private readonly double _sumLnM;
        private readonly double _sumLnX;
        private readonly double[] _partials;

        public Likelihood(int[] x, double[] m, double[] w, double totalWeight, double meanSpend)
            : base("Gamma-Gamma", ["p", "q", "v"], [1, 1, meanSpend], totalWeight, x.Length)
        {
            _x = x;
            _m = m;
            _w = w;
            var gx = new List<int>();
            var gw = new List<double>();
            for (int i = 0; i < x.Length; i++)
            {
                double lnM = Math.Log(m[i]);
                _sumLnM += w[i] * lnM;
                _sumXLnM += w[i] * x[i] * lnM;
                _sumLnX += w[i] * x[i] * Math.Log(x[i]);
                if (gx.Count == 0 || gx[^1] != x[i])
                {
                    gx.Add(x[i]);
                    gw.Add(0);
                }

                gw[^1] += w[i];
            }

            _groupX = [.. gx];
            _groupWeight = [.. gw];
            _partials = new double[((x.Length + ChunkSize - 1) / ChunkSize) * 4];
            Starts = [[1, 2, meanSpend], [5, 3, 0.4 * meanSpend], [0.5, 5, 8 * meanSpend], [20, 10, 0.45 * meanSpend]];
        }

        public override IReadOnlyList<double[]> Starts { get; }

        /// <summary>Every step-th row (rows are sorted by x, so a systematic sample stratified by x), weights scaled to the same total.</summary>
        public override LikelihoodProblem? Sample(int rows)
        {
            int step = Math.Max(1, _x.Length / rows);
            if (step == 1)
            {
                return null;
            }

            int n = (_x.Length + step - 1) / step;
            var x = new int[n];
            var m = new double[n];
            var w = new double[n];
            double sampled = 0, weightedSpend = 0;
            for (int i = 0; i < n; i++)
            {
                x[i] = _x[i * step];
                m[i] = _m[i * step];
                w[i] = _w[i * step];
                sampled += w[i];
            }

            double scale = TotalWeight / sampled;
            for (int i = 0; i < n; i++)
            {
                w[i] *= scale;
                weightedSpend += w[i] * m[i];
            }

            return new Likelihood(x, m, w, TotalWeight, weightedSpend / TotalWeight);
        }

        public override double LogLikelihood(ReadOnlySpan<double> theta, Span<double> gradient, CancellationToken cancellationToken)
        {
            double p = Math.Exp(theta[0]), q = Math.Exp(theta[1]), v = Math.Exp(theta[2]);
            double lgQ = SpecialFunctions.GammaLn(q), psiQ = SpecialFunctions.DiGamma(q), lnV = Math.Log(v);
            double ll = 0, gp = 0, gq = 0;
            for (int g = 0; g < _groupX.Length; g++)
            {
                int xg = _groupX[g];
                double n = _groupWeight[g], px = p * xg;
                double psiPxQ = SpecialFunctions.DiGamma(px + q);
                ll += n * (SpecialFunctions.GammaLn(px + q) - SpecialFunctions.GammaLn(px) - lgQ + (q * lnV));
                gp += n * xg * (psiPxQ - SpecialFunctions.DiGamma(px));
                gq += n * (psiPxQ - psiQ + lnV);
            }

            // Per row: weighted sums of ln s, x ln s, 1/s and x/s with s = x m_x + v, in fixed chunks added in order.
            int chunks = _partials.Length / 4;
            var partials = _partials;
            int[] xs = _x;
            double[] ms = _m, ws = _w;
            Parallelism.For(
                chunks,
                (from, to) =>
                {
                    for (int k = from; k < to && !cancellationToken.IsCancellationRequested; k++)
                    {
                        double sLn = 0, sXLn = 0, sInv = 0, sXInv = 0;
                        int end = Math.Min(xs.Length, (k + 1) * ChunkSize);
                        for (int i = k * ChunkSize; i < end; i++)
                        {
                            double s = (xs[i] * ms[i]) + v;
                            double lnS = Math.Log(s), inv = 1 / s, w = ws[i];
                            sLn += w * lnS;
                            sXLn += w * xs[i] * lnS;
                            sInv += w * inv;
                            sXInv += w * xs[i] * inv;
                        }

                        partials[(4 * k) + 0] = sLn;
                        partials[(4 * k) + 1] = sXLn;
                        partials[(4 * k) + 2] = sInv;
                        partials[(4 * k) + 3] = sXInv;
                    }
                },
                minimumPerWorker: 4);
            cancellationToken.ThrowIfCancellationRequested();

            double sumLnS = 0, sumXLnS = 0, sumInvS = 0, sumXInvS = 0;
            for (int k = 0; k < chunks; k++)
            {
                sumLnS += partials[4 * k];
                sumXLnS += partials[(4 * k) + 1];
                sumInvS += partials[(4 * k) + 2];
                sumXInvS += partials[(4 * k) + 3];
            }

            ll += (p * (_sumXLnM + _sumLnX)) - _sumLnM - (p * sumXLnS) - (q * sumLnS);
            gp += _sumXLnM + _sumLnX - sumXLnS;
            gq -= sumLnS;
            double gv = (TotalWeight * q / v) - (p * sumXInvS) - (q * sumInvS);

            // d ln L / d ln parameter.
            gradient[0] = gp * p;
            gradient[1] = gq * q;
            gradient[2] = gv * v;
            return ll;
        }
    }
}
