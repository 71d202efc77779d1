using Clv.Internal;
using MathNet.Numerics;

namespace Clv.Probabilistic;

/// <summary>
/// The likelihood-ratio test of a model against a restricted model nested in it (for example a model with covariates against
/// the same model without them): D = 2 (ln L_full − ln L_restricted), compared with a χ² distribution whose degrees of freedom
/// are the extra parameters.
/// </summary>
/// <param name="Statistic">D = 2 (ln L_full − ln L_restricted), at least 0 up to rounding.</param>
/// <param name="DegreesOfFreedom">The number of parameters the full model adds.</param>
/// <param name="PValue">P(χ²_df ≥ D): the probability of a statistic this large if the restriction holds (all extra effects are 0).</param>
public sealed record LikelihoodRatioTest(double Statistic, int DegreesOfFreedom, double PValue)
{
    /// <summary>Tests <paramref name="full"/> against <paramref name="restricted"/>, fitted to the same customers.</summary>
    /// <typeparam name="TRestricted">The restricted model's type.</typeparam>
    /// <typeparam name="TFull">The full model's type.</typeparam>
    /// <param name="restricted">The restricted fit (for example <c>ParetoNbdModel.Fit(customers)</c>).</param>
    /// <param name="full">The full fit (for example <c>ParetoNbdModel.Fit(customers, covariates, null)</c>).</param>
    /// <returns>The statistic, its degrees of freedom and p-value.</returns>
    /// <exception cref="ArgumentNullException">A fit is null.</exception>
    /// <exception cref="ArgumentException">The full fit does not have more parameters, the fits are of different numbers of customers, or a log-likelihood is not finite.</exception>
    /// <remarks>Wilks (1938); valid when the restricted model is the full one with the extra parameters at 0 and the fits are unpenalised.</remarks>
    public static LikelihoodRatioTest Compare<TRestricted, TFull>(FitResult<TRestricted> restricted, FitResult<TFull> full)
        where TRestricted : class, IJsonPersistable<TRestricted>
        where TFull : class, IJsonPersistable<TFull>
    {
        ArgumentNullException.ThrowIfNull(restricted);
        ArgumentNullException.ThrowIfNull(full);
        int df = full.Parameters.Count - restricted.Parameters.Count;
        if (df <= 0)
        {
            ThrowHelper.Argument(nameof(full), Guard.Format($"The full fit has {full.Parameters.Count} parameters and the restricted one {restricted.Parameters.Count}; the full model must add parameters."));
        }

        if (full.ObservationCount != restricted.ObservationCount)
        {
            ThrowHelper.Argument(nameof(full), Guard.Format($"The fits are of {restricted.ObservationCount} and {full.ObservationCount} customers; fit both to the same customers."));
        }

        if (!double.IsFinite(full.LikelihoodLn) || !double.IsFinite(restricted.LikelihoodLn))
        {
            ThrowHelper.Argument(nameof(full), Guard.Format($"A log-likelihood is not finite ({restricted.LikelihoodLn}, {full.LikelihoodLn})."));
        }

        double d = Math.Max(0, 2 * (full.LikelihoodLn - restricted.LikelihoodLn));
        return new LikelihoodRatioTest(d, df, d == 0 ? 1 : SpecialFunctions.GammaUpperRegularized(df / 2.0, d / 2));
    }
}
