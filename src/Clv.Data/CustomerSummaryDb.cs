using System.Data.Common;
using Clv.Data.Internal;

namespace Clv.Data;

/// <summary>
/// Writes customer summaries to a new database table, one row per customer, with the columns of
/// <c>CustomerSummaryCsv</c>: <c>customer_id</c> (TEXT), <c>first_purchase</c>, <c>last_purchase</c> (DATE),
/// <c>purchase_days</c>, <c>frequency</c> (BIGINT), <c>recency</c>, <c>age</c> (DOUBLE PRECISION), <c>time_unit</c> (TEXT; on SQL Server NVARCHAR(n), n the longest value),
/// <c>days_since_last_purchase</c> (BIGINT), <c>spend</c>, <c>refunds</c>, <c>monetary_value</c> (DOUBLE PRECISION),
/// <c>holdout_purchase_days</c> (BIGINT), <c>holdout_spend</c> (DOUBLE PRECISION). A missing value (no purchase, NaN) is NULL.
/// </summary>
public static class CustomerSummaryDb
{
    /// <summary>Creates <paramref name="table"/> and writes every customer, in one transaction (a failure writes nothing).</summary>
    /// <param name="connection">An open or closed connection (a closed one is opened and closed again).</param>
    /// <param name="table">The new table's name: ASCII letters, digits and '_', or a schema and such a name joined by a dot (<c>crm.scorecard</c>); each part quoted in the SQL, on PostgreSQL in lower case, as unquoted SQL names it.</param>
    /// <param name="summaries">The summaries.</param>
    /// <param name="options">Replace an existing table, the caller's transaction, cancellation; null for <see cref="DbWriteOptions.Default"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="connection"/>, <paramref name="table"/> or <paramref name="summaries"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="table"/> is not a plain name (or schema.name), or <see cref="DbWriteOptions.Transaction"/> is not a transaction of <paramref name="connection"/>.</exception>
    /// <exception cref="InvalidOperationException">The connection has a transaction open that is not <see cref="DbWriteOptions.Transaction"/> (the provider takes no second one).</exception>
    /// <exception cref="DbException">The database refused (for example the table exists and <see cref="DbWriteOptions.ReplaceExisting"/> is false).</exception>
    /// <exception cref="OperationCanceledException"><see cref="DbWriteOptions.CancellationToken"/> was cancelled: the transaction is rolled back and nothing is written.</exception>
    public static void Write(DbConnection connection, string table, CustomerSummaries summaries, DbWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        TableColumn[] columns =
        [
            new("customer_id", DbColumnKind.Text, i => summaries[i].CustomerId),
            new("first_purchase", DbColumnKind.Date, i => summaries[i].FirstPurchase),
            new("last_purchase", DbColumnKind.Date, i => summaries[i].LastPurchase),
            new("purchase_days", DbColumnKind.Integer, i => (long)summaries[i].PurchaseDays),
            new("frequency", DbColumnKind.Integer, i => (long)summaries[i].Frequency),
            new("recency", DbColumnKind.Real, i => Real(summaries[i].Recency)),
            new("age", DbColumnKind.Real, i => Real(summaries[i].Age)),
            new("time_unit", DbColumnKind.Text, i => summaries[i].TimeUnit.ToString()),
            new("days_since_last_purchase", DbColumnKind.Integer, i => (long?)summaries[i].DaysSinceLastPurchase),
            new("spend", DbColumnKind.Real, i => Real(summaries[i].Spend)),
            new("refunds", DbColumnKind.Real, i => Real(summaries[i].Refunds)),
            new("monetary_value", DbColumnKind.Real, i => Real(summaries[i].MonetaryValue)),
            new("holdout_purchase_days", DbColumnKind.Integer, i => (long)summaries[i].HoldoutPurchaseDays),
            new("holdout_spend", DbColumnKind.Real, i => Real(summaries[i].HoldoutSpend)),
        ];
        DbTableWriter.Write(connection, table, columns, summaries.Count, options);
    }

    private static double? Real(double value) => double.IsFinite(value) ? value : null;
}
