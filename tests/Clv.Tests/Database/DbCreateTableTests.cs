using Clv.Data.Internal;

namespace Clv.Tests.Database;

/// <summary>
/// The CREATE TABLE of the writers: TEXT for text on PostgreSQL, SQLite and DuckDB; on SQL Server NVARCHAR(n), n the
/// column's longest value (MAX beyond 4,000), since its TEXT keeps only the code page's characters (Chinese labels lost) and
/// cannot be compared with = (a join on customer_id fails); on MySQL and MariaDB names in backticks (they read "t" as a
/// string) and utf8mb4 text. No SQL Server or MySQL runs in the tests: the statement is checked as text.
/// </summary>
public class DbCreateTableTests
{
    private static readonly string[] Ids = ["a", "customer-00042", "b"];
    private static readonly string?[] Labels = ["流失", null, "高价值客户"];

    private static TableColumn[] Columns(string[] ids) =>
    [
        new("customer_id", DbColumnKind.Text, i => ids[i]),
        new("segment_zh", DbColumnKind.Text, i => Labels[i]),
        new("nothing", DbColumnKind.Text, _ => null),
        new("frequency", DbColumnKind.Integer, i => (long)i),
        new("clv", DbColumnKind.Real, i => 1.5 * i),
        new("first_purchase", DbColumnKind.Date, _ => new DateOnly(2024, 1, 5)),
    ];

    [Theory]
    [InlineData("Microsoft.Data.SqlClient.SqlConnection")]
    [InlineData("System.Data.SqlClient.SqlConnection")]
    public void SqlServer_TextIsNVarCharOfTheLongestValue(string connection)
    {
        Assert.Equal(
            "CREATE TABLE \"t\" (\"customer_id\" NVARCHAR(14), \"segment_zh\" NVARCHAR(5), \"nothing\" NVARCHAR(1), \"frequency\" BIGINT, \"clv\" DOUBLE PRECISION, \"first_purchase\" DATE)",
            DbTableWriter.CreateTable(connection, "t", Columns(Ids), 3));
        string[] long_ = ["a", new string('x', 4001), "b"];
        Assert.StartsWith("CREATE TABLE \"t\" (\"customer_id\" NVARCHAR(MAX), ", DbTableWriter.CreateTable(connection, "t", Columns(long_), 3), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Npgsql.NpgsqlConnection")]
    [InlineData("Microsoft.Data.Sqlite.SqliteConnection")]
    [InlineData("DuckDB.NET.Data.DuckDBConnection")]
    [InlineData(null)]
    public void OtherDatabases_TextIsText(string? connection)
    {
        Assert.Equal(
            "CREATE TABLE \"t\" (\"customer_id\" TEXT, \"segment_zh\" TEXT, \"nothing\" TEXT, \"frequency\" BIGINT, \"clv\" DOUBLE PRECISION, \"first_purchase\" DATE)",
            DbTableWriter.CreateTable(connection, "t", Columns(Ids), 3));
    }

    [Theory]
    [InlineData("MySqlConnector.MySqlConnection")]
    [InlineData("MySql.Data.MySqlClient.MySqlConnection")]
    public void MySql_NamesInBackticks_TextInUtf8mb4(string connection)
    {
        Assert.Equal(
            "CREATE TABLE `t` (`customer_id` TEXT CHARACTER SET utf8mb4, `segment_zh` TEXT CHARACTER SET utf8mb4, `nothing` TEXT CHARACTER SET utf8mb4, `frequency` BIGINT, `clv` DOUBLE PRECISION, `first_purchase` DATE)",
            DbTableWriter.CreateTable(connection, "t", Columns(Ids), 3));
    }
}
