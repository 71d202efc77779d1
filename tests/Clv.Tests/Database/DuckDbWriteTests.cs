using System.Globalization;
using Clv.Crm;
using Clv.Data;
using DuckDB.NET.Data;

namespace Clv.Tests.Database;

/// <summary>
/// The writers into DuckDB (an in-process engine, one row per INSERT): every row and cell reads back, and SQL sums over the
/// new table equal the library's, as with SQLite and PostgreSQL.
/// </summary>
public class DuckDbWriteTests
{
    [Fact]
    public void Write_SummariesAndScorecard_EveryRowReadsBack()
    {
        var customers = CustomerSummaries.FromTransactions(TestData.CdnowSample(), TestData.CdnowCalibrationEnd, TimeUnit.Week);
        var card = Scorecard.Create(customers, ScorecardOptions.Default);
        using var db = new DuckDBConnection("DataSource=:memory:");
        db.Open();

        CustomerSummaryDb.Write(db, "summaries", customers);
        ScorecardDb.Write(db, "scorecard", card);

        using (var reader = Databases.Query(db, "SELECT count(*), sum(spend), count(first_purchase) FROM summaries"))
        {
            Assert.True(reader.Read());
            Assert.Equal(customers.Count, Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture));
            Assert.Equal(customers.AsSpan().ToArray().Sum(c => c.Spend), reader.GetDouble(1), 6);
            Assert.Equal(customers.Count, Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture));
        }

        using (var reader = Databases.Query(db, "SELECT customer_id, rfm_segment_zh FROM scorecard ORDER BY rowid"))
        {
            for (int i = 0; i < card.Rows.Count; i++)
            {
                Assert.True(reader.Read());
                Assert.Equal(card.Rows[i].CustomerId, reader.GetString(0));
                Assert.Equal(card.Rows[i].Segment?.ChineseName, reader.IsDBNull(1) ? null : reader.GetString(1));
            }

            Assert.False(reader.Read());
        }
    }
}
