namespace Clv.Internal;

/// <content>Damped Newton iterations with the scale-free stopping rule.</content>
internal static partial class MaximumLikelihood
{
    private sealed partial class Search
    {
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

            double f0 = f;

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
                else if (!hessianKnown)
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
                    // A Hessian with an infinite or NaN entry (an overflowed gradient) never factors: without the second test the
                    // shift grew to infinity and this loop spun for ever.
                    shift = shift == 0 ? 1e-10 * (1 + largest) : shift * 10;
                    if (!(shift <= 1e12 * (1 + largest)) || double.IsPositiveInfinity(shift))
                    {
                        return Outcome.Failed("the Hessian could not be made positive definite");
                    }
                }

                if (shift > 0 && !analytic)
                {
                    // BFGS updates keep an indefinite matrix indefinite: every later step would be this shifted, gradient-like
                    // creep again (a Pareto/NBD fit on customers who all buy at one rate crept for hundreds of iterations). The
                    // shift becomes part of the matrix the updates start from.
                    for (int a = 0; a < free; a++)
                    {
                        h[(index[a] * k) + index[a]] += shift;
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
                if (!analytic)
                {
                    // Without an analytic Hessian, the differenced one is updated by BFGS along the accepted step (one gradient
                    // instead of k + 1 per iteration); it is differenced afresh when the update would not stay positive definite.
                    hessianKnown = UpdateHessian(h, u, trial, g, trialGradient, step);
                }

                (u, trial) = (trial, u);
                (g, trialGradient) = (trialGradient, g);
                if (hessianKnown && analytic)
                {
                    (h, trialHessian) = (trialHessian, h);
                }

                f = next;
            }

            double rise = (f0 - f) * _n;
            return Outcome.Failed(Guard.Format(
                $"{_options.MaxIterations} iterations (options.MaxIterations) were not enough: ln L rose by {rise:G3} and was still rising at ({Describe(u)}){(rise > 1 ? ", so the likelihood may have no maximum (data without variation drive parameters to infinity)" : string.Empty)}"));
        }

        /// <summary>
        /// The BFGS update of <paramref name="h"/> for the step from <paramref name="u"/> to <paramref name="next"/>; false (and
        /// <paramref name="h"/> left to be differenced again) when the gradient change does not satisfy the curvature condition.
        /// </summary>
        private bool UpdateHessian(double[] h, double[] u, double[] next, double[] g, double[] nextGradient, double[] scratch)
        {
            int k = _k;
            Span<double> s = stackalloc double[k];
            Span<double> y = stackalloc double[k];
            double sy = 0, ss = 0, yy = 0;
            for (int i = 0; i < k; i++)
            {
                s[i] = next[i] - u[i];
                y[i] = nextGradient[i] - g[i];
                sy += s[i] * y[i];
                ss += s[i] * s[i];
                yy += y[i] * y[i];
            }

            if (!(sy > 1e-10 * Math.Sqrt(ss * yy)))
            {
                return false;
            }

            // scratch = H s; sHs = s'H s.
            double sHs = 0;
            for (int i = 0; i < k; i++)
            {
                double sum = 0;
                for (int j = 0; j < k; j++)
                {
                    sum += h[(i * k) + j] * s[j];
                }

                scratch[i] = sum;
                sHs += s[i] * sum;
            }

            if (!(sHs > 0))
            {
                return false;
            }

            for (int i = 0; i < k; i++)
            {
                for (int j = 0; j < k; j++)
                {
                    h[(i * k) + j] += (y[i] * y[j] / sy) - (scratch[i] * scratch[j] / sHs);
                }
            }

            return true;
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
    }

    private sealed record Outcome(double[] U, double F, bool[] AtBound, string? Failure)
    {
        /// <summary>When the search stopped because ln L stopped rising: the last measured distance to the maximum, in standard errors.</summary>
        public double? Stalled { get; init; }

        public static Outcome Failed(string why) => new([], double.PositiveInfinity, [], why);
    }
}
