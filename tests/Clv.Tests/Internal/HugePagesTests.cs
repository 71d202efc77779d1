using Clv.Internal;

namespace Clv.Tests.Internal;

/// <summary>The huge-page hint changes how memory is supplied, never what it holds, and accepts any buffer.</summary>
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
}
