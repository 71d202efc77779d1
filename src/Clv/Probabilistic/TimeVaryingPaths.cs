using Clv.Internal;

namespace Clv.Probabilistic;

/// <summary>
/// The customers of a Pareto/NBD fit with time-varying covariates and the per-customer likelihood: for each customer the
/// history (x, t_x, T), the first purchase day (the origin of the customer's time), the sum of the purchase covariates at the
/// repeat purchases, and the covariates' row; the rates' integrals over each customer's periods are built on the fly.
/// </summary>
/// <remarks>
/// <para>Bachmann, Meierer and Naef (2021): given λ and μ, the purchase rate at time t is λ e^{γ_p'x(t)} and the dropout rate
/// μ e^{γ_d'z(t)}, with x(t), z(t) constant within a period. With A(t) = ∫₀ᵗ e^{γ_p'x} and D(t) = ∫₀ᵗ e^{γ_d'z}, integrating λ ~
/// Gamma(r, α) and μ ~ Gamma(s, β) out gives</para>
/// <para>L = Γ(r + x)/Γ(r) α^r β^s e^{γ_p'Σ_j x(t_j)} [ (α + A(T))^−(r+x) (β + D(T))^−s + s ∫_{t_x}^T e^{γ_d'z(τ)} (α + A(τ))^−(r+x) (β + D(τ))^−(s+1) dτ ].</para>
/// <para>The integral runs piece by piece over the periods, where A and D are linear, by 8-point Gauss-Legendre on sub-intervals
/// over which the integrand's logarithm changes by at most 1/2 (relative error below 1e-12); its derivatives in every
/// parameter are integrated alongside at the same nodes. With all coefficients 0 it is the Pareto/NBD likelihood.</para>
/// </remarks>
internal sealed class TimeVaryingPaths
{
    private static readonly double[] Nodes = [-0.9602898564975363, -0.7966664774136267, -0.5255324099163290, -0.1834346424956498, 0.1834346424956498, 0.5255324099163290, 0.7966664774136267, 0.9602898564975363];
    private static readonly double[] Weights = [0.1012285362903763, 0.2223810344533745, 0.3137066458778873, 0.3626837833783620, 0.3626837833783620, 0.3137066458778873, 0.2223810344533745, 0.1012285362903763];

    private readonly TimeVaryingCovariates _covariates;
    private readonly int[] _purchase;   // covariate columns of the purchase process
    private readonly int[] _dropout;    // covariate columns of the dropout process
    private readonly double _unitDays;

    public TimeVaryingPaths(TimeVaryingCovariates covariates, int[] purchase, int[] dropout, double unitDays, int[] x, double[] recency, double[] age, int[] firstDay, int[] row, double[] purchaseSums)
    {
        _covariates = covariates;
        _purchase = purchase;
        _dropout = dropout;
        _unitDays = unitDays;
        X = x;
        Recency = recency;
        Age = age;
        FirstDay = firstDay;
        Row = row;
        PurchaseSums = purchaseSums;
    }

    public int Count => X.Length;

    public int PurchaseCount => _purchase.Length;

    public int DropoutCount => _dropout.Length;

    public int[] X { get; }

    public double[] Recency { get; }

    public double[] Age { get; }

    public int[] FirstDay { get; }

    public int[] Row { get; }

    /// <summary>Per customer, Σ over the repeat purchases of each purchase covariate (customer-major).</summary>
    public double[] PurchaseSums { get; }

    /// <summary>
    /// ln L of customer <paramref name="i"/> at θ = (ln r, ln α, ln s, ln β, γ_p, γ_d), its gradient into <paramref name="gradient"/>
    /// (when not empty), and P(alive) at T.
    /// </summary>
    public double LogLikelihood(int i, ReadOnlySpan<double> theta, Span<double> gradient, out double alive)
    {
        int np = _purchase.Length, nd = _dropout.Length, k = 4 + np + nd;
        double r = Math.Exp(theta[0]), alpha = Math.Exp(theta[1]), s = Math.Exp(theta[2]), beta = Math.Exp(theta[3]);
        var gp = theta.Slice(4, np);
        var gd = theta.Slice(4 + np, nd);
        int x = X[i];
        double tx = Recency[i], age = Age[i], rx = r + x;
        bool wantGradient = !gradient.IsEmpty;

        Span<double> ak = stackalloc double[np];
        Span<double> dk = stackalloc double[nd];
        Span<double> akAt = stackalloc double[np];
        Span<double> dkAt = stackalloc double[nd];
        Span<double> zp = stackalloc double[np];
        Span<double> zd = stackalloc double[nd];
        Span<double> j = stackalloc double[k];
        ak.Clear();
        dk.Clear();
        j.Clear();
        double a = 0, d = 0, sum = 0, reference = double.NaN;

        int row = Row[i], first = FirstDay[i];
        int period = _covariates.PeriodOf(first);
        double u = 0;
        while (u < age || (u == 0 && age == 0))
        {
            double end = Math.Min(age, (_covariates.StartDay(period + 1) - (double)first) / _unitDays);
            double lnEp = 0, lnEd = 0;
            for (int c = 0; c < np; c++)
            {
                zp[c] = _covariates.Value(row, period, _purchase[c]);
                lnEp += gp[c] * zp[c];
            }

            for (int c = 0; c < nd; c++)
            {
                zd[c] = _covariates.Value(row, period, _dropout[c]);
                lnEd += gd[c] * zd[c];
            }

            double ep = Math.Exp(lnEp), ed = Math.Exp(lnEd);
            if (end > tx)
            {
                // ∫ over [max(u, t_x), end] in sub-intervals where the integrand's log changes by at most 1/2.
                double from = Math.Max(u, tx);
                double a0 = a + (ep * (from - u)), d0 = d + (ed * (from - u));
                double a1 = a + (ep * (end - u)), d1 = d + (ed * (end - u));
                double change = (rx * Math.Log((alpha + a1) / (alpha + a0))) + ((s + 1) * Math.Log((beta + d1) / (beta + d0)));
                int pieces = (int)Math.Clamp(Math.Ceiling(change / 0.5), 1, 4096);
                double h = (end - from) / pieces;
                for (int q = 0; q < pieces; q++)
                {
                    double left = from + (q * h);
                    for (int n = 0; n < Nodes.Length; n++)
                    {
                        double tau = left + (0.5 * h * (1 + Nodes[n]));
                        double at = a + (ep * (tau - u)), dt = d + (ed * (tau - u));
                        double lnA = Math.Log(alpha + at), lnD = Math.Log(beta + dt);
                        double lnf = lnEd - (rx * lnA) - ((s + 1) * lnD);
                        if (double.IsNaN(reference))
                        {
                            reference = lnf;
                        }

                        double e = 0.5 * h * Weights[n] * Math.Exp(lnf - reference);
                        sum += e;
                        if (!wantGradient)
                        {
                            continue;
                        }

                        j[0] += e * (-r * lnA);
                        j[1] += e * (-rx * alpha / (alpha + at));
                        j[2] += e * (-s * lnD);
                        j[3] += e * (-(s + 1) * beta / (beta + dt));
                        for (int c = 0; c < np; c++)
                        {
                            j[4 + c] += e * (-rx * (ak[c] + (zp[c] * ep * (tau - u))) / (alpha + at));
                        }

                        for (int c = 0; c < nd; c++)
                        {
                            j[4 + np + c] += e * (zd[c] - ((s + 1) * (dk[c] + (zd[c] * ed * (tau - u))) / (beta + dt)));
                        }
                    }
                }
            }

            double length = end - u;
            a += ep * length;
            d += ed * length;
            for (int c = 0; c < np; c++)
            {
                ak[c] += zp[c] * ep * length;
            }

            for (int c = 0; c < nd; c++)
            {
                dk[c] += zd[c] * ed * length;
            }

            u = end;
            period++;
            if (age == 0)
            {
                break;
            }
        }

        double gammaRatio = SpecialMath.GammaLnRatio(r, x, out double psi, out _);
        double lnAlpha = theta[1], lnBeta = theta[3];
        double constant = gammaRatio + (r * lnAlpha) + (s * lnBeta);
        var sums = PurchaseSums.AsSpan(i * np, np);
        for (int c = 0; c < np; c++)
        {
            constant += gp[c] * sums[c];
        }

        double lnAT = Math.Log(alpha + a), lnDT = Math.Log(beta + d);
        double lnAlive = (-rx * lnAT) - (s * lnDT);
        double lnDied = sum > 0 ? Math.Log(s) + reference + Math.Log(sum) : double.NegativeInfinity;
        double pAlive, mix;
        if (lnDied <= lnAlive)
        {
            double e = Math.Exp(lnDied - lnAlive);
            mix = lnAlive + SpecialMath.Log1P(e);
            pAlive = 1 / (1 + e);
        }
        else
        {
            double e = Math.Exp(lnAlive - lnDied);
            mix = lnDied + SpecialMath.Log1P(e);
            pAlive = e / (1 + e);
        }

        alive = pAlive;
        if (wantGradient)
        {
            double pDied = 1 - pAlive;
            double inverse = sum > 0 ? 1 / sum : 0;
            gradient[0] = (r * (psi + lnAlpha)) + (pAlive * (-r * lnAT)) + (pDied * j[0] * inverse);
            gradient[1] = r + (pAlive * (-rx * alpha / (alpha + a))) + (pDied * j[1] * inverse);
            gradient[2] = (s * lnBeta) + (pAlive * (-s * lnDT)) + (pDied * (1 + (j[2] * inverse)));
            gradient[3] = s + (pAlive * (-s * beta / (beta + d))) + (pDied * j[3] * inverse);
            for (int c = 0; c < np; c++)
            {
                gradient[4 + c] = sums[c] + (pAlive * (-rx * ak[c] / (alpha + a))) + (pDied * j[4 + c] * inverse);
            }

            for (int c = 0; c < nd; c++)
            {
                gradient[4 + np + c] = (pAlive * (-s * dk[c] / (beta + d))) + (pDied * j[4 + np + c] * inverse);
            }
        }

        return constant + mix;
    }

    /// <summary>
    /// E[purchases in (T, T + t]] of customer <paramref name="i"/>: P(alive) (r + x)/(α + A(T)) ∫_T^{T+t} e^{γ_p'x(u)} ((β + D(T))/(β + D(u)))^s du,
    /// with the covariates of the periods after T (the last period runs on).
    /// </summary>
    public double ExpectedPurchases(int i, ReadOnlySpan<double> theta, double time)
    {
        double ll = LogLikelihood(i, theta, default, out double alive);
        _ = ll;
        int np = _purchase.Length, nd = _dropout.Length;
        double r = Math.Exp(theta[0]), alpha = Math.Exp(theta[1]), s = Math.Exp(theta[2]), beta = Math.Exp(theta[3]);
        var gp = theta.Slice(4, np);
        var gd = theta.Slice(4 + np, nd);
        int row = Row[i], first = FirstDay[i];
        double age = Age[i], horizon = age + time;

        // A(T), D(T), then the integral from T.
        double a = 0, d = 0, integral = 0, dAtT = double.NaN;
        int period = _covariates.PeriodOf(first);
        double u = 0;
        while (u < horizon)
        {
            double end = Math.Min(horizon, (_covariates.StartDay(period + 1) - (double)first) / _unitDays);
            double lnEp = 0, lnEd = 0;
            for (int c = 0; c < np; c++)
            {
                lnEp += gp[c] * _covariates.Value(row, period, _purchase[c]);
            }

            for (int c = 0; c < nd; c++)
            {
                lnEd += gd[c] * _covariates.Value(row, period, _dropout[c]);
            }

            double ep = Math.Exp(lnEp), ed = Math.Exp(lnEd);
            if (end > age)
            {
                double from = Math.Max(u, age);
                if (double.IsNaN(dAtT))
                {
                    dAtT = d + (ed * (from - u));
                }

                double d0 = d + (ed * (from - u)), d1 = d + (ed * (end - u));
                int pieces = (int)Math.Clamp(Math.Ceiling(s * Math.Log((beta + d1) / (beta + d0)) / 0.5), 1, 4096);
                double h = (end - from) / pieces;
                for (int q = 0; q < pieces; q++)
                {
                    double left = from + (q * h);
                    for (int n = 0; n < Nodes.Length; n++)
                    {
                        double tau = left + (0.5 * h * (1 + Nodes[n]));
                        double dt = d + (ed * (tau - u));
                        integral += 0.5 * h * Weights[n] * ep * Math.Exp(s * Math.Log((beta + dAtT) / (beta + dt)));
                    }
                }
            }

            if (u < age)
            {
                a += ep * (Math.Min(end, age) - u);
            }

            d += ed * (end - u);
            u = end;
            period++;
        }

        return alive * (r + X[i]) / (alpha + a) * integral;
    }
}
