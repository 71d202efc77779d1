namespace Clv;

/// <summary>One fitted parameter with its standard error.</summary>
/// <param name="Name">The parameter's name as in the paper (r, alpha, a, b, ...), or a covariate coefficient's (<c>purchase.gender</c>).</param>
/// <param name="Estimate">The maximum-likelihood estimate.</param>
/// <param name="StandardError">
/// Standard error from the inverse Hessian of the negative log-likelihood (delta method from the log-parameter for positive
/// parameters; directly for covariate coefficients); NaN when the Hessian is not positive definite (see
/// <see cref="FitResult{TModel}.Status"/>).
/// </param>
public readonly record struct FittedParameter(string Name, double Estimate, double StandardError)
{
    /// <summary>
    /// The Wald statistic <see cref="Estimate"/> / <see cref="StandardError"/>: for a covariate coefficient, the z statistic of
    /// the hypothesis that the covariate has no effect (|z| above 1.96 rejects it at the 5% level). NaN without a standard error.
    /// </summary>
    public double ZStatistic => StandardError > 0 ? Estimate / StandardError : double.NaN;
}
