using System.Data;
using System.Data.Common;

namespace Clv.Data.Internal;

/// <summary>The SQL type of a written column, in names PostgreSQL, SQL Server and SQLite databases all accept (text: see <see cref="DbTableWriter.CreateTable"/>).</summary>
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
/// the transaction is rolled back and the table does not exist (or, when replacing, the old table is still there). With
/// <see cref="DbWriteOptions.Transaction"/> the rows go into the caller's transaction, which the caller commits.
/// </summary>
internal static class DbTableWriter
{
    public static void Write(DbConnection connection, string table, IReadOnlyList<TableColumn> columns, int rows, DbWriteOptions? options)
    {
        ArgumentNullException.ThrowIfNull(connection);
        Validate(table);
        options ??= DbWriteOptions.Default;
        var own = options.Transaction;
        if (own is not null && !ReferenceEquals(own.Connection, connection))
        {
            throw new ArgumentException(
                "options.Transaction must be a transaction of the connection written to, but it " + (own.Connection is null ? "has ended (committed or rolled back)." : "belongs to another connection."),
                nameof(options));
        }

        bool opened = false;
        if (connection.State != ConnectionState.Open)
        {
            connection.Open();
            opened = true;
        }

        try
        {
            using var ownTransaction = own is null ? connection.BeginTransaction() : null;
            var transaction = own ?? ownTransaction!;
            string? type = connection.GetType().FullName;
            table = Folded(type, table);
            string quoted = QuoteTable(type, table);
            if (options.ReplaceExisting)
            {
                Execute(connection, transaction, $"DROP TABLE IF EXISTS {quoted}");
            }

            Execute(connection, transaction, CreateTable(type, table, columns, rows));
            string head = $"INSERT INTO {quoted} ({string.Join(", ", columns.Select(c => Quote(type, c.Name)))}) VALUES ";
            if (InProcess(connection))
            {
                InsertRowByRow(connection, transaction, head, columns, rows, options.CancellationToken);
            }
            else
            {
                InsertManyRowsAtOnce(connection, transaction, head, columns, rows, options.CancellationToken);
            }

            options.CancellationToken.ThrowIfCancellationRequested();
            ownTransaction?.Commit();   // the caller's transaction is the caller's to commit
        }
        finally
        {
            if (opened)
            {
                connection.Close();
            }
        }
    }

    /// <summary>
    /// Whether the connection is SQLite's (either provider), which takes one INSERT per row: no round trips to save, and its
    /// provider looks every parameter name up among all of a statement's, so one INSERT of many rows costs it 3 to 4 times
    /// as much as one command per row. DuckDB, in process too, is not: each of its statements costs about half a
    /// millisecond, so it takes the servers' INSERTs of many rows (2,357 summaries and their scorecard: 2.8 s one row an
    /// INSERT, 0.8 s many).
    /// </summary>
    internal static bool InProcess(DbConnection connection) => connection.GetType().FullName is
        "Microsoft.Data.Sqlite.SqliteConnection" or "System.Data.SQLite.SQLiteConnection";

    private const string DuckDbConnection = "DuckDB.NET.Data.DuckDBConnection";

    /// <summary>
    /// Rows sent by one INSERT to a server: as many as 999 parameters hold (SQL Server takes 2,100, PostgreSQL 65,535), at
    /// most 1,000 (SQL Server's limit on a VALUES list).
    /// </summary>
    internal static int RowsPerStatement(int columns) => Math.Clamp(999 / Math.Max(columns, 1), 1, 1000);

    /// <summary>
    /// INSERTs of <see cref="RowsPerStatement"/> rows each through one command, refilled (PostgreSQL, SQL Server and other
    /// servers): a round trip per row made a PostgreSQL write of 100,000 scorecard rows take 10.5 s on this machine's own
    /// server, now 2.3 s. Tried and not kept: 500 single-row INSERTs a <see cref="DbBatch"/> (5.9 s; 1.1 GB allocated: a
    /// batch built per 500 rows, Npgsql 10 failing a batch re-run with new values).
    /// </summary>
    private static void InsertManyRowsAtOnce(DbConnection connection, DbTransaction transaction, string head, IReadOnlyList<TableColumn> columns, int rows, CancellationToken cancellationToken)
    {
        int perStatement = RowsPerStatement(columns.Count);
        int full = rows - (rows % perStatement);
        if (full > 0)
        {
            using var many = MultiRow(connection, transaction, head, columns, perStatement, out var parameters);
            for (int r = 0; r < full; r += perStatement)
            {
                Fill(columns, parameters, r, perStatement);
                many.ExecuteNonQuery();
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        if (full < rows)
        {
            using var last = MultiRow(connection, transaction, head, columns, rows - full, out var parameters);
            Fill(columns, parameters, full, rows - full);
            last.ExecuteNonQuery();
        }
    }

    /// <summary>An INSERT of <paramref name="count"/> rows, a typed parameter per cell (@p0, @p1, ... row by row).</summary>
    private static DbCommand MultiRow(DbConnection connection, DbTransaction transaction, string head, IReadOnlyList<TableColumn> columns, int count, out DbParameter[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        bool duckDb = connection.GetType().FullName == DuckDbConnection;
        var sql = new System.Text.StringBuilder(head);
        parameters = new DbParameter[count * columns.Count];
        for (int r = 0; r < count; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (int c = 0; c < columns.Count; c++)
            {
                int i = (r * columns.Count) + c;
                var parameter = command.CreateParameter();
                string placeholder = Describe(parameter, columns[c], i, duckDb);
                sql.Append(c == 0 ? placeholder : ", " + placeholder);
                command.Parameters.Add(parameter);
                parameters[i] = parameter;
            }

            sql.Append(')');
        }

        command.CommandText = sql.ToString();
        return command;
    }

    /// <summary>One INSERT per row, through one command (SQLite: no round trips to save; see <see cref="InProcess"/>).</summary>
    private static void InsertRowByRow(DbConnection connection, DbTransaction transaction, string head, IReadOnlyList<TableColumn> columns, int rows, CancellationToken cancellationToken)
    {
        using var command = MultiRow(connection, transaction, head, columns, 1, out var parameters);
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

    /// <summary>
    /// Names and types the parameter of column <paramref name="index"/> and returns its placeholder in the SQL: <c>@p0</c>,
    /// <c>@p1</c>, ...; DuckDB's provider takes no <c>@</c> names (its binder read <c>@p0</c> as a column, so every write
    /// failed): there <c>$p0</c>, <c>$p1</c>, ... for parameters named <c>p0</c>, <c>p1</c>, ...
    /// </summary>
    private static string Describe(DbParameter parameter, TableColumn column, int index, bool duckDb)
    {
        string name = "p" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        parameter.ParameterName = duckDb ? name : "@" + name;
        parameter.DbType = column.Kind switch
        {
            DbColumnKind.Text => DbType.String,
            DbColumnKind.Integer => DbType.Int64,
            DbColumnKind.Real => DbType.Double,
            _ => DbType.Date,
        };
        return duckDb ? "$" + name : "@" + name;
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

    /// <summary>
    /// The CREATE TABLE statement for a connection of type <paramref name="connectionType"/> (its full name). Names are quoted
    /// <c>"so"</c>, on MySQL and MariaDB <c>`so`</c> (they read <c>"so"</c> as a string: every write failed). Text is <c>TEXT</c>,
    /// except on SQL Server, where <c>TEXT</c> is a deprecated type that keeps only the database code page's characters (the
    /// Chinese labels came back as <c>??</c>) and cannot be compared with <c>=</c> (a join on <c>customer_id</c> failed): there
    /// it is <c>NVARCHAR(n)</c>, n the column's longest value (at least 1; <c>MAX</c> beyond 4,000), short enough for an index
    /// on the ids; and on MySQL and MariaDB, whose older default character sets cannot hold Chinese either, <c>TEXT CHARACTER
    /// SET utf8mb4</c>.
    /// </summary>
    internal static string CreateTable(string? connectionType, string table, IReadOnlyList<TableColumn> columns, int rows) =>
        $"CREATE TABLE {QuoteTable(connectionType, table)} ({string.Join(", ", columns.Select(c => Quote(connectionType, c.Name) + " " + SqlType(connectionType, c, rows)))})";

    private static bool IsSqlServer(string? connectionType) => connectionType is "Microsoft.Data.SqlClient.SqlConnection" or "System.Data.SqlClient.SqlConnection";

    private static bool IsMySql(string? connectionType) => connectionType is "MySqlConnector.MySqlConnection" or "MySql.Data.MySqlClient.MySqlConnection";

    private static string SqlType(string? connectionType, TableColumn column, int rows) => column.Kind switch
    {
        DbColumnKind.Text => IsSqlServer(connectionType) ? NVarChar(column, rows) : IsMySql(connectionType) ? "TEXT CHARACTER SET utf8mb4" : "TEXT",
        DbColumnKind.Integer => "BIGINT",
        DbColumnKind.Real => "DOUBLE PRECISION",
        _ => "DATE",
    };

    private static string NVarChar(TableColumn column, int rows)
    {
        int longest = 1;
        for (int i = 0; i < rows; i++)
        {
            if (column.Value(i) is string text)
            {
                longest = Math.Max(longest, text.Length);
            }
        }

        return longest > 4000 ? "NVARCHAR(MAX)" : "NVARCHAR(" + longest.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")";
    }

    /// <summary>
    /// The table's name as the database names it when written unquoted: on PostgreSQL in lower case (a CRM's <c>CREATE TABLE
    /// CustomerScorecard</c> makes <c>customerscorecard</c>; quoting "CustomerScorecard" as given made a second, case-sensitive
    /// table that unquoted SQL never reaches, and ReplaceExisting left the CRM's table as it was). SQLite, DuckDB, SQL Server
    /// and MySQL compare names ignoring case (or by the server's settings): unchanged.
    /// </summary>
    private static string Folded(string? connectionType, string table) =>
        connectionType == "Npgsql.NpgsqlConnection" ? table.ToLowerInvariant() : table;

    /// <summary>A table or column name (letters, digits and '_' only, checked or fixed) quoted for the connection's database.</summary>
    private static string Quote(string? connectionType, string name) => IsMySql(connectionType) ? "`" + name + "`" : "\"" + name + "\"";

    /// <summary>
    /// A table name, or a schema and a table name joined by a dot (<c>crm.scorecard</c>: CRM databases keep their tables in
    /// schemas), each part quoted on its own.
    /// </summary>
    private static string QuoteTable(string? connectionType, string table) => string.Join('.', table.Split('.').Select(part => Quote(connectionType, part)));

    private static void Validate(string table)
    {
        ArgumentNullException.ThrowIfNull(table);
        string[] parts = table.Split('.');
        if (parts.Length > 2 || !parts.All(IsPlainName))
        {
            throw new ArgumentException(FormattableString.Invariant(
                $"table must be 1 to 63 ASCII letters, digits or '_', not starting with a digit, or a schema and a table name so written joined by a dot (crm.scorecard), but was '{table}'."), nameof(table));
        }

        static bool IsPlainName(string name) =>
            name.Length is > 0 and <= 63 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') && !char.IsAsciiDigit(name[0]);
    }
}
