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
}
