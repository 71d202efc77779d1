using Clv.Internal;

namespace Clv.Tests.Internal;

/// <summary>The memory map tests run alone: a range just unmapped must not be mapped again by a test running beside them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMapTestGroup
{
    public const string Name = "Memory map";
}

/// <summary>
/// <see cref="MappedMemory"/> and <see cref="NativeArray{T}"/>'s mapped memory, seen in the process's memory map (Linux): a
/// mapping of the size asked for, zeroed, gone once unmapped or disposed; null below the minimum and when the system refuses.
/// </summary>
[Collection(MemoryMapTestGroup.Name)]
public class MappedMemoryTests
{
    [Fact]
    public unsafe void TryMap_BelowTheMinimum_Null()
    {
        Assert.True(MappedMemory.TryMap(MappedMemory.MinimumBytes - 1) == null);
        Assert.True(MappedMemory.TryMap(0) == null);
    }

    [Fact]
    public unsafe void TryMap_SystemRefuses_Null()
    {
        // 2^60 bytes is beyond any process's address space: mmap fails, and the failure is a null, not an address.
        Assert.True(MappedMemory.TryMap((nuint)1 << 60) == null);
    }

    [Fact]
    public unsafe void TryMap_ZeroedMappingOfThatSize_GoneOnceUnmapped()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() && MemoryMap.Available, "needs Linux /proc/self/smaps");
        const int Bytes = 3 << 20;
        byte* p = (byte*)MappedMemory.TryMap(Bytes);
        Assert.True(p != null);
        ulong start = (ulong)p;
        var span = new Span<byte>(p, Bytes);
        Assert.Equal(-1, span.IndexOfAnyExcept((byte)0));
        span.Fill(0xAB);
        Assert.Contains(MemoryMap.Read(), a => a.Start <= start && a.End >= start + Bytes);

        MappedMemory.Unmap(p, Bytes);
        Assert.False(MemoryMap.AnyWithin(start, start + Bytes), "the range is still mapped after Unmap");
    }

    [Fact]
    public unsafe void NativeArray_Mapped_GoneOnceDisposed_DisposeTwiceHarmless()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() && MemoryMap.Available, "needs Linux /proc/self/smaps");
        var array = new NativeArray<long>(500_000);
        Assert.True(array.IsMapped);
        array.Span.Fill(3);
        ulong start;
        fixed (long* p = array.Span)
        {
            start = (ulong)p;
        }

        const ulong Bytes = 500_000 * sizeof(long);
        Assert.True(MemoryMap.AnyWithin(start, start + Bytes));
        array.Dispose();
        Assert.False(MemoryMap.AnyWithin(start, start + Bytes), "the array's memory is still mapped after Dispose");
        array.Dispose();
        Assert.False(MemoryMap.AnyWithin(start, start + Bytes));
    }
}
