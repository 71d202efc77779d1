using Clv.Internal;

namespace Clv.Probabilistic;

/// <summary>
/// A purchase model's log-likelihood with time-invariant covariates: customers are grouped by their covariate vector, each group
/// compressed to distinct (x, t_x, T) rows and evaluated by the model's own likelihood at the group's log-parameters
/// θ_g = θ + J_g γ (each coefficient moves the log of α, or of β, or of a and b, by ±z). ln L = Σ_g ln L_g(θ_g), its gradient
/// Σ_g J_g' ∇ln L_g and its Hessian Σ_g J_g' H_g J_g, so the model's analytic derivatives carry over unchanged.
/// </summary>
/// <remarks>
/// Groups are summed in a fixed order (sorted by covariate vector), so the result does not depend on input order or core count.
/// Fader and Hardie (2007), "Incorporating time-invariant covariates into the Pareto/NBD and BG/NBD models".
/// </remarks>
internal sealed class CovariateLikelihood : LikelihoodProblem
{
    private const int Base = 4;

    private readonly Func<HistoryRows, LikelihoodProblem> _inner;
    private readonly Group[] _groups;
    private readonly Effect[][] _effects; // per coefficient: the base log-parameters it moves and with which sign
    private readonly IReadOnlyList<double[]> _starts;

    /// <param name="modelName">The base model's name.</param>
    /// <param name="names">Base parameter names, then coefficient names.</param>
    /// <param name="reference">Base references, then each coefficient's natural scale (1 / the covariate's standard deviation).</param>
    /// <param name="effects">Per coefficient, the base log-parameters it moves.</param>
    /// <param name="groups">Covariate groups in canonical order.</param>
    /// <param name="inner">The base model's likelihood over one group's rows (no data checks: a group may lack repeat purchases).</param>
    /// <param name="starts">Starting points in natural parameters.</param>
    public CovariateLikelihood(string modelName, string[] names, double[] reference, Effect[][] effects, Group[] groups, Func<HistoryRows, LikelihoodProblem> inner, IReadOnlyList<double[]> starts)
        : base(modelName, names, reference, groups.Sum(g => g.Problem.TotalWeight), groups.Sum(g => g.Problem.Rows), effects.Length)
    {
        _effects = effects;
        _groups = groups;
        _inner = inner;
        _starts = starts;
        HasHessian = groups.All(g => g.Problem.HasHessian);
    }

    public override IReadOnlyList<double[]> Starts => _starts;

    public override bool HasHessian { get; }

    public override LikelihoodProblem? Sample(int rows)
    {
        int step = (int)Math.Max(1, Rows / Math.Max(1, rows));
        if (step == 1)
        {
            return null;
        }

        var groups = _groups.Select(g =>
        {
            var rows = g.Rows.Sample(step);
            return new Group(g.Z, _inner(rows), rows);
        }).ToArray();
        return new CovariateLikelihood(ModelName, Names, Reference, _effects, groups, _inner, _starts) { CoefficientPenalty = CoefficientPenalty };
    }

    public override double LogLikelihood(ReadOnlySpan<double> theta, Span<double> gradient, CancellationToken cancellationToken) =>
        Evaluate(theta, gradient, default, cancellationToken);

    public override double LogLikelihood(ReadOnlySpan<double> theta, Span<double> gradient, Span<double> hessian, CancellationToken cancellationToken) =>
        Evaluate(theta, gradient, hessian, cancellationToken);

    private double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient, Span<double> hessian, CancellationToken cancellationToken)
    {
        int k = Dimension, g = _groups.Length;
        bool second = !hessian.IsEmpty;
        var values = new double[g];
        var gradients = new double[g * Base];
        var hessians = second ? new double[g * Base * Base] : [];
        var thetas = new double[g * Base];
        for (int i = 0; i < g; i++)
        {
            GroupTheta(theta, _groups[i].Z, thetas.AsSpan(i * Base, Base));
        }

        void Run(int i)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            var problem = _groups[i].Problem;
            var at = thetas.AsSpan(i * Base, Base);
            values[i] = second
                ? problem.LogLikelihood(at, gradients.AsSpan(i * Base, Base), hessians.AsSpan(i * Base * Base, Base * Base), cancellationToken)
                : problem.LogLikelihood(at, gradients.AsSpan(i * Base, Base), cancellationToken);
        }

        if (g < 8)
        {
            for (int i = 0; i < g; i++)
            {
                Run(i);
            }
        }
        else
        {
            Parallel.For(0, g, Run);
        }

        cancellationToken.ThrowIfCancellationRequested();
        gradient[..k].Clear();
        if (second)
        {
            hessian[..(k * k)].Clear();
        }

        // J_g (Base × k): the identity on the base parameters, then ±z for each coefficient's effects.
        Span<double> jacobian = stackalloc double[Base * k];
        double total = 0;
        for (int i = 0; i < g; i++)
        {
            total += values[i];
            if (!double.IsFinite(values[i]))
            {
                continue;
            }

            Jacobian(_groups[i].Z, jacobian);
            var gi = gradients.AsSpan(i * Base, Base);
            for (int c = 0; c < k; c++)
            {
                double s = 0;
                for (int b = 0; b < Base; b++)
                {
                    s += jacobian[(b * k) + c] * gi[b];
                }

                gradient[c] += s;
            }

            if (second)
            {
                var hi = hessians.AsSpan(i * Base * Base, Base * Base);
                for (int c = 0; c < k; c++)
                {
                    for (int d = c; d < k; d++)
                    {
                        double s = 0;
                        for (int b = 0; b < Base; b++)
                        {
                            double jb = jacobian[(b * k) + c];
                            if (jb == 0)
                            {
                                continue;
                            }

                            for (int e = 0; e < Base; e++)
                            {
                                s += jb * hi[(b * Base) + e] * jacobian[(e * k) + d];
                            }
                        }

                        hessian[(c * k) + d] += s;
                    }
                }
            }
        }

        if (second)
        {
            for (int c = 0; c < k; c++)
            {
                for (int d = 0; d < c; d++)
                {
                    hessian[(c * k) + d] = hessian[(d * k) + c];
                }
            }
        }

        return total;
    }

    private void GroupTheta(ReadOnlySpan<double> theta, double[] z, Span<double> destination)
    {
        theta[..Base].CopyTo(destination);
        for (int j = 0; j < _effects.Length; j++)
        {
            double gamma = theta[Base + j];
            foreach (var effect in _effects[j])
            {
                destination[effect.Parameter] += effect.Sign * gamma * z[j];
            }
        }
    }

    private void Jacobian(double[] z, Span<double> jacobian)
    {
        int k = Dimension;
        jacobian.Clear();
        for (int b = 0; b < Base; b++)
        {
            jacobian[(b * k) + b] = 1;
        }

        for (int j = 0; j < _effects.Length; j++)
        {
            foreach (var effect in _effects[j])
            {
                jacobian[(effect.Parameter * k) + Base + j] += effect.Sign * z[j];
            }
        }
    }

    /// <summary>A coefficient's effect on one base log-parameter: θ_b += sign · γ · z.</summary>
    internal readonly record struct Effect(int Parameter, int Sign);

    /// <summary>Customers sharing one covariate vector (z per coefficient), their rows and the base likelihood over them.</summary>
    internal sealed record Group(double[] Z, LikelihoodProblem Problem, HistoryRows Rows);
}
