using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Clv.Internal;

/// <summary>
/// Groups an in-memory log by customer on every core, in any row order, in one pass over the rows.
/// </summary>
/// <remarks>
/// <para>Pass 1 cuts the rows into runs (consecutive rows of one customer id) and reduces each run where it lies:
/// its purchase days sorted and merged, its refunds and earliest day. A log grouped by customer is then already
/// grouped; a log in date order has runs of about one row.</para>
/// <para>Pass 2 finds runs of the same customer: runs are partitioned by a hash of the id and each partition
/// uses a small table that fits in a core's cache (one table of a million ids would miss the cache on every
/// probe). Pass 3 numbers customers in order of their first row and merges the days of customers with several
/// runs. The result does not depend on the number of cores or on the hash seed.</para>
/// <para>One file per facet: this one holds the job's state and entry point; <c>.Runs.cs</c> pass 1,
/// <c>.Partitions.cs</c> pass 2 (its tables are <see cref="SlotTable"/>s), <c>.Numbering.cs</c> pass 3 and
/// <c>.Merge.cs</c> the merge of customers with several runs.</para>
/// </remarks>
internal static partial class TransactionGrouping
{
    /// <summary>Rows a pass-1 chunk must have before another chunk is used.</summary>
    public const int RowsPerChunk = 65_536;

    /// <summary>Rows per hash partition (an upper bound on its runs): its table fits in a core's cache.</summary>
    public const int RowsPerPartition = 65_536;

    /// <summary>
    /// Groups the rows by customer (rows after <paramref name="holdoutEndDay"/> are only counted). When no customer
    /// has more than one run, the summaries are computed on the way (otherwise <see cref="Result.Summarized"/> is null).
    /// </summary>
    /// <param name="rows">The log.</param>
    /// <param name="endDay">The observation end's day number.</param>
    /// <param name="holdoutEndDay">The holdout end's day number (int.MaxValue for none).</param>
    /// <param name="unit">The time unit of recency and age.</param>
    /// <param name="rowsPerChunk">Rows a chunk must have before another is used (tests make it small to get many chunks from few rows).</param>
    /// <param name="rowsPerPartition">Rows per hash partition (likewise).</param>
    public static unsafe Result Group(ReadOnlySpan<Transaction> rows, int endDay, int holdoutEndDay, TimeUnit unit, int rowsPerChunk = RowsPerChunk, int rowsPerPartition = RowsPerPartition)
    {
        // The span is pinned for the duration, so that worker threads can read it through its address.
        fixed (byte* address = &Unsafe.As<Transaction, byte>(ref MemoryMarshal.GetReference(rows)))
        {
            return new Job((nint)address, rows.Length, endDay, holdoutEndDay, unit, rowsPerChunk, rowsPerPartition).Run();
        }
    }

    /// <summary>The grouped days, the row counts, the latest day of any counted row, and the summaries when computed.</summary>
    internal readonly record struct Result(CustomerDays Days, RowCounts Counts, int LatestDay, (CustomerSummary[] Summaries, int[]? Map)? Summarized);

    private sealed partial class Job(nint address, int rowCount, int endDay, int holdoutEndDay, TimeUnit unit, int rowsPerChunk, int rowsPerPartition)
    {
        private readonly int _bits = PartitionBits(rowCount, rowsPerPartition);
        private readonly int _chunks = Math.Max(1, Math.Min(Environment.ProcessorCount * 4, rowCount / rowsPerChunk));

        // Runs, by slot: chunk k's runs occupy slots [ChunkStart(k), ChunkStart(k) + _runCount[k]), so slot order
        // is row order. Chunk k's runs keep their merged days one after another in _days/_amounts from position
        // ChunkStart(k) on (up to _chunkDayEnd[k]); a run's days start at _runDayStart[slot].
        private int[] _runFirstRow = [];
        private int[] _runHash = [];
        private int[] _runDayStart = [];
        private int[] _chunkDayEnd = [];
        private double[] _runRefund = [];
        private double[] _runRefundLow = [];   // the rounding errors of the run's refund sums (ExactSum)
        private int[] _runFirstDay = [];
        private int[] _runOwner = [];
        private int[] _runCount = [];
        private int[] _chunkStart = [];

        // Pass 2, by scattered position (partition-major): the run, its hash and its partition-local customer; and
        // by partition offset + local customer: the customer's first run and number of runs.
        private int[] _partitionStart = [];
        private int[] _partitionCustomers = [];
        private int[] _scattered = [];
        private int[] _scatteredHash = [];
        private int[] _runCustomer = [];
        private int[] _customerFirstRun = [];
        private int[] _customerRuns = [];
        private int[] _scatterOffsets = [];
        private int _largestPartition;
        private readonly List<int[]> _rentedInts = [];
        private readonly List<double[]> _rentedDoubles = [];
        private int[] _days = [];
        private double[] _amounts = [];
        private double[] _lows = [];   // beside _amounts: each merged day's rounding error (ExactSum), 0 for a row alone

        private int Partitions => 1 << _bits;

        private unsafe ReadOnlySpan<Transaction> Rows => MemoryMarshal.CreateReadOnlySpan(ref Unsafe.AsRef<Transaction>((void*)address), rowCount);

        public Result Run()
        {
            _chunkStart = ChunkStarts();
            _runFirstRow = RentInts(rowCount);
            _runHash = RentInts(rowCount);
            _runDayStart = RentInts(rowCount);
            _runFirstDay = RentInts(rowCount);
            _runOwner = RentInts(rowCount);
            _runRefund = RentDoubles(rowCount);
            _runRefundLow = RentDoubles(rowCount);
            try
            {
                return RunPasses();
            }
            finally
            {
                // Working arrays go back to the shared pool: a second call (another partition, another day) reuses them.
                foreach (var rented in _rentedInts)
                {
                    ArrayPool<int>.Shared.Return(rented);
                }

                foreach (var rented in _rentedDoubles)
                {
                    ArrayPool<double>.Shared.Return(rented);
                }
            }
        }

        private int[] RentInts(int length)
        {
            var rented = ArrayPool<int>.Shared.Rent(Math.Max(1, length));
            _rentedInts.Add(rented);
            return rented;
        }

        private double[] RentDoubles(int length)
        {
            var rented = ArrayPool<double>.Shared.Rent(Math.Max(1, length));
            _rentedDoubles.Add(rented);
            return rented;
        }

        private Result RunPasses()
        {
            _days = GC.AllocateUninitializedArray<int>(rowCount);
            _amounts = GC.AllocateUninitializedArray<double>(rowCount);
            _lows = GC.AllocateUninitializedArray<double>(rowCount);
            _runCount = new int[_chunks];
            _chunkDayEnd = new int[_chunks];
            var histogram = new int[_chunks * Partitions];
            var stats = new ChunkStats[_chunks];
            Each(_chunks, k => ReduceRuns(k, histogram, out stats[k]));

            var total = ChunkStats.Empty;
            foreach (var s in stats)
            {
                total.Add(s);
            }

            if (total.FirstMissingId != int.MaxValue)
            {
                ThrowHelper.Argument("transactions", Guard.Format($"Transaction {total.FirstMissingId} has no customer id (a default Transaction)."));
            }

            var counts = new RowCounts(rowCount, total.Calibration, total.Holdout, total.Excluded, total.Refunds);

            int duplicates = FindOwners(histogram);
            var (days, summarized) = Number(duplicates);
            return new Result(days, counts, total.LatestDay, summarized);
        }

        private static int PartitionBits(int rows, int rowsPerPartition)
        {
            int bits = 0;
            while (bits < 12 && ((long)rowsPerPartition << bits) < rows)
            {
                bits++;
            }

            return bits;
        }

        /// <summary>Runs <paramref name="body"/> for every index in [0, <paramref name="count"/>), each index a unit of work for the cores.</summary>
        private static void Each(int count, Action<int> body) =>
            Parallelism.For(count, (from, to) =>
            {
                for (int i = from; i < to; i++)
                {
                    body(i);
                }
            }, minimumPerWorker: 1);

        private int ChunkStart(int k) => _chunkStart[k];

        private int PartitionOf(int hash) => (int)((ulong)(uint)hash >> (32 - _bits));
    }

    /// <summary>Per-chunk counts of pass 1.</summary>
    [StructLayout(LayoutKind.Auto)]
    private struct ChunkStats
    {
        public long Calibration;
        public long Holdout;
        public long Excluded;
        public long Refunds;
        public int LatestDay;
        public int FirstMissingId;

        public static ChunkStats Empty => new() { LatestDay = int.MinValue, FirstMissingId = int.MaxValue };

        public void Add(in ChunkStats other)
        {
            Calibration += other.Calibration;
            Holdout += other.Holdout;
            Excluded += other.Excluded;
            Refunds += other.Refunds;
            LatestDay = Math.Max(LatestDay, other.LatestDay);
            FirstMissingId = Math.Min(FirstMissingId, other.FirstMissingId);
        }
    }
}
