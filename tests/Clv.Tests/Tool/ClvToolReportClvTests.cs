using System.Globalization;
using Clv.Tool;

namespace Clv.Tests.Tool;

/// <summary>
/// <c>clv analyze</c>'s report shows the scorecard's CLV: with <c>--margin</c> and <c>--discount-rate</c> its total card is the
/// sum of the scorecard's <c>clv</c> column (before, the report took no margin and 10% a year: 1/0.3 times the scorecard's).
/// </summary>
public sealed class ClvToolReportClvTests
{
    [Fact]
    public void Analyze_MarginAndDiscountRate_ReportTotalIsTheScorecardsClvSum()
    {
        using var dir = new TempFolder();
        var r = ToolRunner.InProcess("analyze", [TestData.PathOf("orders.csv"), "--observation-end", "1997-09-30", "--out", dir["out"], "--margin", "0.3", "--discount-rate", "0.25", "--quiet"]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        string[] lines = File.ReadAllLines(Path.Combine(dir["out"], Job.ScorecardCsvFile));
        int column = Array.IndexOf(lines[0].Split(','), "clv");
        Assert.True(column > 0, lines[0]);
        double sum = 0;
        foreach (string line in lines.Skip(1))
        {
            string field = Csv.ScorecardCsvTests.Fields(line)[column];
            sum += field.Length == 0 ? 0 : double.Parse(field, CultureInfo.InvariantCulture);
        }

        string report = File.ReadAllText(Path.Combine(dir["out"], Job.ReportFile));
        Assert.Contains("<b>" + sum.ToString("N0", CultureInfo.InvariantCulture) + "</b><span>predicted CLV, next 36 months, margin 30%</span>", report, StringComparison.Ordinal);
    }
}
