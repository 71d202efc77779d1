using Clv.Internal;

namespace Clv.Probabilistic;

/// <summary>
/// Which time-invariant covariates enter a purchase model's fit, and how: the covariates themselves, the names that shift the
/// purchase process and the dropout process, equality constraints between the two, and an L2 penalty. Pass to the covariate
/// <c>Fit</c> of <see cref="ParetoNbdModel"/>, <see cref="BgNbdModel"/> or <see cref="MbgNbdModel"/>.
/// </summary>
/// <remarks>
/// Parametrisation of Fader and Hardie (2007), "Incorporating time-invariant covariates into the Pareto/NBD and BG/NBD
/// models", and of R CLVTools: the purchase process's scale α_i = α exp(−γ_p'z_i) for every model; the dropout process's
/// β_i = β exp(−γ_d'z_i) for Pareto/NBD, and a_i = a exp(γ_d'z_i), b_i = b exp(γ_d'z_i) for BG/NBD and MBG/NBD. A positive
/// purchase coefficient means more purchases (a smaller α_i); a positive Pareto/NBD dropout coefficient means a shorter
/// lifetime.
/// </remarks>
public sealed class CovariateOptions
{
    /// <summary>Selects covariates from <paramref name="covariates"/>; name them in <see cref="Purchase"/> and <see cref="Dropout"/>.</summary>
    /// <param name="covariates">The covariates, aligned with the customers fitted.</param>
    /// <exception cref="ArgumentNullException"><paramref name="covariates"/> is null.</exception>
    public CovariateOptions(CustomerCovariates covariates)
    {
        ArgumentNullException.ThrowIfNull(covariates);
        Covariates = covariates;
    }

    /// <summary>The covariates, one row per customer of the summaries fitted.</summary>
    public CustomerCovariates Covariates { get; }

    /// <summary>Names of the covariates that shift the purchase process (α_i). Default none.</summary>
    public IReadOnlyList<string> Purchase { get; init; } = [];

    /// <summary>Names of the covariates that shift the dropout process (β_i, or a_i and b_i). Default none.</summary>
    public IReadOnlyList<string> Dropout { get; init; } = [];

    /// <summary>
    /// Names, each in both <see cref="Purchase"/> and <see cref="Dropout"/>, whose effect is constrained to one coefficient shared
    /// by the two processes (reported once, as <c>shared.name</c>). Default none.
    /// </summary>
    public IReadOnlyList<string> Constrained { get; init; } = [];

    /// <summary>
    /// The L2 penalty λ on the coefficients: the fit maximises ln L − λ Σ γ² (the total log-likelihood, so the penalty acts as a
    /// normal prior with variance 1/(2λ) and fades as the data grow). At least 0; default 0 (plain maximum likelihood). The
    /// reported ln L is without the penalty.
    /// </summary>
    public double Regularization { get; init; }

    /// <summary>Checks the options against the customers fitted; errors name the property.</summary>
    internal void Validate(int customers)
    {
        CovariateCoefficients.CheckRowsAndPenalty(Covariates.Count, customers, Regularization);

        CovariateCoefficients.CheckNames(Purchase, "Purchase", Covariates.IndexOf, Covariates.Names);
        CovariateCoefficients.CheckNames(Dropout, "Dropout", Covariates.IndexOf, Covariates.Names);
        CovariateCoefficients.CheckNames(Constrained, "Constrained", Covariates.IndexOf, Covariates.Names);
        if (Purchase.Count + Dropout.Count == 0)
        {
            ThrowHelper.Argument("covariates", "Name at least one covariate in covariates.Purchase or covariates.Dropout.");
        }

        foreach (string name in Constrained)
        {
            if (!Purchase.Contains(name, StringComparer.Ordinal) || !Dropout.Contains(name, StringComparer.Ordinal))
            {
                ThrowHelper.Argument("covariates", Guard.Format($"covariates.Constrained names '{name}', which must be in both covariates.Purchase and covariates.Dropout."));
            }
        }
    }
}
