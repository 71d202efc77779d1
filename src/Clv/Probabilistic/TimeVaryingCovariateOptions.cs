using Clv.Internal;

namespace Clv.Probabilistic;

/// <summary>
/// Which time-varying covariates enter a Pareto/NBD fit: the covariates, the names that shift the purchase rate and the dropout
/// rate period by period, and an L2 penalty. Pass to <see cref="ParetoNbdModel.Fit(CustomerSummaries, TimeVaryingCovariateOptions, FitOptions?)"/>.
/// </summary>
/// <remarks>
/// Bachmann, Meierer and Naef (2021), as in R CLVTools' dynamic covariates: in each period a customer's purchase rate is
/// λ exp(γ_p'x(t)) and their dropout rate μ exp(γ_d'z(t)), with λ ~ Gamma(r, α) and μ ~ Gamma(s, β). A positive purchase
/// coefficient means more purchases while the covariate is on; a positive dropout coefficient a higher risk of leaving then.
/// </remarks>
public sealed class TimeVaryingCovariateOptions
{
    /// <summary>Selects covariates from <paramref name="covariates"/>; name them in <see cref="Purchase"/> and <see cref="Dropout"/>.</summary>
    /// <param name="covariates">The covariates, aligned with the customers fitted.</param>
    /// <exception cref="ArgumentNullException"><paramref name="covariates"/> is null.</exception>
    public TimeVaryingCovariateOptions(TimeVaryingCovariates covariates)
    {
        ArgumentNullException.ThrowIfNull(covariates);
        Covariates = covariates;
    }

    /// <summary>The covariates, one row per customer of the summaries fitted.</summary>
    public TimeVaryingCovariates Covariates { get; }

    /// <summary>Names of the covariates that shift the purchase rate. Default none.</summary>
    public IReadOnlyList<string> Purchase { get; init; } = [];

    /// <summary>Names of the covariates that shift the dropout rate. Default none.</summary>
    public IReadOnlyList<string> Dropout { get; init; } = [];

    /// <summary>The L2 penalty λ on the coefficients (ln L − λ Σ γ²); at least 0, default 0. The reported ln L is without it.</summary>
    public double Regularization { get; init; }

    internal void Validate(int customers)
    {
        CovariateCoefficients.CheckRowsAndPenalty(Covariates.Count, customers, Regularization);

        CovariateCoefficients.CheckNames(Purchase, "Purchase", Covariates.IndexOf, Covariates.Names);
        CovariateCoefficients.CheckNames(Dropout, "Dropout", Covariates.IndexOf, Covariates.Names);
        if (Purchase.Count + Dropout.Count == 0)
        {
            ThrowHelper.Argument("covariates", "Name at least one covariate in covariates.Purchase or covariates.Dropout.");
        }
    }
}
