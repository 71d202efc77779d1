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
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = $"INSERT INTO {quoted} ({string.Join(", ", columns.Select(c => Quote(c.Name)))}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)))})";
            var parameters = new DbParameter[columns.Count];
            for (int c = 0; c < columns.Count; c++)
            {
                parameters[c] = insert.CreateParameter();
                parameters[c].ParameterName = "@p" + c.ToString(System.Globalization.CultureInfo.InvariantCulture);
                parameters[c].DbType = columns[c].Kind switch
                {
                    DbColumnKind.Text => DbType.String,
                    DbColumnKind.Integer => DbType.Int64,
                    DbColumnKind.Real => DbType.Double,
                    _ => DbType.Date,
                };
                insert.Parameters.Add(parameters[c]);
            }

            for (int r = 0; r < rows; r++)
            {
                for (int c = 0; c < columns.Count; c++)
                {
                    parameters[c].Value = columns[c].Value(r) ?? DBNull.Value;
                }

                insert.ExecuteNonQuery();
                if ((r & 4095) == 4095)
                {
                    options.CancellationToken.ThrowIfCancellationRequested();
                }
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
