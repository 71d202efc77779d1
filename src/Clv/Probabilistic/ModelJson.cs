using Clv.Internal;

namespace Clv.Probabilistic;

/// <summary>
/// Saves and loads any probabilistic model as versioned JSON and gives back the right type: the model chosen by
/// <see cref="ModelComparison"/> (a <see cref="PurchaseModel"/>) is saved and loaded without the caller knowing which it was.
/// </summary>
/// <remarks>
/// The format is each model's own <c>ToJson</c> (<c>{"model": "BG/NBD", "version": 1, ...}</c>); <see cref="Load(string)"/>
/// reads the <c>"model"</c> field and calls that type's <c>FromJson</c>. Fit results (<see cref="FitResult{TModel}.ToJson"/>)
/// load as their model. RFM cut points, segment maps and lifecycle policies use the same format and load with their own
/// <c>FromJson</c>.
/// </remarks>
public static class ModelJson
{
    /// <summary>The <c>"model"</c> names this class loads, with their types.</summary>
    public static IReadOnlyList<string> ModelNames { get; } = ["BG/NBD", "MBG/NBD", "Pareto/NBD", "Gamma-Gamma", "BG/BB", "sBG", "BG/NBD with covariates", "MBG/NBD with covariates", "Pareto/NBD with covariates", "Gamma-Gamma with covariates", "Normal-Normal", "Pareto/NBD with time-varying covariates"];

    /// <summary>Writes a model as versioned JSON (the model's own <c>ToJson</c>).</summary>
    /// <param name="model">The model: any <see cref="PurchaseModel"/>, <see cref="GammaGammaModel"/>, <see cref="BetaGeoBetaBinomModel"/> or <see cref="ShiftedBetaGeometricModel"/>.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    public static string Save(IJsonPersistable model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.ToJson();
    }

    /// <summary>Reads any probabilistic model written by <see cref="Save"/> (or by a model's or fit result's <c>ToJson</c>).</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The model, of its own type (<see cref="BgNbdModel"/>, <see cref="GammaGammaModel"/>, ...).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="FormatException">The text has no <c>"model"</c> field naming one of <see cref="ModelNames"/>, or the model's JSON is invalid; the message names the field.</exception>
    public static IJsonPersistable Load(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        string? name = JsonFormat.ModelName(json);
        return name switch
        {
            "BG/NBD" => BgNbdModel.FromJson(json),
            "MBG/NBD" => MbgNbdModel.FromJson(json),
            "Pareto/NBD" => ParetoNbdModel.FromJson(json),
            "Gamma-Gamma" => GammaGammaModel.FromJson(json),
            "BG/BB" => BetaGeoBetaBinomModel.FromJson(json),
            "sBG" => ShiftedBetaGeometricModel.FromJson(json),
            "Gamma-Gamma with covariates" => CovariateSpendModel.FromJson(json),
            "Normal-Normal" => NormalNormalModel.FromJson(json),
            "Pareto/NBD with time-varying covariates" => TimeVaryingParetoNbdModel.FromJson(json),
            _ when name?.EndsWith(" with covariates", StringComparison.Ordinal) == true => CovariatePurchaseModel.FromJson(json),
            null => throw new FormatException("Cannot read a model: the text is not a JSON object with a string field \"model\"."),
            _ => throw new FormatException(Guard.Format($"Cannot read a model: field \"model\" is \"{name}\", expected one of {string.Join(", ", ModelNames)}.")),
        };
    }

    /// <summary>Reads a model written by <see cref="Save"/> as <typeparamref name="TModel"/> (for example <see cref="PurchaseModel"/>).</summary>
    /// <typeparam name="TModel">The type expected: a model type or a base such as <see cref="PurchaseModel"/>.</typeparam>
    /// <param name="json">The JSON text.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="FormatException">The text is not a model's JSON, or the model is not a <typeparamref name="TModel"/>.</exception>
    public static TModel Load<TModel>(string json)
        where TModel : class
    {
        var model = Load(json);
        return model as TModel ?? throw new FormatException(Guard.Format($"Cannot read a {typeof(TModel).Name}: the JSON holds a {model.GetType().Name} (\"model\": \"{JsonFormat.ModelName(json)}\")."));
    }
}
