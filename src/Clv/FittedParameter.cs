namespace Clv;

/// <summary>One fitted parameter with its standard error.</summary>
/// <param name="Name">The parameter's name as in the paper (r, alpha, a, b, ...).</param>
/// <param name="Estimate">The maximum-likelihood estimate.</param>
/// <param name="StandardError">
/// Standard error from the inverse Hessian of the negative log-likelihood (delta method from the log-parameter); NaN when the
/// Hessian is not positive definite (see <see cref="FitResult{TModel}.Status"/>).
/// </param>
public readonly record struct FittedParameter(string Name, double Estimate, double StandardError);
