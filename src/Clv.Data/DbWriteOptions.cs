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

    /// <summary>Cancels the write (checked every 4,096 rows into SQLite, after every INSERT of up to 999 values into a server or DuckDB, and before the commit): the transaction is rolled back. Default none.</summary>
    public CancellationToken CancellationToken { get; init; }
}
