using Clv.Crm;
using Clv.Parquet.Internal;

namespace Clv.Parquet;

/// <summary>
/// Writes a <see cref="Scorecard"/> as Parquet, one row per customer and one column per <see cref="Scorecard.Columns"/>
/// entry, named as in the scorecard's data dictionary (the CSV's names) and typed by its kind: text as nullable STRING,
/// integers as nullable INT32, numbers as nullable DOUBLE (an empty cell, NaN included, is null).
/// </summary>
public static class ScorecardParquet
{
    /// <summary>Writes the scorecard to a file, through a temporary file moved over <paramref name="path"/> when complete.</summary>
    /// <param name="path">The file to create or overwrite.</param>
    /// <param name="scorecard">The scorecard.</param>
    /// <exception cref="ArgumentNullException"><paramref name="scorecard"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    public static void Write(string path, Scorecard scorecard)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Table(scorecard).WriteTo(path);
    }

    /// <summary>Writes the scorecard to a stream (writable; written from its current position to the end of the file, never sought; left open).</summary>
    /// <param name="stream">The destination.</param>
    /// <param name="scorecard">The scorecard.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void Write(Stream stream, Scorecard scorecard)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Table(scorecard).WriteTo(stream);
    }

    /// <summary>Writes with the package's own writer or, for comparison (benchmarks, tests), Parquet.Net's.</summary>
    internal static void Write(string path, Scorecard scorecard, bool ownWriter) => Table(scorecard, ownWriter).WriteTo(path);

    private static ParquetTable Table(Scorecard scorecard, bool ownWriter = true)
    {
        ArgumentNullException.ThrowIfNull(scorecard);
        var rows = scorecard.Rows;
        var table = new ParquetTable(rows.Count) { UseFlatWriter = ownWriter };
        foreach (var column in scorecard.Columns)
        {
            // Each column is computed one row group at a time while it is written: no column of a million values is held.
            _ = column.Kind switch
            {
                ScorecardColumnKind.Text => table.AddText(column.Name, i => column.GetText(i), distinct: column.Name is "customer_id" or "churn_warning"),
                ScorecardColumnKind.Integer => table.AddIntegers(column.Name, i => column.GetInteger(i)),
                _ => table.AddNumbers(column.Name, i => column.GetNumber(i) is double v && double.IsFinite(v) ? v : null),
            };
        }

        return table;
    }
}
