namespace Clv.Internal;

/// <summary>
/// The one fitting pipeline behind every maximum-likelihood fit: validated options, deterministic starts, damped Newton
/// iterations on the log-parameters with a scale-free convergence test, then standard errors and the checks for ridges and
/// boundaries. It returns an estimate with its status, or throws <see cref="ModelFitException"/> saying why no start led to a
/// maximum.
/// </summary>
/// <remarks>
/// <para>The search runs over u = ln(p / p⁰), p⁰ the problem's reference scale, minimising f(u) = −ln L / N + λ Σ u², N the
/// customers. Each iteration differences the analytic gradient for the Hessian H (forward differences, k evaluations), takes
/// the Newton step −H⁻¹g (shifting H towards the identity until it is positive definite, Levenberg-Marquardt style), caps it at
/// a factor of e⁵ per parameter, and backtracks until f decreases enough (Armijo). Within one standard error of the maximum
/// full Newton steps are taken as long as f does not rise beyond rounding, because there f changes by less than its own
/// rounding error on large data.</para>
/// <para>Convergence: the Newton step measured in standard errors, √(N g'H⁻¹g) (the square root of the Newton decrement of the
/// total log-likelihood), is below <see cref="FitOptions.Tolerance"/>. Unlike a test on the gradient's norm it means the same
/// at any number of customers. Parameters stay within a factor e^20 of their reference; a coordinate held at that limit by
/// its gradient is a boundary.</para>
/// </remarks>
internal static class MaximumLikelihood
{
    /// <summary>Search range of u = ln(p / p⁰): p stays within a factor e^20 (about 5 × 10⁸) of its reference scale.</summary>
    public const double Bound = 20;

    /// <summary>Largest change of one log-parameter in one iteration (a factor of e⁵ ≈ 148).</summary>
    private const double MaxStep = 5;

    /// <summary>Length, in log-parameter units, of the probe along the flattest direction (a factor of e⁴ ≈ 55).</summary>
    private const double RidgeProbe = 4;

    /// <summary>A direction is a ridge when moving <see cref="RidgeProbe"/> along it changes ln L by less than this.</summary>
    private const double RidgeDrop = 0.5;

    /// <summary>
    /// The search stops when the total ln L rose by less than this over <see cref="StallIterations"/> iterations: along a ridge the
    /// likelihood creeps towards its supremum without a finite maximum, and the check that follows names the ridge.
    /// </summary>
    private const double StallGain = 1e-6;

    private const int StallIterations = 5;

    /// <summary>Above this many rows a fit starts from the fit on a systematic sample of <see cref="SampleRows"/> rows.</summary>
    private const int SampleAbove = 60_000;

    private const int SampleRows = 20_000;

    /// <summary>Validates the options and reports the start of a fit; call before preparing the data.</summary>
    public static FitOptions Begin(FitOptions? options)
    {
        options = (options ?? FitOptions.Default).Validate();
        options.CancellationToken.ThrowIfCancellationRequested();
        options.Progress?.Report(new FitProgress(FitStage.Preparing, 0, 0));
        return options;
    }

    /// <summary>Maximises the problem's likelihood and wraps the estimate as a fit result of <typeparamref name="TModel"/>.</summary>
    public static FitResult<TModel> Fit<TModel>(LikelihoodProblem problem, FitOptions options, Func<double[], TModel> create, long excluded, IReadOnlyList<string>? warnings = null)
        where TModel : class, IJsonPersistable<TModel>
    {
        var estimate = Maximize(problem, options);
        var parameters = new FittedParameter[problem.Dimension];
        for (int i = 0; i < parameters.Length; i++)
        {
            parameters[i] = new FittedParameter(problem.Names[i], estimate.Parameters[i], estimate.StandardErrors[i]);
        }

        var model = create(estimate.Parameters);
        options.Progress?.Report(new FitProgress(FitStage.Done, 1, estimate.Iterations));
        return new FitResult<TModel>(model, estimate.Status, estimate.Message, estimate.LikelihoodLn, estimate.Iterations, parameters, (long)Math.Round(problem.TotalWeight), excluded, warnings);
    }

    /// <summary>The maximum-likelihood estimate with its status and standard errors.</summary>
    public static Estimate Maximize(LikelihoodProblem problem, FitOptions options)
    {
        var search = new Search(problem, options);
        return search.Run();
    }

    /// <summary>A finished maximisation, in natural parameters.</summary>
    internal sealed record Estimate(
        double[] Parameters,
        double[] StandardErrors,
        double[] LogCovariance,
        double LikelihoodLn,
        int Iterations,
        FitStatus Status,
        string Message);

    private sealed class Search
    {
        private readonly LikelihoodProblem _problem;
        private readonly FitOptions _options;
        private readonly int _k;
        private readonly double[] _lnReference;
        private readonly double _n;
        private readonly CancellationToken _token;
        private int _iterations;
        private double _reported;

        public Search(LikelihoodProblem problem, FitOptions options)
        {
            _problem = problem;
            _options = options;
            _k = problem.Dimension;
            _n = problem.TotalWeight;
            _token = options.CancellationToken;
            _lnReference = new double[_k];
            for (int i = 0; i < _k; i++)
            {
                _lnReference[i] = Math.Log(problem.Reference[i]);
            }
        }

        public Estimate Run()
        {
            // Try the starts in order (the first is the problem's best guess from the data); keep the best finished run. On
            // large data a fit on a sample of the rows comes first: it lands within a few standard errors of the maximum, where
            // Newton needs only a few iterations on all rows.
            var warm = _problem.Rows > SampleAbove ? WarmStart() : null;
            var starts = (warm is null ? _problem.Starts : [warm, .. _problem.Starts]).Select(ToSearch).ToList();

            var best = RunStarts(starts, out var failures);
            if (best is null)
            {
                throw new ModelFitException(Guard.Format(
                    $"{_problem.ModelName} fit did not converge after {_iterations} Newton iterations: {string.Join("; ", failures)}."));
            }

            Report(FitStage.Checking, 0.9);
            return Check(best);
        }

        /// <summary>Newton from the problem's own starts; the best finished run, or null with the reasons.</summary>
        private Outcome? RunStarts(out List<string> failures) => RunStarts([.. _problem.Starts.Select(ToSearch)], out failures);

        private double[] ToSearch(double[] natural)
        {
            var u = new double[_k];
            for (int i = 0; i < _k; i++)
            {
                u[i] = Math.Clamp(Math.Log(natural[i]) - _lnReference[i], -Bound, Bound);
            }

            return u;
        }

        private Outcome? RunStarts(List<double[]> starts, out List<string> failures)
        {
            failures = [];
            Outcome? best = null;
            foreach (var u in starts)
            {
                var outcome = Newton(u);
                if (outcome.Failure is not null)
                {
                    failures.Add(Guard.Format($"from ({Describe(u)}): {outcome.Failure}"));
                    continue;
                }

                if (best is null || outcome.F < best.F)
                {
                    best = outcome;
                }

                if (!outcome.AtBound.Contains(true))
                {
                    break;
                }
            }

            return best;
        }

        /// <summary>The estimate on a sample of the rows, in natural parameters; null when there is none or it fails.</summary>
        private double[]? WarmStart()
        {
            if (_problem.Sample(SampleRows) is not { } sample)
            {
                return null;
            }

            var options = new FitOptions { L2Penalty = _options.L2Penalty, MaxIterations = _options.MaxIterations, Tolerance = 1e-2, CancellationToken = _token };
            try
            {
                var search = new Search(sample, options);
                var best = search.RunStarts(out _);
                _iterations += search._iterations;
                return best is null ? null : [.. best.U.Select((u, i) => Math.Exp(u + search._lnReference[i]))];
            }
            catch (ModelFitException)
            {
                return null;
            }
        }

        /// <summary>
        /// Penalised mean negative log-likelihood at u, gradient into <paramref name="gradient"/>, and (when not empty and the problem
        /// has one) the analytic Hessian into <paramref name="hessian"/>.
        /// </summary>
        private double Evaluate(ReadOnlySpan<double> u, Span<double> gradient, Span<double> hessian = default)
        {
            _token.ThrowIfCancellationRequested();
            Span<double> theta = stackalloc double[_k];
            for (int i = 0; i < _k; i++)
            {
                theta[i] = u[i] + _lnReference[i];
            }

            double lambda = _options.L2Penalty, penalty = 0;
            double ll;
            if (hessian.IsEmpty)
            {
                ll = _problem.LogLikelihood(theta, gradient, _token);
            }
            else
            {
                ll = _problem.LogLikelihood(theta, gradient, hessian, _token);
                for (int i = 0; i < _k; i++)
                {
                    for (int j = 0; j < _k; j++)
                    {
                        hessian[(i * _k) + j] = (-hessian[(i * _k) + j] / _n) + (i == j ? 2 * lambda : 0);
                    }
                }
            }

            for (int i = 0; i < _k; i++)
            {
                penalty += u[i] * u[i];
                gradient[i] = (-gradient[i] / _n) + (2 * lambda * u[i]);
                if (!double.IsFinite(gradient[i]))
                {
                    return double.NaN;
                }
            }

            return (-ll / _n) + (lambda * penalty);
        }

        private Outcome Newton(double[] start)
        {
            int k = _k;
            var u = (double[])start.Clone();
            var g = new double[k];
            double f = Evaluate(u, g);
            if (!double.IsFinite(f))
            {
                return Outcome.Failed("the likelihood cannot be evaluated at the start");
            }

            var h = new double[k * k];
            var trialHessian = new double[k * k];
            bool analytic = _problem.HasHessian, hessianKnown = false;
            var trial = new double[k];
            var trialGradient = new double[k];
            var step = new double[k];
            var atBound = new bool[k];
            double firstDistance = double.NaN, distance = double.NaN;
            var history = new double[StallIterations + 1];
            var index = new int[k];
            var hf = new double[k * k];
            var gf = new double[k];
            var df = new double[k];
            for (int iteration = 0; iteration < _options.MaxIterations; iteration++)
            {
                if (analytic)
                {
                    if (!hessianKnown)
                    {
                        f = Evaluate(u, g, h);
                    }
                }
                else
                {
                    Hessian(u, g, h);
                }

                hessianKnown = false;

                // Coordinates held at the search limit by their gradient are fixed; Newton runs on the others.
                int free = 0;
                for (int i = 0; i < k; i++)
                {
                    atBound[i] = (u[i] >= Bound && g[i] < 0) || (u[i] <= -Bound && g[i] > 0);
                    if (!atBound[i])
                    {
                        index[free++] = i;
                    }
                }

                if (free == 0)
                {
                    return new Outcome(u, f, (bool[])atBound.Clone(), null);
                }

                double largest = 0;
                for (int a = 0; a < free; a++)
                {
                    gf[a] = -g[index[a]];
                    for (int b = 0; b < free; b++)
                    {
                        hf[(a * free) + b] = h[(index[a] * k) + index[b]];
                    }

                    largest = Math.Max(largest, Math.Abs(hf[(a * free) + a]));
                }

                double shift = 0;
                while (!SmallMatrix.TrySolve(hf, free, shift, gf.AsSpan(0, free), df))
                {
                    shift = shift == 0 ? 1e-10 * (1 + largest) : shift * 10;
                    if (shift > 1e12 * (1 + largest))
                    {
                        return Outcome.Failed("the Hessian could not be made positive definite");
                    }
                }

                double decrement = 0;
                for (int a = 0; a < free; a++)
                {
                    decrement += gf[a] * df[a];
                }

                if (shift == 0)
                {
                    distance = Math.Sqrt(Math.Max(decrement, 0) * _n);
                    if (double.IsNaN(firstDistance))
                    {
                        firstDistance = distance;
                    }

                    ReportDistance(firstDistance, distance);
                    if (distance < _options.Tolerance)
                    {
                        return new Outcome(u, f, (bool[])atBound.Clone(), null);
                    }
                }

                // The likelihood no longer rises measurably: a ridge or the limit of double precision.
                history[iteration % history.Length] = f;
                if (iteration >= StallIterations && (history[(iteration - StallIterations) % history.Length] - f) * _n < StallGain)
                {
                    return new Outcome(u, f, (bool[])atBound.Clone(), null) { Stalled = distance };
                }

                double maxAbs = 0;
                for (int a = 0; a < free; a++)
                {
                    maxAbs = Math.Max(maxAbs, Math.Abs(df[a]));
                }

                double cap = maxAbs > MaxStep ? MaxStep / maxAbs : 1;
                Array.Clear(step);
                for (int a = 0; a < free; a++)
                {
                    step[index[a]] = df[a] * cap;
                }

                // Near the maximum f changes by less than its rounding error on large data: trust full Newton steps there.
                bool local = shift == 0 && cap == 1 && distance < 1;
                double noise = 1e-12 * (1 + Math.Abs(f));
                double slope = 0;
                for (int i = 0; i < k; i++)
                {
                    slope += g[i] * step[i];
                }

                bool accepted = false;
                double t = 1, next = double.NaN;
                for (int halving = 0; halving < 60; halving++)
                {
                    for (int i = 0; i < k; i++)
                    {
                        trial[i] = Math.Clamp(u[i] + (t * step[i]), -Bound, Bound);
                    }

                    bool withHessian = analytic && local && t == 1;
                    next = withHessian ? Evaluate(trial, trialGradient, trialHessian) : Evaluate(trial, trialGradient);
                    hessianKnown = withHessian;
                    if (double.IsFinite(next)
                        && (next <= f + (1e-4 * t * slope) || (local && next <= f + noise) || (Math.Abs(t * slope) < noise && next <= f + noise)))
                    {
                        accepted = true;
                        break;
                    }

                    t *= 0.5;
                }

                if (!accepted)
                {
                    return Outcome.Failed(double.IsNaN(distance)
                        ? "no step increased the likelihood"
                        : Guard.Format($"no step increased the likelihood {distance:G3} standard errors from the maximum"));
                }

                _iterations++;
                (u, trial) = (trial, u);
                (g, trialGradient) = (trialGradient, g);
                if (hessianKnown)
                {
                    (h, trialHessian) = (trialHessian, h);
                }

                f = next;
            }

            return Outcome.Failed(Guard.Format($"{_options.MaxIterations} iterations (options.MaxIterations) were not enough; the last step was {distance:G3} standard errors"));
        }

        /// <summary>Forward differences of the analytic gradient (k evaluations), symmetrised.</summary>
        private void Hessian(double[] u, double[] g, double[] h)
        {
            int k = _k;
            Span<double> point = stackalloc double[k];
            Span<double> gj = stackalloc double[k];
            for (int j = 0; j < k; j++)
            {
                u.CopyTo(point);
                double step = 1e-5 * (1 + Math.Abs(u[j]));
                point[j] += step;
                double f = Evaluate(point, gj);
                for (int i = 0; i < k; i++)
                {
                    h[(i * k) + j] = double.IsFinite(f) ? (gj[i] - g[i]) / step : double.NaN;
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
        }

        /// <summary>Standard errors from the Hessian of the total log-likelihood, then the ridge and boundary checks.</summary>
        private Estimate Check(Outcome best)
        {
            int k = _k;
            var theta = new double[k];
            var p = new double[k];
            for (int i = 0; i < k; i++)
            {
                theta[i] = best.U[i] + _lnReference[i];
                p[i] = Math.Exp(theta[i]);
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
                double variance = covariance[(i * k) + i];
                se[i] = definite && variance > 0 ? p[i] * Math.Sqrt(variance) : double.NaN;
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

            var values = new double[k];
            var vectors = new double[k * k];
            SmallMatrix.SymmetricEigen(h, k, values, vectors);
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
                point[i] = theta[i] + (length * v[i]);
            }

            double moved = _problem.LogLikelihood(point, new double[_k], _token);
            return double.IsFinite(moved) ? ll - moved : double.PositiveInfinity;
        }

        private string RidgeMessage(double[] v, double[] p, double drop)
        {
            var involved = Involved(v);
            string moves = string.Join(" and ", involved.Select(i => Guard.Format($"{_problem.Names[i]} {(v[i] > 0 ? "up" : "down")} by a factor of {Math.Exp(RidgeProbe * Math.Abs(v[i])):G2}")));
            return Guard.Format(
                $"Ridge: moving {moves} changes ln L by only {drop:G2}, so the data cannot tell these values apart{Held(involved, v, p)}. Predictions are stable along the ridge; the parameter values along it are not.");
        }

        private string BoundaryMessage(bool[] atBound, double[] u, double[] p)
        {
            var involved = Enumerable.Range(0, _k).Where(i => atBound[i]).ToArray();
            var direction = new double[_k];
            foreach (int i in involved)
            {
                direction[i] = Math.Sign(u[i]);
            }

            string limits = string.Join(" and ", involved.Select(i => Guard.Format($"{_problem.Names[i]} {(u[i] > 0 ? "→ ∞" : "→ 0")} ({_problem.Names[i]} = {p[i]:G3})")));
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
            if (involved.Length != 2)
            {
                return string.Empty;
            }

            int a = involved[0], b = involved[1];
            string na = _problem.Names[a], nb = _problem.Names[b];
            return Math.Sign(v[a]) == Math.Sign(v[b])
                ? Guard.Format($"; their ratio {na}/{nb} = {p[a] / p[b]:G4} is what the data determine")
                : Guard.Format($"; their product {na}·{nb} = {p[a] * p[b]:G4} is what the data determine");
        }

        private string Describe(double[] u) =>
            string.Join(", ", _problem.Names.Select((n, i) => Guard.Format($"{n} {Math.Exp(u[i] + _lnReference[i]):G4}")));

        private void ReportDistance(double first, double distance)
        {
            if (_options.Progress is null)
            {
                return;
            }

            double tolerance = _options.Tolerance;
            double done = first <= tolerance || distance <= tolerance ? 1 : Math.Clamp(Math.Log(first / distance) / Math.Log(first / tolerance), 0, 1);
            Report(FitStage.Optimizing, 0.05 + (0.85 * done));
        }

        private void Report(FitStage stage, double fraction)
        {
            if (_options.Progress is { } progress)
            {
                _reported = Math.Max(_reported, fraction);
                progress.Report(new FitProgress(stage, _reported, _iterations));
            }
        }
    }

    private sealed record Outcome(double[] U, double F, bool[] AtBound, string? Failure)
    {
        /// <summary>When the search stopped because ln L stopped rising: the last measured distance to the maximum, in standard errors.</summary>
        public double? Stalled { get; init; }

        public static Outcome Failed(string why) => new([], double.PositiveInfinity, [], why);
    }
}
