namespace Clv.Internal;

// Pass 2: runs partitioned by id hash, each partition's customers found with a table that fits a core's cache.
internal static partial class TransactionGrouping
{
    private sealed partial class Job
    {
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
                var table = new Scratch(_largestPartition);
                int found = 0;
                for (int p = from; p < to; p++)
                {
                    found += Own(p, table);
                }

                Interlocked.Add(ref duplicates, found);
            }, minimumPerWorker: 1);
            return duplicates;
        }

        private int Own(int p, Scratch scratch)
        {
            int from = _partitionStart[p], to = _partitionStart[p + 1];
            var table = scratch.Table;
            table.Clear(to - from);
            int duplicates = 0;
            for (int i = from; i < to; i++)
            {
                int slot = _scattered[i];

                // Ids are read (a cache miss each) only when the hashes agree: never for a log grouped by customer.
                var matcher = new RunIdMatcher(this, scratch.Ids, from, slot);
                int c = table.FindOrAdd(_scatteredHash[i], ref matcher, out bool added);
                _runCustomer[i] = c;
                if (added)
                {
                    scratch.Ids[c] = matcher.Id;
                    _customerFirstRun[from + c] = slot;
                    _customerRuns[from + c] = 1;
                    _runOwner[slot] = -1;
                }
                else
                {
                    _runOwner[slot] = _customerFirstRun[from + c];
                    _customerRuns[from + c]++;
                    duplicates++;
                }
            }

            Array.Clear(scratch.Ids, 0, table.Count);
            _partitionCustomers[p] = table.Count;
            return duplicates;
        }

        /// <summary>A worker's table and the ids it has read, sized for the largest partition and reused across partitions.</summary>
        private sealed class Scratch(int runs)
        {
            public SlotTable Table { get; } = new(runs);

            public string?[] Ids { get; } = new string?[runs];
        }

        /// <summary>Matches a run's customer id against a partition's customers, reading each id at most once.</summary>
        private struct RunIdMatcher(Job job, string?[] known, int from, int slot) : ISlotKeyMatcher
        {
            /// <summary>The run's id, once it had to be read; null until then.</summary>
            public string? Id { get; private set; }

            public bool Matches(int index)
            {
                string id = Id ??= job.IdOf(slot);
                string other = known[index] ??= job.IdOf(job._customerFirstRun[from + index]);
                return ReferenceEquals(other, id) || string.Equals(other, id, StringComparison.Ordinal);
            }
        }
    }
}
