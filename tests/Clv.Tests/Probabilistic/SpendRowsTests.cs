using System.Runtime.InteropServices;
using Clv.Probabilistic;
using FsCheck.Xunit;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// The Gamma-Gamma rows built by sorting (<see cref="SpendRows.FromSummaries"/>) are exactly the rows built by hashing each
/// customer (<see cref="SpendRows.Add"/>): the same distinct (x, m_x) pairs in the same order, the same weights, totals and
/// excluded count.
/// </summary>
public class SpendRowsTests
{
    private static readonly DateOnly Origin = new(2020, 1, 1);
    private static readonly DateOnly End = Origin.AddDays(200);

    /// <summary>Up to 40 customers, days 0..199, amounts from a small set so that equal (x, m_x) pairs are common; some zero amounts.</summary>
    private static CustomerSummaries Summaries(byte[] customers, byte[] days, byte[] amounts)
    {
        int n = Math.Min(customers.Length, Math.Min(days.Length, amounts.Length));
        var rows = new Transaction[n + 1];
        rows[0] = new Transaction("c0", Origin, 10);
        for (int i = 0; i < n; i++)
        {
            rows[i + 1] = new Transaction("c" + (customers[i] % 40), Origin.AddDays(days[i] % 200), (amounts[i] % 4) * 5);
        }

        return CustomerSummaries.FromTransactions(rows, End, TimeUnit.Week);
    }

    private static SpendRows Hashed(ReadOnlySpan<CustomerSummary> customers, out long excluded)
    {
        var rows = new SpendRows();
        excluded = 0;
        foreach (ref readonly var c in customers)
        {
            if (c.Frequency > 0 && c.MonetaryValue > 0)
            {
                rows.Add(c.Frequency, c.MonetaryValue, 1);
            }
            else
            {
                excluded++;
            }
        }

        return rows;
    }

    private static bool Same(SpendRows a, SpendRows b)
    {
        var (ax, am, aw) = a.Sorted();
        var (bx, bm, bw) = b.Sorted();
        return ax.SequenceEqual(bx) && am.SequenceEqual(bm) && aw.SequenceEqual(bw) && a.TotalWeight == b.TotalWeight;
    }

    [Property]
    public bool FromSummaries_AnyCustomers_EqualsRowsAddedOneByOne(byte[] customers, byte[] days, byte[] amounts)
    {
        var summaries = Summaries(customers, days, amounts);
        var sorted = SpendRows.FromSummaries(summaries.AsSpan(), CancellationToken.None, out long excludedSorted);
        var hashed = Hashed(summaries.AsSpan(), out long excludedHashed);
        return Same(sorted, hashed) && excludedSorted == excludedHashed;
    }

    [Property(MaxTest = 20)]
    public bool FromSummaries_ManyCustomersPerFrequency_RadixSortedRowsEqualRowsAddedOneByOne(int seed)
    {
        // 10,000 customers, most with x = 0, 1 or 2 (ranges above the radix sort's threshold), amounts spread over nine decades with
        // repeats, so both the radix digits that differ and those all keys share are exercised.
        var random = new Random(seed);
        var rows = new List<Transaction>();
        for (int c = 0; c < 10_000; c++)
        {
            int purchases = 1 + random.Next(random.Next(4) == 0 ? 6 : 3);
            for (int p = 0; p < purchases; p++)
            {
                double amount = random.Next(4) == 0 ? 25 : Math.Round(Math.Pow(10, (9 * random.NextDouble()) - 2), 2);
                rows.Add(new Transaction("c" + c, Origin.AddDays(p * 7), amount));
            }
        }

        var summaries = CustomerSummaries.FromTransactions(CollectionsMarshal.AsSpan(rows), End, TimeUnit.Week);
        var sorted = SpendRows.FromSummaries(summaries.AsSpan(), CancellationToken.None, out long excludedSorted);
        var hashed = Hashed(summaries.AsSpan(), out long excludedHashed);
        return Same(sorted, hashed) && excludedSorted == excludedHashed && summaries.Count(s => s.Frequency == 1) > 2_048;
    }

    [Fact]
    public void FromSummaries_FrequencyBeyondCountingSort_EqualsRowsAddedOneByOne()
    {
        // One customer with 1,100 purchase days (x = 1,099 > 4 n + 1,024) and one with three: the rows are hashed instead.
        var rows = Enumerable.Range(0, 1_100).Select(d => new Transaction("busy", Origin.AddDays(d), 1 + (d % 3)))
            .Concat([new Transaction("quiet", Origin, 4), new Transaction("quiet", Origin.AddDays(9), 6), new Transaction("quiet", Origin.AddDays(20), 6)])
            .ToArray();
        var summaries = CustomerSummaries.FromTransactions(rows, Origin.AddDays(1_200), TimeUnit.Week);
        var sorted = SpendRows.FromSummaries(summaries.AsSpan(), CancellationToken.None, out long excluded);
        var (x, m, w) = sorted.Sorted();
        Assert.Equal([2, 1_099], x);
        Assert.Equal([6.0, summaries.Single(c => c.CustomerId == "busy").MonetaryValue], m);
        Assert.Equal([1.0, 1.0], w);
        Assert.Equal(0, excluded);
        Assert.True(Same(sorted, Hashed(summaries.AsSpan(), out _)));
    }

    [Fact]
    public void FromSummaries_FrequencyBeyondCountingSort_CountsTheExcludedCustomers()
    {
        // The hashed path with a one-time buyer and a repeat buyer whose repeat purchases were all free (m_x = 0): both excluded.
        var rows = Enumerable.Range(0, 1_100).Select(d => new Transaction("busy", Origin.AddDays(d), 1 + (d % 3)))
            .Concat([new Transaction("once", Origin, 4)])
            .Concat([new Transaction("free", Origin, 4), new Transaction("free", Origin.AddDays(9), 0), new Transaction("free", Origin.AddDays(20), 0)])
            .ToArray();
        var summaries = CustomerSummaries.FromTransactions(rows, Origin.AddDays(1_200), TimeUnit.Week);
        var free = summaries.Single(c => c.CustomerId == "free");
        Assert.Equal(2, free.Frequency);
        Assert.Equal(0, free.MonetaryValue);

        var sorted = SpendRows.FromSummaries(summaries.AsSpan(), CancellationToken.None, out long excluded);

        var (x, _, w) = sorted.Sorted();
        Assert.Equal([1_099], x);
        Assert.Equal([1.0], w);
        Assert.Equal(2, excluded);
        Assert.Equal(1.0, sorted.TotalWeight);
    }

    [Theory]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(130)]
    [InlineData(1_000)]
    public void FromSummaries_FrequencyPastTheFirstCountArray_GrowsItAndEqualsRowsAddedOneByOne(int frequency)
    {
        // x from 63 to 1,000 with three customers: the counting sort's first array holds x < 64, and 1,000 is below its limit (4 n + 1,024).
        var rows = Enumerable.Range(0, frequency + 1).Select(d => new Transaction("busy", Origin.AddDays(d), 1 + (d % 3)))
            .Concat([new Transaction("quiet", Origin, 4), new Transaction("quiet", Origin.AddDays(9), 6)])
            .Concat([new Transaction("once", Origin, 4)])
            .ToArray();
        var summaries = CustomerSummaries.FromTransactions(rows, Origin.AddDays(1_200), TimeUnit.Week);

        var sorted = SpendRows.FromSummaries(summaries.AsSpan(), CancellationToken.None, out long excluded);

        var (x, m, w) = sorted.Sorted();
        Assert.Equal([1, frequency], x);
        Assert.Equal([6.0, summaries.Single(c => c.CustomerId == "busy").MonetaryValue], m);
        Assert.Equal([1.0, 1.0], w);
        Assert.Equal(1, excluded);
        Assert.True(Same(sorted, Hashed(summaries.AsSpan(), out long hashedExcluded)));
        Assert.Equal(hashedExcluded, excluded);
    }

    [Fact]
    public void FromSummaries_EqualPairs_MergedWithTheirCount()
    {
        // Three customers with x = 1 and m_x = 10, one with x = 1 and m_x = 5, one with x = 2, one lead-like single purchase.
        Transaction[] rows =
        [
            new("a", Origin, 3), new("a", Origin.AddDays(7), 10),
            new("b", Origin, 4), new("b", Origin.AddDays(8), 10),
            new("c", Origin, 5), new("c", Origin.AddDays(9), 10),
            new("d", Origin, 6), new("d", Origin.AddDays(9), 5),
            new("e", Origin, 6), new("e", Origin.AddDays(9), 5), new("e", Origin.AddDays(19), 7),
            new("f", Origin, 6),
        ];
        var summaries = CustomerSummaries.FromTransactions(rows, End, TimeUnit.Week);
        var sorted = SpendRows.FromSummaries(summaries.AsSpan(), CancellationToken.None, out long excluded);
        var (x, m, w) = sorted.Sorted();
        Assert.Equal([1, 1, 2], x);
        Assert.Equal([5.0, 10.0, 6.0], m);
        Assert.Equal([1.0, 3.0, 1.0], w);
        Assert.Equal(5.0, sorted.TotalWeight);
        Assert.Equal(1, excluded);
    }
}
