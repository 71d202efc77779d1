using System.Text.Json;
using Clv.Internal;

namespace Clv.Probabilistic;

/// <summary>
/// A Gamma-Gamma spend model with time-invariant covariates: the base model (the parameters of a customer whose covariates are
/// all 0) and one coefficient per covariate. Customer i's model is the base model with the spend scale v_i = v exp(γ'z_i), so its
/// population mean spend per transaction is p v exp(γ'z_i) / (q − 1): a positive coefficient means a higher expected spend, and
/// exp(γ_j) is the factor one unit more of covariate j multiplies it by. Immutable and thread-safe. Fitted by
/// <see cref="GammaGammaModel.Fit(CustomerSummaries, SpendCovariateOptions, FitOptions?)"/>.
/// </summary>
/// <remarks>
/// The Gamma-Gamma model of Fader and Hardie (2013), "The Gamma-Gamma model of monetary value", with the covariates entering the
/// rate of the Gamma heterogeneity of ν the way Fader and Hardie (2007) let them enter the Pareto/NBD's scales. The shapes p and q
/// are shared, so covariates move the level of spend and leave its shape (the coefficient of variation) alone.
/// </remarks>
public sealed class CovariateSpendModel : IJsonPersistable<CovariateSpendModel>
{
    private const string ModelName = "Gamma-Gamma with covariates";
    private readonly string[] _names;
    private readonly double[] _coefficients;

    /// <summary>Creates a model from known parameters.</summary>
    /// <param name="baseModel">The model of a customer whose covariates are all 0.</param>
    /// <param name="coefficients">The coefficients γ by covariate name (names not empty, distinct; values finite); at least one.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">There is no coefficient, a name is empty or repeated, or a coefficient is not finite.</exception>
    public CovariateSpendModel(GammaGammaModel baseModel, IReadOnlyList<KeyValuePair<string, double>> coefficients)
    {
        ArgumentNullException.ThrowIfNull(baseModel);
        ArgumentNullException.ThrowIfNull(coefficients);
        if (coefficients.Count == 0)
        {
            ThrowHelper.Argument(nameof(coefficients), "A covariate spend model needs at least one coefficient.");
        }

        _names = new string[coefficients.Count];
        _coefficients = new double[coefficients.Count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < coefficients.Count; i++)
        {
            var (name, value) = coefficients[i];
            if (string.IsNullOrWhiteSpace(name) || !seen.Add(name))
            {
                ThrowHelper.Argument(nameof(coefficients), Guard.Format($"Covariate name {i} ('{name}') is empty or repeated."));
            }

            if (!double.IsFinite(value))
            {
                ThrowHelper.Argument(nameof(coefficients), Guard.Format($"The coefficient of '{name}' is {value}; it must be a finite number."));
            }

            _names[i] = name;
            _coefficients[i] = value;
        }

        BaseModel = baseModel;
    }

    /// <summary>The model of a customer whose covariates are all 0.</summary>
    public GammaGammaModel BaseModel { get; }

    /// <summary>The names of the covariates, in order.</summary>
    public IReadOnlyList<string> Covariates => Array.AsReadOnly(_names);

    /// <summary>The coefficients γ, one per <see cref="Covariates"/>: positive means a higher expected spend (v_i = v exp(γ'z_i)).</summary>
    public IReadOnlyList<double> Coefficients => Array.AsReadOnly(_coefficients);

    /// <summary>The Gamma-Gamma model of one customer with the given covariate values: p, q and v exp(γ'z).</summary>
    /// <param name="covariates">The customer's values of <see cref="Covariates"/>, in order; finite.</param>
    /// <returns>The customer's model.</returns>
    /// <exception cref="ArgumentException">The length does not match, or a value is not finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The customer's scale overflows (a covariate far outside the data fitted).</exception>
    public GammaGammaModel ForCustomer(ReadOnlySpan<double> covariates)
    {
        Guard.SameLength(_coefficients.Length, covariates.Length, nameof(covariates));
        double shift = 0;
        for (int i = 0; i < _coefficients.Length; i++)
        {
            if (!double.IsFinite(covariates[i]))
            {
                ThrowHelper.Argument(nameof(covariates), Guard.Format($"Covariate value {i} ('{_names[i]}') is {covariates[i]}; it must be a finite number."));
            }

            shift += _coefficients[i] * covariates[i];
        }

        return new GammaGammaModel(BaseModel.P, BaseModel.Q, BaseModel.V * Math.Exp(shift));
    }

    /// <summary>The Gamma-Gamma model of customer <paramref name="customer"/> of <paramref name="covariates"/>.</summary>
    /// <param name="covariates">Covariates holding every name of <see cref="Covariates"/>.</param>
    /// <param name="customer">The customer's row.</param>
    /// <returns>The customer's model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="covariates"/> is null.</exception>
    /// <exception cref="ArgumentException">A covariate of the model is missing from <paramref name="covariates"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="customer"/> is out of range.</exception>
    public GammaGammaModel ForCustomer(CustomerCovariates covariates, int customer)
    {
        int[] columns = CovariateCoefficients.Columns(covariates, _names);
        if ((uint)customer >= (uint)covariates.Count)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(customer), customer, Guard.Format($"Customer index must be between 0 and {covariates.Count - 1}, but was {customer}."));
        }

        Span<double> z = stackalloc double[columns.Length];
        Row(covariates, columns, customer, z);
        return ForCustomer(z);
    }

    /// <summary>
    /// E[M | x, m_x] of every customer, each under its own covariates: p (v_i + x m_x) / (p x + q − 1) with v_i = v exp(γ'z_i);
    /// with all coefficients 0 exactly the base model's <see cref="GammaGammaModel.ConditionalExpectedSpend(CustomerSummaries)"/>.
    /// </summary>
    /// <param name="customers">The summaries.</param>
    /// <param name="covariates">Their covariates, one row per customer in the same order.</param>
    /// <returns>One expected spend per transaction per customer.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The row counts differ, or a covariate of the model is missing.</exception>
    /// <exception cref="InvalidOperationException">The expectation does not exist for a customer (p x + q ≤ 1).</exception>
    public double[] ConditionalExpectedSpend(CustomerSummaries customers, CustomerCovariates covariates)
    {
        ArgumentNullException.ThrowIfNull(customers);
        int[] columns = CovariateCoefficients.Columns(covariates, _names);
        if (covariates.Count != customers.Count)
        {
            ThrowHelper.Argument(nameof(covariates), Guard.Format($"The covariates have {covariates.Count} rows but the summaries have {customers.Count} customers."));
        }

        var span = customers.AsSpan();
        var result = new double[span.Length];
        double p = BaseModel.P, q = BaseModel.Q, v = BaseModel.V;
        for (int i = 0; i < span.Length; i++)
        {
            double shift = 0;
            for (int k = 0; k < columns.Length; k++)
            {
                shift += _coefficients[k] * covariates.Value(i, columns[k]);
            }

            // The same arithmetic as GammaGammaModel.ConditionalExpectedSpend, so all-zero coefficients give its results bit for bit.
            double vi = v * Math.Exp(shift);
            double denominator = (p * span[i].Frequency) + q - 1;
            double direct = p * (vi + (span[i].Frequency * span[i].MonetaryValue)) / denominator;
            result[i] = denominator > 0 && double.IsFinite(direct)
                ? direct
                : ForCustomer(covariates, i).ExpectedSpendCore(span[i].Frequency, span[i].MonetaryValue);
        }

        return result;
    }

    /// <summary>Writes the model as versioned JSON: the base model's parameters with a <c>"covariates"</c> object of coefficients.</summary>
    /// <returns>
    /// <c>{"model":"Gamma-Gamma with covariates","version":1,"parameters":{"p":..,"q":..,"v":..},"covariates":{"spend":{"name":γ,..}}}</c>;
    /// <see cref="FromJson"/> reads it back exactly.
    /// </returns>
    public string ToJson() => JsonFormat.Write(ModelName, w =>
    {
        JsonFormat.WriteNumbers(w, "parameters", ["p", "q", "v"], [BaseModel.P, BaseModel.Q, BaseModel.V]);
        w.WriteStartObject("covariates");
        JsonFormat.WriteNumbers(w, "spend", _names, _coefficients);
        w.WriteEndObject();
    });

    /// <summary>Reads a model written by <see cref="ToJson"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="FormatException">The text is not this model's JSON of a supported version, or a field is missing or invalid; the message names the field.</exception>
    public static CovariateSpendModel FromJson(string json) =>
        JsonFormat.Read(json, ModelName, r =>
        {
            var baseModel = new GammaGammaModel(r.Positive("parameters.p"), r.Positive("parameters.q"), r.Positive("parameters.v"));
            var coefficients = new List<KeyValuePair<string, double>>();
            foreach (var property in r.Element("covariates.spend", JsonValueKind.Object).EnumerateObject())
            {
                coefficients.Add(new(property.Name, r.Number("covariates.spend." + property.Name)));
            }

            return new CovariateSpendModel(baseModel, coefficients);
        });

    /// <summary>The base model and coefficients, for logs and debugging.</summary>
    /// <returns>For example "Gamma-Gamma(p = 6.25, q = 3.74, v = 15.44) with spend: web 0.31, age -0.012".</returns>
    public override string ToString() =>
        Guard.Format($"{BaseModel} with spend: {string.Join(", ", _names.Select((n, i) => Guard.Format($"{n} {_coefficients[i]:G4}")))}");

    /// <summary>Fits the model: Gamma-Gamma without covariates first (its estimate is the start), then with them.</summary>
    internal static FitResult<CovariateSpendModel> Fit(CustomerSummaries customers, SpendCovariateOptions covariates, FitOptions? options)
    {
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(covariates);
        options = MaximumLikelihood.Begin(options);
        covariates.Validate(customers.Count);
        var token = options.CancellationToken;
        int j = covariates.Spend.Count;
        int[] columns = [.. covariates.Spend.Select(covariates.Covariates.IndexOf)];

        // The customers Gamma-Gamma fits: a repeat purchase and a positive mean spend.
        var span = customers.AsSpan();
        var x = new List<int>(span.Length);
        var m = new List<double>(span.Length);
        var z = new List<double>(span.Length * j);
        long excluded = 0;
        for (int i = 0; i < span.Length; i++)
        {
            if ((i & 0xFFFF) == 0)
            {
                token.ThrowIfCancellationRequested();
            }

            ref readonly var c = ref span[i];
            if (c.Frequency > 0 && c.MonetaryValue > 0)
            {
                x.Add(c.Frequency);
                m.Add(c.MonetaryValue);
                for (int k = 0; k < j; k++)
                {
                    z.Add(covariates.Covariates.Value(i, columns[k]));
                }
            }
            else
            {
                excluded++;
            }
        }

        if (x.Count < 2)
        {
            throw new ModelFitException(Guard.Format($"Gamma-Gamma fit needs at least two repeat customers with a positive mean spend, but there were {x.Count} ({excluded} excluded)."));
        }

        if (SpendRows.IsOneSpend(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(m), out double price, out _))
        {
            // No spread for covariates to explain, and no maximum: said at once rather than after four searches that run away.
            throw new ModelFitException(Guard.Format(
                $"Gamma-Gamma with covariates cannot be fitted: every one of the {m.Count:N0} repeat customers has the same mean spend per transaction ({price:G6}), so spend has no spread for covariates to explain (the likelihood grows without bound as p and q grow). Fit without covariates: GammaGammaModel.Fit returns that limit, with {price:G6} as every customer's expected spend."));
        }

        double[] scales = Scales(covariates, columns, z, x.Count);
        var (xs, ms, zs, ws) = Compress(x, m, z, j, token);
        var plainProblem = SpendRows.FromSummaries(span, token, out _).Problem();
        var plain = MaximumLikelihood.Maximize(plainProblem, new FitOptions { L2Penalty = options.L2Penalty, MaxIterations = options.MaxIterations, Tolerance = options.Tolerance, CancellationToken = token });

        string[] names = ["p", "q", "v", .. covariates.Spend.Select(n => "spend." + n)];
        double[] reference = [.. plainProblem.Reference, .. scales];
        double[] start = [.. plain.Parameters, .. new double[j]];
        var likelihood = new CovariateSpendLikelihood(names, reference, xs, ms, zs, ws, x.Count, [start])
        {
            CoefficientPenalty = covariates.Regularization,
        };

        var result = MaximumLikelihood.Fit(
            likelihood,
            options,
            p => new CovariateSpendModel(new GammaGammaModel(p[0], p[1], p[2]), [.. covariates.Spend.Select((n, k) => new KeyValuePair<string, double>(n, p[3 + k]))]),
            excluded);
        if (result.Model.BaseModel.Q > 1)
        {
            return result;
        }

        string warning = Guard.Format(
            $"q = {result.Model.BaseModel.Q:G4} ≤ 1: the spend distribution has no finite mean, so the population mean spend and the expected spend of customers with p x + q ≤ 1 (every customer without a repeat purchase) do not exist; those predictions throw.");
        return new FitResult<CovariateSpendModel>(result.Model, result.Status, result.StatusMessage, result.LikelihoodLn, result.Iterations, result.Parameters, result.ObservationCount, result.ExcludedCount, [warning], [.. result.LogCovariance]);
    }

    /// <summary>Each covariate's natural scale, 1 / its standard deviation over the customers fitted; a constant covariate throws.</summary>
    private static double[] Scales(SpendCovariateOptions covariates, int[] columns, List<double> z, int rows)
    {
        int j = columns.Length;
        var scales = new double[j];
        for (int k = 0; k < j; k++)
        {
            double n = 0, mean = 0, m2 = 0, first = z[k];
            bool varies = false;
            for (int i = 0; i < rows; i++)
            {
                double value = z[(i * j) + k];
                varies |= value != first;
                n++;
                double delta = value - mean;
                mean += delta / n;
                m2 += delta * (value - mean);
            }

            double sd = Math.Sqrt(m2 / (n - 1));
            if (!varies || !(sd > 0))
            {
                throw new ModelFitException(Guard.Format(
                    $"Covariate '{covariates.Covariates.Names[columns[k]]}' has the same value ({first}) for every one of the {rows} customers fitted, so its effect cannot be told apart from the spend scale v; leave it out."));
            }

            scales[k] = 1 / sd;
        }

        return scales;
    }

    /// <summary>The rows sorted by x, then m_x (stable, so ties keep their input order), with consecutive identical rows merged into weights.</summary>
    private static (int[] X, double[] M, double[] Z, double[] W) Compress(List<int> x, List<double> m, List<double> z, int j, CancellationToken token)
    {
        int n = x.Count;
        var byM = m.ToArray();
        var order = new int[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }

        Array.Sort(byM, order);
        token.ThrowIfCancellationRequested();
        int maxX = 0;
        foreach (int xi in x)
        {
            maxX = Math.Max(maxX, xi);
        }

        if (maxX > (4L * n) + 1024)
        {
            order = [.. order.OrderBy(i => x[i])];
        }
        else
        {
            // A stable counting sort by x keeps the m_x order within each x.
            var starts = new int[maxX + 2];
            foreach (int xi in x)
            {
                starts[xi + 1]++;
            }

            for (int k = 1; k < starts.Length; k++)
            {
                starts[k] += starts[k - 1];
            }

            var byX = new int[n];
            foreach (int i in order)
            {
                byX[starts[x[i]]++] = i;
            }

            order = byX;
        }

        token.ThrowIfCancellationRequested();
        var xs = new List<int>(n);
        var ms = new List<double>(n);
        var zs = new List<double>(n * j);
        var ws = new List<double>(n);
        int last = -1;
        foreach (int i in order)
        {
            if (last >= 0 && x[i] == x[last] && m[i] == m[last] && SameCovariates(z, i, last, j))
            {
                ws[^1]++;
                continue;
            }

            xs.Add(x[i]);
            ms.Add(m[i]);
            for (int k = 0; k < j; k++)
            {
                zs.Add(z[(i * j) + k]);
            }

            ws.Add(1);
            last = i;
        }

        return ([.. xs], [.. ms], [.. zs], [.. ws]);
    }

    private static bool SameCovariates(List<double> z, int a, int b, int j)
    {
        for (int k = 0; k < j; k++)
        {
            if (z[(a * j) + k] != z[(b * j) + k])
            {
                return false;
            }
        }

        return true;
    }

    private static void Row(CustomerCovariates covariates, int[] columns, int customer, Span<double> destination)
    {
        for (int k = 0; k < columns.Length; k++)
        {
            destination[k] = covariates.Value(customer, columns[k]);
        }
    }
}
