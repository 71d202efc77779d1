using Clv.Internal;

namespace Clv.Probabilistic;

/// <summary>
/// Glue between a model's log-likelihood over its natural parameters and <see cref="MaximumLikelihood"/>:
/// optimises over log-parameters with the mean negative log-likelihood (plus the optional L2 penalty) so the
/// convergence tolerance does not depend on the population size, then takes standard errors from the Hessian of
/// the total (unpenalised) negative log-likelihood.
/// </summary>
internal static class ModelFitting
{
    /// <summary>
    /// Convergence when the gradient of the mean negative log-likelihood over log-parameters is below this: it moves
    /// the estimate by far less than a standard error at any population size (the likelihood of correlated parameters
    /// such as r and α is too flat for the line search to go much further).
    /// </summary>
    private const double GradientTolerance = 1e-5;

    /// <summary>Total log-likelihood at natural parameters; writes d ln L / d parameter into <c>gradient</c>.</summary>
    public delegate double LogLikelihood(ReadOnlySpan<double> parameters, Span<double> gradient);

    public static FitResult<TModel> Fit<TModel>(
        LogLikelihood logLikelihood,
        double totalWeight,
        string[] names,
        IReadOnlyList<double[]> naturalStarts,
        string modelName,
        FitOptions? options,
        Func<double[], TModel> create,
        long excluded)
        where TModel : class
    {
        options ??= FitOptions.Default;
        Guard.NonNegative(options.L2Penalty, "options.L2Penalty");
        if (options.MaxIterations < 1)
        {
            ThrowHelper.ArgumentOutOfRange("options.MaxIterations", options.MaxIterations, Guard.Format($"options.MaxIterations must be at least 1, but was {options.MaxIterations}."));
        }

        int k = names.Length;
        double lambda = options.L2Penalty;
        double n = totalWeight;
        MaximumLikelihood.Objective mean = (theta, gradient) =>
        {
            Span<double> p = stackalloc double[k];
            for (int i = 0; i < k; i++)
            {
                p[i] = Math.Exp(theta[i]);
            }

            double ll = logLikelihood(p, gradient);
            double penalty = 0;
            for (int i = 0; i < k; i++)
            {
                penalty += p[i] * p[i];
                gradient[i] = ((-gradient[i] / n) + (2 * lambda * p[i])) * p[i];
            }

            return (-ll / n) + (lambda * penalty);
        };
        MaximumLikelihood.Objective total = (theta, gradient) =>
        {
            Span<double> p = stackalloc double[k];
            for (int i = 0; i < k; i++)
            {
                p[i] = Math.Exp(theta[i]);
            }

            double ll = logLikelihood(p, gradient);
            for (int i = 0; i < k; i++)
            {
                gradient[i] = -gradient[i] * p[i];
            }

            return -ll;
        };

        var starts = new List<double[]>(naturalStarts.Count);
        foreach (var s in naturalStarts)
        {
            starts.Add([.. s.Select(v => Math.Log(v))]);
        }

        var outcome = MaximumLikelihood.Minimize(mean, starts, modelName, gradientTolerance: GradientTolerance, maxIterations: options.MaxIterations, progress: options.Progress, cancellationToken: options.CancellationToken);
        var theta = NewtonPolish(mean, outcome.Theta);
        var estimates = theta.Select(t => Math.Exp(t)).ToArray();
        double maxLl = logLikelihood(estimates, new double[k]);
        var se = MaximumLikelihood.StandardErrors(total, theta);
        var parameters = new FittedParameter[k];
        for (int i = 0; i < k; i++)
        {
            parameters[i] = new FittedParameter(names[i], estimates[i], se[i]);
        }

        return new FitResult<TModel>(create(estimates), maxLl, outcome.Iterations, outcome.ConvergenceReason, parameters, (long)Math.Round(n), excluded);
    }

    /// <summary>
    /// A few Newton steps from the BFGS optimum with a Hessian differenced from the analytic gradient: BFGS stops once
    /// the gradient is small, Newton then converges quadratically to the maximum. A step is kept only if it lowers the
    /// objective, so the polish can never make the fit worse.
    /// </summary>
    private static double[] NewtonPolish(MaximumLikelihood.Objective objective, double[] start)
    {
        int k = start.Length;
        var theta = (double[])start.Clone();
        var gradient = new double[k];
        double value = objective(theta, gradient);
        var plus = new double[k];
        var point = new double[k];
        for (int iteration = 0; iteration < 4; iteration++)
        {
            double norm = Math.Sqrt(gradient.Sum(g => g * g));
            if (norm < 1e-10)
            {
                break;
            }

            var h = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(k, k);
            for (int j = 0; j < k; j++)
            {
                // Forward differences of the analytic gradient: k evaluations per step, accurate enough for Newton.
                const double step = 1e-6;
                theta.CopyTo(point, 0);
                point[j] += step;
                objective(point, plus);
                for (int i = 0; i < k; i++)
                {
                    h[i, j] = (plus[i] - gradient[i]) / step;
                }
            }

            double[] delta;
            try
            {
                delta = ((h + h.Transpose()) * 0.5).Cholesky().Solve(MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfArray(gradient)).ToArray();
            }
            catch (ArgumentException)
            {
                break;
            }

            for (int i = 0; i < k; i++)
            {
                point[i] = theta[i] - delta[i];
            }

            double next = objective(point, plus);
            if (!(next <= value))
            {
                break;
            }

            point.CopyTo(theta, 0);
            plus.CopyTo(gradient, 0);
            value = next;
        }

        return theta;
    }

    /// <summary>Checks a model parameter is finite and greater than 0.</summary>
    public static void CheckParameter(double value, string paramName)
    {
        if (!(value > 0) || double.IsPositiveInfinity(value))
        {
            ThrowHelper.ArgumentOutOfRange(paramName, value, Guard.Format($"{paramName} must be a finite number greater than 0, but was {value}."));
        }
    }

    /// <summary>Checks a time unit is defined.</summary>
    public static void CheckUnit(TimeUnit unit, string paramName)
    {
        if (unit is < TimeUnit.Day or > TimeUnit.Year)
        {
            ThrowHelper.ArgumentOutOfRange(paramName, unit, Guard.Format($"{paramName} must be a defined TimeUnit, but was {unit}."));
        }
    }
}
