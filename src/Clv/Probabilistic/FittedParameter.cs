namespace Clv.Probabilistic;

/// <summary>One fitted parameter with its standard error.</summary>
/// <param name="Name">The parameter's name as in the paper (r, alpha, a, b, ...).</param>
/// <param name="Estimate">The maximum-likelihood estimate.</param>
/// <param name="StandardError">Standard error from the inverse Hessian of the negative log-likelihood; NaN when the Hessian is not positive definite.</param>
public readonly record struct FittedParameter(string Name, double Estimate, double StandardError);
