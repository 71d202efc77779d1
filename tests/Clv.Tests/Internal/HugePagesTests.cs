using Clv.Internal;

namespace Clv.Tests.Internal;

/// <summary>The huge-page hint changes how memory is supplied, never what it holds, and accepts any buffer.</summary>
[Collection(MemoryMapTestGroup.Name)]
public class HugePagesTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1_000_000)]
    [InlineData(3_000_001)]
    public void Advise_ArrayThenWritten_KeepsEveryValue(int length)
    {
        var array = GC.AllocateUninitializedArray<long>(length);

        HugePages.Advise(array);
        for (int i = 0; i < array.Length; i++)
        {
            array[i] = (i * 31L) ^ 0x5555;
        }

        for (int i = 0; i < array.Length; i++)
        {
            Assert.Equal((i * 31L) ^ 0x5555, array[i]);
        }
    }

    [Theory]
    [InlineData(0, 4)]
    [InlineData(1024, 2048)]
    [InlineData(600_000, 1_200_000)]
    public void Grow_KeepsTheElementsAndClearsTheNewOnesWhenAsked(int length, int grown)
    {
        var source = new long[length];
        for (int i = 0; i < length; i++)
        {
            source[i] = (i * 31L) ^ 0x5555;
        }

        // Dirty the allocator first so that an uncleared array would likely show old values.
        GC.KeepAlive(Enumerable.Repeat(-1L, grown).ToArray());
        var kept = source;
        HugePages.Grow(ref kept, grown, clear: true);
        var unclear = source;
        HugePages.Grow(ref unclear, grown, clear: false);

        Assert.Equal(grown, kept.Length);
        Assert.Equal(grown, unclear.Length);
        Assert.NotSame(source, kept);
        for (int i = 0; i < length; i++)
        {
            Assert.Equal(source[i], kept[i]);
            Assert.Equal(source[i], unclear[i]);
        }

        Assert.All(kept.AsSpan(length).ToArray(), v => Assert.Equal(0, v));
    }

    /// <summary>
    /// The hint itself, seen in the process's memory map (Linux with transparent huge pages): exactly the whole 2 MB pages
    /// inside each range are advised, nothing when the range holds no whole page.
    /// </summary>
    [Fact]
    public unsafe void Advise_Range_MarksExactlyTheWholeHugePagesInside()
    {
        Assert.SkipUnless(MemoryMap.HugePagesAvailable, "needs Linux transparent huge pages");
        const ulong Mb = 1 << 20;

        // A fresh mapping (no advice left on it from earlier use), 2 MB aligned inside.
        byte* mapped = (byte*)MappedMemory.TryMap((nuint)(18 * Mb));
        Assert.True(mapped != null);
        try
        {
            byte* p = (byte*)Inside((ulong)mapped, 18 * Mb).From;
            ulong b = (ulong)p;
            Assert.Empty(MemoryMap.AdvisedWithin(b, b + (16 * Mb)));
            HugePages.Advise(p + 1, (nuint)(3 * Mb));            // [1 B, 3 MB + 1 B): no whole page
            HugePages.Advise(p + 4096, (nuint)(6 * Mb));         // [4 KB, 6 MB + 4 KB): pages at 2 and 4 MB
            HugePages.Advise(p + (8 * Mb), (nuint)(4 * Mb));     // [8 MB, 12 MB), aligned: pages at 8 and 10 MB
            HugePages.Advise(p + (14 * Mb) + 1, (nuint)(2 * Mb)); // [14 MB + 1 B, 16 MB + 1 B): no whole page
            Assert.Equal([(b + (2 * Mb), b + (6 * Mb)), (b + (8 * Mb), b + (12 * Mb))], MemoryMap.AdvisedWithin(b, b + (16 * Mb)));
        }
        finally
        {
            MappedMemory.Unmap(mapped, (nuint)(18 * Mb));
        }
    }

    /// <summary>An array of 4 MB or more is advised on its whole 2 MB pages (also when grown); a smaller one is not.</summary>
    [Fact]
    public unsafe void Advise_Array_MarksTheWholeHugePagesOfLargeArraysOnly()
    {
        Assert.SkipUnless(MemoryMap.HugePagesAvailable, "needs Linux transparent huge pages");
        var large = GC.AllocateUninitializedArray<long>(3_000_000, pinned: true);
        var small = GC.AllocateUninitializedArray<byte>((2 * HugePages.Size) - 1, pinned: true);
        fixed (byte* s = small)
        {
            // Advice stays on memory the collector reuses: the small array is checked only when none was left on it.
            var (smallFrom, smallTo) = Inside((ulong)s, (ulong)small.Length);
            bool clean = MemoryMap.AdvisedWithin(smallFrom, smallTo).Count == 0;
            HugePages.Advise(small);
            Assert.True(!clean || MemoryMap.AdvisedWithin(smallFrom, smallTo).Count == 0, "an array under 4 MB was advised");
        }

        HugePages.Advise(large);
        fixed (long* l = large)
        {
            var (from, to) = Inside((ulong)l, (ulong)large.Length * sizeof(long));
            Assert.Equal([(from, to)], MemoryMap.AdvisedWithin(from, to));
        }

        var grown = new long[10];
        HugePages.Grow(ref grown, 1_500_000, clear: false);
        fixed (long* g = grown)
        {
            var (from, to) = Inside((ulong)g, (ulong)grown.Length * sizeof(long));
            Assert.Equal([(from, to)], MemoryMap.AdvisedWithin(from, to));
        }
    }

    /// <summary>The whole 2 MB pages inside [start, start + bytes).</summary>
    private static (ulong From, ulong To) Inside(ulong start, ulong bytes)
    {
        const ulong Size = HugePages.Size;
        return ((start + Size - 1) / Size * Size, (start + bytes) / Size * Size);
    }
}
