using static Clv.CustomerSummaries;

namespace Clv.Internal;

// Pass 3: customers numbered in order of their first row, summarised on the way when each has one run.
internal static partial class TransactionGrouping
{
    private sealed partial class Job
    {
        /// <summary>
        /// Pass 3: customers are numbered in order of their first run. When every customer has one run, the
        /// summaries are computed here, while the run's days are at hand; otherwise runs of one customer are merged.
        /// </summary>
        private (CustomerDays Days, (CustomerSummary[] Summaries, int[]? Map)? Summarized) Number(int duplicates)
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
                    refunds[g] = ExactSum.Round(_runRefund[slot], _runRefundLow[slot]);   // (MergeRuns sums a customer's runs again)
                    firstDays[g] = _runFirstDay[slot];
                    if (summaries is not null)
                    {
                        // The customer's only run is final: each day's exact sum rounded once.
                        for (int i = start; i < start + length; i++)
                        {
                            _amounts[i] = ExactSum.Round(_amounts[i], _lows[i]);
                        }
                    }

                    if (summaries is not null && _runFirstDay[slot] <= endDay)
                    {
                        summaries[known] = Summarize(id, _days.AsSpan(start, length), _amounts.AsSpan(start, length), refunds[g], endDay, unit);
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
                return (new CustomerDays(n, CustomerIds.FromStrings(ids, n), starts, lengths, _days, _amounts, refunds, firstDays), (summaries, map));
            }

            return (MergeRuns(n, ids, starts, lengths, refunds, firstDays, customerOf!), null);
        }
    }
}
