using Clv.Data;
using static Clv.Tests.Database.Databases;

namespace Clv.Tests.Database;

/// <summary>
/// Writing a table as part of the caller's own transaction (<see cref="DbWriteOptions.Transaction"/>): before, every write on
/// a connection with a transaction open failed with the provider's "nested transactions" error, so a CRM could not write
/// the scorecard together with its other changes.
/// </summary>
public class DbWriteTransactionTests
{
    private static readonly CustomerSummaries Summaries = CustomerSummaries.FromTransactions(TestData.CdnowSample(), TestData.CdnowCalibrationEnd, TimeUnit.Week);

    [Fact]
    public void Write_Sqlite_InTheCallersTransaction_CommittedOrRolledBackWithIt()
    {
        using var db = Sqlite();
        using (var rolledBack = db.BeginTransaction())
        {
            CustomerSummaryDb.Write(db, "customers", Summaries, new DbWriteOptions { Transaction = rolledBack });
            rolledBack.Rollback();
        }

        Assert.Equal(0L, Scalar(db, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'customers'"));

        using (var committed = db.BeginTransaction())
        {
            CustomerSummaryDb.Write(db, "customers", Summaries, new DbWriteOptions { Transaction = committed });
            ScorecardDb.Write(db, "scorecard", Clv.Crm.Scorecard.Create(Summaries, new Clv.Crm.ScorecardOptions()), new DbWriteOptions { Transaction = committed });
            committed.Commit();
        }

        Assert.Equal((long)Summaries.Count, Scalar(db, "SELECT COUNT(*) FROM customers"));
        Assert.Equal((long)Summaries.Count, Scalar(db, "SELECT COUNT(*) FROM scorecard"));
    }

    [Fact]
    public void Write_Postgres_InTheCallersTransaction_CommittedOrRolledBackWithIt()
    {
        using var db = Postgres();
        string table = UniqueTable("tx");
        using (var rolledBack = db.BeginTransaction())
        {
            CustomerSummaryDb.Write(db, table, Summaries, new DbWriteOptions { Transaction = rolledBack });
            rolledBack.Rollback();
        }

        Assert.Equal(0L, Scalar(db, $"SELECT COUNT(*) FROM information_schema.tables WHERE table_name = '{table}'"));
        using (var committed = db.BeginTransaction())
        {
            CustomerSummaryDb.Write(db, table, Summaries, new DbWriteOptions { Transaction = committed });
            committed.Commit();
        }

        Assert.Equal((long)Summaries.Count, Scalar(db, $"SELECT COUNT(*) FROM {table}"));
        Execute(db, $"DROP TABLE {table}");
    }

    [Fact]
    public void Write_TransactionOfAnotherConnectionOrEnded_ThrowsNamingTheOption()
    {
        using var db = Sqlite();
        using var other = Sqlite();
        using var foreign = other.BeginTransaction();
        var ex = Assert.Throws<ArgumentException>(() => CustomerSummaryDb.Write(db, "customers", Summaries, new DbWriteOptions { Transaction = foreign }));
        Assert.Contains("options.Transaction must be a transaction of the connection written to, but it belongs to another connection.", ex.Message, StringComparison.Ordinal);

        var ended = db.BeginTransaction();
        ended.Commit();
        ex = Assert.Throws<ArgumentException>(() => CustomerSummaryDb.Write(db, "customers", Summaries, new DbWriteOptions { Transaction = ended }));
        Assert.Contains("has ended", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0L, Scalar(db, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'customers'"));
    }
}
