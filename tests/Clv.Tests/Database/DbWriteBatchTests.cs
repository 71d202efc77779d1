using System.Globalization;
using Clv.Data;
using static Clv.Tests.Database.Databases;

namespace Clv.Tests.Database;

/// <summary>
/// Writing to a server (PostgreSQL): INSERTs of as many rows as 999 values hold, one round trip each. Every row arrives once,
/// whatever the count's remainder, and a failure or a cancellation rolls every statement back. SQLite keeps one row per INSERT.
/// </summary>
public class DbWriteBatchTests
{
    private static readonly DateOnly End = new(2024, 12, 31);

    /// <summary>n customers, customer i with one purchase of i + 1 on a day of 2024.</summary>
    private static CustomerSummaries Customers(int n) => CustomerSummaries.FromTransactions(
        [.. Enumerable.Range(0, n).Select(i => new Transaction("c" + i.ToString("D5", CultureInfo.InvariantCulture), new DateOnly(2024, 1, 1).AddDays(i % 366), i + 1))],
        End,
        TimeUnit.Week);

    /// <summary>CustomerSummaryDb's 14 columns: 71 rows an INSERT.</summary>
    private static readonly int PerStatement = Clv.Data.Internal.DbTableWriter.RowsPerStatement(14);

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, -1)]
    [InlineData(1, 0)]
    [InlineData(1, 1)]
    [InlineData(2, 0)]
    [InlineData(21, 9)]
    public void Write_Postgres_EveryRowOnce_AtAnyRemainder(int statements, int extra)
    {
        Assert.Equal(71, PerStatement);
        int n = (statements * PerStatement) + extra;
        using var db = Postgres();
        Assert.False(Clv.Data.Internal.DbTableWriter.InProcess(db), "PostgreSQL is a server: many rows an INSERT, the path under test");
        string table = UniqueTable("batch");
        try
        {
            CustomerSummaryDb.Write(db, table, Customers(n));
            Assert.Equal((long)n, Convert.ToInt64(Scalar(db, $"SELECT count(*) FROM {table}"), CultureInfo.InvariantCulture));
            Assert.Equal((long)n, Convert.ToInt64(Scalar(db, $"SELECT count(DISTINCT customer_id) FROM {table}"), CultureInfo.InvariantCulture));
            Assert.Equal(n * (n + 1) / 2.0, Convert.ToDouble(Scalar(db, $"SELECT sum(spend) FROM {table}"), CultureInfo.InvariantCulture));
            Assert.Equal("c" + (n - 1).ToString("D5", CultureInfo.InvariantCulture), Scalar(db, $"SELECT max(customer_id) FROM {table}"));
        }
        finally
        {
            Execute(db, $"DROP TABLE IF EXISTS \"{table}\"");
        }
    }

    [Fact]
    public void InProcess_SqliteIsOneRowAnInsert_ServersAreNot()
    {
        using var sqlite = Sqlite();
        Assert.True(Clv.Data.Internal.DbTableWriter.InProcess(sqlite));
        using var postgres = new Npgsql.NpgsqlConnection();
        Assert.False(Clv.Data.Internal.DbTableWriter.InProcess(postgres));
        Assert.Equal(37, Clv.Data.Internal.DbTableWriter.RowsPerStatement(27));
        Assert.Equal(1, Clv.Data.Internal.DbTableWriter.RowsPerStatement(5000));
        Assert.Equal(999, Clv.Data.Internal.DbTableWriter.RowsPerStatement(1));
    }

    [Fact]
    public void Write_Postgres_CancelledAfterTheFirstInsert_LeavesNoTable()
    {
        using var db = Postgres();
        string table = UniqueTable("batch");
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => CustomerSummaryDb.Write(db, table, Customers(1_200), new DbWriteOptions { CancellationToken = cancelled.Token }));
        Assert.Equal(0L, Convert.ToInt64(Scalar(db, $"SELECT count(*) FROM information_schema.tables WHERE table_name = '{table}'"), CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Write_Postgres_ExistingTable_FailsAndKeepsIt_ReplaceSwapsIt()
    {
        using var db = Postgres();
        string table = UniqueTable("batch");
        try
        {
            CustomerSummaryDb.Write(db, table, Customers(700));
            Assert.ThrowsAny<System.Data.Common.DbException>(() => CustomerSummaryDb.Write(db, table, Customers(3)));
            Assert.Equal(700L, Convert.ToInt64(Scalar(db, $"SELECT count(*) FROM {table}"), CultureInfo.InvariantCulture));
            CustomerSummaryDb.Write(db, table, Customers(1_001), new DbWriteOptions { ReplaceExisting = true });
            Assert.Equal(1_001L, Convert.ToInt64(Scalar(db, $"SELECT count(*) FROM {table}"), CultureInfo.InvariantCulture));
        }
        finally
        {
            Execute(db, $"DROP TABLE IF EXISTS \"{table}\"");
        }
    }

    /// <summary>
    /// A CRM's DDL <c>CREATE TABLE CustomerScorecard</c> makes <c>customerscorecard</c> (PostgreSQL folds unquoted names to
    /// lower case). Writing "CustomerScorecard" with ReplaceExisting quoted the name as given: it left the CRM's table
    /// untouched and created a second, case-sensitive "CustomerScorecard" that <c>SELECT * FROM CustomerScorecard</c> never
    /// reaches. On PostgreSQL the name is now folded as PostgreSQL folds it.
    /// </summary>
    [Fact]
    public void Write_Postgres_MixedCaseName_IsTheTableUnquotedSqlNames()
    {
        using var db = Postgres();
        string table = "Crm" + UniqueTable("Scorecard");
        string folded = table.ToLowerInvariant();
        try
        {
            Execute(db, $"CREATE TABLE {table} (customer_id text)");
            Execute(db, $"INSERT INTO {table} VALUES ('old')");
            CustomerSummaryDb.Write(db, table, Customers(5), new DbWriteOptions { ReplaceExisting = true });
            Assert.Equal(5L, Convert.ToInt64(Scalar(db, $"SELECT count(*) FROM {table}"), CultureInfo.InvariantCulture));
            Assert.Equal(folded, Scalar(db, $"SELECT string_agg(table_name, ',') FROM information_schema.tables WHERE lower(table_name) = '{folded}'"));
        }
        finally
        {
            Execute(db, $"DROP TABLE IF EXISTS \"{table}\"");
            Execute(db, $"DROP TABLE IF EXISTS {table}");
        }
    }
}
