using System.Text.Json;
using Clv.Internal;

namespace Clv.Probabilistic;

/// <summary>
/// A Pareto/NBD, BG/NBD or MBG/NBD model with time-invariant covariates: the base model (the parameters of a customer whose
/// covariates are all 0) and a coefficient per covariate of each process. Each customer's own model is the base model with
/// α_i = α exp(−γ_p'z_i) and β_i = β exp(−γ_d'z_i) (Pareto/NBD) or a_i = a exp(γ_d'z_i), b_i = b exp(γ_d'z_i) (BG/NBD, MBG/NBD).
/// Immutable and thread-safe. Fitted by the covariate <c>Fit</c> of <see cref="ParetoNbdModel"/>, <see cref="BgNbdModel"/> and
/// <see cref="MbgNbdModel"/>.
/// </summary>
/// <remarks>
/// Fader and Hardie (2007), "Incorporating time-invariant covariates into the Pareto/NBD and BG/NBD models"
/// (brucehardie.com/notes/019); the same parametrisation as R CLVTools' static covariates, so coefficients compare directly.
/// </remarks>
public sealed class CovariatePurchaseModel : IJsonPersistable<CovariatePurchaseModel>
{
    private const string Suffix = " with covariates";
    private readonly double[] _purchase;
    private readonly double[] _dropout;

    /// <summary>Creates a model from known parameters.</summary>
    /// <param name="baseModel">The model of a customer whose covariates are all 0: a <see cref="ParetoNbdModel"/>, <see cref="BgNbdModel"/> or <see cref="MbgNbdModel"/>.</param>
    /// <param name="purchase">The purchase-process coefficients γ_p by covariate name (finite).</param>
    /// <param name="dropout">The dropout-process coefficients γ_d by covariate name (finite).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The base model is of another kind, a name is empty or repeated within a process, a coefficient is not finite, or there is no coefficient at all.</exception>
    public CovariatePurchaseModel(PurchaseModel baseModel, IReadOnlyList<KeyValuePair<string, double>> purchase, IReadOnlyList<KeyValuePair<string, double>> dropout)
    {
        ArgumentNullException.ThrowIfNull(baseModel);
        ArgumentNullException.ThrowIfNull(purchase);
        ArgumentNullException.ThrowIfNull(dropout);
        if (baseModel is not (ParetoNbdModel or BgNbdModel or MbgNbdModel))
        {
            ThrowHelper.Argument(nameof(baseModel), Guard.Format($"Covariates are supported for Pareto/NBD, BG/NBD and MBG/NBD, not {baseModel.Name}."));
        }

        if (purchase.Count + dropout.Count == 0)
        {
            ThrowHelper.Argument(nameof(purchase), "A covariate model needs at least one coefficient.");
        }

        BaseModel = baseModel;
        (PurchaseCovariates, _purchase) = CovariateCoefficients.Check(purchase, nameof(purchase));
        (DropoutCovariates, _dropout) = CovariateCoefficients.Check(dropout, nameof(dropout));
    }

    /// <summary>The model of a customer whose covariates are all 0.</summary>
    public PurchaseModel BaseModel { get; }

    /// <summary>The model's name: the base model's with " with covariates" ("Pareto/NBD with covariates").</summary>
    public string Name => BaseModel.Name + Suffix;

    /// <summary>The names of the covariates that shift the purchase process, in order.</summary>
    public IReadOnlyList<string> PurchaseCovariates { get; }

    /// <summary>The purchase-process coefficients γ_p, one per <see cref="PurchaseCovariates"/>: positive means more purchases.</summary>
    public IReadOnlyList<double> PurchaseCoefficients => Array.AsReadOnly(_purchase);

    /// <summary>The names of the covariates that shift the dropout process, in order.</summary>
    public IReadOnlyList<string> DropoutCovariates { get; }

    /// <summary>
    /// The dropout-process coefficients γ_d, one per <see cref="DropoutCovariates"/>. Pareto/NBD: positive means a shorter
    /// expected lifetime (a larger mean dropout rate s/β_i). BG/NBD and MBG/NBD: a and b are scaled together, so the mean
    /// dropout probability a/(a + b) stays and a positive coefficient makes it more alike across customers.
    /// </summary>
    public IReadOnlyList<double> DropoutCoefficients => Array.AsReadOnly(_dropout);

    /// <summary>The model of one customer with the given covariate values.</summary>
    /// <param name="purchase">The customer's values of <see cref="PurchaseCovariates"/>, in order.</param>
    /// <param name="dropout">The customer's values of <see cref="DropoutCovariates"/>, in order.</param>
    /// <returns>The base model's kind with the customer's parameters.</returns>
    /// <exception cref="ArgumentException">A length does not match, or a value is not finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The customer's parameters overflow (a covariate far outside the data fitted).</exception>
    public PurchaseModel ForCustomer(ReadOnlySpan<double> purchase, ReadOnlySpan<double> dropout)
    {
        Guard.SameLength(_purchase.Length, purchase.Length, nameof(purchase));
        Guard.SameLength(_dropout.Length, dropout.Length, nameof(dropout));
        var values = BaseModel.ParameterValues();
        values[1] *= Math.Exp(-Dot(_purchase, purchase, nameof(purchase)));
        double shift = Dot(_dropout, dropout, nameof(dropout));
        if (BaseModel is ParetoNbdModel)
        {
            values[3] *= Math.Exp(-shift);
        }
        else
        {
            values[2] *= Math.Exp(shift);
            values[3] *= Math.Exp(shift);
        }

        for (int i = 0; i < values.Length; i++)
        {
            PurchaseModel.CheckParameter(values[i], BaseModel.Parameters[i].Key);
        }

        return BaseModel.WithParameters(values);
    }

    /// <summary>The model of customer <paramref name="customer"/> of <paramref name="covariates"/>.</summary>
    /// <param name="covariates">Covariates holding every name of <see cref="PurchaseCovariates"/> and <see cref="DropoutCovariates"/>.</param>
    /// <param name="customer">The customer's row.</param>
    /// <returns>The customer's model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="covariates"/> is null.</exception>
    /// <exception cref="ArgumentException">A covariate of the model is missing from <paramref name="covariates"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="customer"/> is out of range.</exception>
    public PurchaseModel ForCustomer(CustomerCovariates covariates, int customer)
    {
        var (p, d) = Columns(covariates);
        if ((uint)customer >= (uint)covariates.Count)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(customer), customer, Guard.Format($"Customer index must be between 0 and {covariates.Count - 1}, but was {customer}."));
        }

        return ForCustomer(Row(covariates, p, customer), Row(covariates, d, customer));
    }

    /// <summary>P(alive) of every customer, each under its own covariates.</summary>
    /// <param name="customers">The summaries.</param>
    /// <param name="covariates">Their covariates, one row per customer in the same order.</param>
    /// <returns>One probability per customer.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The row counts differ, the units differ, or a covariate of the model is missing.</exception>
    public double[] ProbabilityAlive(CustomerSummaries customers, CustomerCovariates covariates) =>
        PerCustomer(customers, covariates, (model, c) => model.ProbabilityAlive(c));

    /// <summary>Expected purchases in the next <paramref name="time"/> of every customer, each under its own covariates.</summary>
    /// <param name="customers">The summaries.</param>
    /// <param name="covariates">Their covariates, one row per customer in the same order.</param>
    /// <param name="time">The horizon in the model's unit (finite, at least 0).</param>
    /// <returns>One expectation per customer.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The row counts differ, the units differ, or a covariate of the model is missing.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="time"/> is negative or not finite.</exception>
    public double[] ConditionalExpectedPurchases(CustomerSummaries customers, CustomerCovariates covariates, double time)
    {
        Guard.NonNegative(time);
        Guard.Finite(time);
        return PerCustomer(customers, covariates, (model, c) => model.ConditionalExpectedPurchases(c, time));
    }

    /// <summary>Writes the model as versioned JSON: the base model's fields with a <c>"covariates"</c> object of coefficients per process.</summary>
    /// <returns>The JSON text; <see cref="FromJson"/> reads it back exactly.</returns>
    public string ToJson()
    {
        using var inner = JsonDocument.Parse(BaseModel.ToJson());
        return JsonFormat.Write(Name, w =>
        {
            foreach (var property in inner.RootElement.EnumerateObject())
            {
                if (property.Name is not ("model" or "version"))
                {
                    property.WriteTo(w);
                }
            }

            w.WriteStartObject("covariates");
            JsonFormat.WriteNumbers(w, "purchase", PurchaseCovariates, _purchase);
            JsonFormat.WriteNumbers(w, "dropout", DropoutCovariates, _dropout);
            w.WriteEndObject();
        });
    }

    /// <summary>Reads a model written by <see cref="ToJson"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="FormatException">The text is not a covariate model's JSON, or a field is missing or invalid; the message names the field.</exception>
    public static CovariatePurchaseModel FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        string? name = JsonFormat.ModelName(json);
        if (name is null || !name.EndsWith(Suffix, StringComparison.Ordinal))
        {
            throw new FormatException(Guard.Format($"Cannot read a covariate model: field \"model\" is \"{name}\", expected a name ending in \"{Suffix}\"."));
        }

        string baseName = name[..^Suffix.Length];
        using var document = JsonDocument.Parse(json);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name == "model")
                {
                    writer.WriteString("model", baseName);
                }
                else if (property.Name != "covariates")
                {
                    property.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        PurchaseModel baseModel = baseName switch
        {
            "Pareto/NBD" => ParetoNbdModel.FromJson(System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan)),
            "BG/NBD" => BgNbdModel.FromJson(System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan)),
            "MBG/NBD" => MbgNbdModel.FromJson(System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan)),
            _ => throw new FormatException(Guard.Format($"Cannot read a covariate model: \"{baseName}\" has no covariate form (Pareto/NBD, BG/NBD or MBG/NBD).")),
        };

        return JsonFormat.Read(json, name, r => new CovariatePurchaseModel(baseModel, CovariateCoefficients.Read(r, "covariates.purchase"), CovariateCoefficients.Read(r, "covariates.dropout")));
    }

    /// <summary>The model's name, base model and coefficients, for logs and debugging.</summary>
    /// <returns>For example "Pareto/NBD(r = ...; Week) with purchase: gender 0.31; dropout: gender -0.12".</returns>
    public override string ToString() =>
        Guard.Format($"{BaseModel} with purchase: {CovariateCoefficients.Describe(PurchaseCovariates, _purchase)}; dropout: {CovariateCoefficients.Describe(DropoutCovariates, _dropout)}");

    /// <summary>Fits a covariate model to summaries: customers with a purchase, leads excluded and counted.</summary>
    internal static FitResult<CovariatePurchaseModel> Fit(
        CustomerSummaries customers,
        CovariateOptions covariates,
        FitOptions? options,
        Func<TimeUnit, PurchaseModel> template,
        Func<HistoryRows, LikelihoodProblem> problem,
        Func<HistoryRows, LikelihoodProblem> groupProblem)
    {
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(covariates);
        options = MaximumLikelihood.Begin(options);
        covariates.Validate(customers.Count);
        var rows = HistoryRows.FromSummaries(customers.AsMemory(), options.CancellationToken);
        return Fit(CovariateLayout.FitData.FromSummaries(customers), rows, covariates, options, template(customers.TimeUnit), problem, groupProblem);
    }

    /// <summary>Fits a covariate model to weighted histories, each with the covariates' row of the same index.</summary>
    internal static FitResult<CovariatePurchaseModel> Fit(
        ReadOnlySpan<PurchaseHistory> histories,
        TimeUnit timeUnit,
        CovariateOptions covariates,
        FitOptions? options,
        Func<TimeUnit, PurchaseModel> template,
        Func<HistoryRows, LikelihoodProblem> problem,
        Func<HistoryRows, LikelihoodProblem> groupProblem)
    {
        PurchaseModel.CheckUnit(timeUnit, nameof(timeUnit));
        ArgumentNullException.ThrowIfNull(covariates);
        options = MaximumLikelihood.Begin(options);
        covariates.Validate(histories.Length);
        var rows = HistoryRows.FromHistories(histories, options.CancellationToken);
        return Fit(new CovariateLayout.FitData(histories.ToArray(), null, 0), rows, covariates, options, template(timeUnit), problem, groupProblem);
    }

    /// <summary>The model without covariates first (its estimate is the start), then with them.</summary>
    private static FitResult<CovariatePurchaseModel> Fit(
        CovariateLayout.FitData data,
        HistoryRows rows,
        CovariateOptions covariates,
        FitOptions options,
        PurchaseModel template,
        Func<HistoryRows, LikelihoodProblem> problem,
        Func<HistoryRows, LikelihoodProblem> groupProblem)
    {
        var token = options.CancellationToken;
        var baseProblem = problem(rows);
        var plain = MaximumLikelihood.Maximize(baseProblem, new FitOptions { L2Penalty = options.L2Penalty, MaxIterations = options.MaxIterations, Tolerance = options.Tolerance, CancellationToken = token });

        var layout = CovariateLayout.Create(data, covariates, template is ParetoNbdModel, token);
        var groups = layout.Groups(data, groupProblem, token);
        string[] names = [.. baseProblem.Names, .. layout.Names];
        double[] reference = [.. baseProblem.Reference, .. layout.Scales];
        double[] start = [.. plain.Parameters, .. new double[layout.Names.Length]];
        var likelihood = new CovariateLikelihood(baseProblem.ModelName, names, reference, layout.Effects, groups, groupProblem, [start])
        {
            CoefficientPenalty = covariates.Regularization,
        };

        return MaximumLikelihood.Fit(likelihood, options, p => layout.Model(template.WithParameters(p[..4]), p.AsSpan(4)), data.Excluded);
    }

    private static double Dot(double[] coefficients, ReadOnlySpan<double> values, string paramName)
    {
        double sum = 0;
        for (int i = 0; i < coefficients.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                ThrowHelper.Argument(paramName, Guard.Format($"Covariate value {i} is {values[i]}; it must be a finite number."));
            }

            sum += coefficients[i] * values[i];
        }

        return sum;
    }

    private (int[] Purchase, int[] Dropout) Columns(CustomerCovariates covariates) =>
        (CovariateCoefficients.Columns(covariates, PurchaseCovariates), CovariateCoefficients.Columns(covariates, DropoutCovariates));

    private static double[] Row(CustomerCovariates covariates, int[] columns, int customer) =>
        [.. columns.Select(j => covariates.Value(customer, j))];

    private double[] PerCustomer(CustomerSummaries customers, CustomerCovariates covariates, Func<PurchaseModel, CustomerSummary, double> predict)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var (p, d) = Columns(covariates);
        if (covariates.Count != customers.Count)
        {
            ThrowHelper.Argument(nameof(covariates), Guard.Format($"The covariates have {covariates.Count} rows but the summaries have {customers.Count} customers."));
        }

        if (customers.TimeUnit != BaseModel.TimeUnit)
        {
            ThrowHelper.Argument(nameof(customers), Guard.Format($"The summaries are in {customers.TimeUnit}s but the model is in {BaseModel.TimeUnit}s; build the summaries in the model's unit."));
        }

        // Customers with the same covariates share a model (and its memo of expensive terms); the key is both rows, concatenated.
        var models = new Dictionary<double[], PurchaseModel>(new CovariateLayout.VectorComparer());
        var result = new double[customers.Count];
        var key = new double[p.Length + d.Length];
        for (int i = 0; i < result.Length; i++)
        {
            for (int j = 0; j < p.Length; j++)
            {
                key[j] = covariates.Value(i, p[j]);
            }

            for (int j = 0; j < d.Length; j++)
            {
                key[p.Length + j] = covariates.Value(i, d[j]);
            }

            if (!models.TryGetValue(key, out var model))
            {
                model = ForCustomer(key.AsSpan(0, p.Length), key.AsSpan(p.Length));
                models[(double[])key.Clone()] = model;
            }

            result[i] = predict(model, customers[i]);
        }

        return result;
    }
}
