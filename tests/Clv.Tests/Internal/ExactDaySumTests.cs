using Clv.Internal;
using FsCheck.Xunit;

namespace Clv.Tests.Internal;

/// <summary>
/// A customer's same-day purchases and refunds add up to the same double in any row order, on every path that builds
/// summaries: the streaming builder (CSV, Parquet, database readers; with and without compactions) and the in-memory grouping
/// (any chunk and partition sizes). A line-item log read back shuffled differed in a quarter of its customers
/// (1556.9999999999998 against 1557).
/// </summary>
public class ExactDaySumTests
{
    private static readonly DateOnly Origin = new(2020, 1, 1);
    private static readonly DateOnly End = Origin.AddDays(4);
    private static readonly DateOnly HoldoutEnd = Origin.AddDays(6);

    /// <summary>A line-item log from a seed: 20 to 219 rows of 3 customers on 7 days (5 in calibration), amounts 0.01 to 199.99 in cents, every sixth a refund of up to 19.99.</summary>
    private static Transaction[] Lines(int seed)
    {
        var g = new Random(seed);
        var rows = new Transaction[20 + g.Next(200)];
        for (int i = 0; i < rows.Length; i++)
        {
            double amount = g.Next(6) == 0 ? -g.Next(1, 2_000) / 100.0 : g.Next(1, 20_000) / 100.0;
            rows[i] = new Transaction("c" + g.Next(3), Origin.AddDays(i == 0 ? 0 : g.Next(7)), amount);
        }

        return rows;
    }

    private static CustomerSummaries Streamed(Transaction[] rows, int? compactionThreshold)
    {
        if (compactionThreshold is not { } threshold)
        {
            var builder = new CustomerSummariesBuilder(End, TimeUnit.Day, HoldoutEnd);
            builder.Add(rows);
            return builder.Build();
        }

        var days = new CustomerDaysBuilder(End.DayNumber, HoldoutEnd.DayNumber) { CompactionThreshold = threshold };
        foreach (var t in rows)
        {
            days.Add(t.CustomerId, t.Date, t.Amount);
        }

        return CustomerSummaries.Create(days.Build(), End, TimeUnit.Day, HoldoutEnd, days.LatestDay, days.Counts);
    }

    [Property(MaxTest = 300)]
    public bool AnyRowOrder_AnyPath_BitIdenticalSummaries(int logSeed, int seed, byte chunkRows, byte partitionRows)
    {
        var rows = Lines(logSeed);
        var shuffled = rows.ToArray();
        new Random(seed).Shuffle(shuffled);
        var reference = Streamed(rows, null);
        return Exactly(reference, Streamed(shuffled, null))
            && Exactly(reference, Streamed(shuffled, 1))   // a compaction after nearly every row out of date order
            && Exactly(reference, CustomerSummaries.FromTransactions(shuffled, End, TimeUnit.Day, HoldoutEnd))
            && Exactly(reference, CustomerSummaries.GroupTransactions(shuffled, End, TimeUnit.Day, HoldoutEnd, 1 + (chunkRows % 5), 1 + (partitionRows % 4)));
    }

    [Fact]
    public void SameDayAmounts_AreTheirExactSumRoundedOnce()
    {
        // 0.1 + 0.2 + 0.3 is 0.6000000000000001 left to right and 0.6 right to left; the exact sum of the three doubles
        // rounds to 0.6 (Python's math.fsum([0.1, 0.2, 0.3])). The refunds likewise.
        Transaction[] rows =
        [
            new("a", Origin, 0.1), new("a", Origin, 0.2), new("a", Origin, 0.3),
            new("a", Origin.AddDays(1), -0.1), new("a", Origin.AddDays(2), -0.2), new("a", Origin.AddDays(3), -0.3),
        ];
        foreach (var order in new[] { rows, Enumerable.Reverse(rows).ToArray() })
        {
            var streamed = Streamed(order, null);
            Assert.Equal(0.6, streamed[0].Spend);
            Assert.Equal(0.6, streamed[0].Refunds);
            Assert.True(Exactly(streamed, CustomerSummaries.FromTransactions(order, End, TimeUnit.Day, HoldoutEnd)));
        }
    }

    /// <summary>Every field and every purchase day's amount equal to the bit.</summary>
    private static bool Exactly(CustomerSummaries a, CustomerSummaries b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        for (int i = 0; i < a.Count; i++)
        {
            if (!b.TryGetIndex(a[i].CustomerId, out int j) || !a[i].Equals(b[j])
                || !a.PurchaseDayNumbers(i).SequenceEqual(b.PurchaseDayNumbers(j))
                || !a.PurchaseDayAmounts(i).ToArray().Select(BitConverter.DoubleToInt64Bits).SequenceEqual(b.PurchaseDayAmounts(j).ToArray().Select(BitConverter.DoubleToInt64Bits)))
            {
                return false;
            }
        }

        return true;
    }
}
