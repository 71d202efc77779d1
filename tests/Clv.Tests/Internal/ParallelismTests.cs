using System.Collections.Concurrent;
using Clv.Internal;

namespace Clv.Tests.Internal;

/// <summary>
/// <see cref="Parallelism"/>: the sub-ranges cover [0, count) once, contiguous and in bounds; below the minimum per worker
/// the body runs once, inline, on the calling thread; the input-only span form covers every item with its offset and
/// rethrows a worker's exception as itself. (<c>ParallelPredictionTests</c> covers the two-span form's items and exception.)
/// </summary>
public class ParallelismTests
{
    [Theory]
    [InlineData(1_000, 1)]
    [InlineData(100_003, Parallelism.MinimumParallelCount)]
    [InlineData(7, 1)]
    public void For_RangesPartitionTheCount(int count, int minimumPerWorker)
    {
        var ranges = new ConcurrentBag<(int From, int To)>();
        Parallelism.For(count, (from, to) => ranges.Add((from, to)), minimumPerWorker);
        var sorted = ranges.OrderBy(r => r.From).ToArray();
        Assert.Equal(0, sorted[0].From);
        Assert.Equal(count, sorted[^1].To);
        for (int i = 0; i < sorted.Length; i++)
        {
            Assert.True(sorted[i].From < sorted[i].To, $"empty range {sorted[i]}");
            if (i > 0)
            {
                Assert.Equal(sorted[i - 1].To, sorted[i].From);
            }
        }

        int workers = Math.Min(Environment.ProcessorCount, count / minimumPerWorker);
        Assert.Equal(workers <= 1 ? 1 : Math.Min(count, workers * 4), sorted.Length);
    }

    [Fact]
    public void For_BelowTheMinimum_OneCallInlineOnTheCallingThread()
    {
        int thread = Environment.CurrentManagedThreadId;
        var calls = new List<(int, int, int)>();
        Parallelism.For(Parallelism.MinimumParallelCount * 2 - 1, (from, to) => calls.Add((from, to, Environment.CurrentManagedThreadId)), Parallelism.MinimumParallelCount);
        Assert.Equal([(0, (Parallelism.MinimumParallelCount * 2) - 1, thread)], calls);
    }

    [Fact]
    public void SpanFor_OutputOfAnotherLength_OneCallWithBothWhole()
    {
        var input = new int[100_000];
        var output = new double[10];
        int calls = 0;
        Parallelism.For<int, double>(input, output, (part, into, from) =>
        {
            Assert.Equal((100_000, 10, 0), (part.Length, into.Length, from));
            Interlocked.Increment(ref calls);
        }, minimumPerWorker: 1);
        Assert.Equal(1, calls);
    }

    [Fact]
    public void InputFor_CoversEveryItemOnce_WithItsOffset()
    {
        var input = Enumerable.Range(0, 100_003).ToArray();
        var seen = new int[input.Length];
        Parallelism.For<int>(input, (part, from) =>
        {
            for (int i = 0; i < part.Length; i++)
            {
                Assert.Equal(from + i, part[i]);
                Interlocked.Increment(ref seen[part[i]]);
            }
        }, minimumPerWorker: 1_000);
        Assert.All(seen, n => Assert.Equal(1, n));
    }

    [Fact]
    public void InputFor_WorkerThrows_RethrowsTheExceptionItself()
    {
        if (Environment.ProcessorCount < 2)
        {
            Assert.Skip("one core: the loop runs inline, with nothing to unwrap");
        }

        var input = new int[100_000];
        var e = Record.Exception(() => Parallelism.For<int>(input, (part, from) =>
        {
            if (from > 0)
            {
                throw new InvalidOperationException("a later part");
            }
        }, minimumPerWorker: 1_000));
        Assert.IsType<InvalidOperationException>(e);
        Assert.Equal("a later part", e.Message);
    }

    [Fact]
    public void SpanForms_BelowTheMinimum_OneInlineCallWithTheWhole()
    {
        int thread = Environment.CurrentManagedThreadId;
        var input = new int[1_000];
        var output = new double[input.Length];
        var calls = new List<(int Length, int From, int Thread)>();
        Parallelism.For<int, double>(input, output, (part, into, from) => calls.Add((part.Length, from, Environment.CurrentManagedThreadId)), minimumPerWorker: 600);
        Parallelism.For<int>(input, (part, from) => calls.Add((part.Length, from, Environment.CurrentManagedThreadId)), minimumPerWorker: 600);
        Assert.Equal([(1_000, 0, thread), (1_000, 0, thread)], calls);
    }

    [Fact]
    public void SpanForms_AboveTheMinimum_SplitIntoContiguousParts()
    {
        if (Environment.ProcessorCount < 2)
        {
            Assert.Skip("one core: the loops run inline");
        }

        var input = Enumerable.Range(0, 10_000).ToArray();
        var output = new int[input.Length];
        var parts = new ConcurrentBag<(int From, int Length)>();
        Parallelism.For<int, int>(input, output, (part, into, from) =>
        {
            parts.Add((from, part.Length));
            for (int i = 0; i < part.Length; i++)
            {
                into[i] = part[i] + 1;
            }
        }, minimumPerWorker: 1_000);
        Assert.Equal(Enumerable.Range(1, input.Length), output);
        var sorted = parts.OrderBy(p => p.From).ToArray();
        Assert.Equal(Math.Min(Environment.ProcessorCount, 10) * 4, sorted.Length);
        Assert.Equal(input.Length, sorted.Sum(p => p.Length));
        for (int i = 1; i < sorted.Length; i++)
        {
            Assert.Equal(sorted[i - 1].From + sorted[i - 1].Length, sorted[i].From);
        }
    }

    [Fact]
    public void SpanFor_WorkerThrows_RethrowsTheExceptionItself()
    {
        if (Environment.ProcessorCount < 2)
        {
            Assert.Skip("one core: the loop runs inline, with nothing to unwrap");
        }

        var input = new int[10_000];
        var output = new int[input.Length];
        var e = Record.Exception(() => Parallelism.For<int, int>(input, output, (part, into, from) =>
        {
            if (from > 0)
            {
                throw new ArgumentException("a later part");
            }
        }, minimumPerWorker: 1_000));
        Assert.IsType<ArgumentException>(e);
        Assert.Equal("a later part", e.Message);
    }
}
