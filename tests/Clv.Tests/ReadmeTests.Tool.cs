using System.Text.RegularExpressions;
using Clv.Tests.Tool;
using Clv.Tool;

namespace Clv.Tests;

/// <content>The README's section on the <c>clv</c> command: its example runs, its tables match the tool.</content>
public partial class ReadmeTests
{
    private static string ToolSection()
    {
        string readme = ReadmeText();
        int start = readme.IndexOf("## The `clv` command (`Clv.Tool`)", StringComparison.Ordinal);
        int end = readme.IndexOf("\n## ", start + 5, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "the README has no section on the clv command");
        return readme[start..end];
    }

    /// <summary>
    /// <c>dotnet run</c> of a project with several target frameworks stops with "Specify which framework to run": every
    /// <c>dotnet run --project</c> line of the README names one for such a project (the libraries and the tool target
    /// net8.0 and net10.0 through src/Directory.Build.props; the samples one framework).
    /// </summary>
    [Fact]
    public void DotnetRunLines_OfAProjectWithSeveralFrameworks_NameOne()
    {
        var runs = Regex.Matches(ReadmeText(), @"dotnet run --project (?:path/to/clv/)?([\w./-]+)([^\n`]*)");
        Assert.True(runs.Count >= 6, $"only {runs.Count} dotnet run lines found");
        foreach (Match run in runs)
        {
            string project = run.Groups[1].Value.TrimEnd('/');
            string csproj = Directory.GetFiles(Path.GetDirectoryName(FindRepoFile("Clv.sln"))! + "/" + project, "*.csproj").Single();
            string text = File.ReadAllText(csproj);
            bool several = text.Contains("<TargetFrameworks>", StringComparison.Ordinal)
                || (!text.Contains("<TargetFramework>", StringComparison.Ordinal)
                    && File.ReadAllText(FindRepoFile("src/Directory.Build.props")).Contains("<TargetFrameworks>", StringComparison.Ordinal)
                    && project.StartsWith("src/", StringComparison.Ordinal));
            bool names = Regex.IsMatch(run.Groups[2].Value, @"(^|\s)(-f|--framework) net\d+\.\d+(\s|$)");
            Assert.True(!several || names, $"README: `{run.Value.Trim()}` runs {project}, which targets several frameworks, without -f");
        }
    }

    [Fact]
    public void Tool_TheReadmesAnalyzeExample_RunsAndWritesTheFilesItNames()
    {
        string section = ToolSection();
        var block = Regex.Match(section, "```bash\n(dotnet run --project src/Clv.Tool -f net10.0 -- analyze [^`]*)```").Groups[1].Value;
        string[] words = block.Replace("\\\n", " ", StringComparison.Ordinal).Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["dotnet", "run", "--project", "src/Clv.Tool", "-f", "net10.0", "--", "analyze", "samples/Clv.Samples.QuickStart/Data/CDNOW_sample.txt"], words[..9]);
        using var dir = new TempFolder();
        string[] args = [TestData.PathOf("CDNOW_sample.txt"), .. words[9..]];
        int outAt = Array.IndexOf(args, "--out");
        args[outAt + 1] = dir["clv-out"];
        var r = ToolRunner.InProcess("analyze", args);
        Assert.True(r.ExitCode == 0, r.Stderr);

        // The command table names exactly the files analyze writes.
        var analyzeRow = section.Split('\n').Single(l => l.StartsWith("| `clv analyze", StringComparison.Ordinal));
        var named = Regex.Matches(analyzeRow.Split('|')[3], "`([a-z-]+\\.[a-z]+)`").Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal);
        Assert.Equal(named, Directory.GetFiles(dir["clv-out"]).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// The README's <c>orders.csv</c> is the CDNOW sample (1997-01-01 to 1998-06-30). Its installed-tool example ran
    /// <c>clv analyze orders.csv --observation-end 2026-11-30</c>: every customer churned, 29 years with no data, and a
    /// warning saying so. Every <c>clv</c> line of the section runs on that file without a warning.
    /// </summary>
    [Fact]
    public void Tool_TheReadmesClvLines_RunOnTheReadmesOrdersWithoutAWarning()
    {
        var lines = Regex.Matches(ToolSection(), @"^clv (\w+) orders\.csv ([^#`\n]*)", RegexOptions.Multiline);
        Assert.NotEmpty(lines);
        foreach (Match line in lines)
        {
            using var dir = new TempFolder();
            string[] words = line.Groups[2].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            int outAt = Array.IndexOf(words, "--out");
            words[outAt + 1] = dir[words[outAt + 1]];
            string command = line.Groups[1].Value;
            string[] quick = command == "analyze" ? ["--no-report"] : [];
            var r = ToolRunner.InProcess(command, [TestData.PathOf("orders.csv"), .. words, .. quick, "--json"]);
            Assert.True(r.ExitCode == 0, line.Value + ": " + r.Stdout + r.Stderr);
            Assert.True(r.Json().GetProperty("warnings").GetArrayLength() == 0, line.Value + ": " + r.Json().GetProperty("warnings"));
        }
    }

    [Fact]
    public void Tool_TheReadmesExitCodeTable_IsTheToolsExitCodes()
    {
        var rows = ToolSection().Split('\n').Select(l => Regex.Match(l, @"^\| (\d+) \| ")).Where(m => m.Success).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        var constants = typeof(ExitCode).GetFields().Select(f => (int)f.GetValue(null)!).Order();
        Assert.Equal(constants, rows.Order());
    }

    [Fact]
    public void Tool_TheReadmesJsonFields_AreTheSummarysFields()
    {
        using var dir = new TempFolder();
        var r = ToolRunner.InProcess("analyze", ToolRunner.Cdnow("--holdout-end", "1998-06-30", "--model", "auto", "--out", dir["o"], "--no-report", "--json"));
        Assert.True(r.ExitCode == 0, r.Stderr);
        var topLevel = r.Json().EnumerateObject().Select(p => p.Name).ToList();
        var fields = topLevel.Concat(r.Json().GetProperty("purchase_model").EnumerateObject().Select(p => p.Name))
            .Concat(r.Json().GetProperty("purchase_model").GetProperty("parameters").GetProperty("r").EnumerateObject().Select(p => p.Name))
            .Concat(r.Json().GetProperty("scorecard").EnumerateObject().Select(p => p.Name))
            .ToHashSet(StringComparer.Ordinal);
        fields.Add("models");   // score's: the models it applied
        fields.UnionWith(r.Json().GetProperty("step_ms").EnumerateObject().Select(p => p.Name));
        fields.Add("write_report");   // analyze without --no-report
        fields.Add("write_output");   // rfm's and stages' one file
        string section = ToolSection();
        string listed = section[section.IndexOf("the same document", StringComparison.Ordinal)..section.IndexOf("or on failure", StringComparison.Ordinal)];
        var named = Regex.Matches(listed, "`([a-z_]+)`").Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        foreach (string name in named)
        {
            Assert.True(fields.Contains(name), $"the README lists {name}, the summary has no such field");
        }

        // And the other way: every field a pipeline reads is named (command, format, observation_end ... were not).
        string[] unnamed = [.. fields.Where(f => !named.Contains(f))];
        Assert.True(unnamed.Length == 0, "Not in the README: " + string.Join(", ", unnamed));
    }
}
