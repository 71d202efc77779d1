using System.Globalization;
using System.Text;
using Clv.Crm;
using Clv.Csv;
using Clv.Csv.Internal;
using Clv.Tests.Crm;

namespace Clv.Tests.Csv;

/// <summary>The scorecard writer: golden header and rows on CDNOW, exact number round trip, absent parts absent, whole-file replacement.</summary>
public class ScorecardCsvTests
{
    private static string WriteText(Scorecard card) => Culture.Invariant(() =>
    {
        var writer = new StringWriter(CultureInfo.GetCultureInfo("de-DE"));
        ScorecardCsv.Write(writer, card);
        return writer.ToString();
    });

    /// <summary>The fields of one RFC 4180 line (quoted fields unquoted).</summary>
    internal static string[] Fields(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char ch = line[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(ch);
                }
            }
            else if (ch == '"')
            {
                quoted = true;
            }
            else if (ch == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(ch);
            }
        }

        fields.Add(field.ToString());
        return [.. fields];
    }

    [Fact]
    public void Write_CdnowDefaults_GoldenHeaderAndRows()
    {
        // Health left out here: its recency signal goes through Math.Pow, whose last digit may differ between platforms.
        var card = Scorecard.Create(ScorecardTests.Cdnow.Value, new ScorecardOptions { Health = null });
        var lines = WriteText(card).Split("\r\n");

        Assert.Equal(
            "customer_id,days_since_last_purchase,r_score,f_score,m_score,rfm_code,rfm_segment,rfm_segment_zh,value_tier,value_tier_zh," +
            "lifecycle_stage,lifecycle_stage_zh,churn_warning,historical_value,abc_class",
            lines[0]);
        Assert.Equal(
            [
                "1,59,5,4,4,544,Champions,冠军客户,High Value,高价值客户,Reactivated,召回,,74.02,A",
                "2,260,1,3,4,134,At Risk,有流失风险客户,Growth,成长型客户,Churned,流失期,,75.11,A",
                "3,272,1,1,1,111,Hibernating,休眠客户,Low Value,低价值客户,Churned,流失期,,6.79,C",
                "11,101,4,5,5,455,Loyal Customers,忠诚客户,High Value,高价值客户,Dormant,沉睡期,\"no purchase for 101 days, 3.0x their usual gap of 34.2 days\",166.19000000000003,A",
            ],
            [lines[1], lines[2], lines[3], lines[11]]);
        Assert.Equal(card.Rows.Count + 2, lines.Length);
        Assert.Equal(string.Empty, lines[^1]);
    }

    [Fact]
    public void Write_WithModels_GoldenHeader()
    {
        var card = Scorecard.Create(ScorecardTests.Cdnow.Value, ScorecardTests.Full());
        string header = WriteText(card).Split("\r\n")[0];

        Assert.Equal(
            "customer_id,days_since_last_purchase,r_score,f_score,m_score,rfm_code,rfm_segment,rfm_segment_zh,value_tier,value_tier_zh," +
            "lifecycle_stage,lifecycle_stage_zh,churn_warning,historical_value,abc_class,alive_probability,expected_purchases," +
            "expected_spend_per_purchase,clv,clv_year_1,clv_year_2,clv_year_3,value_at_risk,health_score,health_band,health_reason,health_weakest",
            header);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(1000)]
    [InlineData(2356)]
    [InlineData(2357)]
    public void Write_InParallelChunks_SameTextAsOnePass(int chunkRows)
    {
        // Large scorecards are formatted in chunks of rows on several threads and appended in order: the text must be the one
        // pass's, whatever the chunk size (one row per chunk, chunks that do not divide the rows, one row left over, one chunk).
        var card = Scorecard.Create(ScorecardTests.Cdnow.Value, ScorecardTests.Full());
        string Text(int rows) => Culture.Invariant(() =>
        {
            var writer = new StringWriter(CultureInfo.GetCultureInfo("de-DE"));
            ScorecardCsv.Write(writer, card, rows);
            return writer.ToString();
        });

        string onePass = Text(int.MaxValue);
        Assert.Equal(card.Rows.Count + 2, onePass.Split("\r\n").Length);
        Assert.Equal(onePass, Text(chunkRows));
        Assert.Equal(onePass, WriteText(card));

        // A stream (and a file) gets each chunk's UTF-8 bytes as they are: the same bytes as the text, Chinese labels included.
        using var stream = new MemoryStream();
        ScorecardCsv.Write(stream, card, chunkRows);
        Assert.Equal(new UTF8Encoding(false).GetBytes(onePass), stream.ToArray());
        Assert.Contains("冠军客户", onePass, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_WithModels_EveryCellRoundTripsToTheRowsValue()
    {
        var card = Scorecard.Create(ScorecardTests.Cdnow.Value, ScorecardTests.Full());
        var lines = WriteText(card).Split("\r\n");
        var columns = card.Columns;
        for (int i = 0; i < card.Rows.Count; i++)
        {
            var row = card.Rows[i];
            var fields = Fields(lines[i + 1]);
            Assert.Equal(columns.Count, fields.Length);
            for (int c = 0; c < columns.Count; c++)
            {
                string field = fields[c];
                switch (columns[c].Kind)
                {
                    case ScorecardColumnKind.Number:
                        Assert.Equal(columns[c].GetNumber(row), field.Length == 0 ? null : double.Parse(field, CultureInfo.InvariantCulture));
                        break;
                    case ScorecardColumnKind.Integer:
                        Assert.Equal(columns[c].GetInteger(row), field.Length == 0 ? null : int.Parse(field, CultureInfo.InvariantCulture));
                        break;
                    default:
                        Assert.Equal(columns[c].GetText(row) ?? string.Empty, field);
                        break;
                }
            }
        }
    }

    [Fact]
    public void Write_NothingConfigured_OnlyTheTwoColumns_LeadsEmpty()
    {
        var customers = Lifecycle.Log.Summaries(100, Lifecycle.Log.Buy("a", 90), new Transaction("b", Lifecycle.Log.B, -3));
        string text = WriteText(Scorecard.Create(customers, ScorecardTests.Nothing()));

        Assert.Equal("customer_id,days_since_last_purchase\r\na,10\r\nb,\r\n", text);
    }

    [Fact]
    public void Write_PathStreamAndWriter_SameUtf8BytesWithoutBom_PathReplacesTheFile()
    {
        var customers = Lifecycle.Log.Summaries(100, Lifecycle.Log.Buy("a", 10), Lifecycle.Log.Buy("a", 80), Lifecycle.Log.Buy("b", 95));
        var card = Scorecard.Create(customers, null);
        var expected = Encoding.UTF8.GetBytes(WriteText(card));

        using var stream = new MemoryStream();
        ScorecardCsv.Write(stream, card);
        Assert.True(stream.CanWrite, "the stream is left open");
        Assert.Equal(expected, stream.ToArray());

        string dir = Directory.CreateTempSubdirectory("clv-scorecard-").FullName;
        try
        {
            string path = Path.Combine(dir, "scorecard.csv");
            File.WriteAllText(path, new string('x', 100_000));
            ScorecardCsv.Write(path, card);
            Assert.Equal(expected, File.ReadAllBytes(path));
            Assert.Equal(["scorecard.csv"], Directory.GetFiles(dir).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }

        Assert.Throws<ArgumentNullException>(() => ScorecardCsv.Write((string)null!, card));
        Assert.Throws<ArgumentException>(() => ScorecardCsv.Write(string.Empty, card));
        Assert.Throws<ArgumentNullException>(() => ScorecardCsv.Write(new MemoryStream(), null!));
    }

    [Fact]
    public void ReplacingFile_WriteFailsHalfWay_TheOldFileStaysAndNoTemporaryFileIsLeft()
    {
        string dir = Directory.CreateTempSubdirectory("clv-scorecard-").FullName;
        try
        {
            string path = Path.Combine(dir, "scorecard.csv");
            File.WriteAllText(path, "old");
            var error = Assert.Throws<IOException>(() => ReplacingFile.Write(path, new object(), (table, _) =>
            {
                table.Header("a", "b");
                for (int i = 0; i < 10_000; i++)
                {
                    table.Field(i);
                    table.Field("row");
                    table.EndRow();
                }

                throw new IOException("disk full");
            }, CsvWriteOptions.Default));

            Assert.Equal("disk full", error.Message);
            Assert.Equal("old", File.ReadAllText(path));
            Assert.Equal(["scorecard.csv"], Directory.GetFiles(dir).Select(Path.GetFileName));

            // A new file: nothing at all is left after a failure.
            string fresh = Path.Combine(dir, "new.csv");
            Assert.Throws<IOException>(() => ReplacingFile.Write(fresh, new object(), (_, _) => throw new IOException("no"), CsvWriteOptions.Default));
            Assert.False(File.Exists(fresh));
            Assert.Equal(["scorecard.csv"], Directory.GetFiles(dir).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
