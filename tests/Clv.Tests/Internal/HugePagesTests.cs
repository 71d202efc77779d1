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
}
