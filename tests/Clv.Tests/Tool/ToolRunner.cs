using System.Diagnostics;
using System.Text.Json;
using Clv.Tool;
using Spectre.Console;

namespace Clv.Tests.Tool;

/// <summary>Runs <c>clv</c> in process (fast, for the breadth of cases) or as a real process (for exit codes and streams).</summary>
internal static class ToolRunner
{
    /// <summary>The bundled CDNOW sample with the options its layout needs (whitespace separated, no header).</summary>
    public static string[] Cdnow(params string[] more) =>
    [
        TestData.PathOf("CDNOW_sample.txt"), "--whitespace", "--no-header", "--id-index", "1", "--date-index", "2", "--amount-index", "4",
        "--date-format", "yyyyMMdd", "--observation-end", "1997-09-30", .. more,
    ];

    public static Result InProcess(string command, string[] args) => Cancellable(command, args, TestContext.Current.CancellationToken);

    public static Result Cancellable(string command, string[] args, CancellationToken cancellation)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stdout),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 200;
        int code = ClvApp.Run([command, .. args], new ToolEnvironment(console, stdout, stderr), cancellation);
        return new Result(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs the built tool (<c>Clv.Tool.dll</c>, copied beside the tests) with <c>dotnet exec</c>.</summary>
    public static Result AsProcess(params string[] args)
    {
        using var process = Start(args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(3)), "clv did not finish within 3 minutes");
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Starts the built tool with its standard output and error redirected.</summary>
    public static Process Start(params string[] args)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "Clv.Tool.dll");
        Assert.True(File.Exists(dll), $"The tool is not beside the tests: {dll}");
        var start = new ProcessStartInfo(Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(dll);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["NO_COLOR"] = "1";
        return Process.Start(start)!;
    }

    /// <summary>
    /// A seeded log of 40,000 customers with one to five rows each on days of 2020 to mid 2022: long enough for a run as a
    /// process to be stopped part way (three fits with <c>--model auto</c>; a report to draw).
    /// </summary>
    public static void WriteLongLog(string path)
    {
        using var log = new StreamWriter(path);
        log.WriteLine("customer_id,date,amount");
        var random = new Random(7);
        for (int c = 0; c < 40_000; c++)
        {
            for (int k = random.Next(1, 6); k > 0; k--)
            {
                log.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{c},{new DateOnly(2020, 1, 1).AddDays(random.Next(900)):yyyy-MM-dd},{random.Next(100, 10_000) / 100.0}"));
            }
        }
    }

    internal sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public JsonElement Json()
        {
            using var doc = JsonDocument.Parse(Stdout);
            return doc.RootElement.Clone();
        }
    }
}

/// <summary>A temporary folder, deleted at dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"clv-tool-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string this[string name] => System.IO.Path.Combine(Path, name);

    /// <summary>Every entry in the folder, hidden staging folders included.</summary>
    public string[] Entries() => [.. Directory.EnumerateFileSystemEntries(Path).Select(System.IO.Path.GetFileName).Order(StringComparer.Ordinal)!];

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
