using Clv.Internal;

namespace Clv.Probabilistic;

/// <summary>
/// The sBG cohort likelihood and its fit (Fader and Hardie 2007, eq. 7): lost customers contribute ln P(T = t), the
/// survivors ln S(t), both by recursion with their derivatives in (α, β).
/// </summary>
internal static class ShiftedBetaGeometricLikelihood
{
    /// <summary>The most periods a contract record may have: the likelihood walks every period up to the longest record.</summary>
    internal const int MaxRecordPeriods = 1_000_000;

    /// <summary>The cohort log-likelihood at (α, β) for alive counts (real-valued).</summary>
    internal static double LikelihoodLn(double alpha, double beta, ReadOnlySpan<double> alive, Span<double> gradient)
    {
        var (lost, censored) = FromAlive(alive);
        return LikelihoodLn(alpha, beta, lost, censored, gradient);
    }

    /// <summary>
    /// The log-likelihood of churn and censoring counts: lost[t] subscribers whose last period was t contribute ln P(T = t),
    /// censored[t] still active after t periods contribute ln S(t) (Fader and Hardie 2007, eq. 7, summed over cohorts or accounts).
    /// </summary>
    internal static double LikelihoodLn(double alpha, double beta, ReadOnlySpan<double> lost, ReadOnlySpan<double> censored, Span<double> gradient)
    {
        // ln S(t) and ln P(t) by recursion, with derivatives in (alpha, beta).
        double lnS = 0, dSa = 0, dSb = 0, ll = 0, ga = 0, gb = 0;
        for (int t = 1; t < lost.Length; t++)
        {
            double den = alpha + beta + (t - 1);
            if (lost[t] > 0)
            {
                ll += lost[t] * (lnS + Math.Log(alpha / den));
                ga += lost[t] * (dSa + (1 / alpha) - (1 / den));
                gb += lost[t] * (dSb - (1 / den));
            }

            lnS += Math.Log((beta + (t - 1)) / den);
            dSa -= 1 / den;
            dSb += (1 / (beta + (t - 1))) - (1 / den);
            if (censored[t] > 0)
            {
                ll += censored[t] * lnS;
                ga += censored[t] * dSa;
                gb += censored[t] * dSb;
            }
        }

        if (gradient.Length == 2)
        {
            gradient[0] = ga;
            gradient[1] = gb;
        }

        return ll;
    }

    /// <summary>A cohort's alive counts as churn counts per period and the survivors censored at the last period.</summary>
    internal static (double[] Lost, double[] Censored) FromAlive(ReadOnlySpan<double> alive)
    {
        var lost = new double[alive.Length];
        var censored = new double[alive.Length];
        for (int t = 1; t < alive.Length; t++)
        {
            lost[t] = alive[t - 1] - alive[t];
        }

        censored[^1] = alive.Length > 1 ? alive[^1] : 0;
        return (lost, censored);
    }

    /// <summary>Individual contract records, checked, as churn and censoring counts per period.</summary>
    internal static (double[] Lost, double[] Censored) FromRecords(ReadOnlySpan<ContractRecord> records, string paramName)
    {
        int length = 2;
        for (int i = 0; i < records.Length; i++)
        {
            var r = records[i];
            if (r.Periods < (r.IsActive ? 0 : 1))
            {
                ThrowHelper.ArgumentOutOfRange(paramName, r.Periods, Guard.Format(
                    $"{paramName}[{i}].Periods must be at least {(r.IsActive ? 0 : 1)} for {(r.IsActive ? "an active" : "a cancelled")} account, but was {r.Periods}."));
            }

            if (r.Periods > MaxRecordPeriods)
            {
                ThrowHelper.ArgumentOutOfRange(paramName, r.Periods, Guard.Format($"{paramName}[{i}].Periods must be at most {MaxRecordPeriods}, but was {r.Periods}."));
            }

            if (!(r.Weight > 0) || double.IsPositiveInfinity(r.Weight))
            {
                ThrowHelper.ArgumentOutOfRange(paramName, r.Weight, Guard.Format($"{paramName}[{i}].Weight must be a finite number greater than 0, but was {r.Weight}."));
            }

            length = Math.Max(length, r.Periods + 1);
        }

        var lost = new double[length];
        var censored = new double[length];
        foreach (var r in records)
        {
            (r.IsActive ? censored : lost)[r.Periods] += r.Weight;
        }

        return (lost, censored);
    }

    internal static FitResult<ShiftedBetaGeometricModel> Fit(double[] alive, string paramName, FitOptions? options)
    {
        options = MaximumLikelihood.Begin(options);
        Check(alive, paramName);
        var (lost, censored) = FromAlive(alive);
        return FitCounts(lost, censored, options);
    }

    /// <summary>A cohort's alive counts as reals, checked.</summary>
    internal static double[] Checked(int[] alive, string paramName)
    {
        var counts = Array.ConvertAll(alive, a => (double)a);
        Check(counts, paramName);
        return counts;
    }

    /// <summary>Checks a cohort's alive counts: at least two, a positive size, never increasing.</summary>
    private static void Check(double[] alive, string paramName)
    {
        if (alive.Length < 2)
        {
            ThrowHelper.Argument(paramName, Guard.Format($"{paramName} needs at least two entries (alive at t = 0 and t = 1), but had {alive.Length}."));
        }

        if (!(alive[0] > 0) || double.IsPositiveInfinity(alive[0]))
        {
            ThrowHelper.ArgumentOutOfRange(paramName, alive[0], Guard.Format($"{paramName}[0] (the cohort size) must be greater than 0, but was {alive[0]}."));
        }

        for (int t = 1; t < alive.Length; t++)
        {
            if (!(alive[t] >= 0))
            {
                ThrowHelper.ArgumentOutOfRange(paramName, alive[t], Guard.Format($"{paramName}[{t}] must be at least 0, but was {alive[t]}."));
            }

            if (alive[t] > alive[t - 1])
            {
                ThrowHelper.ArgumentOutOfRange(paramName, alive[t], Guard.Format(
                    $"{paramName}[{t}] ({alive[t]}) cannot exceed {paramName}[{t - 1}] ({alive[t - 1]}): survivors of a cohort never increase."));
            }
        }

    }

    /// <summary>Fits churn and censoring counts (validated by the caller); throws when they cannot identify the model.</summary>
    internal static FitResult<ShiftedBetaGeometricModel> FitCounts(double[] lost, double[] censored, FitOptions options)
    {
        double churned = 0, total = 0;
        for (int t = 0; t < lost.Length; t++)
        {
            churned += lost[t];
            total += lost[t] + censored[t];
        }

        if (churned == 0)
        {
            throw new ModelFitException(Guard.Format($"sBG fit: nobody of {total} subscribers churned in {lost.Length - 1} periods, so the churn probabilities cannot be estimated."));
        }

        if (lost.Length > 1 && lost[1] == total)
        {
            throw new ModelFitException(Guard.Format($"sBG fit: all {total} subscribers churned in the first period, so the churn probabilities cannot be estimated."));
        }

        return MaximumLikelihood.Fit(new Likelihood(lost, censored, total), options, p => new ShiftedBetaGeometricModel(p[0], p[1]), 0);
    }

    /// <summary>The cohort log-likelihood over log-parameters (ln α, ln β), for <see cref="MaximumLikelihood"/>.</summary>
    private sealed class Likelihood(double[] lost, double[] censored, double total)
        : LikelihoodProblem(ShiftedBetaGeometricModel.ModelName, ["alpha", "beta"], [1, 1], total, lost.Length)
    {
        public override IReadOnlyList<double[]> Starts { get; } = [[1, 1], [0.5, 2], [2, 5]];

        public override double LogLikelihood(ReadOnlySpan<double> theta, Span<double> gradient, CancellationToken cancellationToken)
        {
            double a = Math.Exp(theta[0]), b = Math.Exp(theta[1]);
            double ll = LikelihoodLn(a, b, lost, censored, gradient);
            gradient[0] *= a;
            gradient[1] *= b;
            return ll;
        }
    }
}
