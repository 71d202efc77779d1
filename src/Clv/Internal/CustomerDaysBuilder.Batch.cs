using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Clv.Internal;

/// <content>Rows added a block at a time, with the memory each row will touch requested ahead of it.</content>
internal sealed partial class CustomerDaysBuilder
{
    /// <summary>How many rows ahead a row's id-table slot is requested; its customer's id and state are requested half as far ahead.</summary>
    private const int Ahead = 16;

    /// <summary>
    /// Adds a block of validated rows whose ids are text laid end to end (row i's id ends at <paramref name="idEnds"/>[i]), as
    /// <see cref="Add(ReadOnlySpan{char}, DateOnly, double)"/> row by row would. On a log in date order nearly every row looks
    /// up a customer at random in tables far larger than the caches: the hashes are computed first, then while row i is added
    /// the id-table slot of row i + 16 and the id and state of the customer of row i + 8 are requested from memory, so the
    /// lookups' cache misses overlap instead of following each other.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(ReadOnlySpan<char> idText, ReadOnlySpan<int> idEnds, ReadOnlySpan<DateOnly> dates, ReadOnlySpan<double> amounts)
    {
        int n = idEnds.Length;
        int[] hashes = ArrayPool<int>.Shared.Rent(Math.Max(n, 1));
        try
        {
            int start = 0, previousStart = 0, previousEnd = 0;
            for (int i = 0; i < n; i++)
            {
                int end = idEnds[i];
                var id = idText[start..end];

                // Rows of one customer often follow each other: the same text as the row before has its hash.
                hashes[i] = i > 0 && id.SequenceEqual(idText[previousStart..previousEnd]) ? hashes[i - 1] : string.GetHashCode(id);
                (previousStart, previousEnd, start) = (start, end, end);
            }

            start = 0;
            for (int i = 0; i < n; i++)
            {
                if (i + Ahead < n)
                {
                    _table.Prefetch(hashes[i + Ahead]);
                }

                if (i + (Ahead / 2) < n)
                {
                    PrefetchCustomer(_table.Peek(hashes[i + (Ahead / 2)]));
                }

                int end = idEnds[i];
                AddText(idText[start..end], hashes[i], dates[i], amounts[i]);
                start = end;
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(hashes);
        }
    }

    /// <summary>
    /// Adds a block of validated rows whose ids are indices into a table of ids (entry k ends at <paramref name="tableEnds"/>[k]),
    /// as <see cref="Add(ReadOnlySpan{char}, DateOnly, double)"/> row by row would: each entry's customer is looked up on the
    /// first row that uses it and is not excluded (so customers are numbered in the order of their first rows, as row by row),
    /// and the entry's other rows reuse it. The table's hashes are computed first, so the id-table slot of an entry not yet
    /// looked up is requested 16 rows ahead, and the state of a known customer 8 rows ahead, as the text block does.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public unsafe void Add(ReadOnlySpan<char> table, ReadOnlySpan<int> tableEnds, ReadOnlySpan<int> indices, ReadOnlySpan<DateOnly> dates, ReadOnlySpan<double> amounts)
    {
        int m = tableEnds.Length, n = indices.Length;
        int[] hashes = ArrayPool<int>.Shared.Rent(Math.Max(m, 1));
        int[] customers = ArrayPool<int>.Shared.Rent(Math.Max(m, 1));
        try
        {
            int start = 0;
            for (int k = 0; k < m; k++)
            {
                hashes[k] = string.GetHashCode(table[start..tableEnds[k]]);
                customers[k] = -1;
                start = tableEnds[k];
            }

            for (int i = 0; i < n; i++)
            {
                if (i + Ahead < n && customers[indices[i + Ahead]] < 0)
                {
                    _table.Prefetch(hashes[indices[i + Ahead]]);
                }

                if (i + (Ahead / 2) < n)
                {
                    PrefetchCustomer(customers[indices[i + (Ahead / 2)]]);
                }

                _total++;
                int day = dates[i].DayNumber;
                if (day > holdoutEndDay)
                {
                    Exclude(day);
                    continue;
                }

                int k = indices[i];
                int c = customers[k];
                if (c < 0)
                {
                    var id = table[(k == 0 ? 0 : tableEnds[k - 1])..tableEnds[k]];
                    fixed (char* text = id)
                    {
                        var matcher = new TextMatcher(_ids, text, id.Length);
                        c = _table.FindOrAdd(hashes[k], ref matcher, out bool added);
                        if (added)
                        {
                            AddCustomer(id);
                        }
                    }

                    customers[k] = c;
                }

                if (c != _previous)
                {
                    (_previous, _previousId) = (c, null);
                }

                AddRow(c, day, amounts[i]);
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(hashes);
            ArrayPool<int>.Shared.Return(customers);
        }
    }

    /// <summary>Requests customer <paramref name="c"/>'s per-row state and id text from memory (a hint: nothing when c is -1 or the processor has no prefetch).</summary>
    private unsafe void PrefetchCustomer(int c)
    {
        if (c < 0 || !Sse.IsSupported)
        {
            return;
        }

        Sse.Prefetch0(Unsafe.AsPointer(ref _state[c]));
        Sse.Prefetch0(Unsafe.AsPointer(ref _ids.Start(c)));
    }
}
