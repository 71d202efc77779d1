using System.Runtime.InteropServices;

namespace Clv.Internal;

/// <summary>
/// A builder's rows (customer number, day, amount) in native memory, in chunks of 131,072 rows (2 MB each, aligned to 2 MB).
/// </summary>
/// <remarks>
/// Rows are only needed until the summaries are built. Held in managed arrays they would become tens of megabytes
/// of garbage that stays resident until the next full collection; native chunks are given back to the operating
/// system the moment they are freed. The finalizer frees whatever a builder that was never built still holds.
/// </remarks>
internal sealed unsafe class NativeRowChunks : IDisposable
{
    public const int Shift = 17;
    public const int Size = 1 << Shift;
    private const int RowBytes = sizeof(int) + sizeof(int) + sizeof(double);

    private nint[] _chunks = new nint[16];
    private nint[] _lows = new nint[16];   // per chunk, the rounding errors of same-day sums (ExactSum), from the chunk's first
    private int _count;

    ~NativeRowChunks() => FreeChunks();

    public int Count => _count;

    /// <summary>Adds an uninitialised chunk and returns its index.</summary>
    public int Add()
    {
        if (_count == _chunks.Length)
        {
            Array.Resize(ref _chunks, _count * 2);
            Array.Resize(ref _lows, _count * 2);
        }

        // One chunk is one 2 MB page's worth, aligned to it: from the second chunk on (a builder of more than 131,072 purchase
        // days), each is hinted as a huge page, one fault instead of 512. The first is not, so a small builder keeps only the
        // few 4 KB pages it writes.
        void* chunk = NativeMemory.AlignedAlloc((nuint)Size * RowBytes, HugePages.Size);
        if (_count > 0)
        {
            HugePages.Advise(chunk, (nuint)Size * RowBytes);
        }

        _chunks[_count] = (nint)chunk;
        return _count++;
    }

    public Span<int> Customers(int k) => new((void*)Chunk(k), Size);

    public Span<int> Days(int k) => new((byte*)Chunk(k) + (Size * sizeof(int)), Size);

    public Span<double> Amounts(int k) => new((byte*)Chunk(k) + (Size * 2 * sizeof(int)), Size);

    /// <summary>
    /// Chunk <paramref name="k"/>'s rounding errors of its same-day sums (<see cref="ExactSum"/>), zero where none: allocated
    /// (zeroed) at the first, so a log with one row per customer and day never holds them.
    /// </summary>
    public Span<double> Lows(int k)
    {
        Chunk(k);
        if (_lows[k] == 0)
        {
            _lows[k] = (nint)NativeMemory.AllocZeroed((nuint)Size, sizeof(double));
        }

        return new((void*)_lows[k], Size);
    }

    /// <summary>Chunk <paramref name="k"/>'s rounding errors, or empty when it has none.</summary>
    public ReadOnlySpan<double> LowsOrEmpty(int k) => _lows[k] == 0 ? default : new((void*)_lows[k], Size);

    /// <summary>Frees chunk <paramref name="k"/>; it must not be used afterwards.</summary>
    public void Free(int k)
    {
        nint chunk = _chunks[k];
        _chunks[k] = 0;
        if (chunk != 0)
        {
            NativeMemory.AlignedFree((void*)chunk);
        }

        nint lows = _lows[k];
        _lows[k] = 0;
        if (lows != 0)
        {
            NativeMemory.Free((void*)lows);
        }
    }

    /// <summary>Frees every chunk and starts again with none (the rows were compacted into a new set).</summary>
    public void Clear()
    {
        FreeChunks();
        _count = 0;
    }

    /// <summary>Frees every chunk; the finalizer has nothing left to do.</summary>
    public void Dispose()
    {
        FreeChunks();
        GC.SuppressFinalize(this);
    }

    private void FreeChunks()
    {
        for (int k = 0; k < _count; k++)
        {
            Free(k);
        }
    }

    private nint Chunk(int k)
    {
        nint chunk = _chunks[k];
        if (chunk == 0)
        {
            ThrowHelper.InvalidOperation("The rows of this chunk were already released.");
        }

        return chunk;
    }
}
