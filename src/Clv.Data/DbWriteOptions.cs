using System.Data.Common;

namespace Clv.Data;

/// <summary>How a result is written to a database table.</summary>
public sealed class DbWriteOptions
{
    /// <summary>The defaults: a new table (writing to an existing one fails and changes nothing).</summary>
    public static DbWriteOptions Default { get; } = new();

    /// <summary>
    /// Whether an existing table of the same name is dropped first, in the same transaction as the new rows: a failure
    /// keeps the old table. Default false.
    /// </summary>
    public bool ReplaceExisting { get; init; }

    /// <summary>
    /// The caller's own open transaction on the connection, to write the table as part of it (with the CRM's other changes):
    /// the table is created and filled in it and not committed; the caller commits, or rolls back and nothing is written.
    /// After a failure the transaction holds what ran before it (PostgreSQL refuses every later statement): roll it back.
    /// Default null: the write runs in a transaction of its own and commits it (a connection with a transaction open then
    /// fails, the providers taking no second one: pass that transaction here).
    /// </summary>
    public DbTransaction? Transaction { get; init; }

    /// <summary>Cancels the write (checked every 4,096 rows into SQLite, after every INSERT of up to 999 values into a server or DuckDB, and before the commit): the transaction is rolled back. Default none.</summary>
    public CancellationToken CancellationToken { get; init; }
}
