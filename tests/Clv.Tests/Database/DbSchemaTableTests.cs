using System.Globalization;
using Clv.Data;
using DuckDB.NET.Data;
using static Clv.Tests.Database.Databases;

namespace Clv.Tests.Database;

/// <summary>
/// A table in a schema (<c>crm.scorecard</c>): CRM databases keep their tables in schemas, and the name check refused any dot,
/// so the result could only go to the default schema.
/// </summary>
public class DbSchemaTableTests
{
    private static readonly CustomerSummaries Summaries = CustomerSummaries.FromTransactions(TestData.CdnowSample(), TestData.CdnowCalibrationEnd, TimeUnit.Week);

    [Fact]
    public void Write_Postgres_SchemaQualifiedName_TheTableInThatSchema()
    {
        using var db = Postgres();
        string schema = UniqueTable("Crm");
        try
        {
            Execute(db, $"CREATE SCHEMA {schema}");
            ScorecardDb.Write(db, schema + ".Scorecard", Clv.Crm.Scorecard.Create(Summaries, new Clv.Crm.ScorecardOptions()));
            Assert.Equal((long)Summaries.Count, Convert.ToInt64(Scalar(db, $"SELECT count(*) FROM {schema}.scorecard"), CultureInfo.InvariantCulture));
            Assert.Equal(schema.ToLowerInvariant(), Scalar(db, "SELECT table_schema FROM information_schema.tables WHERE table_name = 'scorecard' AND table_schema = '" + schema.ToLowerInvariant() + "'"));
        }
        finally
        {
            Execute(db, $"DROP SCHEMA IF EXISTS {schema} CASCADE");
        }
    }

    [Fact]
    public void Write_SqliteAndDuckDb_SchemaQualifiedName()
    {
        using var sqlite = Sqlite();
        CustomerSummaryDb.Write(sqlite, "main.customers", Summaries);
        Assert.Equal((long)Summaries.Count, Scalar(sqlite, "SELECT COUNT(*) FROM customers"));

        using var duck = new DuckDBConnection("DataSource=:memory:");
        duck.Open();
        Execute(duck, "CREATE SCHEMA crm");
        CustomerSummaryDb.Write(duck, "crm.customers", Summaries, new DbWriteOptions { ReplaceExisting = true });
        Assert.Equal((long)Summaries.Count, Convert.ToInt64(Scalar(duck, "SELECT COUNT(*) FROM crm.customers"), CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("a.b.c")]
    [InlineData(".scorecard")]
    [InlineData("crm.")]
    [InlineData("crm.1scorecard")]
    [InlineData("crm;.x")]
    public void Write_NotANameOrSchemaDotName_ThrowsNamingTheTable(string table)
    {
        using var db = Sqlite();
        var ex = Assert.Throws<ArgumentException>(() => CustomerSummaryDb.Write(db, table, Summaries));
        Assert.Equal("table", ex.ParamName);
        Assert.Contains($"but was '{table}'", ex.Message, StringComparison.Ordinal);
    }
}
