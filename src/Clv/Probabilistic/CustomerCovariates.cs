using Clv.Internal;

namespace Clv.Probabilistic;

/// <summary>
/// Time-invariant covariates (gender, acquisition channel, region, ...): one vector per customer, aligned with the customers of a
/// <see cref="CustomerSummaries"/> by index, with named columns. Categorical covariates enter as 0/1 dummy columns (leave one
/// level out: it is absorbed by the model's own scale parameters). Immutable.
/// </summary>
/// <remarks>
/// Read them from a CSV keyed by customer id with <c>CustomerCovariatesCsv.Read</c> (Clv.Csv), or build them here in the
/// customers' order.
/// </remarks>
public sealed class CustomerCovariates
{
    private readonly double[] _values; // row-major: customer × column
    private readonly Dictionary<string, int> _columns;

    private CustomerCovariates(string[] names, double[] values, int count)
    {
        Names = Array.AsReadOnly(names);
        _values = values;
        Count = count;
        _columns = new Dictionary<string, int>(names.Length, StringComparer.Ordinal);
        for (int j = 0; j < names.Length; j++)
        {
            _columns[names[j]] = j;
        }
    }

    /// <summary>The covariates' names, in column order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The number of customers (rows).</summary>
    public int Count { get; }

    /// <summary>The value of covariate <paramref name="column"/> for customer <paramref name="customer"/>.</summary>
    /// <param name="customer">The customer's index in the summaries.</param>
    /// <param name="column">The covariate's index in <see cref="Names"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">An index is out of range.</exception>
    public double this[int customer, int column]
    {
        get
        {
            if ((uint)customer >= (uint)Count)
            {
                ThrowHelper.ArgumentOutOfRange(nameof(customer), customer, Guard.Format($"Customer index must be between 0 and {Count - 1}, but was {customer}."));
            }

            if ((uint)column >= (uint)Names.Count)
            {
                ThrowHelper.ArgumentOutOfRange(nameof(column), column, Guard.Format($"Column index must be between 0 and {Names.Count - 1}, but was {column}."));
            }

            return _values[(customer * Names.Count) + column];
        }
    }

    /// <summary>Creates covariates from a matrix whose rows are the customers (in the summaries' order) and whose columns are named.</summary>
    /// <param name="names">The column names: not empty, distinct (ordinal), one per column of <paramref name="values"/>.</param>
    /// <param name="values">values[customer, column]; every value finite.</param>
    /// <returns>The covariates.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The names do not match the columns, a name is empty or repeated, or a value is not finite (the message names its row and column).</exception>
    public static CustomerCovariates Create(IReadOnlyList<string> names, double[,] values)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(values);
        int rows = values.GetLength(0), columns = values.GetLength(1);
        if (names.Count != columns)
        {
            ThrowHelper.Argument(nameof(names), Guard.Format($"{names.Count} names were given for {columns} columns of values."));
        }

        var copy = new double[rows * columns];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                copy[(i * columns) + j] = values[i, j];
            }
        }

        return Create(names, copy, rows);
    }

    /// <summary>Creates covariates from row-major values (customer × column); validated, taken without a copy.</summary>
    internal static CustomerCovariates Create(IReadOnlyList<string> names, double[] values, int rows)
    {
        int columns = names.Count;
        if (columns == 0)
        {
            ThrowHelper.Argument(nameof(names), "At least one covariate name is needed.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        string[] copy = new string[columns];
        for (int j = 0; j < columns; j++)
        {
            string name = names[j];
            if (string.IsNullOrWhiteSpace(name))
            {
                ThrowHelper.Argument(nameof(names), Guard.Format($"Covariate name {j} is empty."));
            }

            if (!seen.Add(name))
            {
                ThrowHelper.Argument(nameof(names), Guard.Format($"Covariate name '{name}' is repeated (column {j})."));
            }

            copy[j] = name;
        }

        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                ThrowHelper.Argument(nameof(values), Guard.Format($"Covariate '{copy[i % columns]}' of customer {i / columns} is {values[i]}; every value must be a finite number."));
            }
        }

        return new CustomerCovariates(copy, values, rows);
    }

    /// <summary>The index of the column named <paramref name="name"/>, or -1.</summary>
    internal int IndexOf(string name) => _columns.TryGetValue(name, out int j) ? j : -1;

    /// <summary>The value at a trusted customer and column.</summary>
    internal double Value(int customer, int column) => _values[(customer * Names.Count) + column];
}
