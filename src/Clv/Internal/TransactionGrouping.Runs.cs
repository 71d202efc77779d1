namespace Clv.Internal;

// Pass 1: the rows cut into runs (consecutive rows of one customer id), each reduced where it lies.
internal static partial class TransactionGrouping
{
    private sealed partial class Job
    {
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
            double refund = 0, refundLow = 0;
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
                        write = EndRun(slot, write, refund, refundLow, firstDay);
                    }

                    slot++;
                    int hash = id.GetHashCode();
                    _runFirstRow[slot] = r;
                    _runHash[slot] = hash;
                    _runDayStart[slot] = write;
                    perPartition[PartitionOf(hash)]++;
                    runId = id;
                    refund = 0;
                    refundLow = 0;
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
                        refundLow += ExactSum.Add(ref refund, -amount);
                    }
                }
                else
                {
                    _days[write] = day;
                    _lows[write] = 0;
                    _amounts[write++] = amount;
                }
            }

            if (runId is not null)
            {
                write = EndRun(slot, write, refund, refundLow, firstDay);
            }

            _runCount[k] = slot + 1 - from;
            _chunkDayEnd[k] = write;
        }

        /// <summary>Sorts and merges a run's days; the next run's days start right after the merged ones.</summary>
        private int EndRun(int slot, int end, double refund, double refundLow, int firstDay)
        {
            int start = _runDayStart[slot];
            _runRefund[slot] = refund;
            _runRefundLow[slot] = refundLow;
            _runFirstDay[slot] = firstDay;
            return start + CustomerDays.SortAndMerge(_days.AsSpan(start, end - start), _amounts.AsSpan(start, end - start), _lows.AsSpan(start, end - start));
        }

        /// <summary>The number of distinct purchase days of the run in <paramref name="slot"/> of chunk <paramref name="k"/>.</summary>
        private int DayCount(int k, int slot, int endSlot) =>
            (slot + 1 < endSlot ? _runDayStart[slot + 1] : _chunkDayEnd[k]) - _runDayStart[slot];

        private string IdOf(int slot) => Rows[_runFirstRow[slot]].CustomerId;
    }
}
