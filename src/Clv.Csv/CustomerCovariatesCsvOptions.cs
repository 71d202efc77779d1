namespace Clv.Csv;

/// <summary>How <see cref="CustomerCovariatesCsv"/> reads a covariates file: the id column, which columns are covariates, the delimiter, and what to do with ids that are not among the customers.</summary>
public sealed class CustomerCovariatesCsvOptions
{
    /// <summary>The default options.</summary>
    public static CustomerCovariatesCsvOptions Default { get; } = new();

    /// <summary>The header name of the customer id column (ordinal). Default <c>customer_id</c>.</summary>
    public string CustomerIdColumn { get; init; } = "customer_id";

    /// <summary>The header names of the covariate columns, in the order wanted; null (the default) takes every other column, in file order.</summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>The field delimiter. Default ','.</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>
    /// Whether rows whose id is not among the customers (for example CRM contacts without a transaction) are skipped (true) or
    /// an error naming the line and id (false, the default: nothing is dropped unless asked).
    /// </summary>
    public bool IgnoreUnknownCustomers { get; init; }

    /// <summary>Checks the options before any I/O; every error names the property (<c>options.Columns</c>).</summary>
    internal void Validate()
    {
        Require(CustomerIdColumn, "options.CustomerIdColumn");
        if (Delimiter is '"' or '\r' or '\n' or '\0')
        {
            ThrowHelper.ArgumentOutOfRange("options.Delimiter", Delimiter, ThrowHelper.Format(
                $"options.Delimiter cannot be U+{(int)Delimiter:X4} (a quote, line break or NUL)."));
        }

        if (Columns is null)
        {
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < Columns.Count; i++)
        {
            string path = ThrowHelper.Format($"options.Columns[{i}]");
            Require(Columns[i], path);
            if (string.Equals(Columns[i].Trim(), CustomerIdColumn.Trim(), StringComparison.Ordinal))
            {
                ThrowHelper.Argument("options.Columns", ThrowHelper.Format($"{path} is '{Columns[i]}', the customer id column: it cannot also be a covariate."));
            }

            if (!seen.Add(Columns[i].Trim()))
            {
                ThrowHelper.Argument("options.Columns", ThrowHelper.Format($"{path} is '{Columns[i]}', named twice."));
            }
        }

        static void Require(string? value, string name)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                ThrowHelper.Argument(name.StartsWith("options.Columns", StringComparison.Ordinal) ? "options.Columns" : name, ThrowHelper.Format($"{name} must not be null, empty or white space, but was '{value}'."));
            }
        }
    }
}
