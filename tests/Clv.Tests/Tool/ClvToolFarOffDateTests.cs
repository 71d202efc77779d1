using Clv.Tool;

namespace Clv.Tests.Tool;

/// <summary>
/// <c>clv analyze</c> on the CDNOW sample with one more row dated 9999-12-31 (a placeholder), no holdout end: the run
/// finishes (the report used to run on for minutes, then stop at December 9999), and the summaries' warning naming the
/// far-off date is in the JSON summary and the table.
/// </summary>
[Collection("Plots")]   // the report draws plots: one at a time (see ClvPlot's remarks)
public class ClvToolFarOffDateTests
{
    [Fact(Timeout = 300_000)]
    public async Task Analyze_LogWithA9999Date_FinishesAndWarnsAboutIt()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir["log.txt"], File.ReadAllText(TestData.PathOf("CDNOW_sample.txt")) + "00001 1 99991231 1 10.00\n");
        string[] args = [dir["log.txt"], .. ToolRunner.Cdnow("--out", dir["out"], "--json")[1..]];
        var r = await Task.Run(() => ToolRunner.InProcess("analyze", args), TestContext.Current.CancellationToken);

        Assert.True(ExitCode.Success == r.ExitCode, r.Stderr);
        string warning = Assert.Single(r.Json().GetProperty("warnings").EnumerateArray()).GetString()!;
        Assert.StartsWith("The last transaction (9999-12-31) is 2,922,762 days after the observation end (1997-09-30) and no holdout end was given", warning, StringComparison.Ordinal);
        Assert.Contains("holdout to 9999-12-31", File.ReadAllText(Path.Combine(dir["out"], Job.ReportFile)), StringComparison.Ordinal);

        var table = await Task.Run(() => ToolRunner.InProcess("analyze", [.. args[..^1], "--out", dir["out2"]]), TestContext.Current.CancellationToken);
        Assert.Contains("9999-12-31", table.Stdout, StringComparison.Ordinal);
    }
}
