using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;

namespace Clv.Internal;

/// <summary>
/// Splits index ranges over the machine's cores for loops whose iterations are independent, so results are
/// identical to a sequential run. Small inputs run inline.
/// </summary>
internal static class Parallelism
{
    /// <summary>Below this many items a loop runs on the calling thread.</summary>
    public const int MinimumParallelCount = 32_768;

    /// <summary>Runs <paramref name="body"/> over contiguous sub-ranges [from, to) covering [0, count).</summary>
    /// <param name="count">Number of items.</param>
    /// <param name="body">Processes items [from, to).</param>
    /// <param name="minimumPerWorker">Items a worker must have before another core is used.</param>
    public static void For(int count, Action<int, int> body, int minimumPerWorker = MinimumParallelCount)
    {
        int workers = Math.Min(Environment.ProcessorCount, count / minimumPerWorker);
        if (workers <= 1)
        {
            body(0, count);
            return;
        }

        int chunks = Math.Min(count, workers * 4);
        Parallel.For(0, chunks, i =>
        {
            long from = (long)count * i / chunks;
            long to = (long)count * (i + 1) / chunks;
            body((int)from, (int)to);
        });
    }

    /// <summary>Processes <paramref name="input"/>[from..] into <paramref name="output"/>[from..] (sub-spans of equal length).</summary>
    /// <typeparam name="TIn">The input items.</typeparam>
    /// <typeparam name="TOut">The output items.</typeparam>
    /// <param name="input">The sub-range's input.</param>
    /// <param name="output">The sub-range's output.</param>
    /// <param name="from">Where the sub-range starts in the whole input.</param>
    public delegate void SpanRangeBody<TIn, TOut>(ReadOnlySpan<TIn> input, Span<TOut> output, int from);

    /// <summary>
    /// Runs <paramref name="body"/> over contiguous sub-ranges of two spans of equal length, as <see cref="For(int, Action{int, int}, int)"/>
    /// does over indices: for per-item loops over caller's spans, whose items are independent. Both spans are pinned for the
    /// duration (the workers see them through pointers, since a span cannot be captured); an exception from a worker is
    /// rethrown as itself, not wrapped.
    /// </summary>
    /// <typeparam name="TIn">The input items.</typeparam>
    /// <typeparam name="TOut">The output items.</typeparam>
    /// <param name="input">The input.</param>
    /// <param name="output">The output, as long as the input.</param>
    /// <param name="body">Processes one sub-range.</param>
    /// <param name="minimumPerWorker">Items a worker must have before another core is used.</param>
    public static unsafe void For<TIn, TOut>(ReadOnlySpan<TIn> input, Span<TOut> output, SpanRangeBody<TIn, TOut> body, int minimumPerWorker = MinimumParallelCount)
    {
        int count = input.Length;
        if (output.Length != count || Math.Min(Environment.ProcessorCount, count / minimumPerWorker) <= 1)
        {
            body(input, output, 0);
            return;
        }

        fixed (byte* inputBytes = &Unsafe.As<TIn, byte>(ref MemoryMarshal.GetReference(input)))
        fixed (byte* outputBytes = &Unsafe.As<TOut, byte>(ref MemoryMarshal.GetReference(output)))
        {
            nint inputAddress = (nint)inputBytes, outputAddress = (nint)outputBytes;
            try
            {
                For(
                    count,
                    (from, to) =>
                    {
                        var all = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.AsRef<TIn>((void*)inputAddress), count);
                        var allOut = MemoryMarshal.CreateSpan(ref Unsafe.AsRef<TOut>((void*)outputAddress), count);
                        body(all[from..to], allOut[from..to], from);
                    },
                    minimumPerWorker);
            }
            catch (AggregateException e) when (e.InnerExceptions.Count > 0)
            {
                ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
            }
        }
    }

    /// <summary>Processes <paramref name="input"/> (a sub-range starting at <paramref name="from"/> in the whole input).</summary>
    /// <typeparam name="TIn">The input items.</typeparam>
    /// <param name="input">The sub-range's input.</param>
    /// <param name="from">Where the sub-range starts in the whole input.</param>
    public delegate void SpanRangeBody<TIn>(ReadOnlySpan<TIn> input, int from);

    /// <summary>
    /// Runs <paramref name="body"/> over contiguous sub-ranges of <paramref name="input"/>, as
    /// <see cref="For{TIn, TOut}(ReadOnlySpan{TIn}, Span{TOut}, SpanRangeBody{TIn, TOut}, int)"/> does without an output span:
    /// for passes that reduce each sub-range to a result of their own (counts, ranges), combined afterwards in input order.
    /// </summary>
    /// <typeparam name="TIn">The input items.</typeparam>
    /// <param name="input">The input.</param>
    /// <param name="body">Processes one sub-range.</param>
    /// <param name="minimumPerWorker">Items a worker must have before another core is used.</param>
    public static unsafe void For<TIn>(ReadOnlySpan<TIn> input, SpanRangeBody<TIn> body, int minimumPerWorker = MinimumParallelCount)
    {
        int count = input.Length;
        if (Math.Min(Environment.ProcessorCount, count / minimumPerWorker) <= 1)
        {
            body(input, 0);
            return;
        }

        fixed (byte* inputBytes = &Unsafe.As<TIn, byte>(ref MemoryMarshal.GetReference(input)))
        {
            nint inputAddress = (nint)inputBytes;
            try
            {
                For(
                    count,
                    (from, to) => body(MemoryMarshal.CreateReadOnlySpan(ref Unsafe.AsRef<TIn>((void*)inputAddress), count)[from..to], from),
                    minimumPerWorker);
            }
            catch (AggregateException e) when (e.InnerExceptions.Count > 0)
            {
                ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
            }
        }
    }
}
