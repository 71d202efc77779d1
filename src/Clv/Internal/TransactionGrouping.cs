using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using static Clv.CustomerSummaries;

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
/// </remarks>
internal static class TransactionGrouping
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
    internal readonly record struct Result(PurchaseDays Days, RowCounts Counts, int LatestDay, (CustomerSummary[] Summaries, int[]? Map)? Summarized);

    private sealed class Job(nint address, int rowCount, int endDay, int holdoutEndDay, TimeUnit unit, int rowsPerChunk, int rowsPerPartition)
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

        /// <summary>
        /// Chunk boundaries, moved forward to where the customer id changes so that a customer's run of rows is not
        /// cut in two (which would make it look like a customer with two runs).
        /// </summary>
        private int[] ChunkStarts()
        {
            var rows = Rows;
            var starts = new int[_chunks + 1];
            starts[_chunks] = rowCount;
            for (int k = 1; k < _chunks; k++)
            {
                int r = Math.Max((int)((long)rowCount * k / _chunks), starts[k - 1]);
                while (r < rowCount && r > 0 && string.Equals(rows[r].CustomerId, rows[r - 1].CustomerId, StringComparison.Ordinal))
                {
                    r++;
                }

                starts[k] = r;
            }

            return starts;
        }

        private int PartitionOf(int hash) => (int)((ulong)(uint)hash >> (32 - _bits));

        /// <summary>Pass 1: cut chunk <paramref name="k"/> into runs and reduce each run in place.</summary>
        private void ReduceRuns(int k, int[] histogram, out ChunkStats stats)
        {
            var rows = Rows;
            int from = ChunkStart(k), to = ChunkStart(k + 1);
            var perPartition = histogram.AsSpan(k * Partitions, Partitions);
            stats = ChunkStats.Empty;
            int slot = from - 1;
            int write = from;
            string? runId = null;
            double refund = 0;
            int firstDay = 0;
            for (int r = from; r < to; r++)
            {
                ref readonly var t = ref rows[r];
                int day = t.Date.DayNumber;
                if (day > holdoutEndDay)
                {
                    stats.Excluded++;
                    continue;
                }

                string id = t.CustomerId;
                if (id is null)
                {
                    stats.FirstMissingId = Math.Min(stats.FirstMissingId, r);
                    continue;
                }

                if (!string.Equals(id, runId, StringComparison.Ordinal))
                {
                    if (runId is not null)
                    {
                        write = EndRun(slot, write, refund, firstDay);
                    }

                    slot++;
                    int hash = id.GetHashCode();
                    _runFirstRow[slot] = r;
                    _runHash[slot] = hash;
                    _runDayStart[slot] = write;
                    perPartition[PartitionOf(hash)]++;
                    runId = id;
                    refund = 0;
                    firstDay = day;
                }

                firstDay = Math.Min(firstDay, day);
                stats.LatestDay = Math.Max(stats.LatestDay, day);
                bool calibration = day <= endDay;
                if (calibration)
                {
                    stats.Calibration++;
                }
                else
                {
                    stats.Holdout++;
                }

                double amount = t.Amount;
                if (amount < 0)
                {
                    if (calibration)
                    {
                        stats.Refunds++;
                        refund -= amount;
                    }
                }
                else
                {
                    _days[write] = day;
                    _amounts[write++] = amount;
                }
            }

            if (runId is not null)
            {
                write = EndRun(slot, write, refund, firstDay);
            }

            _runCount[k] = slot + 1 - from;
            _chunkDayEnd[k] = write;
        }

        /// <summary>Sorts and merges a run's days; the next run's days start right after the merged ones.</summary>
        private int EndRun(int slot, int end, double refund, int firstDay)
        {
            int start = _runDayStart[slot];
            _runRefund[slot] = refund;
            _runFirstDay[slot] = firstDay;
            return start + PurchaseDays.SortAndMerge(_days.AsSpan(start, end - start), _amounts.AsSpan(start, end - start));
        }

        /// <summary>The number of distinct purchase days of the run in <paramref name="slot"/> of chunk <paramref name="k"/>.</summary>
        private int DayCount(int k, int slot, int endSlot) =>
            (slot + 1 < endSlot ? _runDayStart[slot + 1] : _chunkDayEnd[k]) - _runDayStart[slot];

        private string IdOf(int slot) => Rows[_runFirstRow[slot]].CustomerId;

        /// <summary>
        /// Pass 2: for each run, <c>_runOwner[slot]</c> is -1 when it is its customer's first run, otherwise the
        /// slot of that first run. Returns the number of runs that are not first runs. Each partition also keeps,
        /// for the merge, the partition-local customer of each of its runs and the first run and run count of each
        /// partition-local customer (at the partition's own offset).
        /// </summary>
        private int FindOwners(int[] histogram)
        {
            // Scatter run slots by partition: partition-major, chunk-minor, so each partition stays in slot order.
            _partitionStart = new int[Partitions + 1];
            int running = 0;
            for (int p = 0; p < Partitions; p++)
            {
                _partitionStart[p] = running;
                for (int k = 0; k < _chunks; k++)
                {
                    int count = histogram[(k * Partitions) + p];
                    histogram[(k * Partitions) + p] = running;
                    running += count;
                }
            }

            _partitionStart[Partitions] = running;
            _scatterOffsets = (int[])histogram.Clone();
            _scattered = RentInts(running);
            _scatteredHash = RentInts(running);
            _runCustomer = RentInts(running);
            _customerFirstRun = RentInts(running);
            _customerRuns = RentInts(running);
            _partitionCustomers = new int[Partitions];
            Each(_chunks, k =>
            {
                var cursor = histogram.AsSpan(k * Partitions, Partitions);
                int from = ChunkStart(k);
                for (int slot = from; slot < from + _runCount[k]; slot++)
                {
                    int hash = _runHash[slot];
                    int i = cursor[PartitionOf(hash)]++;
                    _scattered[i] = slot;
                    _scatteredHash[i] = hash;
                }
            });

            for (int p = 0; p < Partitions; p++)
            {
                _largestPartition = Math.Max(_largestPartition, _partitionStart[p + 1] - _partitionStart[p]);
            }

            int duplicates = 0;
            Parallelism.For(Partitions, (from, to) =>
            {
                var table = new Table(_largestPartition);
                int found = 0;
                for (int p = from; p < to; p++)
                {
                    found += Own(p, table);
                }

                Interlocked.Add(ref duplicates, found);
            }, minimumPerWorker: 1);
            return duplicates;
        }

        private int Own(int p, Table scratch)
        {
            int from = _partitionStart[p], to = _partitionStart[p + 1];
            int capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, 2 * (to - from)));
            int mask = capacity - 1;
            var table = scratch.Slots.AsSpan(0, capacity);
            table.Clear();
            int customers = 0, duplicates = 0;
            for (int i = from; i < to; i++)
            {
                int slot = _scattered[i], hash = _scatteredHash[i];
                int position = hash & mask;
                string? id = null;
                while (true)
                {
                    int c = table[position] - 1;
                    if (c < 0)
                    {
                        c = customers++;
                        table[position] = c + 1;
                        scratch.Hash[c] = hash;
                        scratch.Id[c] = id;
                        _customerFirstRun[from + c] = slot;
                        _customerRuns[from + c] = 1;
                        _runOwner[slot] = -1;
                        _runCustomer[i] = c;
                        break;
                    }

                    // Ids are read (a cache miss each) only when the hashes agree: never for a log grouped by customer.
                    if (scratch.Hash[c] == hash)
                    {
                        id ??= IdOf(slot);
                        string known = scratch.Id[c] ??= IdOf(_customerFirstRun[from + c]);
                        if (ReferenceEquals(known, id) || string.Equals(known, id, StringComparison.Ordinal))
                        {
                            _runOwner[slot] = _customerFirstRun[from + c];
                            _customerRuns[from + c]++;
                            _runCustomer[i] = c;
                            duplicates++;
                            break;
                        }
                    }

                    position = (position + 1) & mask;
                }
            }

            Array.Clear(scratch.Id, 0, customers);
            _partitionCustomers[p] = customers;
            return duplicates;
        }

        /// <summary>
        /// Pass 3: customers are numbered in order of their first run. When every customer has one run, the
        /// summaries are computed here, while the run's days are at hand; otherwise runs of one customer are merged.
        /// </summary>
        private (PurchaseDays Days, (CustomerSummary[] Summaries, int[]? Map)? Summarized) Number(int duplicates)
        {
            // Per chunk: customers whose first run is in it, and those of them known at the observation end.
            var firstCustomer = new int[_chunks + 1];
            var firstKnown = new int[_chunks + 1];
            Each(_chunks, k =>
            {
                int from = ChunkStart(k), end = from + _runCount[k], owners = 0, known = 0;
                for (int slot = from; slot < end; slot++)
                {
                    if (_runOwner[slot] < 0)
                    {
                        owners++;
                        known += _runFirstDay[slot] <= endDay ? 1 : 0;
                    }
                }

                firstCustomer[k + 1] = owners;
                firstKnown[k + 1] = known;
            });

            for (int k = 0; k < _chunks; k++)
            {
                firstCustomer[k + 1] += firstCustomer[k];
                firstKnown[k + 1] += firstKnown[k];
            }

            int n = firstCustomer[_chunks];
            var ids = new string[n];
            var starts = GC.AllocateUninitializedArray<int>(n);
            var lengths = GC.AllocateUninitializedArray<int>(n);
            var refunds = GC.AllocateUninitializedArray<double>(n);
            var firstDays = GC.AllocateUninitializedArray<int>(n);
            bool summarize = duplicates == 0;
            int knownCount = firstKnown[_chunks];
            var summaries = summarize ? new CustomerSummary[knownCount] : null;
            var map = summarize && knownCount != n ? GC.AllocateUninitializedArray<int>(knownCount) : null;

            // Customers with several runs are merged afterwards: that needs each first run's customer number.
            var customerOf = summarize ? null : RentInts(rowCount);
            Each(_chunks, k =>
            {
                var rows = Rows;
                int from = ChunkStart(k), end = from + _runCount[k], g = firstCustomer[k], known = firstKnown[k];
                for (int slot = from; slot < end; slot++)
                {
                    if (_runOwner[slot] >= 0)
                    {
                        continue;
                    }

                    string id = rows[_runFirstRow[slot]].CustomerId;
                    int start = _runDayStart[slot], length = DayCount(k, slot, end);
                    ids[g] = id;
                    starts[g] = start;
                    lengths[g] = length;
                    refunds[g] = _runRefund[slot];
                    firstDays[g] = _runFirstDay[slot];
                    if (summaries is not null && _runFirstDay[slot] <= endDay)
                    {
                        summaries[known] = Summarize(id, _days.AsSpan(start, length), _amounts.AsSpan(start, length), _runRefund[slot], endDay, unit);
                        if (map is not null)
                        {
                            map[known] = g;
                        }

                        known++;
                    }

                    if (customerOf is not null)
                    {
                        customerOf[slot] = g;
                    }

                    g++;
                }
            });

            if (summaries is not null)
            {
                return (new PurchaseDays(n, ids, starts, lengths, _days, _amounts, refunds, firstDays), (summaries, map));
            }

            return (MergeRuns(n, ids, starts, lengths, refunds, firstDays, customerOf!), null);
        }

        /// <summary>
        /// Customers with several runs. The runs' data is first copied next to their partition positions (one pass in
        /// row order, so the reads are sequential); then each partition (in parallel) writes its customers' runs, in
        /// row order, into its own range of new arrays and sorts and merges the days of those with several runs.
        /// A run of one purchase day (most runs of a log in date order) carries that day, so it is never looked up.
        /// </summary>
        private PurchaseDays MergeRuns(int n, string[] ids, int[] starts, int[] lengths, double[] refunds, int[] firstDays, int[] customerOf)
        {
            int runs = _partitionStart[Partitions];
            var dayStart = RentInts(runs);
            var dayCount = RentInts(runs);
            var firstDay = RentInts(runs);
            var day0 = RentInts(runs);
            var refund = RentDoubles(runs);
            var amount0 = RentDoubles(runs);
            Each(_chunks, k =>
            {
                var cursor = _scatterOffsets.AsSpan(k * Partitions, Partitions);
                int from = ChunkStart(k), end = from + _runCount[k];
                for (int slot = from; slot < end; slot++)
                {
                    int i = cursor[PartitionOf(_runHash[slot])]++;
                    int start = _runDayStart[slot], count = DayCount(k, slot, end);
                    dayStart[i] = start;
                    dayCount[i] = count;
                    firstDay[i] = _runFirstDay[slot];
                    refund[i] = _runRefund[slot];
                    if (count > 0)
                    {
                        day0[i] = _days[start];
                        amount0[i] = _amounts[start];
                    }
                }
            });

            // Each partition's range: room for the days of all its runs.
            var region = new int[Partitions + 1];
            Each(Partitions, p =>
            {
                int size = 0;
                foreach (int count in dayCount.AsSpan(_partitionStart[p], _partitionStart[p + 1] - _partitionStart[p]))
                {
                    size += count;
                }

                region[p + 1] = size;
            });

            for (int p = 0; p < Partitions; p++)
            {
                region[p + 1] += region[p];
            }

            var days = GC.AllocateUninitializedArray<int>(region[Partitions]);
            var amounts = GC.AllocateUninitializedArray<double>(region[Partitions]);
            Parallelism.For(Partitions, (fromPartition, toPartition) =>
            {
                var scratch = new int[(2 * _largestPartition) + 1];
                for (int p = fromPartition; p < toPartition; p++)
                {
                    int from = _partitionStart[p], to = _partitionStart[p + 1], customers = _partitionCustomers[p];

                    // The partition's run positions grouped by customer (counting sort: row order is kept per customer).
                    var runEnd = scratch.AsSpan(0, customers + 1);
                    var positions = scratch.AsSpan(_largestPartition + 1, to - from);
                    runEnd[0] = 0;
                    for (int c = 0; c < customers; c++)
                    {
                        runEnd[c + 1] = runEnd[c] + _customerRuns[from + c];
                    }

                    for (int i = from; i < to; i++)
                    {
                        positions[runEnd[_runCustomer[i]]++] = i;
                    }

                    int write = region[p], next = 0;
                    for (int c = 0; c < customers; c++)
                    {
                        int g = customerOf[_customerFirstRun[from + c]];
                        int begin = write;
                        var own = positions[next..runEnd[c]];
                        for (int r = 0; r < own.Length; r++)
                        {
                            int i = own[r];
                            if (dayCount[i] == 1)
                            {
                                days[write] = day0[i];
                                amounts[write++] = amount0[i];
                            }
                            else if (dayCount[i] > 1)
                            {
                                _days.AsSpan(dayStart[i], dayCount[i]).CopyTo(days.AsSpan(write));
                                _amounts.AsSpan(dayStart[i], dayCount[i]).CopyTo(amounts.AsSpan(write));
                                write += dayCount[i];
                            }

                            if (r > 0)
                            {
                                refunds[g] += refund[i];
                                firstDays[g] = Math.Min(firstDays[g], firstDay[i]);
                            }
                        }

                        int merged = own.Length > 1
                            ? PurchaseDays.SortAndMerge(days.AsSpan(begin, write - begin), amounts.AsSpan(begin, write - begin))
                            : write - begin;
                        starts[g] = begin;
                        lengths[g] = merged;
                        write = begin + merged;
                        next = runEnd[c];
                    }
                }
            }, minimumPerWorker: 1);

            return new PurchaseDays(n, ids, starts, lengths, days, amounts, refunds, firstDays);
        }
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

    /// <summary>A worker's hash table, sized for the largest partition and reused across partitions.</summary>
    private sealed class Table(int runs)
    {
        public readonly int[] Slots = new int[BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, 2 * runs))];
        public readonly int[] Hash = new int[runs];
        public readonly string?[] Id = new string?[runs];
    }
}
