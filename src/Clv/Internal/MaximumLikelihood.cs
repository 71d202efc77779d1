namespace Clv.Internal;

/// <summary>
/// The one fitting pipeline behind every maximum-likelihood fit: validated options, deterministic starts, damped Newton
/// iterations on the log-parameters with a scale-free convergence test, then standard errors and the checks for ridges and
/// boundaries. It returns an estimate with its status, or throws <see cref="ModelFitException"/> saying why no start led to a
/// maximum.
/// </summary>
/// <remarks>
/// <para>The search runs over u = ln(p / p⁰), p⁰ the problem's reference scale, minimising f(u) = −ln L / N + λ Σ u², N the
/// customers. Each iteration takes the problem's analytic Hessian H, or (without one) differences the analytic gradient once
/// (forward differences, k evaluations) and then updates that H by BFGS along each accepted step (one gradient per iteration), takes
/// the Newton step −H⁻¹g (shifting H towards the identity until it is positive definite, Levenberg-Marquardt style), caps it at
/// a factor of e⁵ per parameter, and backtracks until f decreases enough (Armijo). Within one standard error of the maximum
/// full Newton steps are taken as long as f does not rise beyond rounding, because there f changes by less than its own
/// rounding error on large data.</para>
/// <para>Convergence: the Newton step measured in standard errors, √(N g'H⁻¹g) (the square root of the Newton decrement of the
/// total log-likelihood), is below <see cref="FitOptions.Tolerance"/>. Unlike a test on the gradient's norm it means the same
/// at any number of customers. Parameters stay within a factor e^20 of their reference; a coordinate held at that limit by
/// its gradient is a boundary.</para>
/// </remarks>
internal static partial class MaximumLikelihood
{
    /// <summary>Search range of u = ln(p / p⁰): p stays within a factor e^20 (about 5 × 10⁸) of its reference scale.</summary>
    public const double Bound = 20;

    /// <summary>Largest change of one log-parameter in one iteration (a factor of e⁵ ≈ 148).</summary>
    private const double MaxStep = 5;

    /// <summary>Length, in log-parameter units, of the probe along the flattest direction (a factor of e⁴ ≈ 55).</summary>
    private const double RidgeProbe = 4;

    /// <summary>A direction is a ridge when moving <see cref="RidgeProbe"/> along it changes ln L by less than this.</summary>
    private const double RidgeDrop = 2;

    /// <summary>
    /// The search stops when the total ln L rose by less than this over <see cref="StallIterations"/> iterations: along a ridge the
    /// likelihood creeps towards its supremum without a finite maximum, and the check that follows names the ridge.
    /// </summary>
    private const double StallGain = 1e-6;

    private const int StallIterations = 5;

    /// <summary>Above this many rows a fit starts from the fit on a systematic sample of <see cref="SampleRows"/> rows.</summary>
    private const int SampleAbove = 60_000;

    private const int SampleRows = 20_000;

    /// <summary>Rows of the smaller sample on which every start runs before the best is refined on <see cref="SampleRows"/> rows.</summary>
    private const int ScoutRows = 4_000;

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
        return new FitResult<TModel>(model, estimate.Status, estimate.Message, estimate.LikelihoodLn, estimate.Iterations, parameters, (long)Math.Round(problem.TotalWeight), excluded, warnings, estimate.LogCovariance);
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
}
