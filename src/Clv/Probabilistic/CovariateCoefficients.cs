using System.Text.Json;
using Clv.Internal;

namespace Clv.Probabilistic;

/// <summary>What every covariate model and its options share: named coefficients (checked, read from JSON, described) and the names an option selects.</summary>
internal static class CovariateCoefficients
{
    /// <summary>Splits (name, coefficient) pairs into names and values, checking names are not empty or repeated and values are finite.</summary>
    public static (IReadOnlyList<string> Names, double[] Values) Check(IReadOnlyList<KeyValuePair<string, double>> pairs, string paramName)
    {
        var names = new string[pairs.Count];
        var values = new double[pairs.Count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < pairs.Count; i++)
        {
            var (name, value) = pairs[i];
            if (string.IsNullOrWhiteSpace(name) || !seen.Add(name))
            {
                ThrowHelper.Argument(paramName, Guard.Format($"Covariate name {i} ('{name}') is empty or repeated."));
            }

            if (!double.IsFinite(value))
            {
                ThrowHelper.Argument(paramName, Guard.Format($"The coefficient of '{name}' is {value}; it must be a finite number."));
            }

            names[i] = name;
            values[i] = value;
        }

        return (Array.AsReadOnly(names), values);
    }

    /// <summary>The (name, coefficient) pairs of a JSON object at <paramref name="path"/>, in order.</summary>
    public static List<KeyValuePair<string, double>> Read(JsonFormat.Reader reader, string path)
    {
        var result = new List<KeyValuePair<string, double>>();
        foreach (var property in reader.Element(path, JsonValueKind.Object).EnumerateObject())
        {
            result.Add(new(property.Name, reader.Number(path + "." + property.Name)));
        }

        return result;
    }

    /// <summary>"name value, ..." or "none".</summary>
    public static string Describe(IReadOnlyList<string> names, double[] values) =>
        values.Length == 0 ? "none" : string.Join(", ", names.Select((n, i) => Guard.Format($"{n} {values[i]:G4}")));

    /// <summary>Checks an option's list of covariate names: not null, each a covariate, none twice; errors name <c>covariates.{property}</c>.</summary>
    public static void CheckNames(IReadOnlyList<string>? names, string property, Func<string, int> indexOf, IReadOnlyList<string> available)
    {
        if (names is null)
        {
            ThrowHelper.Argument("covariates", Guard.Format($"covariates.{property} must not be null."));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string name in names)
        {
            if (name is null || indexOf(name) < 0)
            {
                ThrowHelper.Argument("covariates", Guard.Format($"covariates.{property} names '{name}', which is not a covariate; the covariates are {string.Join(", ", available)}."));
            }

            if (!seen.Add(name))
            {
                ThrowHelper.Argument("covariates", Guard.Format($"covariates.{property} names '{name}' twice."));
            }
        }
    }

    /// <summary>Checks the covariates have one row per customer and the penalty is finite and at least 0; errors name the property.</summary>
    public static void CheckRowsAndPenalty(int rows, int customers, double regularization)
    {
        if (rows != customers)
        {
            ThrowHelper.Argument("covariates", Guard.Format($"The covariates have {rows} rows but the summaries have {customers} customers; give one row per customer, in the summaries' order."));
        }

        if (!(regularization >= 0) || double.IsPositiveInfinity(regularization))
        {
            ThrowHelper.ArgumentOutOfRange("covariates.Regularization", regularization, Guard.Format($"covariates.Regularization must be a finite number of at least 0, but was {regularization}."));
        }
    }

    /// <summary>The column of each of a model's covariate <paramref name="names"/> in <paramref name="covariates"/>; an error names a missing one.</summary>
    public static int[] Columns(CustomerCovariates covariates, IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(covariates);
        var columns = new int[names.Count];
        for (int i = 0; i < columns.Length; i++)
        {
            columns[i] = covariates.IndexOf(names[i]);
            if (columns[i] < 0)
            {
                ThrowHelper.Argument(nameof(covariates), Guard.Format($"The model needs covariate '{names[i]}', which is not among {string.Join(", ", covariates.Names)}."));
            }
        }

        return columns;
    }
}
