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

    [Fact]
    public void Fit_Lenient_ARejectedValueStartingLikeAFormula_WrittenAsText()
    {
        // A tenant's log with a hostile row: the list of rejected rows is opened in a spreadsheet, which would run the value.
        using var dir = new TempFolder();
        File.WriteAllText(dir["log.csv"], File.ReadAllText(TestData.PathOf("orders.csv")) + "99,\"=HYPERLINK(\"\"http://evil.example\"\")\",5\n");
        var r = ToolRunner.InProcess("fit", [dir["log.csv"], "--observation-end", "1997-09-30", "--out", dir["m"], "--lenient", "--json"]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        string[] rejected = File.ReadAllLines(Path.Combine(dir["m"], Job.RejectedRowsFile));
        Assert.StartsWith("6921,date,", rejected[1], StringComparison.Ordinal);
        Assert.EndsWith(",\"'=HYPERLINK(\"\"http://evil.example\"\")\"", rejected[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_AgainIntoTheSameFolder_LeavesNoReportOrRejectedRowsFromTheEarlierRun()
    {
        using var dir = new TempFolder();
        string log = LogWithABadRow(dir);
        var first = ToolRunner.InProcess("analyze", [log, "--observation-end", "1997-09-30", "--out", dir["out"], "--lenient", "--json"]);
        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.Contains(Job.ReportFile, Outputs(first));
        Assert.Contains(Job.RejectedRowsFile, Outputs(first));

        // A clean log without the report: the folder holds exactly the files this run's summary names.
        var second = ToolRunner.InProcess("analyze", [TestData.PathOf("orders.csv"), "--observation-end", "1997-09-30", "--out", dir["out"], "--no-report", "--json"]);
        Assert.True(second.ExitCode == 0, second.Stderr);
        Assert.Equal(Outputs(second).Order(StringComparer.Ordinal), Directory.GetFiles(dir["out"]).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.False(File.Exists(Path.Combine(dir["out"], Job.ReportFile)));
        Assert.False(File.Exists(Path.Combine(dir["out"], Job.RejectedRowsFile)));
    }

    [Theory]
    [InlineData("fit")]
    [InlineData("score")]
    public void FitAndScore_AgainWithoutRejectedRows_DeleteTheEarlierRunsRejectedRows(string command)
    {
        using var dir = new TempFolder();
        string log = LogWithABadRow(dir);
        string clean = TestData.PathOf("orders.csv");
        Assert.Equal(0, ToolRunner.InProcess("fit", [clean, "--observation-end", "1997-09-30", "--out", dir["m"], "--quiet"]).ExitCode);
        string[] models = command == "score" ? ["--models", dir["m"]] : [];
        var first = ToolRunner.InProcess(command, [log, "--observation-end", "1997-09-30", .. models, "--out", dir["out"], "--lenient", "--quiet"]);
        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.True(File.Exists(Path.Combine(dir["out"], Job.RejectedRowsFile)));

        var second = ToolRunner.InProcess(command, [clean, "--observation-end", "1997-09-30", .. models, "--out", dir["out"], "--json"]);
        Assert.True(second.ExitCode == 0, second.Stderr);
        Assert.Equal(Outputs(second).Order(StringComparer.Ordinal), Directory.GetFiles(dir["out"]).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Analyze_AMoveIntoOutFailingPartWay_LeavesTheEarlierRunsFiles()
    {
        // summary.json is moved in last; a folder of that name makes its move fail after the others had replaced the
        // earlier run's files (exit 5 said "nothing was moved into place", but the folder held a mix of both runs).
        using var dir = new TempFolder();
        string outFolder = dir["out"];
        Directory.CreateDirectory(Path.Combine(outFolder, Job.SummaryFile));
        File.WriteAllText(Path.Combine(outFolder, Job.ScorecardCsvFile), "old scorecard");
        File.WriteAllText(Path.Combine(outFolder, Job.ReportFile), "old report");
        var r = ToolRunner.InProcess("analyze", [TestData.PathOf("orders.csv"), "--observation-end", "1997-09-30", "--out", outFolder, "--no-report", "--json"]);
        Assert.Equal(ExitCode.OutputFailed, r.ExitCode);
        Assert.Equal("old scorecard", File.ReadAllText(Path.Combine(outFolder, Job.ScorecardCsvFile)));
        Assert.Equal("old report", File.ReadAllText(Path.Combine(outFolder, Job.ReportFile)));
        Assert.Equal([Job.ReportFile, Job.ScorecardCsvFile, Job.SummaryFile], Directory.EnumerateFileSystemEntries(outFolder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(["out"], dir.Entries());
    }

    [Fact]
    public void RfmAndStages_TwoFilesIntoOneFolder_KeepARejectedRowsListEach_AndARunWithoutRejectsDeletesItsOwn()
    {
        // Both used to write rejected-rows.csv beside their file: the second run replaced the first's list, and a clean run
        // into the same file left the earlier list behind, listed by no summary.
        using var dir = new TempFolder();
        string log = LogWithABadRow(dir);
        File.WriteAllText(dir["other.csv"], File.ReadAllText(TestData.PathOf("orders.csv")) + "98,1997-02-01,not-an-amount\n99,1997-02-02,\n");
        Directory.CreateDirectory(dir["exports"]);
        string rfm = Path.Combine(dir["exports"], "rfm.csv"), stages = Path.Combine(dir["exports"], "stages.parquet");

        var first = ToolRunner.InProcess("rfm", [log, "--observation-end", "1997-09-30", "--out", rfm, "--lenient", "--json"]);
        var second = ToolRunner.InProcess("stages", [dir["other.csv"], "--observation-end", "1997-09-30", "--out", stages, "--lenient"]);

        Assert.True(first.ExitCode == 0 && second.ExitCode == 0, first.Stderr + second.Stderr);
        Assert.Equal(["rfm.csv", "rfm.rejected-rows.csv"], Outputs(first));
        Assert.Contains("2 rejected, see stages.rejected-rows.csv", second.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, File.ReadAllLines(Path.Combine(dir["exports"], "rfm.rejected-rows.csv")).Length);
        Assert.Equal(3, File.ReadAllLines(Path.Combine(dir["exports"], "stages.rejected-rows.csv")).Length);

        var clean = ToolRunner.InProcess("rfm", [TestData.PathOf("orders.csv"), "--observation-end", "1997-09-30", "--out", rfm, "--quiet"]);

        Assert.True(clean.ExitCode == 0, clean.Stderr);
        Assert.Equal(["rfm.csv", "stages.parquet", "stages.rejected-rows.csv"], Directory.GetFiles(dir["exports"]).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}
