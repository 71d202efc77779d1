using System.Text;
using Clv.Tool;

namespace Clv.Tests.Tool;

/// <summary>
/// <c>--csv-bom</c> and <c>--csv-no-escape</c>: the CSV files a command writes (the scorecard, the rejected rows) start with a
/// UTF-8 byte order mark for Excel, and keep ids that start like a formula as they are for a CRM import; without them the
/// files are as before.
/// </summary>
public sealed class ClvToolCsvOptionTests
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>The bundled orders log with customer 1 renamed +4412 (a phone number as id) and one hostile unreadable row.</summary>
    private static string Log(TempFolder dir)
    {
        var lines = File.ReadAllLines(TestData.PathOf("orders.csv")).Select(l => l.StartsWith("1,", StringComparison.Ordinal) ? "+4412" + l[1..] : l);
        File.WriteAllText(dir["log.csv"], string.Join('\n', lines) + "\n99,=1+1,5\n");
        return dir["log.csv"];
    }

    private static string FirstId(string file) => File.ReadAllLines(file)[1].Split(',')[0];

    [Fact]
    public void Analyze_CsvBomAndNoEscape_ScorecardAndRejectedRowsStartWithTheMarkAndKeepTheIds()
    {
        using var dir = new TempFolder();
        var r = ToolRunner.InProcess("analyze", [Log(dir), "--observation-end", "1997-09-30", "--out", dir["out"], "--lenient", "--no-report", "--quiet", "--csv-bom", "--csv-no-escape"]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        string card = Path.Combine(dir["out"], Job.ScorecardCsvFile);
        string rejected = Path.Combine(dir["out"], Job.RejectedRowsFile);
        Assert.Equal(Utf8Bom, File.ReadAllBytes(card)[..3]);
        Assert.Equal(Utf8Bom, File.ReadAllBytes(rejected)[..3]);
        Assert.Equal("+4412", FirstId(card));
        Assert.EndsWith(",=1+1", File.ReadAllLines(rejected)[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_Default_NoMarkAndIdsEscaped()
    {
        using var dir = new TempFolder();
        var r = ToolRunner.InProcess("analyze", [Log(dir), "--observation-end", "1997-09-30", "--out", dir["out"], "--lenient", "--no-report", "--quiet"]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        string card = Path.Combine(dir["out"], Job.ScorecardCsvFile);
        Assert.Equal("customer_id"u8.ToArray(), File.ReadAllBytes(card)[..11]);
        Assert.Equal("\"'+4412\"", FirstId(card));
        Assert.EndsWith(",\"'=1+1\"", File.ReadAllLines(Path.Combine(dir["out"], Job.RejectedRowsFile))[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Rfm_CsvNoEscape_OutFileKeepsTheIds()
    {
        using var dir = new TempFolder();
        var r = ToolRunner.InProcess("rfm", [Log(dir), "--observation-end", "1997-09-30", "--out", dir["rfm.csv"], "--lenient", "--quiet", "--csv-no-escape"]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal("+4412", FirstId(dir["rfm.csv"]));
        Assert.Equal(Encoding.UTF8.GetBytes("customer_id"), File.ReadAllBytes(dir["rfm.csv"])[..11]);
    }
}
