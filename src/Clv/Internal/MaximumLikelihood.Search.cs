namespace Clv.Internal;

/// <content>The search: starts, sampling, evaluation and progress.</content>
internal static partial class MaximumLikelihood
{
    private sealed partial class Search
    {
        private readonly LikelihoodProblem _problem;
        private readonly FitOptions _options;
        private readonly int _k;
        private readonly double[] _lnReference;
        private readonly double[] _scale;        // dθ/du: 1 for positive parameters, the reference for coefficients
        private readonly double[] _penalty;      // per-coordinate penalty on u² in f
        private readonly double _n;
        private readonly CancellationToken _token;
        private int _iterations;
        private long _evaluations;
        private double _reported;

        public Search(LikelihoodProblem problem, FitOptions options)
        {
            _problem = problem;
            _options = options;
            _k = problem.Dimension;
            _n = problem.TotalWeight;
            _token = options.CancellationToken;
            _lnReference = new double[_k];
            _scale = new double[_k];
            _penalty = new double[_k];
            for (int i = 0; i < _k; i++)
            {
                bool coefficient = problem.IsCoefficient(i);
                _lnReference[i] = coefficient ? 0 : Math.Log(problem.Reference[i]);
                _scale[i] = coefficient ? problem.Reference[i] : 1;
                _penalty[i] = coefficient ? problem.CoefficientPenalty * _scale[i] * _scale[i] / _n : options.L2Penalty;
            }
        }

        /// <summary>The problem's parameter θ (a log-parameter, or a coefficient itself) at search coordinate u.</summary>
        private double Theta(int i, double u) => _problem.IsCoefficient(i) ? u * _scale[i] : u + _lnReference[i];

        /// <summary>The natural parameter (a positive value, or a coefficient) at search coordinate u.</summary>
        private double Natural(int i, double u) => _problem.IsCoefficient(i) ? u * _scale[i] : Math.Exp(u + _lnReference[i]);

        public Estimate Run()
        {
            // Try the starts in order (the first is the problem's best guess from the data); keep the best finished run. On
            // large data a fit on a sample of the rows comes first: it lands within a few standard errors of the maximum, where
            // Newton needs only a few iterations on all rows.
            // Likelihoods of these models can have several maxima (MBG/NBD does on sparse data): Newton runs from every start and
            // the highest maximum wins. On large data those runs are on a sample of the rows, and the full data start from the
            // sample's best estimate, within a few standard errors of the maximum, where Newton needs only a few iterations.
            var warm = _options.Start is { } given && given.Length == _problem.Dimension ? given
                : _problem.Rows > SampleAbove ? WarmStart() : null;
            List<string> failures = [];
            Outcome? best = warm is null ? null : RunStarts([ToSearch(warm)], out failures);
            if (best is null)
            {
                best = RunStarts(out var more);
                failures.AddRange(more);
            }

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
                u[i] = Math.Clamp(_problem.IsCoefficient(i) ? natural[i] / _scale[i] : Math.Log(natural[i]) - _lnReference[i], -Bound, Bound);
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
            }

            return best;
        }

        /// <summary>
        /// The estimate on a sample of the rows, in natural parameters; null when there is none or it fails. Every start runs on a
        /// small sample (<see cref="ScoutRows"/> rows) to find the highest maximum; only the best is refined on the larger sample.
        /// </summary>
        private double[]? WarmStart()
        {
            if (_problem.Sample(SampleRows) is not { } sample)
            {
                return null;
            }

            double[]? scouted = _problem.Sample(ScoutRows) is { } scout ? FitSample(scout, null) : null;
            return (scouted is null ? null : FitSample(sample, scouted)) ?? FitSample(sample, null);
        }

        /// <summary>Newton on a sample from <paramref name="start"/> (natural parameters), or from the problem's starts when null.</summary>
        private double[]? FitSample(LikelihoodProblem sample, double[]? start)
        {
            var options = new FitOptions { L2Penalty = _options.L2Penalty, MaxIterations = _options.MaxIterations, Tolerance = 1e-2, CancellationToken = _token };
            try
            {
                var search = new Search(sample, options);
                var best = start is null ? search.RunStarts(out _) : search.RunStarts([search.ToSearch(start)], out _);
                _iterations += search._iterations;
                return best is null ? null : [.. best.U.Select((u, i) => search.Natural(i, u))];
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
            if (++_evaluations > _problem.EvaluationBound)
            {
                throw new ModelFitException(Guard.Format(
                    $"{_problem.ModelName} fit stopped after {_problem.EvaluationBound:N0} likelihood evaluations over {_problem.Rows:N0} distinct rows (the work bound of every fit) and {_iterations} Newton iterations: the search is not closing in on a maximum on these data (a fit that works needs a few dozen evaluations)."));
            }

            Span<double> theta = stackalloc double[_k];
            for (int i = 0; i < _k; i++)
            {
                theta[i] = Theta(i, u[i]);
            }

            double penalty = 0;
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
                        hessian[(i * _k) + j] = (-hessian[(i * _k) + j] * _scale[i] * _scale[j] / _n) + (i == j ? 2 * _penalty[i] : 0);
                    }
                }
            }

            for (int i = 0; i < _k; i++)
            {
                penalty += _penalty[i] * u[i] * u[i];
                gradient[i] = (-gradient[i] * _scale[i] / _n) + (2 * _penalty[i] * u[i]);
                if (!double.IsFinite(gradient[i]))
                {
                    return double.NaN;
                }
            }

            return (-ll / _n) + penalty;
        }

        private string Describe(double[] u) =>
            string.Join(", ", _problem.Names.Select((n, i) => Guard.Format($"{n} {Natural(i, u[i]):G4}")));

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
}
