using Clv.Internal;

namespace Clv.Tests.Internal;

/// <summary>
/// <see cref="NativeRowChunks"/>: each chunk's three columns are separate, whole and writable (no column overlaps another or
/// the next chunk), past the first 16 chunks; a freed chunk refuses access instead of reading freed memory; clearing starts
/// again from none.
/// </summary>
public class NativeRowChunksTests
{
    [Fact]
    public void Chunks_ColumnsSeparateAndWhole_PastTheInitialSlots()
    {
        using var rows = new NativeRowChunks();
        const int Chunks = 18;
        for (int k = 0; k < Chunks; k++)
        {
            Assert.Equal(k, rows.Add());
            Assert.Equal(NativeRowChunks.Size, rows.Customers(k).Length);
            Assert.Equal(NativeRowChunks.Size, rows.Days(k).Length);
            Assert.Equal(NativeRowChunks.Size, rows.Amounts(k).Length);
            rows.Customers(k).Fill(k);
            rows.Days(k).Fill(-k - 1);
            rows.Amounts(k).Fill(k + 0.5);
        }

        Assert.Equal(Chunks, rows.Count);
        for (int k = 0; k < Chunks; k++)
        {
            Assert.Equal(NativeRowChunks.Size, Count(rows.Customers(k), k));
            Assert.Equal(NativeRowChunks.Size, Count(rows.Days(k), -k - 1));
            Assert.Equal(NativeRowChunks.Size, Count(rows.Amounts(k), k + 0.5));
        }
    }

    [Fact]
    public void Free_TheChunkRefusesAccess_OthersStay()
    {
        using var rows = new NativeRowChunks();
        rows.Add();
        rows.Add();
        rows.Customers(1)[^1] = 42;
        rows.Free(0);
        rows.Free(0);
        var ex = Assert.Throws<InvalidOperationException>(() => rows.Days(0).Length);
        Assert.Equal("The rows of this chunk were already released.", ex.Message);
        Assert.Throws<InvalidOperationException>(() => rows.Customers(0).Length);
        Assert.Throws<InvalidOperationException>(() => rows.Amounts(0).Length);
        Assert.Equal(42, rows.Customers(1)[^1]);
    }

    [Fact]
    public void Dispose_ExactlyTheInitialSlotsFull_FreesThemAll()
    {
        var rows = new NativeRowChunks();
        for (int k = 0; k < 16; k++)
        {
            rows.Add();
        }

        rows.Free(3);
        rows.Dispose();
        Assert.Throws<InvalidOperationException>(() => rows.Days(15).Length);
    }

    [Fact]
    public void Clear_StartsAgainFromNone()
    {
        using var rows = new NativeRowChunks();
        rows.Add();
        rows.Add();
        rows.Clear();
        Assert.Equal(0, rows.Count);
        Assert.Equal(0, rows.Add());
        rows.Amounts(0)[0] = 1.5;
        Assert.Equal(1.5, rows.Amounts(0)[0]);
    }

    private static int Count<T>(Span<T> values, T value)
        where T : IEquatable<T>
    {
        int n = 0;
        foreach (var v in values)
        {
            n += v.Equals(value) ? 1 : 0;
        }

        return n;
    }
}
