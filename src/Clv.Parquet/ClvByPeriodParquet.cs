using System.Globalization;
using Clv.Parquet.Internal;
using Clv.Probabilistic;

namespace Clv.Parquet;

/// <summary>
/// Writes a <see cref="ClvByPeriod"/> as Parquet, one row per customer with the CSV writer's columns: <c>customer_id</c>
/// (STRING), <c>period_1</c> ... <c>period_N</c> (DOUBLE, the discounted expected margin of each column) and <c>total</c> (DOUBLE).
/// </summary>
public static class ClvByPeriodParquet
{
    /// <summary>The columns written for <paramref name="periods"/> period columns, in order.</summary>
    /// <param name="periods">The number of period columns (<see cref="ClvByPeriod.PeriodCount"/>); at least 1.</param>
    /// <returns><c>customer_id</c>, <c>period_1</c> ... <c>period_N</c>, <c>total</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="periods"/> is below 1.</exception>
    public static IReadOnlyList<string> Columns(int periods)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(periods, 1);
        return ["customer_id", .. Enumerable.Range(1, periods).Select(k => "period_" + k.ToString(CultureInfo.InvariantCulture)), "total"];
    }

    /// <summary>Writes the values to a file, through a temporary file moved over <paramref name="path"/> when complete.</summary>
    /// <param name="path">The file to create or overwrite.</param>
    /// <param name="customers">The summaries the values were computed for (their ids, in the same order).</param>
    /// <param name="values">The values per customer and period.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The values are not one row per customer.</exception>
    public static void Write(string path, CustomerSummaries customers, ClvByPeriod values)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Table(customers, values).WriteTo(path);
    }

    /// <summary>Writes the values to a stream (writable and seekable; left open).</summary>
    /// <param name="stream">The destination.</param>
    /// <param name="customers">The summaries the values were computed for (their ids, in the same order).</param>
    /// <param name="values">The values per customer and period.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The values are not one row per customer.</exception>
    public static void Write(Stream stream, CustomerSummaries customers, ClvByPeriod values)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Table(customers, values).WriteTo(stream);
    }

    private static ParquetTable Table(CustomerSummaries customers, ClvByPeriod values)
    {
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(values);
        ScoreTables.SameCount(customers, values.CustomerCount, nameof(values));
        var names = Columns(values.PeriodCount);
        var table = new ParquetTable(customers.Count).Add(names[0], ScoreTables.Ids(customers));
        for (int k = 0; k < values.PeriodCount; k++)
        {
            table.Add(names[k + 1], values.Column(k));
        }

        var total = new double[customers.Count];
        for (int i = 0; i < total.Length; i++)
        {
            total[i] = values.Total(i);
        }

        return table.Add(names[^1], total);
    }
}
