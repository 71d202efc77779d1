using Clv.Internal;

namespace Clv.Probabilistic;

/// <summary>
/// Which time-invariant covariates shift the Gamma-Gamma spend model, and an L2 penalty on their coefficients. Pass to
/// <see cref="GammaGammaModel.Fit(CustomerSummaries, SpendCovariateOptions, FitOptions?)"/>.
/// </summary>
/// <remarks>
/// The spend scale of customer i is v_i = v exp(γ'z_i), so the customer's population mean spend is p v_i / (q − 1)
/// = p v exp(γ'z_i) / (q − 1): a positive coefficient means a higher expected spend per transaction, and exp(γ_j) is the factor
/// by which one unit more of covariate j multiplies it.
/// </remarks>
public sealed class SpendCovariateOptions
{
    /// <summary>Selects covariates from <paramref name="covariates"/>; name them in <see cref="Spend"/>.</summary>
    /// <param name="covariates">The covariates, aligned with the customers fitted.</param>
    /// <exception cref="ArgumentNullException"><paramref name="covariates"/> is null.</exception>
    public SpendCovariateOptions(CustomerCovariates covariates)
    {
        ArgumentNullException.ThrowIfNull(covariates);
        Covariates = covariates;
    }

    /// <summary>The covariates, one row per customer of the summaries fitted.</summary>
    public CustomerCovariates Covariates { get; }

    /// <summary>Names of the covariates that shift the spend scale v_i. Default none; name at least one.</summary>
    public IReadOnlyList<string> Spend { get; init; } = [];

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

        CovariateCoefficients.CheckNames(Spend, "Spend", Covariates.IndexOf, Covariates.Names);
        if (Spend.Count == 0)
        {
            ThrowHelper.Argument("covariates", "Name at least one covariate in covariates.Spend.");
        }
    }
}
