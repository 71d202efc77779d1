using Clv.Internal;

namespace Clv.Probabilistic;

/// <content>Intervals under a model with time-invariant covariates: each customer's draws use its own covariates.</content>
public static partial class PredictionIntervals
{
    /// <summary>
    /// Computes the intervals of every customer under a purchase model with time-invariant covariates (Fader &amp; Hardie 2007).
    /// The draws cover the base parameters and the coefficients together: asymptotic draws from <see cref="FitResult{TModel}.LogCovariance"/>
    /// (log-parameters on the log scale, coefficients as they are), or Poisson-bootstrap refits of the covariate model over the
    /// customers with a purchase, each carrying its covariate row. Each customer's P(alive), expected purchases and CLV in a draw
    /// come from that draw's model for the customer's covariates; the count interval from the fitted model's.
    /// </summary>
    /// <param name="purchases">The covariate model's fit (from the covariate <c>Fit</c> of <see cref="ParetoNbdModel"/>, <see cref="BgNbdModel"/> or <see cref="MbgNbdModel"/>).</param>
    /// <param name="covariates">The covariate options the model was fitted with: their <see cref="CovariateOptions.Covariates"/> hold one row per customer of <paramref name="customers"/>.</param>
    /// <param name="spend">The spend model's fit, for CLV intervals; null to leave CLV out.</param>
    /// <param name="customers">The customers, in the model's time unit (for <see cref="ParameterUncertainty.Bootstrap"/>, the summaries the models were fitted to).</param>
    /// <param name="time">The horizon t of the purchase predictions, in the model's unit (at least 0).</param>
    /// <param name="options">Level, draws, seed and CLV terms; <see cref="PredictionIntervalOptions.Default"/> when null.</param>
    /// <returns>One row per customer, in order.</returns>
    /// <remarks>
    /// Customers sharing a covariate vector share their draws' models, so the cost grows with the number of distinct covariate
    /// vectors: categorical covariates (segments, channels, regions) are cheap; a continuous covariate gives every customer its own.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="purchases"/>, <paramref name="covariates"/> or <paramref name="customers"/> is null.</exception>
    /// <exception cref="ArgumentException">The covariates do not have one row per customer or lack a covariate of the model; the summaries are in another unit than the model; or asymptotic draws were asked for but a fit has no finite covariance or a parameter drawn outside the range of numbers.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="time"/> or an option is out of range.</exception>
    /// <exception cref="ModelFitException">A <see cref="ParameterUncertainty.Bootstrap"/> refit fails (a resample that cannot identify the model, as with few repeat buyers); the message names the draw.</exception>
    public static PredictionIntervalReport Compute(FitResult<CovariatePurchaseModel> purchases, CovariateOptions covariates, FitResult<GammaGammaModel>? spend, CustomerSummaries customers, double time, PredictionIntervalOptions? options)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        ArgumentNullException.ThrowIfNull(covariates);
        ArgumentNullException.ThrowIfNull(customers);
        Guard.NonNegative(time);
        var model = purchases.Model;
        var table = covariates.Covariates;
        if (table.Count != customers.Count)
        {
            ThrowHelper.Argument(nameof(covariates), Guard.Format($"The covariates have {table.Count} rows but the summaries have {customers.Count} customers."));
        }

        if (customers.TimeUnit != model.BaseModel.TimeUnit)
        {
            ThrowHelper.Argument(nameof(customers), Guard.Format($"The summaries are in {customers.TimeUnit}s but the model is in {model.BaseModel.TimeUnit}s; build the summaries in the model's unit."));
        }

        int[] purchaseColumns = CovariateCoefficients.Columns(table, model.PurchaseCovariates);
        int[] dropoutColumns = CovariateCoefficients.Columns(table, model.DropoutCovariates);
        options = (options ?? PredictionIntervalOptions.Default).Validate();
        var models = ParameterDraws.CovariatePurchase(purchases, covariates, customers, options);
        var spends = spend is null ? null : ParameterDraws.Spend(spend, customers, options);

        // Customers grouped by their covariate vector (purchase columns, then dropout columns); each group is one ordinary run.
        var groups = new Dictionary<double[], List<int>>(new CovariateLayout.VectorComparer());
        var key = new double[purchaseColumns.Length + dropoutColumns.Length];
        for (int i = 0; i < customers.Count; i++)
        {
            for (int j = 0; j < purchaseColumns.Length; j++)
            {
                key[j] = table.Value(i, purchaseColumns[j]);
            }

            for (int j = 0; j < dropoutColumns.Length; j++)
            {
                key[purchaseColumns.Length + j] = table.Value(i, dropoutColumns[j]);
            }

            if (!groups.TryGetValue(key, out var members))
            {
                members = [];
                groups[(double[])key.Clone()] = members;
            }

            members.Add(i);
        }

        var rows = new PredictionIntervalRow[customers.Count];
        foreach (var (vector, members) in groups)
        {
            options.CancellationToken.ThrowIfCancellationRequested();
            var p = vector.AsSpan(0, purchaseColumns.Length);
            var d = vector.AsSpan(purchaseColumns.Length);
            var point = model.ForCustomer(p, d);
            var draws = new PurchaseModel[models.Length];
            for (int m = 0; m < draws.Length; m++)
            {
                draws[m] = models[m].ForCustomer(p, d);
            }

            new Work(point, draws, spends, customers, time, options).Run([.. members], rows);
        }

        return new PredictionIntervalReport(rows, options.Level, models.Length, options.Uncertainty, time, model.BaseModel.TimeUnit, spend is null ? null : options.Clv);
    }
}
