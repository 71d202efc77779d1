using System.Globalization;

namespace Clv.Tests.Internal;

/// <summary>The process's memory areas as Linux lists them in <c>/proc/self/smaps</c>: range and flags of each.</summary>
internal static class MemoryMap
{
    /// <summary>One area: [Start, End) and its <c>VmFlags</c> ("hg" marks a range advised for huge pages).</summary>
    public readonly record struct Area(ulong Start, ulong End, string[] Flags)
    {
        public bool HugePageAdvised => Flags.Contains("hg");
    }

    public static bool Available => File.Exists("/proc/self/smaps");

    /// <summary>Whether huge-page advice can be seen: Linux with transparent huge pages and smaps.</summary>
    public static bool HugePagesAvailable => OperatingSystem.IsLinux() && Available && Directory.Exists("/sys/kernel/mm/transparent_hugepage");

    public static List<Area> Read()
    {
        var areas = new List<Area>();
        ulong start = 0, end = 0;
        foreach (string line in File.ReadLines("/proc/self/smaps"))
        {
            if (line.StartsWith("VmFlags:", StringComparison.Ordinal))
            {
                areas.Add(new Area(start, end, line["VmFlags:".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)));
                continue;
            }

            // A header line: "start-end perms offset device inode [path]", both addresses in hex.
            int dash = line.IndexOf('-', StringComparison.Ordinal), space = line.IndexOf(' ', StringComparison.Ordinal);
            if (dash > 0 && space > dash
                && ulong.TryParse(line.AsSpan(0, dash), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong s)
                && ulong.TryParse(line.AsSpan(dash + 1, space - dash - 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong e))
            {
                (start, end) = (s, e);
            }
        }

        return areas;
    }

    /// <summary>The huge-page advised ranges that overlap [<paramref name="from"/>, <paramref name="to"/>), clipped to it, adjacent ones joined.</summary>
    public static List<(ulong From, ulong To)> AdvisedWithin(ulong from, ulong to)
    {
        var result = new List<(ulong From, ulong To)>();
        foreach (var area in Read().Where(a => a.HugePageAdvised && a.End > from && a.Start < to).OrderBy(a => a.Start))
        {
            ulong s = Math.Max(area.Start, from), e = Math.Min(area.End, to);
            if (result.Count > 0 && result[^1].To == s)
            {
                result[^1] = (result[^1].From, e);
            }
            else
            {
                result.Add((s, e));
            }
        }

        return result;
    }

    /// <summary>Whether any area overlaps [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public static bool AnyWithin(ulong from, ulong to) => Read().Any(a => a.End > from && a.Start < to);
}
