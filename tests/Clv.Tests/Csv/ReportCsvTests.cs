using System.Globalization;
using System.Text;
using Clv.Csv;
using Clv.Lifecycle;
using Clv.Tests.Lifecycle;
using Clv.Valuation;
using CsvHelper;

namespace Clv.Tests.Csv;

/// <summary>The lifecycle and valuation report writers: one signature, three destinations, invariant text.</summary>
public class ReportCsvTests
{
    private static readonly LifecyclePolicy Days = LifecyclePolicy.FromDays();

    private static CustomerSummaries Small() =>
        Log.Summaries(100, Log.Buy("early", 0, 100), Log.Buy("early", 30, 100.25), Log.Buy("late", 60, 900), Log.Buy("Smith, \"J\"", 0, 5));

    [Fact]
    public void EarlyWarningReportCsv_HandBuilt_ExactText()
    {
        var report = EarlyWarningReport.Create(Days, Small(), Log.B.AddDays(40), Log.B.AddDays(200));
        Assert.Equal(
            "customer_id,previous_stage,stage,days_since_last_purchase,gap_multiple,value_at_risk,reason\r\n" +
            "early,Growing,Dormant,170,5.666666666666667,200.25,\"no purchase for 170 days, 5.7x their usual gap of 30 days\"\r\n" +
            "\"Smith, \"\"J\"\"\",New,Churned,200,,5,no purchase for 200 days since their only purchase\r\n",
            WriteText(w => EarlyWarningReportCsv.Write(w, report)));
    }

    [Fact]
    public void LifecycleTransitionReportCsv_HandBuilt_ExactText()
    {
        var report = LifecycleTransitionReport.Create(Days, Small(), Log.B.AddDays(40), Log.B.AddDays(100));
        Assert.Equal(
            "from_date,to_date,from_stage,to_stage,customers,share\r\n" +
            "2020-02-10,2020-04-10,New,Dormant,1,1\r\n" +
            "2020-02-10,2020-04-10,Growing,Growing,1,1\r\n" +
            "2020-02-10,2020-04-10,NotYetAcquired,New,1,1\r\n",
            WriteText(w => LifecycleTransitionReportCsv.Write(w, report)));
    }

    [Fact]
    public void LifecycleHistoryReportCsv_HandBuilt_ExactText()
    {
        var report = LifecycleHistoryReport.Create(Days, Small(), [Log.B.AddDays(40), Log.B.AddDays(100)]);
        Assert.Equal(
            "date,stage,customers,share\r\n" +
            "2020-02-10,New,1,0.3333333333333333\r\n" +
            "2020-02-10,Growing,1,0.3333333333333333\r\n" +
            "2020-02-10,NotYetAcquired,1,0.3333333333333333\r\n" +
            "2020-04-10,New,1,0.3333333333333333\r\n" +
            "2020-04-10,Growing,1,0.3333333333333333\r\n" +
            "2020-04-10,Dormant,1,0.3333333333333333\r\n",
            WriteText(w => LifecycleHistoryReportCsv.Write(w, report)));
    }

    [Fact]
    public void CohortReportCsv_Cdnow_OneRecordPerRowThatReadsBackExactly()
    {
        var report = CohortReport.Create(TestData.CdnowSummaries(), CohortPeriod.Month);
        string text = WriteText(w => CohortReportCsv.Write(w, report));
        Assert.StartsWith("cohort_start,periods_since,period_start,cohort_size,active_customers,retention_share,spend\r\n1997-01-01,0,1997-01-01,", text, StringComparison.Ordinal);

        using var csv = CsvReader.Create(new StringReader(text), CsvReaderOptions.Default, leaveOpen: false);
        int k = 0;
        while (csv.Read())
        {
            var row = report.Rows[k++];
            Assert.Equal(row.CohortStart, DateOnly.ParseExact(csv.GetString(0), "yyyy-MM-dd", CultureInfo.InvariantCulture));
            Assert.Equal(row.PeriodsSince, int.Parse(csv.GetString(1), CultureInfo.InvariantCulture));
            Assert.Equal(row.PeriodStart, DateOnly.ParseExact(csv.GetString(2), "yyyy-MM-dd", CultureInfo.InvariantCulture));
            Assert.Equal(row.CohortSize, int.Parse(csv.GetString(3), CultureInfo.InvariantCulture));
            Assert.Equal(row.ActiveCustomers, int.Parse(csv.GetString(4), CultureInfo.InvariantCulture));
            Assert.Equal(row.RetentionShare, double.Parse(csv.GetString(5), CultureInfo.InvariantCulture));
            Assert.Equal(row.Spend, double.Parse(csv.GetString(6), CultureInfo.InvariantCulture));
        }

        Assert.Equal(report.Rows.Count, k);
        Assert.Equal(3 * 18 - 3, k);   // three monthly cohorts (January to March 1997) observed to June 1998
    }

    [Fact]
    public void ChannelReportCsv_MissingRatioAndPayback_EmptyFields()
    {
        var report = ChannelReport.Create([new("search", 40, 300, 10), new("search", 60, 100, 20), new("free", 0, 80, 4), new("tv", 200, 150, 0)], TimeUnit.Month);
        Assert.Equal(
            "channel,customers,total_value,mean_value,total_acquisition_cost,mean_acquisition_cost,value_to_cost_ratio,mean_margin_per_period,payback_periods,payback_unit\r\n" +
            "search,2,400,200,100,50,4,15,4,Month\r\n" +
            "free,1,80,80,0,0,,4,0,Month\r\n" +
            "tv,1,150,150,200,200,0.75,0,,Month\r\n",
            WriteText(w => ChannelReportCsv.Write(w, report)));
    }

    [Fact]
    public void Write_PathStreamAndWriter_SameUtf8BytesWithoutBom()
    {
        var report = EarlyWarningReport.Create(Days, Small(), Log.B.AddDays(40), Log.B.AddDays(200));
        string text = WriteText(w => EarlyWarningReportCsv.Write(w, report));
        var expected = Encoding.UTF8.GetBytes(text);

        using var stream = new MemoryStream();
        EarlyWarningReportCsv.Write(stream, report);
        Assert.True(stream.CanWrite, "the stream is left open");
        Assert.Equal(expected, stream.ToArray());

        string path = Path.Combine(Path.GetTempPath(), $"clv-report-{Guid.NewGuid():N}.csv");
        try
        {
            EarlyWarningReportCsv.Write(path, report);
            Assert.Equal(expected, File.ReadAllBytes(path));
            CohortReportCsv.Write(path, CohortReport.Create(Small(), CohortPeriod.Quarter));
            Assert.StartsWith("cohort_start,", File.ReadAllText(path), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Write_NullArguments_Throw()
    {
        var report = ChannelReport.Create([], TimeUnit.Month);
        Assert.Throws<ArgumentNullException>(() => ChannelReportCsv.Write((TextWriter)null!, report));
        Assert.Throws<ArgumentNullException>(() => ChannelReportCsv.Write((Stream)null!, report));
        Assert.Throws<ArgumentNullException>(() => ChannelReportCsv.Write((string)null!, report));
        Assert.Throws<ArgumentException>(() => ChannelReportCsv.Write(string.Empty, report));
        Assert.Throws<ArgumentNullException>(() => ChannelReportCsv.Write(new StringWriter(), null!));
        Assert.Throws<ArgumentNullException>(() => LifecycleHistoryReportCsv.Write(new StringWriter(), null!));
        Assert.Throws<ArgumentNullException>(() => LifecycleTransitionReportCsv.Write(new StringWriter(), null!));
        Assert.Throws<ArgumentNullException>(() => CohortReportCsv.Write(new StringWriter(), null!));
        Assert.Throws<ArgumentNullException>(() => EarlyWarningReportCsv.Write(new StringWriter(), null!));
    }

    private static string WriteText(Action<TextWriter> write) => Culture.Invariant(() =>
    {
        var writer = new StringWriter(CultureInfo.GetCultureInfo("de-DE"));
        write(writer);
        return writer.ToString();
    });
}
