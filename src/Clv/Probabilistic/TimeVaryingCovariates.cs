using Clv.Internal;

namespace Clv.Probabilistic;

/// <summary>
/// Time-varying covariates (seasonality, marketing contacts per period, a price index): a value per customer, period and named
/// covariate, constant within a period. Periods are calendar intervals [start_p, start_{p+1}); the last one runs on without end.
/// Customers are aligned with a <see cref="CustomerSummaries"/> by index. Immutable.
/// </summary>
/// <remarks>Bachmann, Meierer and Naef (2021), "The role of time-varying contextual factors in latent attrition models for
/// customer base analysis", Marketing Science 40(4); R CLVTools' <c>SetDynamicCovariates</c>.</remarks>
public sealed class TimeVaryingCovariates
{
    private readonly double[] _values; // customer × period × column
    private readonly int[] _startDays;

    private TimeVaryingCovariates(string[] names, DateOnly[] starts, double[] values, int customers)
    {
        Names = names;
        PeriodStarts = starts;
        _startDays = [.. starts.Select(d => d.DayNumber)];
        _values = values;
        Count = customers;
    }

    /// <summary>The covariates' names, in column order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The first day of each period, ascending; the last period has no end.</summary>
    public IReadOnlyList<DateOnly> PeriodStarts { get; }

    /// <summary>The number of customers.</summary>
    public int Count { get; }

    /// <summary>The value of covariate <paramref name="column"/> for <paramref name="customer"/> in <paramref name="period"/>.</summary>
    /// <param name="customer">The customer's index in the summaries.</param>
    /// <param name="period">The period's index in <see cref="PeriodStarts"/>.</param>
    /// <param name="column">The covariate's index in <see cref="Names"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">An index is out of range.</exception>
    public double this[int customer, int period, int column]
    {
        get
        {
            Check(customer, Count, nameof(customer));
            Check(period, PeriodStarts.Count, nameof(period));
            Check(column, Names.Count, nameof(column));
            return Value(customer, period, column);
        }
    }

    /// <summary>Creates time-varying covariates.</summary>
    /// <param name="names">The covariate names: not empty, distinct (ordinal), one per third index of <paramref name="values"/>.</param>
    /// <param name="periodStarts">The first day of each period, strictly ascending; one per second index of <paramref name="values"/>.</param>
    /// <param name="values">values[customer, period, covariate], customers in the summaries' order; every value finite.</param>
    /// <returns>The covariates.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The dimensions do not match, a name is empty or repeated, the periods are not ascending, or a value is not finite (the message names customer, period and covariate).</exception>
    public static TimeVaryingCovariates Create(IReadOnlyList<string> names, IReadOnlyList<DateOnly> periodStarts, double[,,] values)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(periodStarts);
        ArgumentNullException.ThrowIfNull(values);
        int customers = values.GetLength(0), periods = values.GetLength(1), columns = values.GetLength(2);
        if (names.Count != columns || names.Count == 0)
        {
            ThrowHelper.Argument(nameof(names), Guard.Format($"{names.Count} names were given for {columns} covariates; give one name per covariate, at least one."));
        }

        if (periodStarts.Count != periods || periods == 0)
        {
            ThrowHelper.Argument(nameof(periodStarts), Guard.Format($"{periodStarts.Count} period starts were given for {periods} periods of values; give one start per period, at least one."));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string name in names)
        {
            if (string.IsNullOrWhiteSpace(name) || !seen.Add(name))
            {
                ThrowHelper.Argument(nameof(names), Guard.Format($"Covariate name '{name}' is empty or repeated."));
            }
        }

        for (int p = 1; p < periods; p++)
        {
            if (periodStarts[p] <= periodStarts[p - 1])
            {
                ThrowHelper.Argument(nameof(periodStarts), Guard.Format($"Period starts must be strictly ascending, but period {p} starts on {periodStarts[p]:yyyy-MM-dd}, not after {periodStarts[p - 1]:yyyy-MM-dd}."));
            }
        }

        var copy = new double[customers * periods * columns];
        int k = 0;
        for (int i = 0; i < customers; i++)
        {
            for (int p = 0; p < periods; p++)
            {
                for (int j = 0; j < columns; j++)
                {
                    double v = values[i, p, j];
                    if (!double.IsFinite(v))
                    {
                        ThrowHelper.Argument(nameof(values), Guard.Format($"Covariate '{names[j]}' of customer {i} in period {p} is {v}; every value must be a finite number."));
                    }

                    copy[k++] = v;
                }
            }
        }

        return new TimeVaryingCovariates([.. names], [.. periodStarts], copy, customers);
    }

    /// <summary>The index of the column named <paramref name="name"/>, or -1.</summary>
    internal int IndexOf(string name) => ((string[])Names).AsSpan().IndexOf(name);

    internal double Value(int customer, int period, int column) => _values[(((customer * PeriodStarts.Count) + period) * Names.Count) + column];

    /// <summary>The period holding day number <paramref name="day"/>, or -1 before the first period.</summary>
    internal int PeriodOf(int day)
    {
        int i = Array.BinarySearch(_startDays, day);
        return i >= 0 ? i : ~i - 1;
    }

    /// <summary>The first day number of period <paramref name="period"/>, or int.MaxValue past the last.</summary>
    internal int StartDay(int period) => period < _startDays.Length ? _startDays[period] : int.MaxValue;

    private static void Check(int index, int count, string paramName)
    {
        if ((uint)index >= (uint)count)
        {
            ThrowHelper.ArgumentOutOfRange(paramName, index, Guard.Format($"{paramName} must be between 0 and {count - 1}, but was {index}."));
        }
    }
}
