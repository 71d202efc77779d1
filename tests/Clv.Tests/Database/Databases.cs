using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Clv.Tests.Database;

/// <summary>
/// The databases the ADO.NET tests run against: SQLite in memory (always), and a real PostgreSQL server given by
/// CLV_TEST_POSTGRES (a connection string; .ci/run starts the server and sets it). Without it the PostgreSQL tests skip,
/// unless CLV_REQUIRE_POSTGRES=1 (set by .ci/run), when they fail.
/// </summary>
internal static class Databases
{
    public static SqliteConnection Sqlite()
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        return connection;
    }

    public static NpgsqlConnection Postgres()
    {
        string? connectionString = Environment.GetEnvironmentVariable("CLV_TEST_POSTGRES");
        if (string.IsNullOrEmpty(connectionString))
        {
            Assert.False(Environment.GetEnvironmentVariable("CLV_REQUIRE_POSTGRES") == "1", "CLV_REQUIRE_POSTGRES=1 but CLV_TEST_POSTGRES is not set");
            Assert.Skip("No PostgreSQL server: set CLV_TEST_POSTGRES to a connection string (.ci/run starts one)");
        }

        var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        return connection;
    }

    /// <summary>A table name no other test run uses.</summary>
    public static string UniqueTable(string prefix) => prefix + "_" + Guid.NewGuid().ToString("N")[..12];

    public static void Execute(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static object? Scalar(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public static DbDataReader Query(DbConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteReader();
    }

    /// <summary>Inserts rows (id, date, amount) with parameters, each value as given (so its database type follows the column).</summary>
    public static void Insert(DbConnection connection, string table, IEnumerable<(object? Id, object? Date, object? Amount)> rows)
    {
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO {table} (customer_id, date, amount) VALUES (@id, @date, @amount)";
        var id = command.CreateParameter();
        id.ParameterName = "@id";
        var date = command.CreateParameter();
        date.ParameterName = "@date";
        var amount = command.CreateParameter();
        amount.ParameterName = "@amount";
        command.Parameters.Add(id);
        command.Parameters.Add(date);
        command.Parameters.Add(amount);
        foreach (var row in rows)
        {
            id.Value = row.Id ?? DBNull.Value;
            date.Value = row.Date ?? DBNull.Value;
            amount.Value = row.Amount ?? DBNull.Value;
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    public static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
