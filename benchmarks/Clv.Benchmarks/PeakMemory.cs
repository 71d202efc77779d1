using System.Diagnostics;
using System.Globalization;

namespace Clv.Benchmarks;

/// <summary>The process's peak resident set (Linux VmHWM), and a way to reset it before the part being measured.</summary>
public static class PeakMemory
{
    /// <summary>Collects garbage and resets the peak (Linux: writing 5 to /proc/self/clear_refs resets VmHWM).</summary>
    public static void Reset()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Not Linux, or not allowed: the peak then includes whatever ran before.
        }
    }

    /// <summary>The peak resident set since the last <see cref="Reset"/>, in bytes.</summary>
    public static long Bytes()
    {
        if (File.Exists("/proc/self/status"))
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }

        using var p = Process.GetCurrentProcess();
        return p.PeakWorkingSet64;
    }
}
