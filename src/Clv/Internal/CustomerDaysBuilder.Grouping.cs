namespace Clv.Internal;

/// <content>Compaction and the grouping of the kept rows by customer.</content>
internal sealed partial class CustomerDaysBuilder
{
    /// <summary>
    /// Too many rows came out of date order for the latest-day merge to catch their days: the kept rows are grouped
    /// by customer, each customer's same days merged, and kept again (customer by customer, days ascending).
    /// </summary>
    private void Compact()
    {
        using var lengthArray = new NativeArray<int>(CustomerCount);
        var lengths = lengthArray.Span;
        var (starts, days, amounts, lows) = GroupRows(CustomerCount, lengths, keepErrors: true);
        _rowChunks.Clear();
        _rows = 0;
        for (int c = 0; c < CustomerCount; c++)
        {
            ref var state = ref _state[c];
            int start = starts[c];
            for (int i = 0; i < lengths[c]; i++)
            {
                state.LastRow = Append(c, days[start + i], amounts[start + i]);
                state.LastDay = days[start + i];
                if (lows is not null && lows[start + i] != 0)
                {
                    // The day's sum stays exact across the compaction: later rows of the day add to it as before.
                    _rowChunks.Lows(state.LastRow >> NativeRowChunks.Shift)[state.LastRow & (NativeRowChunks.Size - 1)] = lows[start + i];
                }
            }
        }

        _rowsAfterCompaction = _rows;
        _outOfOrder = 0;
        Compactions++;
    }

    /// <summary>
    /// The kept rows grouped by customer (a counting sort; each chunk is freed once scattered), then each customer's
    /// days sorted and same days merged: customer c's distinct days are <c>days[starts[c] ..][.. lengths[c]]</c>
    /// (<paramref name="lengths"/>, n long, is the caller's: first the scatter's cursor, then the lengths).
    /// </summary>
    private (int[] Starts, int[] Days, double[] Amounts, double[]? Lows) GroupRows(int n, Span<int> lengths, bool keepErrors)
    {
        var starts = new int[n + 1];
        for (int k = 0; k < _rowChunks.Count; k++)
        {
            var chunk = _rowChunks.Customers(k)[..ChunkLength(k)];
            foreach (int c in chunk)
            {
                starts[c + 1]++;
            }
        }

        for (int c = 0; c < n; c++)
        {
            starts[c + 1] += starts[c];
        }

        var days = GC.AllocateUninitializedArray<int>(_rows);
        var amounts = GC.AllocateUninitializedArray<double>(_rows);
        HugePages.Advise(days);
        HugePages.Advise(amounts);
        // Each merged day's rounding error beside it: kept apart when the rows are kept again (a compaction: later rows of the
        // day still add to the exact sum), or as the chunks had them; otherwise each day's sum is rounded once as merged.
        double[]? lows = keepErrors ? new double[_rows] : null;
        for (int k = 0; k < _rowChunks.Count && lows is null; k++)
        {
            lows = _rowChunks.LowsOrEmpty(k).IsEmpty ? null : new double[_rows];
        }

        var cursor = lengths;
        starts.AsSpan(0, n).CopyTo(cursor);
        for (int k = 0; k < _rowChunks.Count; k++)
        {
            int length = ChunkLength(k);
            ReadOnlySpan<int> customerChunk = _rowChunks.Customers(k)[..length], dayChunk = _rowChunks.Days(k)[..length];
            ReadOnlySpan<double> amountChunk = _rowChunks.Amounts(k)[..length], lowChunk = _rowChunks.LowsOrEmpty(k);
            if (lowChunk.IsEmpty)
            {
                for (int r = 0; r < customerChunk.Length; r++)
                {
                    int p = cursor[customerChunk[r]]++;
                    days[p] = dayChunk[r];
                    amounts[p] = amountChunk[r];
                }
            }
            else
            {
                for (int r = 0; r < customerChunk.Length; r++)
                {
                    int p = cursor[customerChunk[r]]++;
                    days[p] = dayChunk[r];
                    amounts[p] = amountChunk[r];
                    lows![p] = lowChunk[r];
                }
            }

            // Give each chunk back as soon as it is scattered.
            _rowChunks.Free(k);
        }

        // Sort each customer's segment by day and merge same-day purchases in place (in parallel:
        // customers are independent, so the result is identical to a sequential run).
        Parallelism.For<int, int>(starts.AsSpan(0, n), lengths, (_, part, from) =>
        {
            for (int i = 0; i < part.Length; i++)
            {
                int c = from + i;
                int start = starts[c];
                int length = starts[c + 1] - start;
                part[i] = CustomerDays.SortAndMerge(days.AsSpan(start, length), amounts.AsSpan(start, length), lows is null ? default : lows.AsSpan(start, length));
            }
        });

        return (starts, days, amounts, lows);
    }

    private int ChunkLength(int k) => Math.Min(NativeRowChunks.Size, _rows - (k << NativeRowChunks.Shift));
}
