using static Clv.Tests.Database.Databases;

namespace Clv.Tests.Database;

/// <summary>Runs the README's database example on SQLite and checks the numbers it quotes.</summary>
public class ReadmeDataTests
{
    [Fact]
    public void DatabaseExample_ReadsCdnowAndWritesTheSummariesBack()
    {
        var cdnow = TestData.CdnowSample();
        using var db = Sqlite();
        Execute(db, "CREATE TABLE orders (account_id TEXT, created_at TEXT, total REAL)");
        Execute(db, "CREATE TABLE staging (customer_id TEXT, date TEXT, amount REAL)");
        Insert(db, "staging", cdnow.Select(t => ((object?)t.CustomerId, (object?)Iso(t.Date), (object?)t.Amount)));
        Execute(db, "INSERT INTO orders SELECT customer_id, date, amount FROM staging");

        var (read, customers) = ReadmeExamples.Database(db);
        Assert.Equal(6919, read.RowsRead);
        Assert.Empty(read.Rejected);
        Assert.Equal(TestData.CdnowSummaries().AsSpan().ToArray(), customers.AsSpan().ToArray());
        Assert.Equal(2357L, Scalar(db, "SELECT count(*) FROM clv_customers"));
        Assert.Contains("CDNOW: 6,919 rows read, none rejected", ReadmeTests.ReadmeText(), StringComparison.Ordinal);
    }
}
