using Clv.Internal;
using MathNet.Numerics.Distributions;

namespace Clv.Probabilistic;

/// <summary>Parameter sets that carry a fit's uncertainty: asymptotic-normal draws of the log-parameters, or Poisson-bootstrap refits.</summary>
internal static class ParameterDraws
{
    /// <summary>The purchase models of every draw (one model, the fitted one, when there is no parameter uncertainty).</summary>
    public static PurchaseModel[] Purchase<TModel>(FitResult<TModel> fit, CustomerSummaries customers, PredictionIntervalOptions options)
        where TModel : PurchaseModel, IJsonPersistable<TModel>
    {
        var random = new Random(options.Seed);
        switch (options.Uncertainty)
        {
            case ParameterUncertainty.Asymptotic:
                return [.. Asymptotic(fit.Model.ParameterValues(), fit.Model.Parameters.Count, fit.LogCovariance, fit.Status, options.Draws, random, "purchases", Names(fit)).Select(fit.Model.WithParameters)];
            case ParameterUncertainty.Bootstrap:
                var statistics = PurchaseStatistics.FromSummaries(customers);
                var samples = new List<PurchaseHistory>[options.Draws];
                for (int d = 0; d < samples.Length; d++)
                {
                    samples[d] = [];
                    for (int i = 0; i < statistics.Count; i++)
                    {
                        var row = statistics[i];
                        int w = Poisson.Sample(random, row.Weight);
                        if (w > 0)
                        {
                            samples[d].Add(row with { Weight = w });
                        }
                    }
                }

                var models = new PurchaseModel[options.Draws];
                var fitOptions = new FitOptions { CancellationToken = options.CancellationToken, Start = fit.Model.ParameterValues() };
                Refits(models.Length, d => models[d] = Refit(fit.Model, PurchaseStatistics.FromHistories(samples[d].ToArray(), customers.TimeUnit), fitOptions), options.CancellationToken);
                return models;
            default:
                return [fit.Model];
        }
    }

    /// <summary>The spend models of every draw, with the same count as the purchase draws.</summary>
    public static GammaGammaModel[] Spend(FitResult<GammaGammaModel> fit, CustomerSummaries customers, PredictionIntervalOptions options)
    {
        // A second stream, so adding a spend fit does not change the purchase draws.
        var random = new Random(options.Seed ^ 0x2545F491);
        var m = fit.Model;
        switch (options.Uncertainty)
        {
            case ParameterUncertainty.Asymptotic:
                return [.. Asymptotic([m.P, m.Q, m.V], 3, fit.LogCovariance, fit.Status, options.Draws, random, "spend", Names(fit)).Select(p => new GammaGammaModel(p[0], p[1], p[2]))];
            case ParameterUncertainty.Bootstrap:
                var statistics = SpendStatistics.FromSummaries(customers);
                var samples = new SpendRows[options.Draws];
                for (int d = 0; d < samples.Length; d++)
                {
                    samples[d] = new SpendRows();
                    for (int i = 0; i < statistics.Count; i++)
                    {
                        var (x, value, weight) = statistics[i];
                        int w = Poisson.Sample(random, weight);
                        if (w > 0)
                        {
                            samples[d].Add(x, value, w);
                        }
                    }
                }

                var models = new GammaGammaModel[options.Draws];
                var fitOptions = new FitOptions { CancellationToken = options.CancellationToken, Start = [m.P, m.Q, m.V] };
                Refits(models.Length, d => models[d] = GammaGammaModel.FitCore(samples[d], 0, fitOptions).Model, options.CancellationToken);
                return models;
            default:
                return [m];
        }
    }

    /// <summary>
    /// Draws θ_d = exp(ln θ̂ + V Λ^(1/2) z_d) with z_d standard normal and Σ = V Λ V' the log-parameter covariance (negative
    /// eigenvalues from rounding clamped at 0). The first <paramref name="logCount"/> estimates are positive parameters drawn on
    /// the log scale; the rest (covariate coefficients) are drawn as they are: γ_d = γ̂ + (V Λ^(1/2) z_d).
    /// </summary>
    /// <remarks>
    /// A positive parameter whose draw leaves the range of doubles (∞ or 0: a log-scale standard deviation in the hundreds,
    /// as along a ridge the data do not pin down) is refused, naming it (<paramref name="names"/>, else its position), rather
    /// than failing later in a model's constructor.
    /// </remarks>
    public static double[][] Asymptotic(double[] estimates, int logCount, IReadOnlyList<double> logCovariance, FitStatus status, int draws, Random random, string what, IReadOnlyList<string>? names = null)
    {
        int k = estimates.Length;
        if (logCovariance.Count != k * k || logCovariance.Any(c => !double.IsFinite(c)))
        {
            ThrowHelper.Argument(what, Guard.Format(
                $"The {what} fit has no finite covariance of its parameters (status {status}), so asymptotic parameter draws are impossible; use ParameterUncertainty.Bootstrap or None, or refit."));
        }

        var values = new double[k];
        var vectors = new double[k * k];
        SmallMatrix.SymmetricEigen(logCovariance.ToArray(), k, values, vectors);
        var result = new double[draws][];
        var z = new double[k];
        for (int d = 0; d < draws; d++)
        {
            for (int j = 0; j < k; j++)
            {
                z[j] = Normal.Sample(random, 0, 1) * Math.Sqrt(Math.Max(values[j], 0));
            }

            var p = new double[k];
            for (int i = 0; i < k; i++)
            {
                double shift = 0;
                for (int j = 0; j < k; j++)
                {
                    shift += vectors[(i * k) + j] * z[j];
                }

                p[i] = i < logCount ? estimates[i] * Math.Exp(shift) : estimates[i] + shift;
                if (i < logCount && !(p[i] > 0 && p[i] < double.PositiveInfinity))
                {
                    string name = names is not null && i < names.Count ? names[i] : Guard.Format($"parameter {i + 1}");
                    ThrowHelper.Argument(what, Guard.Format(
                        $"The {what} fit does not pin down {name} (status {status}): its standard deviation on the log scale is {Math.Sqrt(logCovariance[(i * k) + i]):G3}, so an asymptotic draw of {name} = {estimates[i]:G6} came out as {p[i]:G3}, outside the range of numbers. Use ParameterUncertainty.Bootstrap (refits) or None."));
                }
            }

            result[d] = p;
        }

        return result;
    }

    private static string[] Names<TModel>(FitResult<TModel> fit)
        where TModel : class, IJsonPersistable<TModel> => [.. fit.Parameters.Select(p => p.Name)];

    /// <summary>The covariate models of every draw: asymptotic draws of base log-parameters and coefficients, or bootstrap refits.</summary>
    public static CovariatePurchaseModel[] CovariatePurchase(FitResult<CovariatePurchaseModel> fit, CovariateOptions covariates, CustomerSummaries customers, PredictionIntervalOptions options)
    {
        var random = new Random(options.Seed);
        var model = fit.Model;
        string[] names = [.. fit.Parameters.Select(p => p.Name)];
        int k = model.BaseModel.Parameters.Count;
        switch (options.Uncertainty)
        {
            case ParameterUncertainty.Asymptotic:
                double[] estimates = [.. fit.Parameters.Select(p => p.Estimate)];
                return [.. Asymptotic(estimates, k, fit.LogCovariance, fit.Status, options.Draws, random, "purchases", names).Select(p => WithValues(model, names, p))];
            case ParameterUncertainty.Bootstrap:
                // Customers with a purchase (those the fit used), each drawn Poisson(1) times with its covariate row.
                var data = CovariateLayout.FitData.FromSummaries(customers);
                var source = covariates.Covariates;
                var samples = new (PurchaseHistory[] Histories, CustomerCovariates Covariates)[options.Draws];
                for (int d = 0; d < samples.Length; d++)
                {
                    var histories = new List<PurchaseHistory>();
                    var rows = new List<int>();
                    for (int i = 0; i < data.Histories.Length; i++)
                    {
                        int w = Poisson.Sample(random, data.Histories[i].Weight);
                        if (w > 0)
                        {
                            histories.Add(data.Histories[i] with { Weight = w });
                            rows.Add(data.Row(i));
                        }
                    }

                    var values = new double[rows.Count, source.Names.Count];
                    for (int r = 0; r < rows.Count; r++)
                    {
                        for (int j = 0; j < source.Names.Count; j++)
                        {
                            values[r, j] = source.Value(rows[r], j);
                        }
                    }

                    samples[d] = ([.. histories], CustomerCovariates.Create(source.Names, values));
                }

                var models = new CovariatePurchaseModel[options.Draws];
                var fitOptions = new FitOptions { CancellationToken = options.CancellationToken, Start = [.. fit.Parameters.Select(p => p.Estimate)] };
                Refits(
                    models.Length,
                    d =>
                    {
                        var resampled = new CovariateOptions(samples[d].Covariates)
                        {
                            Purchase = covariates.Purchase,
                            Dropout = covariates.Dropout,
                            Constrained = covariates.Constrained,
                            Regularization = covariates.Regularization,
                        };
                        models[d] = RefitCovariates(model.BaseModel, samples[d].Histories, customers.TimeUnit, resampled, fitOptions);
                    },
                    options.CancellationToken);
                return models;
            default:
                return [model];
        }
    }

    /// <summary>The covariate model with base parameters and coefficients replaced by <paramref name="values"/>, in the order of <paramref name="names"/>.</summary>
    private static CovariatePurchaseModel WithValues(CovariatePurchaseModel model, string[] names, double[] values)
    {
        int k = model.BaseModel.Parameters.Count;
        var byName = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int j = k; j < names.Length; j++)
        {
            byName[names[j]] = values[j];
        }

        double Find(string process, string n) => byName.TryGetValue(process + "." + n, out double v) ? v : byName["shared." + n];
        return new CovariatePurchaseModel(
            model.BaseModel.WithParameters(values[..k]),
            [.. model.PurchaseCovariates.Select(n => new KeyValuePair<string, double>(n, Find("purchase", n)))],
            [.. model.DropoutCovariates.Select(n => new KeyValuePair<string, double>(n, Find("dropout", n)))]);
    }

    /// <summary>
    /// Runs the bootstrap refits over the cores. A refit that fails comes out as the documented <see cref="ModelFitException"/>
    /// naming its draw (the first failing draw, whatever the order the cores ran them in), not inside the thread pool's
    /// <see cref="AggregateException"/>; any other failure is rethrown as it was.
    /// </summary>
    private static void Refits(int count, Action<int> refit, CancellationToken cancellationToken)
    {
        var failures = new ModelFitException?[count];
        try
        {
            Parallel.For(0, count, new ParallelOptions { CancellationToken = cancellationToken }, d =>
            {
                try
                {
                    refit(d);
                }
                catch (ModelFitException e)
                {
                    failures[d] = new ModelFitException(Guard.Format($"Bootstrap refit {d + 1} of {count} failed (the resampled customers cannot identify the model): {e.Message}"), e);
                }
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }

        foreach (var failure in failures)
        {
            if (failure is not null)
            {
                throw failure;
            }
        }
    }

    private static CovariatePurchaseModel RefitCovariates(PurchaseModel baseModel, PurchaseHistory[] histories, TimeUnit unit, CovariateOptions covariates, FitOptions options) => baseModel switch
    {
        BgNbdModel => BgNbdModel.Fit(histories, unit, covariates, options).Model,
        MbgNbdModel => MbgNbdModel.Fit(histories, unit, covariates, options).Model,
        ParetoNbdModel => ParetoNbdModel.Fit(histories, unit, covariates, options).Model,
        _ => throw new NotSupportedException(Guard.Format($"Bootstrap refits are not defined for {baseModel.Name} with covariates.")),
    };

    private static PurchaseModel Refit(PurchaseModel model, PurchaseStatistics statistics, FitOptions options) => model switch
    {
        BgNbdModel => BgNbdModel.Fit(statistics, options).Model,
        MbgNbdModel => MbgNbdModel.Fit(statistics, options).Model,
        ParetoNbdModel => ParetoNbdModel.Fit(statistics, options).Model,
        _ => throw new NotSupportedException(Guard.Format($"Bootstrap refits are not defined for {model.Name}.")),
    };
}
