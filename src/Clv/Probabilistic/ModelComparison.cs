using Clv.Internal;

namespace Clv.Probabilistic;

/// <summary>
/// Fits the continuous-time repeat-purchase models (BG/NBD, MBG/NBD, Pareto/NBD) to the same calibration data and
/// reports their fit and holdout accuracy side by side, so a model can be chosen on evidence.
/// </summary>
public static class ModelComparison
{
    /// <summary>Compares the models with the default fit options; see <see cref="Compare(CustomerSummaries, FitOptions?)"/>.</summary>
    /// <param name="customers">Calibration summaries, ideally built with a holdout end.</param>
    /// <returns>The comparison.</returns>
    public static ModelComparisonReport Compare(CustomerSummaries customers) => Compare(customers, null);

    /// <summary>
    /// Fits BG/NBD, MBG/NBD and Pareto/NBD to the calibration statistics of <paramref name="customers"/> and, when the
    /// summaries have a holdout period (<see cref="CustomerSummaries.HoldoutLength"/> &gt; 0), validates each fitted
    /// model on it with <see cref="HoldoutValidation.Evaluate"/>. A model whose fit fails is reported with the reason
    /// instead of stopping the comparison.
    /// </summary>
    /// <param name="customers">Calibration summaries (with holdout purchases when built with a holdout end).</param>
    /// <param name="options">Fit options applied to every model; <see cref="FitOptions.Default"/> when null.</param>
    /// <returns>One row per model with log-likelihood, AIC, BIC and holdout errors.</returns>
    public static ModelComparisonReport Compare(CustomerSummaries customers, FitOptions? options)
    {
        ArgumentNullException.ThrowIfNull(customers);
        bool holdout = customers.HoldoutLength > 0;
        long used = 0;
        foreach (ref readonly var c in customers.AsSpan())
        {
            if (c.HasPurchase)
            {
                used++;
            }
        }

        ModelComparisonRow[] rows =
        [
            Row("BG/NBD", () => BgNbdModel.Fit(customers, options), customers, holdout),
            Row("MBG/NBD", () => MbgNbdModel.Fit(customers, options), customers, holdout),
            Row("Pareto/NBD", () => ParetoNbdModel.Fit(customers, options), customers, holdout),
        ];
        return new ModelComparisonReport(rows, used, customers.Count - used);
    }

    /// <summary>
    /// A one-row report of a purchase-model fit already made, in the shape <see cref="Compare(CustomerSummaries, FitOptions?)"/>
    /// returns: for callers that chose their model and want the comparison's table, holdout errors and consumers
    /// (such as Clv.Plots' report) without fitting the other models.
    /// </summary>
    /// <typeparam name="TModel">The fitted model's type.</typeparam>
    /// <param name="fit">The fit, for example <see cref="BgNbdModel.Fit(CustomerSummaries, FitOptions?)"/>'s result.</param>
    /// <param name="customers">The summaries the model was fitted to (with holdout purchases for the holdout errors).</param>
    /// <returns>A report whose only row is the fit; <see cref="ModelComparisonReport.BestByBic"/> is that row.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="fit"/> or <paramref name="customers"/> is null.</exception>
    /// <exception cref="ArgumentException">The model's time unit differs from the summaries'.</exception>
    public static ModelComparisonReport FromFit<TModel>(FitResult<TModel> fit, CustomerSummaries customers)
        where TModel : PurchaseModel, IJsonPersistable<TModel>
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(customers);
        if (fit.Model.TimeUnit != customers.TimeUnit)
        {
            ThrowHelper.Argument(nameof(fit), Guard.Format($"The model is in {fit.Model.TimeUnit}s but the summaries are in {customers.TimeUnit}s."));
        }

        long used = 0;
        foreach (ref readonly var c in customers.AsSpan())
        {
            if (c.HasPurchase)
            {
                used++;
            }
        }

        var report = customers.HoldoutLength > 0 ? HoldoutValidation.Evaluate(fit.Model, customers) : null;
        ModelComparisonRow[] rows = [new(fit.Model.Name, fit.Model, fit.Status, fit.StatusMessage, fit.Parameters, fit.LikelihoodLn, fit.Aic, fit.Bic, report, null)];
        return new ModelComparisonReport(rows, used, customers.Count - used);
    }

    private static ModelComparisonRow Row<TModel>(string name, Func<FitResult<TModel>> fit, CustomerSummaries customers, bool holdout)
        where TModel : PurchaseModel, IJsonPersistable<TModel>
    {
        FitResult<TModel> result;
        try
        {
            result = fit();
        }
        catch (ModelFitException ex)
        {
            return new ModelComparisonRow(name, null, FitStatus.Converged, string.Empty, [], double.NaN, double.NaN, double.NaN, null, ex.Message);
        }

        var report = holdout ? HoldoutValidation.Evaluate(result.Model, customers) : null;
        return new ModelComparisonRow(name, result.Model, result.Status, result.StatusMessage, result.Parameters, result.LikelihoodLn, result.Aic, result.Bic, report, null);
    }
}
