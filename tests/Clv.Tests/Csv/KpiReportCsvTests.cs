using System.Globalization;
using System.Text;
using Clv.Crm;
using Clv.Csv;
using Clv.Tests.Crm;

namespace Clv.Tests.Csv;

/// <summary>The KPI report writer: exact text, empty fields for undefined ratios, the same bytes to every destination.</summary>
public class KpiReportCsvTests
{
    private static readonly KpiOptions Thirty = new() { ActiveWindowDays = 30 };

    private static string WriteText(KpiReport report) => Culture.Invariant(() =>
    {
        var writer = new StringWriter(CultureInfo.GetCultureInfo("de-DE"));
        KpiReportCsv.Write(writer, report);
        return writer.ToString();
    });

    [Fact]
    public void Write_TinyLog_ExactText()
    {
        var report = KpiReport.Create(KpiReportTests.Tiny(), new DateOnly(2020, 2, 1), new DateOnly(2020, 3, 31), Thirty);
        Assert.Equal(
            "period_start,period_end,customer_base,paying_customers,new_customers,orders,revenue,refunds,net_revenue,arpu,arppu,average_order_value,purchase_frequency,repeat_customers,repeat_rate,active_at_start,churned,churn_rate\r\n" +
            "2020-02-01,2020-02-29,3,2,1,3,125,15,110,41.666666666666664,62.5,41.666666666666664,1.5,2,1,2,1,0.5\r\n" +
            "2020-03-01,2020-03-31,3,2,1,2,50,0,50,16.666666666666668,25,25,1,1,0.5,2,1,0.5\r\n",
            WriteText(report));
    }

    [Fact]
    public void Write_NoPayingCustomer_EmptyRatioFields()
    {
        // March 1 to 15: a (Feb 5) and c (Feb 15, 20) are in the base and active at the start; nobody buys; a lapses on Mar 6.
        var report = KpiReport.Create(KpiReportTests.Tiny(), new DateOnly(2020, 2, 10), new DateOnly(2020, 3, 15), Thirty);
        string[] lines = WriteText(report).Split("\r\n");
        Assert.Equal("2020-03-01,2020-03-15,2,0,0,0,0,0,0,0,,,,0,,2,1,0.5", lines[2]);
    }

    [Fact]
    public void Write_PathStreamAndWriter_SameUtf8BytesWithoutBom()
    {
        var report = KpiReport.Create(KpiReportTests.Tiny(), new DateOnly(2020, 1, 1), new DateOnly(2020, 4, 30), null);
        var expected = Encoding.UTF8.GetBytes(WriteText(report));

        using var stream = new MemoryStream();
        KpiReportCsv.Write(stream, report);
        Assert.True(stream.CanWrite, "the stream is left open");
        Assert.Equal(expected, stream.ToArray());

        string path = Path.Combine(Path.GetTempPath(), $"clv-kpi-{Guid.NewGuid():N}.csv");
        try
        {
            KpiReportCsv.Write(path, report);
            Assert.Equal(expected, File.ReadAllBytes(path));
        }
        finally
        {
            File.Delete(path);
        }

        Assert.Throws<ArgumentNullException>(() => KpiReportCsv.Write(new StringWriter(), null!));
        Assert.Throws<ArgumentNullException>(() => KpiReportCsv.Write((Stream)null!, report));
        Assert.Throws<ArgumentException>(() => KpiReportCsv.Write(string.Empty, report));
    }
}
