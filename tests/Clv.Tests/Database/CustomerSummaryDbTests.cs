using System.Data.Common;
using System.Globalization;
using Clv.Data;
using static Clv.Tests.Database.Databases;

namespace Clv.Tests.Database;

/// <summary>Writing summaries back to a table: every column, NULL for missing values, one transaction.</summary>
public class CustomerSummaryDbTests
{
    private static readonly CustomerSummaries Cdnow = CustomerSummaries.FromTransactions(TestData.CdnowSample(), TestData.CdnowCalibrationEnd, TimeUnit.Week, new DateOnly(1998, 6, 30));

    private static void AssertTableHoldsTheSummaries(DbConnection db, string table, CustomerSummaries summaries)
    {
        using var reader = Query(db, $"SELECT * FROM {table} ORDER BY customer_id");
        var byId = Enumerable.Range(0, summaries.Count).ToDictionary(i => summaries[i].CustomerId);
        int rows = 0;
        while (reader.Read())
        {
            var s = summaries[byId[reader.GetString(reader.GetOrdinal("customer_id"))]];
            Assert.Equal(s.FirstPurchase, Date(reader, "first_purchase"));
            Assert.Equal(s.LastPurchase, Date(reader, "last_purchase"));
            Assert.Equal(s.PurchaseDays, Convert.ToInt32(reader["purchase_days"], CultureInfo.InvariantCulture));
            Assert.Equal(s.Frequency, Convert.ToInt32(reader["frequency"], CultureInfo.InvariantCulture));
            Assert.Equal(s.Recency, reader.GetDouble(reader.GetOrdinal("recency")));
            Assert.Equal(s.Age, reader.GetDouble(reader.GetOrdinal("age")));
            Assert.Equal(s.TimeUnit.ToString(), reader["time_unit"]);
            Assert.Equal(s.DaysSinceLastPurchase, reader["days_since_last_purchase"] is DBNull ? (int?)null : Convert.ToInt32(reader["days_since_last_purchase"], CultureInfo.InvariantCulture));
            Assert.Equal(s.Spend, reader.GetDouble(reader.GetOrdinal("spend")));
            Assert.Equal(s.Refunds, reader.GetDouble(reader.GetOrdinal("refunds")));
            Assert.Equal(double.IsFinite(s.MonetaryValue) ? s.MonetaryValue : (double?)null, reader["monetary_value"] is DBNull ? (double?)null : reader.GetDouble(reader.GetOrdinal("monetary_value")));
            Assert.Equal(s.HoldoutPurchaseDays, Convert.ToInt32(reader["holdout_purchase_days"], CultureInfo.InvariantCulture));
            Assert.Equal(s.HoldoutSpend, reader.GetDouble(reader.GetOrdinal("holdout_spend")));
            rows++;
        }

        Assert.Equal(summaries.Count, rows);
    }

    private static DateOnly? Date(DbDataReader reader, string column)
    {
        object value = reader[column];
        return value switch
        {
            DBNull => null,
            DateOnly d => d,
            DateTime t => DateOnly.FromDateTime(t),
            string s => DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ => throw new InvalidOperationException(value.GetType().Name),
        };
    }

    [Fact]
    public void Write_Sqlite_EveryColumnReadsBack_AndAnExistingTableIsKept()
    {
        using var db = Sqlite();
        CustomerSummaryDb.Write(db, "customers", Cdnow);
        AssertTableHoldsTheSummaries(db, "customers", Cdnow);

        // Writing again fails inside the transaction: the first table is unchanged. Replacing swaps it atomically.
        var small = CustomerSummaries.FromTransactions([new Transaction("x", new DateOnly(1997, 1, 1), 5)], TestData.CdnowCalibrationEnd, TimeUnit.Week);
        Assert.ThrowsAny<DbException>(() => CustomerSummaryDb.Write(db, "customers", small));
        Assert.Equal(2357L, Scalar(db, "SELECT count(*) FROM customers"));
        CustomerSummaryDb.Write(db, "customers", small, new DbWriteOptions { ReplaceExisting = true });
        AssertTableHoldsTheSummaries(db, "customers", small);
    }

    [Fact]
    public void Write_Cancelled_RollsBack_AndBadNamesAreRefused()
    {
        using var db = Sqlite();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => CustomerSummaryDb.Write(db, "customers", Cdnow, new DbWriteOptions { CancellationToken = cancelled.Token }));
        Assert.Equal(0L, Scalar(db, "SELECT count(*) FROM sqlite_master WHERE name = 'customers'"));
        foreach (string bad in new[] { "", "a b", "x\";DROP TABLE y;--", "1st", new string('t', 64) })
        {
            Assert.Equal("table", Assert.Throws<ArgumentException>(() => CustomerSummaryDb.Write(db, bad, Cdnow)).ParamName);
        }
    }

    [Fact]
    public void Write_Postgres_EveryColumnReadsBack_AndSqlSumsMatch()
    {
        using var db = Postgres();
        string table = UniqueTable("customers");
        try
        {
            CustomerSummaryDb.Write(db, table, Cdnow);
            AssertTableHoldsTheSummaries(db, table, Cdnow);
            double spend = Convert.ToDouble(Scalar(db, $"SELECT sum(spend) FROM {table}"), CultureInfo.InvariantCulture);
            Assert.Equal(Enumerable.Range(0, Cdnow.Count).Sum(i => Cdnow[i].Spend), spend, 1e-6);
        }
        finally
        {
            Execute(db, $"DROP TABLE IF EXISTS \"{table}\"");
        }
    }
}
