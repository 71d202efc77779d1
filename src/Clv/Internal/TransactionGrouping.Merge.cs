namespace Clv.Internal;

// Customers with several runs: their runs' days merged per partition.
internal static partial class TransactionGrouping
{
    private sealed partial class Job
    {
        /// <summary>
        /// Customers with several runs. The runs' data is first copied next to their partition positions (one pass in
        /// row order, so the reads are sequential); then each partition (in parallel) writes its customers' runs, in
        /// row order, into its own range of new arrays and sorts and merges the days of those with several runs.
        /// A run of one purchase day (most runs of a log in date order) carries that day, so it is never looked up.
        /// </summary>
        private CustomerDays MergeRuns(int n, string[] ids, int[] starts, int[] lengths, double[] refunds, int[] firstDays, int[] customerOf)
        {
            int runs = _partitionStart[Partitions];
            var dayStart = RentInts(runs);
            var dayCount = RentInts(runs);
            var firstDay = RentInts(runs);
            var day0 = RentInts(runs);
            var refund = RentDoubles(runs);
            var refundLow = RentDoubles(runs);
            var amount0 = RentDoubles(runs);
            var low0 = RentDoubles(runs);
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
                    refundLow[i] = _runRefundLow[slot];
                    if (count > 0)
                    {
                        day0[i] = _days[start];
                        amount0[i] = _amounts[start];
                        low0[i] = _lows[start];
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
            var lows = GC.AllocateUninitializedArray<double>(region[Partitions]);
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
                        double refundSum = 0, refundError = 0;
                        for (int r = 0; r < own.Length; r++)
                        {
                            int i = own[r];
                            if (dayCount[i] == 1)
                            {
                                days[write] = day0[i];
                                lows[write] = low0[i];
                                amounts[write++] = amount0[i];
                            }
                            else if (dayCount[i] > 1)
                            {
                                _days.AsSpan(dayStart[i], dayCount[i]).CopyTo(days.AsSpan(write));
                                _amounts.AsSpan(dayStart[i], dayCount[i]).CopyTo(amounts.AsSpan(write));
                                _lows.AsSpan(dayStart[i], dayCount[i]).CopyTo(lows.AsSpan(write));
                                write += dayCount[i];
                            }

                            // The refunds of all the customer's runs, summed exactly (in any order of the runs).
                            refundError += ExactSum.Add(ref refundSum, refund[i]) + refundLow[i];
                            if (r > 0)
                            {
                                firstDays[g] = Math.Min(firstDays[g], firstDay[i]);
                            }
                        }

                        refunds[g] = ExactSum.Round(refundSum, refundError);
                        int merged = own.Length > 1
                            ? CustomerDays.SortAndMerge(days.AsSpan(begin, write - begin), amounts.AsSpan(begin, write - begin), lows.AsSpan(begin, write - begin))
                            : write - begin;
                        for (int k = begin; k < begin + merged; k++)
                        {
                            amounts[k] = ExactSum.Round(amounts[k], lows[k]);
                        }

                        starts[g] = begin;
                        lengths[g] = merged;
                        write = begin + merged;
                        next = runEnd[c];
                    }
                }
            }, minimumPerWorker: 1);

            return new CustomerDays(n, CustomerIds.FromStrings(ids, n), starts, lengths, days, amounts, refunds, firstDays);
        }
    }
}
