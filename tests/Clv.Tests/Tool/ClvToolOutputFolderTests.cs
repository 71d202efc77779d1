using Clv.Tool;

namespace Clv.Tests.Tool;

/// <summary>What a run leaves in its <c>--out</c> folder: every output it names, and no file from an earlier run that this run would have written.</summary>
public sealed class ClvToolOutputFolderTests
{
    /// <summary>The bundled orders log with one unreadable row at the end.</summary>
    private static string LogWithABadRow(TempFolder dir)
    {
        File.WriteAllText(dir["log.csv"], File.ReadAllText(TestData.PathOf("orders.csv")) + "99,not-a-date,5\n");
        return dir["log.csv"];
    }

    private static string[] Outputs(ToolRunner.Result r) =>
        [.. r.Json().GetProperty("outputs").EnumerateArray().Select(o => Path.GetFileName(o.GetString()!))];

    [Fact]
    public void Fit_Lenient_ListsTheRejectedRowsInRejectedRowsCsv()
    {
        using var dir = new TempFolder();
        var r = ToolRunner.InProcess("fit", [LogWithABadRow(dir), "--observation-end", "1997-09-30", "--out", dir["m"], "--lenient", "--json"]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal(1, r.Json().GetProperty("rows_rejected").GetInt32());
        Assert.Contains(Job.RejectedRowsFile, Outputs(r));
        string[] rejected = File.ReadAllLines(Path.Combine(dir["m"], Job.RejectedRowsFile));
        Assert.Equal("line,column,reason,value", rejected[0]);
        Assert.StartsWith("6921,date,", rejected[1], StringComparison.Ordinal);
    }
}
