using Clv.Internal;

namespace Clv.Probabilistic;

/// <summary>
/// The sBG cohort likelihood and its fit (Fader and Hardie 2007, eq. 7): lost customers contribute ln P(T = t), the
/// survivors ln S(t), both by recursion with their derivatives in (α, β).
/// </summary>
internal static class ShiftedBetaGeometricLikelihood
{
    /// <summary>The cohort log-likelihood at (α, β) for alive counts (real-valued).</summary>
    internal static double LikelihoodLn(double alpha, double beta, ReadOnlySpan<double> alive, Span<double> gradient)
    {
        // ln S(t) and ln P(t) by recursion, with derivatives in (alpha, beta).
        double lnS = 0, dSa = 0, dSb = 0, ll = 0, ga = 0, gb = 0;
        for (int t = 1; t < alive.Length; t++)
        {
            double lost = alive[t - 1] - alive[t];
            double den = alpha + beta + t - 1;
            if (lost > 0)
            {
                ll += lost * (lnS + Math.Log(alpha / den));
                ga += lost * (dSa + (1 / alpha) - (1 / den));
                gb += lost * (dSb - (1 / den));
            }

            lnS += Math.Log((beta + t - 1) / den);
            dSa -= 1 / den;
            dSb += (1 / (beta + t - 1)) - (1 / den);
        }

        double survivors = alive[^1];
        if (survivors > 0)
        {
            ll += survivors * lnS;
            ga += survivors * dSa;
            gb += survivors * dSb;
        }

        if (gradient.Length == 2)
        {
            gradient[0] = ga;
            gradient[1] = gb;
        }

        return ll;
    }

    internal static FitResult<ShiftedBetaGeometricModel> Fit(double[] alive, string paramName, FitOptions? options)
    {
        options = MaximumLikelihood.Begin(options);
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

        if (alive[^1] == alive[0])
        {
            throw new ModelFitException(Guard.Format($"sBG fit: nobody in the cohort of {alive[0]} churned in {alive.Length - 1} periods, so the churn probabilities cannot be estimated."));
        }

        if (alive[1] == 0)
        {
            throw new ModelFitException(Guard.Format($"sBG fit: the whole cohort of {alive[0]} churned in the first period, so the churn probabilities cannot be estimated."));
        }

        return MaximumLikelihood.Fit(new Likelihood(alive), options, p => new ShiftedBetaGeometricModel(p[0], p[1]), 0);
    }

    /// <summary>The cohort log-likelihood over log-parameters (ln α, ln β), for <see cref="MaximumLikelihood"/>.</summary>
    private sealed class Likelihood(double[] alive)
        : LikelihoodProblem(ShiftedBetaGeometricModel.ModelName, ["alpha", "beta"], [1, 1], alive[0], alive.Length)
    {
        public override IReadOnlyList<double[]> Starts { get; } = [[1, 1], [0.5, 2], [2, 5]];

        public override double LogLikelihood(ReadOnlySpan<double> theta, Span<double> gradient, CancellationToken cancellationToken)
        {
            double a = Math.Exp(theta[0]), b = Math.Exp(theta[1]);
            double ll = LikelihoodLn(a, b, alive, gradient);
            gradient[0] *= a;
            gradient[1] *= b;
            return ll;
        }
    }
}
