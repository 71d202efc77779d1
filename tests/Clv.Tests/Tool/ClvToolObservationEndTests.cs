using Clv.Tool;

namespace Clv.Tests.Tool;

/// <summary>
/// An observation end before the log's first row: every command that reads a log stops with bad input naming the file and
/// the log's date range, and writes nothing. It used to stop as an "unexpected failure (please report it)", exit 1, with
/// the library's stack trace. Found by running the commands over edge values of their options.
/// </summary>
public class ClvToolObservationEndTests
{
    [Theory]
    [InlineData("analyze")]
    [InlineData("fit")]
    [InlineData("rfm")]
    [InlineData("stages")]
    [InlineData("score")]
    public void ObservationEndBeforeEveryRow_BadInputNamingTheLogsRange(string command)
    {
        using var dir = new TempFolder();
        string[] more = ["--out", dir["b"], "--json"];
        if (command == "score")
        {
            Assert.Equal(0, ToolRunner.InProcess("analyze", ToolRunner.Cdnow("--out", dir["a"], "--no-report", "--quiet")).ExitCode);
            more = ["--models", dir["a"], .. more];
        }

        string[] args = [.. ToolRunner.Cdnow(more).Select(a => a == "1997-09-30" ? "1990-01-01" : a)];
        var r = ToolRunner.InProcess(command, args);

        Assert.True(r.ExitCode == ExitCode.BadInput, r.Stderr + r.Stdout);
        var e = r.Json();
        Assert.Equal("bad_input", e.GetProperty("kind").GetString());
        Assert.Equal(TestData.PathOf("CDNOW_sample.txt"), e.GetProperty("file").GetString());
        Assert.Equal(
            TestData.PathOf("CDNOW_sample.txt") + ": No transaction is on or before the observation end (1990-01-01): the log's 6,919 rows run from 1997-01-01 to 1998-06-30. Choose an observation end in that range.",
            e.GetProperty("message").GetString());
        Assert.False(Directory.Exists(dir["b"]));
    }
}
