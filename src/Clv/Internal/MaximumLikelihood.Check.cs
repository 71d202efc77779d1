namespace Clv.Internal;

/// <content>Standard errors, and the checks for ridges and boundaries with the sentences that report them.</content>
internal static partial class MaximumLikelihood
{
    private sealed partial class Search
    {
        /// <summary>Standard errors from the Hessian of the total log-likelihood, then the ridge and boundary checks.</summary>
        private Estimate Check(Outcome best)
        {
            int k = _k;
            var theta = new double[k];
            var p = new double[k];
            for (int i = 0; i < k; i++)
            {
                theta[i] = Theta(i, best.U[i]);
                p[i] = Natural(i, best.U[i]);
            }

            var gradient = new double[k];
            double ll = _problem.LogLikelihood(theta, gradient, _token);

            // The Hessian of -ln L in theta: analytic, or central differences of the gradient.
            var h = new double[k * k];
            var point = new double[k];
            var up = new double[k];
            var down = new double[k];
            if (_problem.HasHessian)
            {
                _problem.LogLikelihood(theta, up, h, _token);
                for (int i = 0; i < h.Length; i++)
                {
                    h[i] = -h[i];
                }
            }

            for (int j = 0; j < k && !_problem.HasHessian; j++)
            {
                double step = 1e-4;
                theta.CopyTo(point, 0);
                point[j] = theta[j] + step;
                _problem.LogLikelihood(point, up, _token);
                point[j] = theta[j] - step;
                _problem.LogLikelihood(point, down, _token);
                for (int i = 0; i < k; i++)
                {
                    h[(i * k) + j] = -(up[i] - down[i]) / (2 * step);
                }
            }

            for (int i = 0; i < k; i++)
            {
                for (int j = i + 1; j < k; j++)
                {
                    double s = 0.5 * (h[(i * k) + j] + h[(j * k) + i]);
                    h[(i * k) + j] = s;
                    h[(j * k) + i] = s;
                }
            }

            var covariance = new double[k * k];
            var se = new double[k];
            bool definite = SmallMatrix.TryInverse(h, k, covariance);
            for (int i = 0; i < k; i++)
            {
                for (int j = i + 1; j < k; j++)
                {
                    // Column-by-column inversion leaves the two halves a rounding apart; a covariance is symmetric to the bit.
                    double s = 0.5 * (covariance[(i * k) + j] + covariance[(j * k) + i]);
                    covariance[(i * k) + j] = s;
                    covariance[(j * k) + i] = s;
                }
            }

            for (int i = 0; i < k; i++)
            {
                double variance = covariance[(i * k) + i];
                se[i] = definite && variance > 0 ? (_problem.IsCoefficient(i) ? 1 : p[i]) * Math.Sqrt(variance) : double.NaN;
            }

            if (!definite)
            {
                Array.Fill(covariance, double.NaN);
            }

            string names = string.Join(", ", _problem.Names.Select((n, i) => Guard.Format($"{n} = {p[i]:G6}")));
            if (best.AtBound.Contains(true))
            {
                return new Estimate(p, se, covariance, ll, _iterations, FitStatus.Boundary, BoundaryMessage(best.AtBound, best.U, p));
            }

            // The ridge check runs in the search coordinates u (coefficients in standard-deviation units), where a unit step means
            // the same for every parameter.
            var hu = new double[k * k];
            for (int i = 0; i < k; i++)
            {
                for (int j = 0; j < k; j++)
                {
                    hu[(i * k) + j] = h[(i * k) + j] * _scale[i] * _scale[j];
                }
            }

            var values = new double[k];
            var vectors = new double[k * k];
            SmallMatrix.SymmetricEigen(hu, k, values, vectors);
            if (values[0] * RidgeProbe * RidgeProbe / 2 < RidgeDrop * 4)
            {
                var v = new double[k];
                for (int i = 0; i < k; i++)
                {
                    v[i] = vectors[(i * k) + 0];
                }

                double dropUp = Drop(theta, v, +RidgeProbe, ll), dropDown = Drop(theta, v, -RidgeProbe, ll);
                if (Math.Min(dropUp, dropDown) < RidgeDrop)
                {
                    if (dropDown < dropUp)
                    {
                        for (int i = 0; i < k; i++)
                        {
                            v[i] = -v[i];
                        }
                    }

                    return new Estimate(p, se, covariance, ll, _iterations, FitStatus.Ridge, RidgeMessage(v, p, Math.Min(dropUp, dropDown)));
                }
            }

            if (!definite || se.Any(e => !double.IsFinite(e)))
            {
                // No curvature to measure: the estimate is not an identified maximum, whatever the search's stopping rule said.
                var unidentified = _problem.Names.Where((_, i) => !double.IsFinite(se[i])).DefaultIfEmpty(string.Join(", ", _problem.Names));
                return new Estimate(p, se, covariance, ll, _iterations, FitStatus.Ridge, Guard.Format(
                    $"Ridge: the information matrix is not positive definite at the estimate, so the data do not identify {string.Join(", ", unidentified)} (no finite standard error) ({names}); the likelihood is flat there, typically because the customers do not vary enough."));
            }

            string message = best.Stalled is { } stalled
                ? Guard.Format($"Converged after {_iterations} Newton iterations: ln L rose by less than {StallGain:G1} over the last {StallIterations}, the last step being {stalled:G2} standard errors ({names}).")
                : Guard.Format($"Converged after {_iterations} Newton iterations to within {_options.Tolerance:G2} standard errors of the maximum ({names}).");
            return new Estimate(p, se, covariance, ll, _iterations, FitStatus.Converged, message);
        }

        private double Drop(double[] theta, double[] v, double length, double ll)
        {
            var point = new double[_k];
            for (int i = 0; i < _k; i++)
            {
                point[i] = theta[i] + (length * v[i] * _scale[i]);
            }

            double moved = _problem.LogLikelihood(point, new double[_k], _token);
            return double.IsFinite(moved) ? ll - moved : double.PositiveInfinity;
        }

        private string RidgeMessage(double[] v, double[] p, double drop)
        {
            var involved = Involved(v);
            string moves = string.Join(" and ", involved.Select(i => _problem.IsCoefficient(i)
                ? Guard.Format($"{_problem.Names[i]} {(v[i] > 0 ? "up" : "down")} by {RidgeProbe * Math.Abs(v[i]) * _scale[i]:G2}")
                : Guard.Format($"{_problem.Names[i]} {(v[i] > 0 ? "up" : "down")} by a factor of {Math.Exp(RidgeProbe * Math.Abs(v[i])):G2}")));
            return Guard.Format(
                $"Ridge: moving {moves} changes ln L by less than {Math.Max(Math.Abs(drop), 1e-6):G2}, so the data cannot tell these values apart{Held(involved, v, p)}. Predictions are stable along the ridge; the parameter values along it are not.");
        }

        private string BoundaryMessage(bool[] atBound, double[] u, double[] p)
        {
            var involved = Enumerable.Range(0, _k).Where(i => atBound[i]).ToArray();
            var direction = new double[_k];
            foreach (int i in involved)
            {
                direction[i] = Math.Sign(u[i]);
            }

            string limits = string.Join(" and ", involved.Select(i => Guard.Format($"{_problem.Names[i]} {(u[i] > 0 ? "→ ∞" : _problem.IsCoefficient(i) ? "→ −∞" : "→ 0")} ({_problem.Names[i]} = {p[i]:G3})")));
            string? specific = _problem.DescribeBoundary(p, atBound);
            return Guard.Format(
                $"Boundary: {limits}: the likelihood keeps rising towards the edge of the parameter range{Held(involved, direction, p)}.{(specific is null ? string.Empty : " " + specific)} Predictions use this limit; the value of a parameter at the limit is arbitrary.");
        }

        /// <summary>The indices that take part in a direction (components at least a third of the largest), largest first.</summary>
        private int[] Involved(double[] v)
        {
            double max = v.Max(Math.Abs);
            return [.. Enumerable.Range(0, _k).Where(i => Math.Abs(v[i]) >= max / 3).OrderByDescending(i => Math.Abs(v[i]))];
        }

        /// <summary>For two parameters moving together, the combination the data still determine.</summary>
        private string Held(int[] involved, double[] v, double[] p)
        {
            if (involved.Length != 2 || _problem.IsCoefficient(involved[0]) || _problem.IsCoefficient(involved[1]))
            {
                return string.Empty;
            }

            int a = involved[0], b = involved[1];
            string na = _problem.Names[a], nb = _problem.Names[b];
            return Math.Sign(v[a]) == Math.Sign(v[b])
                ? Guard.Format($"; their ratio {na}/{nb} = {p[a] / p[b]:G4} is what the data determine")
                : Guard.Format($"; their product {na}·{nb} = {p[a] * p[b]:G4} is what the data determine");
        }
    }
}
