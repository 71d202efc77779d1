namespace Clv.Probabilistic;

/// <summary>
/// A fitted model with its fit diagnostics: log-likelihood, information criteria, iterations, how the optimizer
/// stopped, and each parameter's standard error. Immutable.
/// </summary>
/// <typeparam name="TModel">The fitted model type.</typeparam>
public sealed class FitResult<TModel>
    where TModel : class
{
    /// <summary>Creates a fit result.</summary>
    /// <param name="model">The fitted model.</param>
    /// <param name="logLikelihood">The maximised log-likelihood (including any penalty's effect on the estimate, not the penalty itself).</param>
    /// <param name="iterations">Optimizer iterations over all attempts.</param>
    /// <param name="convergenceReason">How the optimizer stopped.</param>
    /// <param name="parameters">The parameters with standard errors, in the paper's order.</param>
    /// <param name="observationCount">Customers (or cohort members) the fit used.</param>
    /// <param name="excludedCount">Customers the fit had to leave out (for example non-repeat customers for Gamma-Gamma).</param>
    public FitResult(TModel model, double logLikelihood, int iterations, string convergenceReason, IReadOnlyList<FittedParameter> parameters, long observationCount, long excludedCount = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(convergenceReason);
        ArgumentNullException.ThrowIfNull(parameters);
        Model = model;
        LogLikelihood = logLikelihood;
        Iterations = iterations;
        ConvergenceReason = convergenceReason;
        Parameters = parameters;
        ObservationCount = observationCount;
        ExcludedCount = excludedCount;
    }

    /// <summary>The fitted model.</summary>
    public TModel Model { get; }

    /// <summary>The maximised log-likelihood.</summary>
    public double LogLikelihood { get; }

    /// <summary>Akaike information criterion: 2k - 2 ln L.</summary>
    public double Aic => (2.0 * Parameters.Count) - (2.0 * LogLikelihood);

    /// <summary>Bayesian information criterion: k ln(n) - 2 ln L, with n = <see cref="ObservationCount"/>.</summary>
    public double Bic => (Parameters.Count * Math.Log(Math.Max(ObservationCount, 1))) - (2.0 * LogLikelihood);

    /// <summary>Optimizer iterations over all attempts.</summary>
    public int Iterations { get; }

    /// <summary>How the optimizer stopped (for example "StrongWolfeCriteria" or "NelderMeadThenBfgs:...").</summary>
    public string ConvergenceReason { get; }

    /// <summary>The parameters with standard errors, in the paper's order.</summary>
    public IReadOnlyList<FittedParameter> Parameters { get; }

    /// <summary>Customers (or cohort members) the fit used, counting weights.</summary>
    public long ObservationCount { get; }

    /// <summary>Customers the fit left out, and why is documented on the fitting method.</summary>
    public long ExcludedCount { get; }
}
