using System.Diagnostics;
using System.Globalization;
using Clv.Tool;

namespace Clv.Tests.Tool;

/// <summary>
/// A run killed outright (SIGKILL, the out-of-memory killer) cannot delete its hidden staging folder; the next run into the
/// same place deletes it when its owner, recorded inside, is certainly gone, and leaves every other folder alone.
/// </summary>
public class StagingOwnerTests
{
    /// <summary>A process id that no process has now: a child that has exited.</summary>
    private static int DeadProcessId()
    {
        using var child = Process.Start(new ProcessStartInfo("sh", ["-c", "exit 0"]) { UseShellExecute = false })!;
        child.WaitForExit();
        return child.Id;
    }

    /// <summary>A staging-like folder with a half-written output and the owner record given.</summary>
    private static string Leftover(string parent, string name, params string[] owner)
    {
        string folder = Path.Combine(parent, name);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "scorecard.csv"), "customer_id,r_score\nC1,");
        if (owner.Length > 0)
        {
            File.WriteAllLines(Path.Combine(folder, StagingOwner.FileName), owner);
        }

        return folder;
    }

    private static string[] Owner(int? pid = null, long? started = null, string? machine = null)
    {
        string[] current = StagingOwner.Current();
        return
        [
            machine ?? current[0], current[1],
            (pid ?? int.Parse(current[2], CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture),
            (started ?? long.Parse(current[3], CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture),
        ];
    }

    [Fact]
    public void ForFolder_LeftoversOfGoneRuns_DeletedAndEveryOtherFolderKept()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the dead child is started with sh");
        using var dir = new TempFolder();
        string dest = dir["out"];
        Directory.CreateDirectory(dest);
        string[] current = StagingOwner.Current();
        long started = long.Parse(current[3], CultureInfo.InvariantCulture);

        string dead = Leftover(dest, ".clv-tmp-aaaaaaaaaaaa", Owner(pid: DeadProcessId()));
        string reused = Leftover(dest, ".clv-tmp-bbbbbbbbbbbb", Owner(started: started - TimeSpan.TicksPerHour));   // our id, another start: taken over
        string live = Leftover(dest, ".clv-tmp-cccccccccccc", Owner());
        string otherMachine = Leftover(dest, ".clv-tmp-dddddddddddd", Owner(pid: DeadProcessId(), machine: "another-host"));
        string noRecord = Leftover(dest, ".clv-tmp-eeeeeeeeeeee");
        string movedAside = Leftover(dest, ".clv-tmp-ffffffffffff", Owner(pid: DeadProcessId()));
        File.WriteAllText(Path.Combine(movedAside, "0123.old"), "an earlier run's output, moved aside while the outputs were moved in");
        string noStartTime = Leftover(dest, ".clv-tmp-gggggggggggg", Owner(started: 0));   // our id, start time unknown: kept
        string userFolder = Directory.CreateDirectory(Path.Combine(dest, "clv-tmp-mine")).FullName;

        using (var staging = Staging.ForFolder(dest))
        {
            Assert.Equal([dead, reused], staging.Abandoned.Order(StringComparer.Ordinal));
            string staged = Path.GetDirectoryName(staging.File("a.txt"))!;
            Assert.Equal(current, File.ReadAllLines(Path.Combine(staged, StagingOwner.FileName)));

            // A second run into the same folder while this one is staging leaves this one's folder alone.
            using var second = Staging.ForFolder(dest);
            Assert.Empty(second.Abandoned);
            Assert.True(Directory.Exists(staged));
        }

        Assert.False(Directory.Exists(dead));
        Assert.False(Directory.Exists(reused));
        Assert.All([live, otherMachine, noRecord, movedAside, noStartTime, userFolder], f => Assert.True(Directory.Exists(f), f));
    }

    [Fact]
    public void ForFolder_DestinationNotThereYet_DeletesLeftoversBesideIt()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the dead child is started with sh");
        using var dir = new TempFolder();
        string dead = Leftover(dir.Path, ".out.clv-tmp-aaaaaaaaaaaa", Owner(pid: DeadProcessId()));

        using (var staging = Staging.ForFolder(dir["out"]))
        {
            Assert.Equal([dead], staging.Abandoned);
        }

        Assert.Empty(dir.Entries());
    }

    [Fact]
    public async Task Analyze_KilledWhileWriting_TheNextRunDeletesItsHiddenFolder()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "SIGKILL is sent with kill(1)");
        using var dir = new TempFolder();
        ToolRunner.WriteLongLog(dir["log.csv"]);

        // Killed once the scorecard is staged (the report is drawn next): nothing can run in the process to clean up.
        using (var process = ToolRunner.Start("analyze", dir["log.csv"], "--observation-end", "2021-06-30", "--out", dir["out"]))
        {
            var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            string? line;
            do
            {
                line = await process.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken);
            }
            while (line is not null && !line.StartsWith("Write scorecard", StringComparison.Ordinal));

            Assert.NotNull(line);
            process.Kill();
            Assert.True(process.WaitForExit(TimeSpan.FromMinutes(1)));
            await stderr;
        }

        string leftover = Assert.Single(dir.Entries(), e => e.Contains(".clv-tmp-", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(dir.Path, leftover, "scorecard.csv")));

        var again = await Task.Run(() => ToolRunner.InProcess("analyze", [dir["log.csv"], "--observation-end", "2021-06-30", "--out", dir["out"], "--no-report", "--quiet"]), TestContext.Current.CancellationToken);

        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.Equal(["log.csv", "out"], dir.Entries().Order(StringComparer.Ordinal));
    }
}
