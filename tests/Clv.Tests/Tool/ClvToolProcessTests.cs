using Clv.Tool;

namespace Clv.Tests.Tool;

/// <summary>The built <c>clv</c> run as a separate process: exit codes, standard output and standard error as a pipeline sees them.</summary>
public sealed class ClvToolProcessTests
{
    [Fact]
    public void GoodInput_ExitsZero_PrintsOnlyTheJsonSummary_AndWritesEveryOutput()
    {
        using var dir = new TempFolder();
        var r = ToolRunner.AsProcess(["analyze", .. ToolRunner.Cdnow("--out", dir["out"], "--json")]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        var json = r.Json();   // all of standard output is one JSON document
        Assert.Equal("ok", json.GetProperty("status").GetString());
        Assert.Equal(2357, json.GetProperty("customers").GetInt32());
        Assert.Equal(7, json.GetProperty("outputs").GetArrayLength());
        foreach (var output in json.GetProperty("outputs").EnumerateArray())
        {
            Assert.True(File.Exists(output.GetString()), output.GetString());
        }

        Assert.Equal(2358, File.ReadAllLines(Path.Combine(dir["out"], Job.ScorecardCsvFile)).Length);
        Assert.Equal("", r.Stderr);
    }

    [Fact]
    public void TheToolsRuntimeConfiguration_ShortensTheTieringDelay()
    {
        // The 1M analyze job runs its writers optimised only because the tool starts counting calls after 5 ms, not 100 ms
        // (benchmarks/README): the setting travels in the runtime configuration that `dotnet exec` and the tool shim read.
        string config = Path.Combine(AppContext.BaseDirectory, "Clv.Tool.runtimeconfig.json");
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(config));
        var properties = json.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");
        Assert.Equal(5, properties.GetProperty("System.Runtime.TieredCompilation.CallCountingDelayMs").GetInt32());
    }

    [Fact]
    public void BadRow_ExitsThree_NamesFileLineAndColumnOnStandardError_AndWritesNothing()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir["log.csv"], "customer_id,date,amount\n1,1997-01-01,10\n1,1997-02-01,ten\n");
        var r = ToolRunner.AsProcess("analyze", dir["log.csv"], "--observation-end", "1997-09-30", "--out", dir["out"]);
        Assert.Equal(ExitCode.BadInput, r.ExitCode);
        Assert.Contains(dir["log.csv"] + ", line 3, column 'amount'", r.Stderr, StringComparison.Ordinal);
        Assert.Equal(["log.csv"], dir.Entries());
    }

    [Fact]
    public void BadCommandLine_ExitsTwo_AndQuietPrintsNothingOnSuccess()
    {
        var usage = ToolRunner.AsProcess("analyze", "orders.csv", "--out", "x");
        Assert.Equal(ExitCode.Usage, usage.ExitCode);
        Assert.Contains("--observation-end is required", usage.Stderr, StringComparison.Ordinal);

        var unknown = ToolRunner.AsProcess("forecast");
        Assert.Equal(ExitCode.Usage, unknown.ExitCode);

        using var dir = new TempFolder();
        var quiet = ToolRunner.AsProcess(["stages", .. ToolRunner.Cdnow("--out", dir["stages.csv"], "--quiet")]);
        Assert.Equal(0, quiet.ExitCode);
        Assert.Equal("", quiet.Stdout);
        Assert.Equal("", quiet.Stderr);
        Assert.True(File.Exists(dir["stages.csv"]));
    }

    [Fact]
    public async Task Sigterm_CancelsLikeCtrlC_ExitsWith130_AndLeavesNothing()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "SIGTERM is sent with kill(1)");

        // A scheduler (systemd, Kubernetes, timeout) stops a job with SIGTERM: it used to end the process at once (exit 143),
        // leaving the hidden staging folder and its temporary files behind when it came while outputs were written.
        using var dir = new TempFolder();
        ToolRunner.WriteLongLog(dir["log.csv"]);

        using var process = ToolRunner.Start("analyze", dir["log.csv"], "--observation-end", "2021-06-30", "--model", "auto", "--out", dir["out"]);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        string? first = await process.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken);   // "Read log.csv (... ms)": the fits of three models follow
        Assert.StartsWith("Read log.csv", first, StringComparison.Ordinal);
        using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        string rest = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        string errors = await stderr;
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(1)), "clv did not stop within a minute of SIGTERM");
        Assert.True(process.ExitCode == ExitCode.Cancelled, $"exit {process.ExitCode}: {rest} {errors}");
        Assert.Contains("Cancelled; no output was moved into place.", errors, StringComparison.Ordinal);
        Assert.Equal(["log.csv"], dir.Entries());
    }
}
