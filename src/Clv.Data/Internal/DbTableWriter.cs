using System.Data;
using System.Data.Common;

namespace Clv.Data.Internal;

/// <summary>The SQL type of a written column, in names PostgreSQL, SQL Server-like and SQLite databases all accept.</summary>
internal enum DbColumnKind
{
    Text,
    Integer,
    Real,
    Date,
}

/// <summary>A column of a written table: its name, type, and the value of row i (null for SQL NULL).</summary>
internal sealed record TableColumn(string Name, DbColumnKind Kind, Func<int, object?> Value);

/// <summary>
/// Writes rows to a new table in one transaction (create, insert every row, commit), so a failure leaves nothing behind:
/// the transaction is rolled back and the table does not exist (or, when replacing, the old table is still there).
/// </summary>
internal static class DbTableWriter
{
    public static void Write(DbConnection connection, string table, IReadOnlyList<TableColumn> columns, int rows, DbWriteOptions? options)
    {
        ArgumentNullException.ThrowIfNull(connection);
        Validate(table);
        options ??= DbWriteOptions.Default;
        bool opened = false;
        if (connection.State != ConnectionState.Open)
        {
            connection.Open();
            opened = true;
        }

        try
        {
            using var transaction = connection.BeginTransaction();
            string quoted = Quote(table);
            if (options.ReplaceExisting)
            {
                Execute(connection, transaction, $"DROP TABLE IF EXISTS {quoted}");
            }

            Execute(connection, transaction, $"CREATE TABLE {quoted} ({string.Join(", ", columns.Select(c => Quote(c.Name) + " " + SqlType(c.Kind)))})");
            string insert = $"INSERT INTO {quoted} ({string.Join(", ", columns.Select(c => Quote(c.Name)))}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)))})";
            if (connection.CanCreateBatch)
            {
                InsertBatched(connection, transaction, insert, columns, rows, options.CancellationToken);
            }
            else
            {
                InsertRowByRow(connection, transaction, insert, columns, rows, options.CancellationToken);
            }

            options.CancellationToken.ThrowIfCancellationRequested();
            transaction.Commit();
        }
        finally
        {
            if (opened)
            {
                connection.Close();
            }
        }
    }

    /// <summary>Rows sent in one round trip where the provider batches commands (<see cref="DbConnection.CanCreateBatch"/>).</summary>
    internal const int RowsPerBatch = 500;

    /// <summary>
    /// One INSERT per row, the commands sent <see cref="RowsPerBatch"/> at a time in one <see cref="DbBatch"/> (PostgreSQL's
    /// and SQL Server's providers send a batch in one round trip): a round trip per row made a PostgreSQL write of 100,000
    /// rows take 20 to 36 s. Each command keeps its own few parameters: one INSERT of many rows' values instead costs
    /// SQLite's provider a name lookup among all of its parameters for every one of them. A batch is built for every 500
    /// rows, not refilled: Npgsql 10 fails a batch run again with new values ("Missing type info or binding info").
    /// </summary>
    private static void InsertBatched(DbConnection connection, DbTransaction transaction, string insert, IReadOnlyList<TableColumn> columns, int rows, CancellationToken cancellationToken)
    {
        for (int r = 0; r < rows; r += RowsPerBatch)
        {
            int count = Math.Min(RowsPerBatch, rows - r);
            using var batch = Batch(connection, transaction, insert, columns, count, out var parameters);
            Fill(columns, parameters, r, count);
            batch.ExecuteNonQuery();
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>A batch of <paramref name="count"/> single-row INSERTs, with their parameters row by row.</summary>
    private static DbBatch Batch(DbConnection connection, DbTransaction transaction, string insert, IReadOnlyList<TableColumn> columns, int count, out DbParameter[] parameters)
    {
        var batch = connection.CreateBatch();
        batch.Transaction = transaction;
        parameters = new DbParameter[count * columns.Count];
        for (int r = 0; r < count; r++)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = insert;
            for (int c = 0; c < columns.Count; c++)
            {
                var parameter = command.CreateParameter();
                Describe(parameter, columns[c], c);
                command.Parameters.Add(parameter);
                parameters[(r * columns.Count) + c] = parameter;
            }

            batch.BatchCommands.Add(command);
        }

        return batch;
    }

    /// <summary>One INSERT per row, through one command (providers without batches: SQLite's runs in-process, without round trips).</summary>
    private static void InsertRowByRow(DbConnection connection, DbTransaction transaction, string insert, IReadOnlyList<TableColumn> columns, int rows, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = insert;
        var parameters = new DbParameter[columns.Count];
        for (int c = 0; c < columns.Count; c++)
        {
            parameters[c] = command.CreateParameter();
            Describe(parameters[c], columns[c], c);
            command.Parameters.Add(parameters[c]);
        }

        for (int r = 0; r < rows; r++)
        {
            Fill(columns, parameters, r, 1);
            command.ExecuteNonQuery();
            if ((r & 4095) == 4095)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }

    /// <summary>Names and types the parameter of column <paramref name="index"/>: @p0, @p1, ...</summary>
    private static void Describe(DbParameter parameter, TableColumn column, int index)
    {
        parameter.ParameterName = "@p" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        parameter.DbType = column.Kind switch
        {
            DbColumnKind.Text => DbType.String,
            DbColumnKind.Integer => DbType.Int64,
            DbColumnKind.Real => DbType.Double,
            _ => DbType.Date,
        };
    }

    /// <summary>Sets the parameters of rows <paramref name="from"/> .. + <paramref name="count"/> (SQL NULL for a null value).</summary>
    private static void Fill(IReadOnlyList<TableColumn> columns, DbParameter[] parameters, int from, int count)
    {
        for (int r = 0; r < count; r++)
        {
            for (int c = 0; c < columns.Count; c++)
            {
                parameters[(r * columns.Count) + c].Value = columns[c].Value(from + r) ?? DBNull.Value;
            }
        }
    }

    private static void Execute(DbConnection connection, DbTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string SqlType(DbColumnKind kind) => kind switch
    {
        DbColumnKind.Text => "TEXT",
        DbColumnKind.Integer => "BIGINT",
        DbColumnKind.Real => "DOUBLE PRECISION",
        _ => "DATE",
    };

    private static string Quote(string name) => "\"" + name + "\"";

    private static void Validate(string table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (table.Length == 0 || table.Length > 63 || !table.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') || char.IsAsciiDigit(table[0]))
        {
            throw new ArgumentException(FormattableString.Invariant($"table must be 1 to 63 ASCII letters, digits or '_', not starting with a digit, but was '{table}'."), nameof(table));
        }
    }
}
