namespace Clv.Internal;

/// <summary>
/// What <see cref="MaximumLikelihood"/> maximises: a model's total log-likelihood over compressed data, as a function of the
/// log-parameters θ = ln p, with its gradient. Each fitted model supplies one; the pipeline does the rest (starts, penalty,
/// Newton iterations, convergence, standard errors, ridge and boundary checks, progress, cancellation).
/// </summary>
internal abstract class LikelihoodProblem
{
    /// <param name="modelName">The model's name in messages ("BG/NBD").</param>
    /// <param name="names">Parameter names in the paper's order.</param>
    /// <param name="reference">Each parameter's natural scale in the data (1 for shapes; a time or money scale for rates and
    /// scales): the centre of the scale-free penalty and of the search range.</param>
    /// <param name="totalWeight">Customers, counting weights (the penalty and the progress are per customer).</param>
    /// <param name="rows">Distinct rows one evaluation passes over.</param>
    /// <param name="coefficients">How many of the parameters, at the end, are real-valued coefficients (covariate effects)
    /// rather than positive parameters: the likelihood takes them as they are, not as logarithms, and their reference is
    /// their natural scale (1 / the covariate's standard deviation), so the search moves them in standard-deviation units.</param>
    protected LikelihoodProblem(string modelName, string[] names, double[] reference, double totalWeight, long rows, int coefficients = 0)
    {
        ModelName = modelName;
        Names = names;
        Reference = reference;
        TotalWeight = totalWeight;
        Rows = rows;
        Coefficients = coefficients;
    }

    public string ModelName { get; }

    public string[] Names { get; }

    public int Dimension => Names.Length;

    public double[] Reference { get; }

    public double TotalWeight { get; }

    public long Rows { get; }

    /// <summary>How many parameters, at the end of <see cref="Names"/>, are real-valued coefficients (θ is the value itself).</summary>
    public int Coefficients { get; }

    /// <summary>Whether parameter <paramref name="index"/> is a real-valued coefficient rather than a positive parameter.</summary>
    public bool IsCoefficient(int index) => index >= Names.Length - Coefficients;

    /// <summary>
    /// The L2 penalty λ on the coefficients: the pipeline maximises ln L − λ Σ γ² (on the total log-likelihood, so it acts like a
    /// normal prior and fades as data grow). The reported ln L is without it. 0 by default.
    /// </summary>
    public double CoefficientPenalty { get; init; }

    /// <summary>Starting points in natural parameters (coefficients as they are); the pipeline tries the one with the highest likelihood first.</summary>
    public abstract IReadOnlyList<double[]> Starts { get; }

    /// <summary>
    /// Total ln L at log-parameters <paramref name="theta"/>, and d ln L / dθ into <paramref name="gradient"/>. Non-finite when the
    /// likelihood cannot be evaluated there. Long passes check <paramref name="cancellationToken"/> every few thousand rows.
    /// </summary>
    public abstract double LogLikelihood(ReadOnlySpan<double> theta, Span<double> gradient, CancellationToken cancellationToken);

    /// <summary>Whether <see cref="LogLikelihood(ReadOnlySpan{double}, Span{double}, Span{double}, CancellationToken)"/> gives an analytic Hessian.</summary>
    public virtual bool HasHessian => false;

    /// <summary>
    /// As <see cref="LogLikelihood(ReadOnlySpan{double}, Span{double}, CancellationToken)"/>, and d² ln L / dθ² into <paramref name="hessian"/>
    /// (k × k, row-major). Only called when <see cref="HasHessian"/>; the pipeline differences the gradient otherwise.
    /// </summary>
    public virtual double LogLikelihood(ReadOnlySpan<double> theta, Span<double> gradient, Span<double> hessian, CancellationToken cancellationToken) =>
        throw new NotSupportedException("This likelihood has no analytic Hessian; check HasHessian first.");

    /// <summary>
    /// The same likelihood over a systematic sample of about <paramref name="rows"/> of the rows (every k-th row of the canonical
    /// order, weights scaled so the total weight is unchanged), or null when the problem cannot be sampled. A fit on it is a cheap,
    /// close starting point for the fit on all rows.
    /// </summary>
    public virtual LikelihoodProblem? Sample(int rows) => null;

    /// <summary>
    /// The work bound of a fit, independent of the clock: at most this many likelihood evaluations over the rows (a fit that
    /// works needs a few dozen; every start, line-search step and finite-difference Hessian counts). Past it the fit throws
    /// <see cref="ModelFitException"/> saying so.
    /// </summary>
    public virtual long EvaluationBound => 4_000;

    /// <summary>
    /// A sentence in the model's own terms about parameters that ran to a boundary together (for example "r/α = 0.31 per
    /// week is held"); null for the generic wording.
    /// </summary>
    public virtual string? DescribeBoundary(ReadOnlySpan<double> estimates, ReadOnlySpan<bool> atBound) => null;
}
