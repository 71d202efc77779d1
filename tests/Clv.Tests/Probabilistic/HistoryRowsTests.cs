using Clv.Probabilistic;
using FsCheck.Xunit;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// The BG/NBD family's distinct (x, t_x, T) rows (<see cref="HistoryRows.FromSummaries"/>) are the customers with a purchase
/// grouped by key, in canonical order (x, then t_x, then T) and weighted by their count: checked against LINQ's grouping and
/// ordering, for small bases (one core) and a large one (two cores, radix-sorted keys of repeated values).
/// </summary>
public class HistoryRowsTests
{
    private static readonly DateOnly Origin = new(2020, 1, 1);

    private static bool SameAsLinq(CustomerSummaries summaries)
    {
        var rows = HistoryRows.FromSummaries(summaries.AsMemory(), CancellationToken.None);
        var expected = summaries.Where(c => c.HasPurchase)
            .GroupBy(c => (c.Frequency, c.Recency, c.Age))
            .Select(g => (g.Key.Frequency, g.Key.Recency, g.Key.Age, Weight: (double)g.Count()))
            .OrderBy(k => k.Frequency).ThenBy(k => k.Recency).ThenBy(k => k.Age)
            .ToArray();
        return rows.X.SequenceEqual(expected.Select(k => k.Frequency))
            && rows.Recency.SequenceEqual(expected.Select(k => k.Recency))
            && rows.Age.SequenceEqual(expected.Select(k => k.Age))
            && rows.Weight.SequenceEqual(expected.Select(k => k.Weight))
            && rows.Excluded == summaries.Count(c => !c.HasPurchase);
    }

    [Property]
    public bool FromSummaries_AnyCustomers_RowsAreTheLinqGroupingInCanonicalOrder(byte[] customers, byte[] days, byte[] endOffset)
    {
        int n = Math.Min(customers.Length, days.Length);
        var rows = new Transaction[n + 2];
        rows[0] = new Transaction("lead", Origin.AddDays(400), 5);
        rows[1] = new Transaction("anchor", Origin, 5);
        for (int i = 0; i < n; i++)
        {
            rows[i + 2] = new Transaction("c" + (customers[i] % 30), Origin.AddDays(days[i] % 120), 10);
        }

        var end = Origin.AddDays(130 + (endOffset.Length > 0 ? endOffset[0] : 0));
        return SameAsLinq(CustomerSummaries.FromTransactions(rows, end, TimeUnit.Week, Origin.AddDays(500)));
    }

    [Fact]
    public void FromSummaries_LargeBase_RowsAreTheLinqGroupingInCanonicalOrder()
    {
        // 140,000 customers over 200 days: many customers share a key, and the base is collected on two cores.
        var random = new Random(7);
        var rows = new List<Transaction>();
        for (int c = 0; c < 140_000; c++)
        {
            int first = random.Next(200);
            rows.Add(new Transaction("c" + c, Origin.AddDays(first), 1));
            for (int k = random.Next(4); k > 0; k--)
            {
                rows.Add(new Transaction("c" + c, Origin.AddDays(first + random.Next(200 - first)), 1));
            }
        }

        var summaries = CustomerSummaries.FromTransactions(rows.ToArray(), Origin.AddDays(200), TimeUnit.Week);
        Assert.True(summaries.Count >= 4 * Clv.Internal.Parallelism.MinimumParallelCount);
        Assert.True(SameAsLinq(summaries));
    }
}
