using Clv.Internal;

namespace Clv.Tests.Internal;

/// <summary>
/// <see cref="NativeArray{T}"/>: working memory outside the collected heap, mapped from the system from
/// <see cref="MappedMemory.MinimumBytes"/> on (Linux), else from the C allocator; every element writable and read back.
/// </summary>
public class NativeArrayTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1000)]
    [InlineData((MappedMemory.MinimumBytes / sizeof(long)) - 1)]
    [InlineData(MappedMemory.MinimumBytes / sizeof(long))]
    [InlineData(3_000_001)]
    public void Span_EveryElement_WrittenAndReadBack(int length)
    {
        // One array first: the first use in a process initialises types and native call stubs once (not per array).
        using (new NativeArray<long>(length))
        {
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        using var array = new NativeArray<long>(length);
        long managed = GC.GetAllocatedBytesForCurrentThread() - before;
        var span = array.Span;
        Assert.Equal(length, span.Length);
        for (int i = 0; i < span.Length; i++)
        {
            span[i] = (i * 7919L) ^ length;
        }

        for (int i = 0; i < span.Length; i++)
        {
            Assert.Equal((i * 7919L) ^ length, span[i]);
        }

        Assert.True(managed < 1024, $"allocated {managed} managed bytes");
    }

    [Theory]
    [InlineData(1000, false)]
    [InlineData((MappedMemory.MinimumBytes / sizeof(int)) - 1, false)]
    [InlineData(MappedMemory.MinimumBytes / sizeof(int), true)]
    [InlineData(4_000_000, true)]
    public void IsMapped_FromOneMegabyteOnLinux(int length, bool large)
    {
        using var array = new NativeArray<int>(length);
        Assert.Equal(large && OperatingSystem.IsLinux(), array.IsMapped);
        array.Span.Fill(7);
        Assert.Equal(-1, array.Span.IndexOfAnyExcept(7));
    }
}
