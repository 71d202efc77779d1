using System.Text.Json;
using Clv.Tool;

namespace Clv.Tests.Tool;

/// <summary>
/// <c>summary.json</c> and <c>--json</c> are read by people as well as pipelines: text is written as it is, not as
/// <c>\u0027</c> for an apostrophe ("Can\u0027t Lose Them", "\u0027clv rfm\u0027") or <c>\u8BA2\u5355</c> for a Chinese
/// file name, and still reads back as the same JSON.
/// </summary>
public sealed class SummaryJsonTextTests
{
    [Fact]
    public void SummaryJson_WritesApostrophesAndChineseAsTheyAre()
    {
        using var dir = new TempFolder();
        string log = dir["订单.csv"];
        File.Copy(TestData.PathOf("orders.csv"), log);
        var r = ToolRunner.InProcess("rfm", [log, "--observation-end", "1997-09-30", "--out", dir["rfm.csv"], "--json"]);
        Assert.True(r.ExitCode == ExitCode.Success, r.Stderr);

        Assert.Contains("\"Can't Lose Them\"", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("订单.csv", r.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", r.Stdout, StringComparison.Ordinal);
        Assert.Equal(log, r.Json().GetProperty("input").GetString());
        Assert.Equal(6, r.Json().GetProperty("segments").GetProperty("Can't Lose Them").GetInt32());
    }

    [Fact]
    public void ErrorJson_WritesTheMessageAsItIs()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir["once.csv"], "customer_id,date,amount\na,1997-01-01,10\nb,1997-02-01,5\n");
        var r = ToolRunner.InProcess("fit", [dir["once.csv"], "--observation-end", "1997-03-15", "--out", dir["out"], "--json"]);
        Assert.Equal(ExitCode.FitFailed, r.ExitCode);

        Assert.Contains("'clv rfm' and 'clv stages'", r.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("'clv rfm'", JsonDocument.Parse(r.Stdout).RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
