using System.Data.Common;
using Clv.Crm;
using Clv.Data;
using Clv.Tests.Crm;
using static Clv.Tests.Database.Databases;

namespace Clv.Tests.Database;

/// <summary>The scorecard written back into a table: every column and cell, NULL for empty cells.</summary>
public class ScorecardDbTests
{
    private static void AssertTableHoldsTheScorecard(DbConnection db, string table, Scorecard card)
    {
        var byId = card.Rows.ToDictionary(r => r.CustomerId);
        using var reader = Query(db, $"SELECT * FROM {table}");
        Assert.Equal(card.Columns.Select(c => c.Name), Enumerable.Range(0, reader.FieldCount).Select(reader.GetName));
        int rows = 0;
        while (reader.Read())
        {
            var row = byId[reader.GetString(0)];
            for (int i = 0; i < card.Columns.Count; i++)
            {
                var column = card.Columns[i];
                object value = reader.GetValue(i);
                object? expected = column.Kind switch
                {
                    ScorecardColumnKind.Text => column.GetText(row),
                    ScorecardColumnKind.Integer => (long?)column.GetInteger(row),
                    _ => column.GetNumber(row) is double v && double.IsFinite(v) ? v : null,
                };
                Assert.Equal(expected, value is DBNull ? null : column.Kind == ScorecardColumnKind.Integer ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : value);
            }

            rows++;
        }

        Assert.Equal(card.Rows.Count, rows);
    }

    [Fact]
    public void Write_Sqlite_FullScorecard_EveryCellReadsBack()
    {
        var card = Scorecard.Create(ScorecardTests.Cdnow.Value, ScorecardTests.Full());
        using var db = Sqlite();
        ScorecardDb.Write(db, "scorecard", card);
        AssertTableHoldsTheScorecard(db, "scorecard", card);
    }

    [Fact]
    public void Write_Postgres_DefaultScorecard_EveryCellReadsBack()
    {
        var card = Scorecard.Create(ScorecardTests.Cdnow.Value, null);
        using var db = Postgres();
        string table = UniqueTable("scorecard");
        try
        {
            ScorecardDb.Write(db, table, card);
            AssertTableHoldsTheScorecard(db, table, card);
        }
        finally
        {
            Execute(db, $"DROP TABLE IF EXISTS \"{table}\"");
        }
    }
}
