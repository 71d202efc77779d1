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
                return [.. Asymptotic(fit.Model.ParameterValues(), fit.LogCovariance, fit.Status, options.Draws, random, "purchases").Select(fit.Model.WithParameters)];
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
                var fitOptions = new FitOptions { CancellationToken = options.CancellationToken };
                Parallel.For(0, models.Length, new ParallelOptions { CancellationToken = options.CancellationToken }, d =>
                    models[d] = Refit(fit.Model, PurchaseStatistics.FromHistories(samples[d].ToArray(), customers.TimeUnit), fitOptions));
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
                return [.. Asymptotic([m.P, m.Q, m.V], fit.LogCovariance, fit.Status, options.Draws, random, "spend").Select(p => new GammaGammaModel(p[0], p[1], p[2]))];
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
                var fitOptions = new FitOptions { CancellationToken = options.CancellationToken };
                Parallel.For(0, models.Length, new ParallelOptions { CancellationToken = options.CancellationToken }, d =>
                    models[d] = GammaGammaModel.FitCore(samples[d], 0, fitOptions).Model);
                return models;
            default:
                return [m];
        }
    }

    /// <summary>
    /// Draws θ_d = exp(ln θ̂ + V Λ^(1/2) z_d) with z_d standard normal and Σ = V Λ V' the log-parameter covariance (negative
    /// eigenvalues from rounding clamped at 0).
    /// </summary>
    public static double[][] Asymptotic(double[] estimates, IReadOnlyList<double> logCovariance, FitStatus status, int draws, Random random, string what)
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

                p[i] = estimates[i] * Math.Exp(shift);
            }

            result[d] = p;
        }

        return result;
    }

    private static PurchaseModel Refit(PurchaseModel model, PurchaseStatistics statistics, FitOptions options) => model switch
    {
        BgNbdModel => BgNbdModel.Fit(statistics, options).Model,
        MbgNbdModel => MbgNbdModel.Fit(statistics, options).Model,
        ParetoNbdModel => ParetoNbdModel.Fit(statistics, options).Model,
        _ => throw new NotSupportedException(Guard.Format($"Bootstrap refits are not defined for {model.Name}.")),
    };
}
