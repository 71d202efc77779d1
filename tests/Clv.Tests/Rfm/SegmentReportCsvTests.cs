using Clv.Csv;
using Clv.Rfm;

namespace Clv.Tests.Rfm;

public class SegmentReportCsvTests
{
    [Fact]
    public void Write_Report_HeaderAndOneInvariantRowPerSegment()
    {
        var customers = new[]
        {
            RfmTestData.Customer(0, 0, 0, "lead"),
            RfmTestData.Customer(2, 4, 100.5, "a"),
            RfmTestData.Customer(300, 1, 10, "b"),
        };
        var rfm = RfmScorer.Score(customers, new RfmOptions { ScoreCount = 2 });
        var report = SegmentReport.Create(customers, rfm.AsSpan(), SegmentMap.ValueTiers(2));
        var writer = new StringWriter();

        SegmentReportCsv.Write(writer, report);

        string[] lines = writer.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("segment,segment_zh,count,share,net_spend,mean_net_spend,mean_days_since_last_purchase,mean_purchase_days", lines[0]);
        Assert.Equal(1 + report.Rows.Count, lines.Length);
        Assert.Contains("High Value,高价值客户,1,0.3333333333333333,100.5,100.5,2,4", lines);
        Assert.Equal("Lead,未购买潜在客户,1,0.3333333333333333,0,0,,0", lines[^1]);
    }
}
