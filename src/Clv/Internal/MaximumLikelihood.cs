using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace Clv.Internal;

/// <summary>
/// Optimizer glue shared by every fitted model: minimises a negative log-likelihood over log-parameters with
/// MathNet's BFGS and an analytic gradient, from deterministic starts, falling back to another start and then
/// to Nelder-Mead (derivative-free) followed by a BFGS polish. Either returns a converged minimum or throws
/// <see cref="Clv.Probabilistic.ModelFitException"/> saying why.
/// </summary>
internal static class MaximumLikelihood
{
    /// <summary>Negative log-likelihood at log-parameters <c>theta</c>; writes its gradient into <c>gradient</c>.</summary>
    public delegate double Objective(ReadOnlySpan<double> theta, Span<double> gradient);

    /// <summary>The outcome of a successful minimisation, in log-parameters.</summary>
    public sealed record Outcome(double[] Theta, double Value, int Iterations, string ConvergenceReason);

    /// <summary>Minimises <paramref name="objective"/> from each start in turn until one converges.</summary>
    /// <param name="objective">Negative log-likelihood and gradient over log-parameters.</param>
    /// <param name="starts">Deterministic starting points (log-parameters), tried in order.</param>
    /// <param name="modelName">Used in the failure message.</param>
    /// <param name="gradientTolerance">Convergence when the gradient norm (per observation scale) falls below this.</param>
    /// <param name="maxIterations">Iteration cap per attempt.</param>
    /// <param name="progress">Receives the number of likelihood evaluations so far, after each one.</param>
    /// <param name="cancellationToken">Checked before every likelihood evaluation.</param>
    public static Outcome Minimize(Objective objective, IReadOnlyList<double[]> starts, string modelName, double gradientTolerance = 1e-6, int maxIterations = 2000, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.CanBeCanceled || progress is not null)
        {
            var inner = objective;
            int evaluations = 0;
            objective = (theta, gradient) =>
            {
                cancellationToken.ThrowIfCancellationRequested();
                double value = inner(theta, gradient);
                progress?.Report(++evaluations);
                return value;
            };
        }

        var failures = new List<string>();
        Outcome? best = null;
        int totalIterations = 0;
        foreach (var start in starts)
        {
            var attempt = TryBfgs(objective, start, gradientTolerance, maxIterations, failures, ref totalIterations);
            if (attempt is not null && (best is null || attempt.Value < best.Value))
            {
                best = attempt;
            }

            if (best is not null && best.ConvergenceReason != "NotConverged")
            {
                return best with { Iterations = totalIterations };
            }
        }

        // Derivative-free fallback from the best point seen (or the first start), then polish with BFGS.
        var from = best?.Theta ?? starts[0];
        try
        {
            var simplex = new NelderMeadSimplex(1e-10, maxIterations * 5);
            var value = ObjectiveFunction.Value(v =>
            {
                double f = objective(v.ToArray(), new double[v.Count]);
                return double.IsFinite(f) ? f : double.MaxValue;
            });
            var nm = simplex.FindMinimum(value, Vector<double>.Build.DenseOfArray(from));
            totalIterations += nm.Iterations;
            var polished = TryBfgs(objective, nm.MinimizingPoint.ToArray(), gradientTolerance, maxIterations, failures, ref totalIterations);
            if (polished is not null && polished.ConvergenceReason != "NotConverged")
            {
                return polished with { Iterations = totalIterations, ConvergenceReason = "NelderMeadThenBfgs:" + polished.ConvergenceReason };
            }

            failures.Add("Nelder-Mead then BFGS did not reach a point where the gradient vanishes");
        }
        catch (Exception ex) when (ex is MaximumIterationsException or InnerOptimizationException or ArgumentException or ArithmeticException)
        {
            failures.Add("Nelder-Mead: " + ex.Message);
        }

        throw new Clv.Probabilistic.ModelFitException(Guard.Format(
            $"{modelName} fit did not converge after {totalIterations} iterations: {string.Join("; ", failures)}."));
    }

    /// <summary>Standard errors of the natural parameters exp(theta) from the inverse Hessian of the objective (numeric, from the analytic gradient).</summary>
    /// <returns>One standard error per parameter; NaN where the Hessian is not positive definite.</returns>
    public static double[] StandardErrors(Objective objective, ReadOnlySpan<double> theta)
    {
        int n = theta.Length;
        var natural = new double[n];
        for (int i = 0; i < n; i++)
        {
            natural[i] = Math.Exp(theta[i]);
        }

        var h = Matrix<double>.Build.Dense(n, n);
        var plus = new double[n];
        var minus = new double[n];
        var gp = new double[n];
        var gm = new double[n];
        var point = new double[n];
        for (int j = 0; j < n; j++)
        {
            double step = 1e-5 * Math.Max(natural[j], 1e-8);
            natural.CopyTo(point, 0);
            point[j] = natural[j] + step;
            NaturalGradient(objective, point, plus, gp);
            point[j] = natural[j] - step;
            NaturalGradient(objective, point, minus, gm);
            for (int i = 0; i < n; i++)
            {
                h[i, j] = (gp[i] - gm[i]) / (2 * step);
            }
        }

        var sym = (h + h.Transpose()) * 0.5;
        var se = new double[n];
        try
        {
            var chol = sym.Cholesky();
            var inv = chol.Solve(Matrix<double>.Build.DenseIdentity(n));
            for (int i = 0; i < n; i++)
            {
                se[i] = inv[i, i] > 0 ? Math.Sqrt(inv[i, i]) : double.NaN;
            }
        }
        catch (ArgumentException)
        {
            Array.Fill(se, double.NaN);
        }

        return se;
    }

    private static void NaturalGradient(Objective objective, double[] natural, double[] theta, double[] gradient)
    {
        for (int i = 0; i < natural.Length; i++)
        {
            theta[i] = Math.Log(natural[i]);
        }

        objective(theta, gradient);

        // d/d(natural) = d/d(theta) / natural
        for (int i = 0; i < natural.Length; i++)
        {
            gradient[i] /= natural[i];
        }
    }

    private static Outcome? TryBfgs(Objective objective, double[] start, double gradientTolerance, int maxIterations, List<string> failures, ref int totalIterations)
    {
        try
        {
            Func<Vector<double>, (double, Vector<double>)> valueAndGradient = v =>
            {
                var g = new double[v.Count];
                double value = objective(v.ToArray(), g);
                if (!double.IsFinite(value))
                {
                    // Steer the line search away from regions where the likelihood is not finite.
                    value = double.MaxValue / 4;
                    Array.Fill(g, 0);
                }

                return (value, Vector<double>.Build.DenseOfArray(g));
            };
            var f = ObjectiveFunction.Gradient(valueAndGradient);
            var bfgs = new BfgsMinimizer(gradientTolerance, 1e-12, 1e-14, maxIterations);
            var result = bfgs.FindMinimum(f, Vector<double>.Build.DenseOfArray(start));
            totalIterations += result.Iterations;
            var theta = result.MinimizingPoint.ToArray();
            var grad = new double[theta.Length];
            double value = objective(theta, grad);
            if (!double.IsFinite(value) || theta.Any(t => !double.IsFinite(t) || Math.Abs(t) > 40))
            {
                failures.Add(Guard.Format($"BFGS from ({string.Join(", ", start.Select(Math.Exp).Select(x => x.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)))}) diverged"));
                return null;
            }

            double gnorm = Math.Sqrt(grad.Sum(g => g * g));
            string reason = gnorm <= Math.Max(gradientTolerance, 1e-7 * Math.Max(1, Math.Abs(value))) ? result.ReasonForExit.ToString() : "NotConverged";
            if (reason == "NotConverged")
            {
                failures.Add(Guard.Format($"BFGS stopped ({result.ReasonForExit}) with gradient norm {gnorm:G3}"));
            }

            return new Outcome(theta, value, result.Iterations, reason);
        }
        catch (Exception ex) when (ex is MaximumIterationsException or InnerOptimizationException or ArgumentException or ArithmeticException)
        {
            failures.Add("BFGS: " + ex.Message);
            return null;
        }
    }
}
