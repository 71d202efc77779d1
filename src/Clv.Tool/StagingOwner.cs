using System.Diagnostics;
using System.Globalization;

namespace Clv.Tool;

/// <summary>
/// Who owns a staging folder: the machine, the process-id namespace (Linux; containers have their own), the process id and
/// its start time, written as <c>.owner</c> inside it. A run killed outright (SIGKILL, the out-of-memory killer, a scheduler's
/// grace period running out) cannot delete its staging folder; the next run into the same place deletes the folders whose
/// owner is certainly gone: same machine and namespace, and no process with that id started at that time. A folder that
/// holds an earlier run's files moved aside (<c>*.old</c>: the run was killed while moving its outputs in) is left for
/// the user, as is any folder whose owner cannot be read or is on another machine or in another container.
/// </summary>
internal static class StagingOwner
{
    /// <summary>The owner record's file name inside a staging folder.</summary>
    public const string FileName = ".owner";

    /// <summary>What every staging folder's name contains.</summary>
    public const string Marker = ".clv-tmp-";

    /// <summary>Writes this process's owner record into <paramref name="stagingFolder"/> (best effort: without it the folder is never cleaned).</summary>
    public static void Write(string stagingFolder)
    {
        try
        {
            File.WriteAllLines(Path.Combine(stagingFolder, FileName), Current());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The folder is still usable; only a later clean-up of it, should this run be killed, is lost.
        }
    }

    /// <summary>Deletes the staging folders in <paramref name="parent"/> whose owner is certainly gone; best effort, never throws for I/O.</summary>
    /// <returns>The folders deleted.</returns>
    public static IReadOnlyList<string> DeleteAbandoned(string parent)
    {
        var deleted = new List<string>();
        try
        {
            if (!Directory.Exists(parent))
            {
                return deleted;
            }

            foreach (string folder in Directory.EnumerateDirectories(parent, "*" + Marker + "*"))
            {
                try
                {
                    if (IsAbandoned(folder))
                    {
                        Directory.Delete(folder, recursive: true);
                        deleted.Add(folder);
                    }
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // Leftovers are harmless to this run (it stages in a folder of its own): go on with the others.
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The parent cannot be listed: nothing to clean.
        }

        return deleted;
    }

    /// <summary>True when the folder's owner record names this machine and namespace and a process that no longer runs, and no earlier output waits in it.</summary>
    internal static bool IsAbandoned(string folder)
    {
        string record = Path.Combine(folder, FileName);
        if (!File.Exists(record) || Directory.EnumerateFiles(folder, "*.old").Any())
        {
            return false;
        }

        string[] owner = File.ReadAllLines(record);
        string[] current = Current();
        if (owner.Length != 4 || owner[0] != current[0] || owner[1] != current[1]
            || !int.TryParse(owner[2], NumberStyles.None, CultureInfo.InvariantCulture, out int pid)
            || !long.TryParse(owner[3], NumberStyles.None, CultureInfo.InvariantCulture, out long started))
        {
            return false;
        }

        // Gone: no such process, or another one that took the id since (the start time is derived from the boot time, so
        // it is compared within a second; a record without a start time, 0, only counts a process that is not there).
        long? now = StartTicks(pid);
        return now is null || (now != -1 && started > 0 && Math.Abs(now.Value - started) > TimeSpan.TicksPerSecond);
    }

    /// <summary>This process's record: machine name, pid namespace, process id, start time (UTC ticks).</summary>
    internal static string[] Current() =>
    [
        Environment.MachineName,
        PidNamespace(),
        Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
        (StartTicks(Environment.ProcessId) ?? 0).ToString(CultureInfo.InvariantCulture),
    ];

    /// <summary>The start time of process <paramref name="pid"/> in UTC ticks; null when no such process runs; -1 when it runs but its start time cannot be read.</summary>
    private static long? StartTicks(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.StartTime.ToUniversalTime().Ticks;
        }
        catch (ArgumentException)
        {
            return null; // not running
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            return -1; // running (or unknowable): never taken for gone
        }
    }

    /// <summary>The process-id namespace on Linux (<c>pid:[4026531836]</c>), so a container's process ids are not read in another's; empty elsewhere.</summary>
    private static string PidNamespace()
    {
        try
        {
            return OperatingSystem.IsLinux() ? new FileInfo("/proc/self/ns/pid").LinkTarget ?? "" : "";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
