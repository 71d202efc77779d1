using System.Text.Json;
using Clv.Internal;

namespace Clv.Probabilistic;

/// <summary>
/// The Pareto/NBD model with time-varying covariates: the base model (the parameters when every covariate is 0) and a coefficient
/// per covariate of the purchase and dropout rates. In each period a customer buys at rate λ exp(γ_p'x(t)) while alive and leaves
/// at rate μ exp(γ_d'z(t)), λ ~ Gamma(r, α), μ ~ Gamma(s, β). Immutable and thread-safe. Fitted by
/// <see cref="ParetoNbdModel.Fit(CustomerSummaries, TimeVaryingCovariateOptions, FitOptions?)"/>.
/// </summary>
/// <remarks>
/// Bachmann, Meierer and Naef (2021), "The role of time-varying contextual factors in latent attrition models for customer base
/// analysis", Marketing Science 40(4) (R CLVTools' dynamic covariates). The likelihood is exact: the rates' integrals are sums over
/// the periods, and the one integral without a closed form (over the moment of dropout) is computed by Gauss-Legendre quadrature
/// to a relative error below 1e-12.
/// </remarks>
public sealed class TimeVaryingParetoNbdModel : IJsonPersistable<TimeVaryingParetoNbdModel>
{
    private const string ModelName = "Pareto/NBD with time-varying covariates";
    private readonly double[] _purchase;
    private readonly double[] _dropout;

    /// <summary>Creates a model from known parameters.</summary>
    /// <param name="baseModel">The Pareto/NBD model when every covariate is 0.</param>
    /// <param name="purchase">The purchase-rate coefficients γ_p by covariate name (finite).</param>
    /// <param name="dropout">The dropout-rate coefficients γ_d by covariate name (finite).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A name is empty or repeated within a process, a coefficient is not finite, or there is none.</exception>
    public TimeVaryingParetoNbdModel(ParetoNbdModel baseModel, IReadOnlyList<KeyValuePair<string, double>> purchase, IReadOnlyList<KeyValuePair<string, double>> dropout)
    {
        ArgumentNullException.ThrowIfNull(baseModel);
        ArgumentNullException.ThrowIfNull(purchase);
        ArgumentNullException.ThrowIfNull(dropout);
        if (purchase.Count + dropout.Count == 0)
        {
            ThrowHelper.Argument(nameof(purchase), "A covariate model needs at least one coefficient.");
        }

        BaseModel = baseModel;
        (PurchaseCovariates, _purchase) = CovariateCoefficients.Check(purchase, nameof(purchase));
        (DropoutCovariates, _dropout) = CovariateCoefficients.Check(dropout, nameof(dropout));
    }

    /// <summary>The Pareto/NBD model when every covariate is 0.</summary>
    public ParetoNbdModel BaseModel { get; }

    /// <summary>The names of the covariates that shift the purchase rate, in order.</summary>
    public IReadOnlyList<string> PurchaseCovariates { get; }

    /// <summary>The purchase-rate coefficients γ_p, one per <see cref="PurchaseCovariates"/>: positive means more purchases while the covariate is high.</summary>
    public IReadOnlyList<double> PurchaseCoefficients => Array.AsReadOnly(_purchase);

    /// <summary>The names of the covariates that shift the dropout rate, in order.</summary>
    public IReadOnlyList<string> DropoutCovariates { get; }

    /// <summary>The dropout-rate coefficients γ_d, one per <see cref="DropoutCovariates"/>: positive means a higher risk of leaving while the covariate is high.</summary>
    public IReadOnlyList<double> DropoutCoefficients => Array.AsReadOnly(_dropout);

    /// <summary>The total ln L of the customers under the model, each with their own covariate path.</summary>
    /// <param name="customers">The summaries (in the model's unit).</param>
    /// <param name="covariates">Their covariates, one row per customer, with every name of the model; periods must cover every customer's first purchase.</param>
    /// <returns>Σ ln L over the customers with a purchase.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The counts or units differ, a covariate is missing, or a first purchase is before the first period.</exception>
    public double LikelihoodLn(CustomerSummaries customers, TimeVaryingCovariates covariates)
    {
        var (paths, _) = Paths(customers, covariates, withLeads: false);
        var theta = Theta();
        double sum = 0;
        for (int i = 0; i < paths.Count; i++)
        {
            sum += paths.LogLikelihood(i, theta, default, out _);
        }

        return sum;
    }

    /// <summary>P(alive) at the observation end of every customer, under their own covariate path.</summary>
    /// <param name="customers">The summaries (in the model's unit).</param>
    /// <param name="covariates">Their covariates, one row per customer, with every name of the model.</param>
    /// <returns>One probability per customer (1 for a customer without a purchase, as in <see cref="PurchaseModel.ProbabilityAlive(CustomerSummaries)"/>).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The counts or units differ, a covariate is missing, or a first purchase is before the first period.</exception>
    public double[] ProbabilityAlive(CustomerSummaries customers, TimeVaryingCovariates covariates)
    {
        var (paths, index) = Paths(customers, covariates, withLeads: true);
        var theta = Theta();
        var result = new double[customers.Count];
        Parallel.For(0, result.Length, i =>
        {
            paths.LogLikelihood(index[i], theta, default, out double alive);
            result[i] = alive;
        });
        return result;
    }

    /// <summary>
    /// Expected purchases of every customer in the <paramref name="time"/> after the observation end, under the covariates of the
    /// periods ahead (give the planned values: campaigns, seasons; the last period runs on).
    /// </summary>
    /// <param name="customers">The summaries (in the model's unit).</param>
    /// <param name="covariates">Their covariates, one row per customer, with every name of the model, including periods after the observation end.</param>
    /// <param name="time">The horizon in the model's unit (finite, at least 0).</param>
    /// <returns>One expectation per customer.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The counts or units differ, a covariate is missing, or a first purchase is before the first period.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="time"/> is negative or not finite.</exception>
    public double[] ConditionalExpectedPurchases(CustomerSummaries customers, TimeVaryingCovariates covariates, double time)
    {
        Guard.NonNegative(time);
        Guard.Finite(time);
        var (paths, index) = Paths(customers, covariates, withLeads: true);
        var theta = Theta();
        var result = new double[customers.Count];
        Parallel.For(0, result.Length, i => result[i] = paths.ExpectedPurchases(index[i], theta, time));
        return result;
    }

    /// <summary>Writes the model as versioned JSON: the base model's fields with a <c>"covariates"</c> object of coefficients per process.</summary>
    /// <returns>The JSON text; <see cref="FromJson"/> reads it back exactly.</returns>
    public string ToJson()
    {
        using var inner = JsonDocument.Parse(BaseModel.ToJson());
        return JsonFormat.Write(ModelName, w =>
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
    /// <exception cref="FormatException">The text is not this model's JSON, or a field is missing or invalid; the message names the field.</exception>
    public static TimeVaryingParetoNbdModel FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return JsonFormat.Read(json, ModelName, r =>
        {
            var unit = r.Enum<TimeUnit>("timeUnit");
            var baseModel = new ParetoNbdModel(r.Positive("parameters.r"), r.Positive("parameters.alpha"), r.Positive("parameters.s"), r.Positive("parameters.beta"), unit);
            return new TimeVaryingParetoNbdModel(baseModel, CovariateCoefficients.Read(r, "covariates.purchase"), CovariateCoefficients.Read(r, "covariates.dropout"));
        });
    }

    /// <summary>The base model and coefficients, for logs and debugging.</summary>
    /// <returns>For example "Pareto/NBD(r = ...; Week) with time-varying purchase: promotion 0.4; dropout: none".</returns>
    public override string ToString() =>
        Guard.Format($"{BaseModel} with time-varying purchase: {CovariateCoefficients.Describe(PurchaseCovariates, _purchase)}; dropout: {CovariateCoefficients.Describe(DropoutCovariates, _dropout)}");

    /// <summary>Fits the model: Pareto/NBD without covariates first (its estimate is the start), then with them.</summary>
    internal static FitResult<TimeVaryingParetoNbdModel> Fit(CustomerSummaries customers, TimeVaryingCovariateOptions covariates, FitOptions? options)
    {
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(covariates);
        options = MaximumLikelihood.Begin(options);
        covariates.Validate(customers.Count);
        var token = options.CancellationToken;
        var rows = HistoryRows.FromSummaries(customers.AsMemory(), token);
        var baseProblem = ParetoNbdLikelihood.Create(rows);
        var plain = MaximumLikelihood.Maximize(baseProblem, new FitOptions { L2Penalty = options.L2Penalty, MaxIterations = options.MaxIterations, Tolerance = options.Tolerance, CancellationToken = token });

        string[] purchase = [.. covariates.Purchase], dropout = [.. covariates.Dropout];
        var (paths, _) = Build(customers, covariates.Covariates, purchase, dropout, withLeads: false);
        double[] scales = Scales(paths, covariates.Covariates, purchase, dropout);
        string[] names = [.. baseProblem.Names, .. purchase.Select(n => "purchase." + n), .. dropout.Select(n => "dropout." + n)];
        double[] start = [.. plain.Parameters, .. new double[purchase.Length + dropout.Length]];
        var problem = new TimeVaryingParetoNbdLikelihood(paths, names, [.. baseProblem.Reference, .. scales], [start]) { CoefficientPenalty = covariates.Regularization };
        return MaximumLikelihood.Fit(
            problem,
            options,
            p => new TimeVaryingParetoNbdModel(
                new ParetoNbdModel(p[0], p[1], p[2], p[3], customers.TimeUnit),
                [.. purchase.Select((n, c) => new KeyValuePair<string, double>(n, p[4 + c]))],
                [.. dropout.Select((n, c) => new KeyValuePair<string, double>(n, p[4 + purchase.Length + c]))]),
            rows.Excluded);
    }

    private double[] Theta() =>
        [Math.Log(BaseModel.R), Math.Log(BaseModel.Alpha), Math.Log(BaseModel.S), Math.Log(BaseModel.Beta), .. _purchase, .. _dropout];

    private (TimeVaryingPaths Paths, int[] Index) Paths(CustomerSummaries customers, TimeVaryingCovariates covariates, bool withLeads)
    {
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(covariates);
        if (customers.TimeUnit != BaseModel.TimeUnit)
        {
            ThrowHelper.Argument(nameof(customers), Guard.Format($"The summaries are in {customers.TimeUnit}s but the model is in {BaseModel.TimeUnit}s; build the summaries in the model's unit."));
        }

        if (covariates.Count != customers.Count)
        {
            ThrowHelper.Argument(nameof(covariates), Guard.Format($"The covariates have {covariates.Count} customers but the summaries have {customers.Count}."));
        }

        foreach (string name in PurchaseCovariates.Concat(DropoutCovariates))
        {
            if (covariates.IndexOf(name) < 0)
            {
                ThrowHelper.Argument(nameof(covariates), Guard.Format($"The model needs covariate '{name}', which is not among {string.Join(", ", covariates.Names)}."));
            }
        }

        return Build(customers, covariates, [.. PurchaseCovariates], [.. DropoutCovariates], withLeads);
    }

    /// <summary>The customers' paths (with a purchase, or all with leads at the observation end), and each customer's path index.</summary>
    private static (TimeVaryingPaths Paths, int[] Index) Build(CustomerSummaries customers, TimeVaryingCovariates covariates, string[] purchase, string[] dropout, bool withLeads)
    {
        int[] pc = [.. purchase.Select(covariates.IndexOf)], dc = [.. dropout.Select(covariates.IndexOf)];
        int endDay = customers.ObservationEnd.DayNumber, np = pc.Length;
        var x = new List<int>();
        var recency = new List<double>();
        var age = new List<double>();
        var firstDay = new List<int>();
        var row = new List<int>();
        var sums = new List<double>();
        var index = new int[customers.Count];
        double unitDays = customers.TimeUnit.LengthInDays();
        var s = new double[np];
        for (int i = 0; i < customers.Count; i++)
        {
            var c = customers[i];
            if (!c.HasPurchase && !withLeads)
            {
                index[i] = -1;
                continue;
            }

            int first = c.HasPurchase ? c.FirstPurchase!.Value.DayNumber : endDay;
            if (covariates.PeriodOf(first) < 0)
            {
                ThrowHelper.Argument(nameof(covariates), Guard.Format(
                    $"Customer '{c.CustomerId}' first bought on {DateOnly.FromDayNumber(first):yyyy-MM-dd}, before the first covariate period ({covariates.PeriodStarts[0]:yyyy-MM-dd}); the periods must cover every customer's whole history."));
            }

            index[i] = x.Count;
            x.Add(c.Frequency);
            recency.Add(c.Recency);
            age.Add(c.Age);
            firstDay.Add(first);
            row.Add(i);
            Array.Clear(s);
            if (c.HasPurchase)
            {
                var days = customers.PurchaseDayNumbers(i);
                for (int d = 1; d < days.Length && days[d] <= endDay; d++)
                {
                    int period = covariates.PeriodOf(days[d]);
                    for (int k = 0; k < np; k++)
                    {
                        s[k] += covariates.Value(i, period, pc[k]);
                    }
                }
            }

            foreach (double v in s)
            {
                sums.Add(v);
            }
        }

        var paths = new TimeVaryingPaths(covariates, pc, dc, unitDays, [.. x], [.. recency], [.. age], [.. firstDay], [.. row], [.. sums]);
        return (paths, index);
    }

    /// <summary>Each coefficient's natural scale: 1 / the standard deviation of its covariate over the customers' periods from their first purchase on.</summary>
    private static double[] Scales(TimeVaryingPaths paths, TimeVaryingCovariates covariates, string[] purchase, string[] dropout)
    {
        var names = purchase.Concat(dropout).ToArray();
        var scales = new double[names.Length];
        for (int j = 0; j < names.Length; j++)
        {
            int column = covariates.IndexOf(names[j]);
            double n = 0, mean = 0, m2 = 0;
            for (int i = 0; i < paths.Count; i++)
            {
                int row = paths.Row[i];
                for (int p = covariates.PeriodOf(paths.FirstDay[i]); p < covariates.PeriodStarts.Count; p++)
                {
                    double z = covariates.Value(row, p, column);
                    n++;
                    double delta = z - mean;
                    mean += delta / n;
                    m2 += delta * (z - mean);
                }
            }

            double sd = n > 1 ? Math.Sqrt(m2 / (n - 1)) : 0;
            if (!(sd > 0))
            {
                throw new ModelFitException(Guard.Format($"Time-varying covariate '{names[j]}' has the same value ({mean}) in every period for every customer fitted, so its effect cannot be told apart from the model's own scale parameters; leave it out."));
            }

            scales[j] = 1 / sd;
        }

        return scales;
    }

    /// <summary>The likelihood over the customers' paths, summed in fixed chunks (results independent of the core count).</summary>
    private sealed class TimeVaryingParetoNbdLikelihood : LikelihoodProblem
    {
        private const int Chunks = 32;
        private readonly TimeVaryingPaths _paths;

        public TimeVaryingParetoNbdLikelihood(TimeVaryingPaths paths, string[] names, double[] reference, IReadOnlyList<double[]> starts)
            : base("Pareto/NBD", names, reference, paths.Count, paths.Count, paths.PurchaseCount + paths.DropoutCount)
        {
            _paths = paths;
            Starts = starts;
        }

        public override IReadOnlyList<double[]> Starts { get; }

        public override double LogLikelihood(ReadOnlySpan<double> theta, Span<double> gradient, CancellationToken cancellationToken)
        {
            int k = Dimension, n = _paths.Count;
            double[] at = theta.ToArray();
            var partial = new double[Chunks * (k + 1)];
            int chunk = (n + Chunks - 1) / Chunks;
            Parallel.For(0, Chunks, c =>
            {
                Span<double> g = stackalloc double[k];
                var sums = partial.AsSpan(c * (k + 1), k + 1);
                for (int i = c * chunk; i < Math.Min(n, (c + 1) * chunk); i++)
                {
                    if ((i & 1023) == 0 && cancellationToken.IsCancellationRequested)
                    {
                        return;
                    }

                    sums[0] += _paths.LogLikelihood(i, at, g, out _);
                    for (int j = 0; j < k; j++)
                    {
                        sums[1 + j] += g[j];
                    }
                }
            });
            cancellationToken.ThrowIfCancellationRequested();
            gradient[..k].Clear();
            double total = 0;
            for (int c = 0; c < Chunks; c++)
            {
                total += partial[c * (k + 1)];
                for (int j = 0; j < k; j++)
                {
                    gradient[j] += partial[(c * (k + 1)) + 1 + j];
                }
            }

            return total;
        }
    }
}
