using System.Text.RegularExpressions;
using Clv.Tool;

namespace Clv.Tests.Tool;

/// <summary>
/// What <c>clv &lt;command&gt; --help</c> says an option does is what that command does with it. The options every
/// command shares have one description, so it must hold for each command (a newcomer reads only the help of the one they run).
/// </summary>
public sealed class ClvToolHelpTests
{
    /// <summary>The help of one command, its wrapped lines joined (a description may wrap anywhere at a console's width).</summary>
    private static string Help(string command)
    {
        var r = ToolRunner.InProcess(command, ["--help"]);
        Assert.Equal(ExitCode.Success, r.ExitCode);
        return Regex.Replace(r.Stdout, @"\s+", " ");
    }

    [Theory]
    [InlineData("analyze", "out", "out/rejected-rows.csv")]
    [InlineData("fit", "out", "out/rejected-rows.csv")]
    [InlineData("rfm", "rfm.csv", "rfm.rejected-rows.csv")]
    [InlineData("stages", "stages.parquet", "stages.rejected-rows.csv")]
    public void Lenient_TheHelpNamesTheFileTheCommandWrites(string command, string output, string rejected)
    {
        // The help said "list them in rejected-rows.csv" for every command; rfm and stages name the list after their file.
        using var dir = new TempFolder();
        File.WriteAllText(dir["log.csv"], File.ReadAllText(TestData.PathOf("orders.csv")) + "2,1997-13-01,5\n");
        var r = ToolRunner.InProcess(command, [dir["log.csv"], "--observation-end", "1997-09-30", "--out", dir[output], "--lenient"]);
        Assert.True(r.ExitCode == ExitCode.Success, r.Stderr);
        Assert.True(File.Exists(dir[rejected]), $"{command} --lenient did not write {rejected}");
        Assert.Contains(Path.GetFileName(rejected), Help(command), StringComparison.Ordinal);
    }

    [Fact]
    public void HoldoutEnd_TheHelpSaysTheHoldoutRunsToTheLogsEndWithoutIt()
    {
        // The help said --holdout-end "adds holdout columns to the report"; analyze checks the model against the rows after
        // --observation-end with or without it (summary.json's holdout, the report's holdout table): the option only ends it.
        using var dir = new TempFolder();
        var without = ToolRunner.InProcess("analyze", ToolRunner.Cdnow("--out", dir["a"], "--no-report", "--json"));
        var with = ToolRunner.InProcess("analyze", ToolRunner.Cdnow("--holdout-end", "1998-06-30", "--out", dir["b"], "--no-report", "--json"));
        Assert.True(without.ExitCode == ExitCode.Success, without.Stderr);
        Assert.True(with.ExitCode == ExitCode.Success, with.Stderr);
        Assert.Equal(with.Json().GetProperty("holdout").GetRawText(), without.Json().GetProperty("holdout").GetRawText());   // CDNOW ends on 1998-06-30
        foreach (string command in new[] { "analyze", "score", "fit", "rfm", "stages" })
        {
            string help = Help(command);
            Assert.DoesNotContain("adds holdout columns", help, StringComparison.Ordinal);
            Assert.Contains("Default: the log's last day", help, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("analyze")]
    [InlineData("fit")]
    [InlineData("rfm")]
    [InlineData("stages")]
    public void Unit_TheHelpOfACommandWithoutModelsDoesNotSendTheReaderToThem(string command)
    {
        // Only clv score has --models; the others said "Default: week (with --models: the saved models' unit)".
        string help = Help(command);
        Assert.DoesNotContain("--models <", help, StringComparison.Ordinal);
        Assert.DoesNotContain("with --models", help, StringComparison.Ordinal);
        Assert.Contains("--models", Help("score"), StringComparison.Ordinal);
    }
}
