using Clv.Parquet.Internal;
using Clv.Rfm;

namespace Clv.Parquet;

/// <summary>
/// Writes RFM scores as Parquet, one row per customer: <c>customer_id</c> (STRING), then <c>r</c>, <c>f</c>, <c>m</c> and
/// <c>rfm_code</c> (INT32, 100R + 10F + M), each null for a lead (a customer without a purchase, who has no score), never 0.
/// </summary>
public static class RfmScoresParquet
{
    /// <summary>The columns written, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["customer_id", "r", "f", "m", "rfm_code"];

    /// <summary>Writes the scores to a file, through a temporary file moved over <paramref name="path"/> when complete.</summary>
    /// <param name="path">The file to create or overwrite.</param>
    /// <param name="customers">The summaries the scores were computed for (their ids, in the same order).</param>
    /// <param name="scores">The scores (<see cref="RfmScorer.Score(CustomerSummaries)"/>).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The scores are not one per customer.</exception>
    public static void Write(string path, CustomerSummaries customers, RfmScores scores)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Table(customers, scores).WriteTo(path);
    }

    /// <summary>Writes the scores to a stream (writable and seekable; left open).</summary>
    /// <param name="stream">The destination.</param>
    /// <param name="customers">The summaries the scores were computed for (their ids, in the same order).</param>
    /// <param name="scores">The scores.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The scores are not one per customer.</exception>
    public static void Write(Stream stream, CustomerSummaries customers, RfmScores scores)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Table(customers, scores).WriteTo(stream);
    }

    private static ParquetTable Table(CustomerSummaries customers, RfmScores scores)
    {
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(scores);
        ScoreTables.SameCount(customers, scores.Count, nameof(scores));
        int n = customers.Count;
        var r = new int?[n];
        var f = new int?[n];
        var m = new int?[n];
        var code = new int?[n];
        for (int i = 0; i < n; i++)
        {
            var s = scores[i];
            if (!s.IsLead)
            {
                (r[i], f[i], m[i], code[i]) = (s.R, s.F, s.M, s.Code);
            }
        }

        return new ParquetTable(n).Add(Columns[0], ScoreTables.Ids(customers)).Add(Columns[1], r).Add(Columns[2], f).Add(Columns[3], m).Add(Columns[4], code);
    }
}
