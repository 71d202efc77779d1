using System.Runtime.InteropServices;

namespace Clv.Internal;

/// <summary>
/// Anonymous memory mapped straight from the operating system on Linux (<c>mmap</c>/<c>munmap</c>): pages that go back the
/// moment they are unmapped, whatever the C allocator's thresholds (which, after a large block is freed, serve blocks of
/// megabytes from its own heap and keep them resident when freed). Elsewhere, or where the calls are missing, nothing is mapped.
/// </summary>
internal static unsafe partial class MappedMemory
{
    /// <summary>Below this many bytes the C allocator is used: a mapping costs a system call and at least a page.</summary>
    public const int MinimumBytes = 1 << 20;

    private const int ProtReadWrite = 0x1 | 0x2;
    private const int MapPrivateAnonymousPopulate = 0x02 | 0x20 | 0x8000;

    // Set once the calls are known to be missing: a benign race at worst repeats a failed lookup.
    private static bool _unavailable = !OperatingSystem.IsLinux();

    /// <summary>
    /// Maps <paramref name="bytes"/> of zeroed memory, its pages supplied at once (<c>MAP_POPULATE</c>: one system call instead
    /// of a fault per 4 KB page, for buffers the caller writes whole); null when not mapped (the caller allocates otherwise).
    /// </summary>
    public static void* TryMap(nuint bytes)
    {
        if (_unavailable || bytes < MinimumBytes)
        {
            return null;
        }

        try
        {
            nint address = NativeMethods.Mmap(0, bytes, ProtReadWrite, MapPrivateAnonymousPopulate, -1, 0);
            if (address == -1)
            {
                return null;
            }

            return (void*)address;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            _unavailable = true;
            return null;
        }
    }

    /// <summary>Unmaps memory <see cref="TryMap"/> mapped, with the same length.</summary>
    public static void Unmap(void* address, nuint bytes) => _ = NativeMethods.Munmap((nint)address, bytes);

    private static partial class NativeMethods
    {
        [LibraryImport("libc", EntryPoint = "mmap")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static partial nint Mmap(nint address, nuint length, int protection, int flags, int descriptor, nint offset);

        [LibraryImport("libc", EntryPoint = "munmap")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static partial int Munmap(nint address, nuint length);
    }
}
