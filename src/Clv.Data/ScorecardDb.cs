using System.Data.Common;
using Clv.Crm;
using Clv.Data.Internal;

namespace Clv.Data;

/// <summary>
/// Writes a <see cref="Scorecard"/> back into the CRM's database: a new table with one row per customer and one column per
/// <see cref="Scorecard.Columns"/> entry, named as in the scorecard's data dictionary (the CSV's names), typed by its kind
/// (<see cref="ScorecardColumnKind.Text"/> TEXT, <see cref="ScorecardColumnKind.Integer"/> BIGINT,
/// <see cref="ScorecardColumnKind.Number"/> DOUBLE PRECISION; text on SQL Server is NVARCHAR(n), n the longest value, since
/// its TEXT keeps only the code page's characters and cannot be compared); an empty cell (NaN included) is NULL.
/// </summary>
public static class ScorecardDb
{
    /// <summary>Creates <paramref name="table"/> and writes every row, in one transaction (a failure writes nothing).</summary>
    /// <param name="connection">An open or closed connection (a closed one is opened and closed again).</param>
    /// <param name="table">The new table's name: ASCII letters, digits and '_', or a schema and such a name joined by a dot (<c>crm.scorecard</c>); each part quoted in the SQL, on PostgreSQL in lower case, as unquoted SQL names it.</param>
    /// <param name="scorecard">The scorecard.</param>
    /// <param name="options">Replace an existing table, the caller's transaction, cancellation; null for <see cref="DbWriteOptions.Default"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="connection"/>, <paramref name="table"/> or <paramref name="scorecard"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="table"/> is not a plain name (or schema.name), or <see cref="DbWriteOptions.Transaction"/> is not a transaction of <paramref name="connection"/>.</exception>
    /// <exception cref="InvalidOperationException">The connection has a transaction open that is not <see cref="DbWriteOptions.Transaction"/> (the provider takes no second one).</exception>
    /// <exception cref="DbException">The database refused (for example the table exists and <see cref="DbWriteOptions.ReplaceExisting"/> is false).</exception>
    /// <exception cref="OperationCanceledException"><see cref="DbWriteOptions.CancellationToken"/> was cancelled: the transaction is rolled back and nothing is written.</exception>
    public static void Write(DbConnection connection, string table, Scorecard scorecard, DbWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scorecard);
        var rows = scorecard.Rows;
        var columns = scorecard.Columns.Select(c => c.Kind switch
        {
            ScorecardColumnKind.Text => new TableColumn(c.Name, DbColumnKind.Text, i => c.GetText(i)),
            ScorecardColumnKind.Integer => new TableColumn(c.Name, DbColumnKind.Integer, i => (long?)c.GetInteger(i)),
            _ => new TableColumn(c.Name, DbColumnKind.Real, i => c.GetNumber(i) is double v && double.IsFinite(v) ? v : null),
        }).ToArray();
        DbTableWriter.Write(connection, table, columns, rows.Count, options);
    }
}
