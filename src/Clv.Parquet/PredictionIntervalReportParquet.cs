using Clv.Parquet.Internal;
using Clv.Probabilistic;

namespace Clv.Parquet;

/// <summary>
/// Writes a <see cref="PredictionIntervalReport"/> as Parquet, one row per customer with the CSV writer's columns:
/// <c>customer_id</c> (STRING), then lower, median and upper (DOUBLE) of P(alive), expected purchases, purchases and CLV;
/// the three CLV columns are null when the report has no CLV (no spend fit).
/// </summary>
public static class PredictionIntervalReportParquet
{
    /// <summary>The columns written, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "customer_id", "alive_lower", "alive_median", "alive_upper", "expected_purchases_lower", "expected_purchases_median", "expected_purchases_upper",
        "purchases_lower", "purchases_median", "purchases_upper", "clv_lower", "clv_median", "clv_upper",
    ];

    /// <summary>Writes the report to a file, through a temporary file moved over <paramref name="path"/> when complete.</summary>
    /// <param name="path">The file to create or overwrite.</param>
    /// <param name="report">The report.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void Write(string path, PredictionIntervalReport report)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Table(report).WriteTo(path);
    }

    /// <summary>Writes the report to a stream (writable and seekable; left open).</summary>
    /// <param name="stream">The destination.</param>
    /// <param name="report">The report.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void Write(Stream stream, PredictionIntervalReport report)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Table(report).WriteTo(stream);
    }

    private static ParquetTable Table(PredictionIntervalReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rows = report.Rows;
        int n = rows.Count;
        var ids = new string[n];
        var values = new double?[12][];
        for (int c = 0; c < values.Length; c++)
        {
            values[c] = new double?[n];
        }

        for (int i = 0; i < n; i++)
        {
            var row = rows[i];
            ids[i] = row.CustomerId;
            Put(0, row.AliveProbability);
            Put(3, row.ExpectedPurchases);
            Put(6, row.Purchases);
            Put(9, row.Clv);

            void Put(int column, PredictionInterval? interval)
            {
                values[column][i] = interval?.Lower;
                values[column + 1][i] = interval?.Median;
                values[column + 2][i] = interval?.Upper;
            }
        }

        var table = new ParquetTable(n).Add(Columns[0], ids);
        for (int c = 0; c < values.Length; c++)
        {
            table.Add(Columns[c + 1], values[c]);
        }

        return table;
    }
}
