using System.Text.Json;
using Clv.Internal;

namespace Clv;

/// <summary>
/// A fitted model with its fit diagnostics: what kind of maximum was found (<see cref="Status"/>, with a sentence when it is not
/// a plain interior maximum), log-likelihood, information criteria, iterations and each parameter's standard error. Immutable;
/// persists with <see cref="ToJson"/> and <see cref="FromJson"/>.
/// </summary>
/// <typeparam name="TModel">The fitted model type.</typeparam>
/// <remarks>
/// Every model's static <c>Fit</c> returns one (<c>BgNbdModel.Fit</c>, <c>GammaGammaModel.Fit</c>, <c>RfmCutPoints.Fit</c>, ...).
/// For fits that are not by maximum likelihood (RFM cut points are population quantiles) the likelihood members are NaN,
/// <see cref="Iterations"/> is 0 and <see cref="Parameters"/> is empty.
/// </remarks>
public sealed class FitResult<TModel> : IJsonPersistable<FitResult<TModel>>
    where TModel : class, IJsonPersistable<TModel>
{
    internal FitResult(
        TModel model,
        FitStatus status,
        string statusMessage,
        double likelihoodLn,
        int iterations,
        IReadOnlyList<FittedParameter> parameters,
        long observationCount,
        long excludedCount,
        IReadOnlyList<string>? warnings = null,
        double[]? logCovariance = null)
    {
        LogCovariance = logCovariance ?? [];
        Model = model;
        Status = status;
        StatusMessage = statusMessage;
        LikelihoodLn = likelihoodLn;
        Iterations = iterations;
        Parameters = parameters;
        ObservationCount = observationCount;
        ExcludedCount = excludedCount;
        Warnings = warnings ?? [];
    }

    /// <summary>The fitted model.</summary>
    public TModel Model { get; }

    /// <summary>
    /// The asymptotic covariance of the log-parameters (ln of each of <see cref="Parameters"/>, in order; covariate coefficients as
    /// they are), k × k in row-major order:
    /// the inverse of the observed information at the maximum. All NaN when the maximum is not identified (see
    /// <see cref="Status"/>); empty for results that are not likelihood fits. It drives the parameter draws of
    /// <c>Clv.Probabilistic.PredictionIntervals</c>.
    /// </summary>
    public IReadOnlyList<double> LogCovariance { get; }

    /// <summary>What kind of maximum the fit found: <see cref="FitStatus.Converged"/> for an interior, identified maximum.</summary>
    public FitStatus Status { get; }

    /// <summary>Whether <see cref="Status"/> is <see cref="FitStatus.Converged"/>.</summary>
    public bool IsConverged => Status == FitStatus.Converged;

    /// <summary>
    /// One sentence on how the fit ended: for a converged fit the iterations and the final distance to the maximum; for a
    /// ridge or a boundary which parameters are affected, in which direction, and what the data still determine.
    /// </summary>
    public string StatusMessage { get; }

    /// <summary>Things the caller should know that do not make the fit fail (for example a Gamma-Gamma q ≤ 1 without a finite mean spend); empty normally.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>The maximised log-likelihood ln L of the data (without any penalty term); NaN for fits that are not by likelihood.</summary>
    public double LikelihoodLn { get; }

    /// <summary>Akaike information criterion: 2k − 2 ln L.</summary>
    public double Aic => (2.0 * Parameters.Count) - (2.0 * LikelihoodLn);

    /// <summary>Bayesian information criterion: k ln(n) − 2 ln L, with n = <see cref="ObservationCount"/>.</summary>
    public double Bic => (Parameters.Count * Math.Log(Math.Max(ObservationCount, 1))) - (2.0 * LikelihoodLn);

    /// <summary>Newton iterations over all starting points tried.</summary>
    public int Iterations { get; }

    /// <summary>The parameters with standard errors, in the paper's order.</summary>
    public IReadOnlyList<FittedParameter> Parameters { get; }

    /// <summary>Customers (or cohort members) the fit used, counting weights.</summary>
    public long ObservationCount { get; }

    /// <summary>Customers the fit left out; why is documented on each <c>Fit</c> method (for example leads without a purchase).</summary>
    public long ExcludedCount { get; }

    /// <summary>Reads a fit result written by <see cref="ToJson"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The fit result, equal in every field to the one written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="FormatException">
    /// The model part or the <c>fit</c> part is missing or invalid, or they disagree (the fit's parameters list the model's
    /// parameters first, by name, in the model's order and with the same values); the message names the field.
    /// </exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1000:Do not declare static members on generic types", Justification = "IJsonPersistable<TSelf> requires a static FromJson on every persistable type.")]
    public static FitResult<TModel> FromJson(string json)
    {
        var model = TModel.FromJson(json);
        string name = JsonFormat.ModelName(json)!;
        return JsonFormat.Read(json, name, r =>
        {
            var parameters = new List<FittedParameter>();
            foreach (var (item, path) in r.Items("fit.parameters"))
            {
                var p = r.At(item, path);
                double standardError = p.NumberOrSpecial("standardError");
                if (standardError < 0)
                {
                    throw r.Error(path + ".standardError", Guard.Format($"is {standardError}; a standard error is 0 or more, or \"NaN\""));
                }

                parameters.Add(new FittedParameter(p.String("name"), p.Number("estimate"), standardError));
            }

            CheckAgainstModel(r, parameters);
            var covariance = new List<double>();
            string? firstNaN = null, firstNumber = null;
            if (r.Has("fit.logCovariance"))
            {
                foreach (var (item, path) in r.Items("fit.logCovariance"))
                {
                    // A literal beyond a double's range (1e400) would be read as infinity: refused, as everywhere in the format.
                    covariance.Add(item.ValueKind switch
                    {
                        JsonValueKind.Number when item.TryGetDouble(out double c) && double.IsFinite(c) => c,
                        JsonValueKind.Number => throw r.Error(path, Guard.Format($"is {item.GetRawText()}, a number beyond the range of a double")),
                        JsonValueKind.String when item.GetString() == "NaN" => double.NaN,
                        _ => throw r.Error(path, "is not a number or \"NaN\""),
                    });
                    if (double.IsNaN(covariance[^1]))
                    {
                        firstNaN ??= path;
                    }
                    else
                    {
                        firstNumber ??= path;
                    }
                }
            }

            if (covariance.Count != 0 && covariance.Count != parameters.Count * parameters.Count)
            {
                // A short or long matrix would fail later, and misleadingly ("no finite covariance"), in the prediction intervals.
                throw r.Error("fit.logCovariance", Guard.Format(
                    $"has {covariance.Count} entries; the covariance of the {parameters.Count} parameters has {parameters.Count * parameters.Count} (or none)"));
            }

            if (firstNaN is not null && firstNumber is not null)
            {
                // All "NaN" is a maximum that is not identified; a NaN among numbers is no covariance at all.
                throw r.Error(firstNaN, Guard.Format($"is \"NaN\" while \"{firstNumber}\" is a number; a covariance is all numbers, or all \"NaN\" when the maximum is not identified"));
            }

            var warnings = new List<string>();
            foreach (var (item, path) in r.Items("fit.warnings"))
            {
                warnings.Add(item.ValueKind == JsonValueKind.String ? item.GetString()! : throw r.Error(path, "is not a string"));
            }

            int iterations = r.Int("fit.iterations");
            return new FitResult<TModel>(
                model,
                r.Enum<FitStatus>("fit.status"),
                r.String("fit.statusMessage"),
                r.NumberOrSpecial("fit.likelihoodLn"),
                iterations >= 0 ? iterations : throw r.Error("fit.iterations", Guard.Format($"is {iterations}; a count must be 0 or more")),
                parameters,
                r.Count("fit.observationCount"),
                r.Count("fit.excludedCount"),
                warnings,
                [.. covariance]);
        });
    }

    /// <summary>
    /// The fit's parameters against the model's own (its <c>"parameters"</c> object): a fit lists them first, in the model's
    /// order and with the model's values, then any covariate coefficients. A file edited in one place and not the other (or a
    /// fit pasted beside another model) was read as it was, and prediction intervals then drew around the fit's values
    /// while the point predictions used the model's: swapped names gave intervals for r = α and α = r, silently.
    /// </summary>
    private static void CheckAgainstModel(JsonFormat.Reader r, List<FittedParameter> parameters)
    {
        if (parameters.Count == 0 || !r.Has("parameters"))
        {
            return;   // a result with no fitted parameters (nothing to compare)
        }

        int i = 0;
        foreach (var property in r.Element("parameters", JsonValueKind.Object).EnumerateObject())
        {
            string path = Guard.Format($"fit.parameters[{i}]");
            if (i >= parameters.Count)
            {
                throw r.Error("fit.parameters", Guard.Format(
                    $"lists {parameters.Count} parameters, but the model has \"{property.Name}\" as parameter {i + 1}; a fit lists every parameter of its model, in the model's order"));
            }

            var p = parameters[i];
            if (p.Name != property.Name)
            {
                throw r.Error(path + ".name", Guard.Format(
                    $"is \"{p.Name}\", but the model's parameter {i + 1} is \"{property.Name}\"; a fit lists its model's parameters in the model's order"));
            }

            if (property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetDouble(out double value)
                && BitConverter.DoubleToInt64Bits(value) != BitConverter.DoubleToInt64Bits(p.Estimate))
            {
                throw r.Error(path + ".estimate", Guard.Format(
                    $"is {p.Estimate:R}, but the model's {property.Name} is {value:R}; the fit and the model it describes must agree (edit both, or refit)"));
            }

            i++;
        }
    }

    /// <summary>
    /// Writes the model's JSON (see the model's <c>ToJson</c>) with a <c>"fit"</c> object holding the status, log-likelihood,
    /// iterations, counts, warnings and every parameter with its standard error (NaN written as the string "NaN").
    /// </summary>
    /// <returns>The JSON text.</returns>
    public string ToJson()
    {
        using var model = JsonDocument.Parse(Model.ToJson());
        string name = model.RootElement.GetProperty("model").GetString()!;
        return JsonFormat.Write(name, w =>
        {
            foreach (var property in model.RootElement.EnumerateObject())
            {
                if (property.Name is not ("model" or "version"))
                {
                    property.WriteTo(w);
                }
            }

            w.WriteStartObject("fit");
            w.WriteString("status", Status.ToString());
            w.WriteString("statusMessage", StatusMessage);
            WriteNumberOrSpecial(w, "likelihoodLn", LikelihoodLn);
            w.WriteNumber("iterations", Iterations);
            w.WriteNumber("observationCount", ObservationCount);
            w.WriteNumber("excludedCount", ExcludedCount);
            w.WriteStartArray("parameters");
            foreach (var p in Parameters)
            {
                w.WriteStartObject();
                w.WriteString("name", p.Name);
                JsonFormat.WriteNumber(w, "estimate", p.Estimate);
                WriteNumberOrSpecial(w, "standardError", p.StandardError);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("logCovariance");
            foreach (double c in LogCovariance)
            {
                if (double.IsFinite(c))
                {
                    JsonFormat.WriteNumberValue(w, c);
                }
                else
                {
                    w.WriteStringValue(double.IsNaN(c) ? "NaN" : c > 0 ? "Infinity" : "-Infinity");
                }
            }

            w.WriteEndArray();
            w.WriteStartArray("warnings");
            foreach (string warning in Warnings)
            {
                w.WriteStringValue(warning);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary>The model, status and log-likelihood, for logs and debugging.</summary>
    /// <returns>For example "BG/NBD(r = 0.242593, ...; Week): Converged, ln L = -9582.43".</returns>
    public override string ToString() => Guard.Format($"{Model}: {Status}, ln L = {LikelihoodLn:F2}");

    private static void WriteNumberOrSpecial(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value))
        {
            JsonFormat.WriteNumber(w, name, value);
        }
        else
        {
            w.WriteString(name, double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
        }
    }
}
