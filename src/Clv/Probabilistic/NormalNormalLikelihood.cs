using Clv.Internal;

namespace Clv.Probabilistic;

/// <summary>
/// The Normal-Normal log-likelihood of customers' mean values: m_x ~ N(μ, τ² + σ²/x). The data reduce exactly to one row per
/// distinct x (weight n_x, weighted mean, weighted sum of squared deviations), so an evaluation costs a handful of operations per
/// distinct x. Parameters θ = (ln τ, ln σ, μ) with analytic gradient and Hessian.
/// </summary>
internal sealed class NormalNormalLikelihood : LikelihoodProblem
{
    private static readonly double LnTwoPi = Math.Log(2 * Math.PI);
    private readonly int[] _x;
    private readonly double[] _n;
    private readonly double[] _mean;
    private readonly double[] _m2;

    /// <param name="x">The distinct frequencies, ascending.</param>
    /// <param name="n">The customers (weights) at each x.</param>
    /// <param name="mean">Their weighted mean value.</param>
    /// <param name="m2">Their weighted sum of squared deviations from that mean.</param>
    public NormalNormalLikelihood(int[] x, double[] n, double[] mean, double[] m2)
        : base("Normal-Normal", ["tau", "sigma", "mu"], DataScales(n, mean, m2, out var starts), n.Sum(), x.Length, coefficients: 1)
    {
        _x = x;
        _n = n;
        _mean = mean;
        _m2 = m2;
        Starts = starts(x);
    }

    public override IReadOnlyList<double[]> Starts { get; }

    public override bool HasHessian => true;

    public override double LogLikelihood(ReadOnlySpan<double> theta, Span<double> gradient, CancellationToken cancellationToken) =>
        Evaluate(theta, gradient, default);

    public override double LogLikelihood(ReadOnlySpan<double> theta, Span<double> gradient, Span<double> hessian, CancellationToken cancellationToken) =>
        Evaluate(theta, gradient, hessian);

    /// <summary>ln f(m_x | x; μ, τ, σ) of one customer.</summary>
    public static double LikelihoodLn(double mu, double tau, double sigma, int x, double m)
    {
        double variance = (tau * tau) + (sigma * sigma / x);
        double d = m - mu;
        return -0.5 * (LnTwoPi + Math.Log(variance) + (d * d / variance));
    }

    private double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient, Span<double> hessian)
    {
        double tau = Math.Exp(theta[0]), sigma = Math.Exp(theta[1]), mu = theta[2];
        double a = tau * tau, s2 = sigma * sigma;
        bool second = !hessian.IsEmpty;
        double ll = 0, gt = 0, gs = 0, gm = 0, htt = 0, hss = 0, hts = 0, htm = 0, hsm = 0, hmm = 0;
        for (int g = 0; g < _x.Length; g++)
        {
            double n = _n[g], b = s2 / _x[g], v = a + b, d = _mean[g] - mu;
            double ss = _m2[g] + (n * d * d);
            ll -= 0.5 * ((n * (LnTwoPi + Math.Log(v))) + (ss / v));
            double lv = (ss / (2 * v * v)) - (n / (2 * v));
            gt += 2 * a * lv;
            gs += 2 * b * lv;
            gm += n * d / v;
            if (second)
            {
                double lvv = (n / (2 * v * v)) - (ss / (v * v * v));
                double lvm = -n * d / (v * v);
                htt += (4 * a * lv) + (4 * a * a * lvv);
                hss += (4 * b * lv) + (4 * b * b * lvv);
                hts += 4 * a * b * lvv;
                htm += 2 * a * lvm;
                hsm += 2 * b * lvm;
                hmm -= n / v;
            }
        }

        gradient[0] = gt;
        gradient[1] = gs;
        gradient[2] = gm;
        if (second)
        {
            hessian[0] = htt;
            hessian[1] = hessian[3] = hts;
            hessian[2] = hessian[6] = htm;
            hessian[4] = hss;
            hessian[5] = hessian[7] = hsm;
            hessian[8] = hmm;
        }

        return double.IsFinite(ll) ? ll : double.NaN;
    }

    /// <summary>
    /// The natural scales (τ and σ: the overall standard deviation of the means; μ: their root mean square) and the starts: the
    /// moment estimate (a weighted regression of each x's variance of means on 1/x: intercept τ², slope σ²), then spread guesses.
    /// </summary>
    private static double[] DataScales(double[] n, double[] mean, double[] m2, out Func<int[], IReadOnlyList<double[]>> starts)
    {
        double total = n.Sum(), grand = 0;
        for (int g = 0; g < n.Length; g++)
        {
            grand += n[g] * mean[g];
        }

        grand /= total;
        double ss = 0;
        for (int g = 0; g < n.Length; g++)
        {
            ss += m2[g] + (n[g] * (mean[g] - grand) * (mean[g] - grand));
        }

        double variance = ss / total, sd = Math.Sqrt(variance);
        double rms = Math.Sqrt(variance + (grand * grand));
        starts = x =>
        {
            // Weighted least squares of s²_x = τ² + σ² (1/x) over the x with at least two customers.
            double sw = 0, su = 0, sy = 0, suu = 0, suy = 0;
            for (int g = 0; g < x.Length; g++)
            {
                double w = n[g] - 1;
                if (!(w > 0))
                {
                    continue;
                }

                double u = 1.0 / x[g], y = m2[g] / w;
                sw += w;
                su += w * u;
                sy += w * y;
                suu += w * u * u;
                suy += w * u * y;
            }

            double floor = 0.05 * variance;
            double det = (sw * suu) - (su * su);
            double slope = det > 0 ? ((sw * suy) - (su * sy)) / det : variance;
            double intercept = sw > 0 ? (sy - (slope * su)) / sw : variance / 2;
            double tau2 = Math.Max(intercept, floor), sigma2 = Math.Max(slope, floor);
            return [[Math.Sqrt(tau2), Math.Sqrt(sigma2), grand], [sd, sd, grand], [0.3 * sd, 3 * sd, grand], [0.9 * sd, 0.3 * sd, grand]];
        };

        return [sd, sd, rms];
    }
}
