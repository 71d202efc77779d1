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

/// <summary>
/// The packed path of <see cref="HistoryRows.FromSummaries"/> (day-resolution data: (x, rank of t_x, rank of T) in 32 bits,
/// sorted) gives exactly the rows of hashing whole keys, falls back to it when the data does not pack, and leaves no
/// per-customer garbage (its keys are native).
/// </summary>
public class HistoryRowsPackedTests
{
    private static readonly DateOnly Origin = new(2020, 1, 1);

    /// <summary>A customer with x repeat purchase days, t_x and T in days, measured in units of <paramref name="unitDays"/> days.</summary>
    private static CustomerSummary Customer(int id, int x, int recencyDays, int ageDays, double unitDays)
    {
        if (ageDays < 0)
        {
            return CustomerSummary.Create("lead" + id, unitDays == 7 ? TimeUnit.Week : TimeUnit.Day, null, null, 0, 0, 0, null, 0, 0, 0, 0, 0);
        }

        return CustomerSummary.Create(
            "c" + id,
            unitDays == 7 ? TimeUnit.Week : TimeUnit.Day,   // the unit the spans are in (Create checks them against the dates)
            Origin,
            Origin.AddDays(recencyDays),
            x + 1,
            recencyDays / unitDays,
            ageDays / unitDays,
            ageDays - recencyDays,
            10.0 * (x + 1),
            0,
            x > 0 ? 10 : 0,
            0,
            0);
    }

    /// <summary>Random customers over <paramref name="days"/> days, x at most <paramref name="maxX"/> (a tenth are leads).</summary>
    private static CustomerSummary[] Customers(int count, int days, int maxX, double unitDays, int seed)
    {
        var random = new Random(seed);
        var customers = new CustomerSummary[count];
        for (int i = 0; i < count; i++)
        {
            int age = random.Next(10) == 0 ? -1 : random.Next(days);
            int recency = age <= 0 || maxX == 0 ? 0 : random.Next(age + 1);
            int x = recency == 0 ? 0 : 1 + random.Next(Math.Min(recency, maxX));
            customers[i] = Customer(i, x, recency, age, unitDays);
        }

        return customers;
    }

    private static void AssertSameRows(HistoryRows expected, HistoryRows actual)
    {
        Assert.Equal(expected.X, actual.X);
        Assert.Equal(expected.Recency, actual.Recency);
        Assert.Equal(expected.Age, actual.Age);
        Assert.Equal(expected.Weight, actual.Weight);
        Assert.Equal(expected.Excluded, actual.Excluded);
        Assert.Equal(expected.DistinctAges, actual.DistinctAges);
        Assert.Equal(expected.AgeIndex, actual.AgeIndex);
        Assert.Equal(expected.DistinctRecencies, actual.DistinctRecencies);
        Assert.Equal(expected.RecencyIndex, actual.RecencyIndex);
    }

    [Property(MaxTest = 200)]
    public void Packed_AnyDayResolutionCustomers_SameRowsAsHashingWholeKeys(ushort count, byte days, byte maxX, bool weeks, int seed)
    {
        var customers = Customers((count % 3000) + 1, days + 1, maxX, weeks ? 7 : 1, seed);
        var packed = HistoryRows.FromSummariesPacked(customers, CancellationToken.None);
        Assert.NotNull(packed);
        AssertSameRows(HistoryRows.FromSummariesCollected(customers, CancellationToken.None), packed);
    }

    [Fact]
    public void Packed_LargeBase_SameRowsAsHashingWholeKeysOnTwoCores()
    {
        // 300,000 customers over three years in weeks: the hashing path splits the keys over two cores.
        var customers = Customers(300_000, 1100, 60, 7, 11);
        var packed = HistoryRows.FromSummariesPacked(customers, CancellationToken.None);
        Assert.NotNull(packed);
        Assert.True(packed.Count > 100_000, $"{packed.Count} rows");
        AssertSameRows(HistoryRows.FromSummariesCollected(customers, CancellationToken.None), packed);
    }

    [Fact]
    public void Packed_TooManyDistinctAges_FallsBackToHashing()
    {
        // Ages not at day resolution: every customer has its own, one more than the 65,536 that fit in 16 bits.
        var random = new Random(3);
        var customers = new CustomerSummary[HistoryRows.MaxPackedValues + 1];
        for (int i = 0; i < customers.Length; i++)
        {
            double age = 1 + random.NextDouble();
            customers[i] = CustomerSummary.Create("c" + i, TimeUnit.Week, Origin, Origin.AddDays(3), 2, 0.5, age, 4, 20, 0, 10, 0, 0);
        }

        Assert.Null(HistoryRows.FromSummariesPacked(customers, CancellationToken.None));
        AssertSameRows(
            HistoryRows.FromSummariesCollected(customers, CancellationToken.None),
            HistoryRows.FromSummaries(customers, CancellationToken.None));
    }

    [Fact]
    public void Packed_MoreThan32Bits_FallsBackToHashing()
    {
        // 40,000 distinct ages and recencies (16 bits each) and x 1 (1 bit): 33 bits, one too many. The first 10,000 take 29.
        var customers = new CustomerSummary[40_000];
        for (int i = 0; i < customers.Length; i++)
        {
            customers[i] = Customer(i, 1, 3 + i, 3 + i + (i % 7), 1);
        }

        Assert.Null(HistoryRows.FromSummariesPacked(customers, CancellationToken.None));
        Assert.NotNull(HistoryRows.FromSummariesPacked(customers.AsSpan(0, 10_000), CancellationToken.None));
        AssertSameRows(
            HistoryRows.FromSummariesCollected(customers, CancellationToken.None),
            HistoryRows.FromSummaries(customers, CancellationToken.None));
    }

    [Fact]
    public void Packed_Exactly32Bits_SameRowsAsHashingWholeKeys()
    {
        // 40,000 distinct recencies (16 bits), 30,000 distinct ages (15 bits) and x 1 (1 bit): every bit of the key in use.
        var customers = new CustomerSummary[40_000];
        for (int i = 0; i < customers.Length; i++)
        {
            customers[i] = Customer(i, 1, 3 + i, 50_000 + (i % 30_000), 1);
        }

        var packed = HistoryRows.FromSummariesPacked(customers, CancellationToken.None);
        Assert.NotNull(packed);
        AssertSameRows(HistoryRows.FromSummariesCollected(customers, CancellationToken.None), packed);
    }

    [Fact]
    public void Packed_NegativeZeroRecency_FallsBackToHashing()
    {
        // -0 is a valid recency whose bits do not order as its value; the packed path declines it.
        var customers = new[]
        {
            CustomerSummary.Create("a", TimeUnit.Week, Origin, Origin, 1, -0.0, 2, 14, 10, 0, 0, 0, 0),
            Customer(1, 1, 7, 14, 7),
        };

        Assert.Null(HistoryRows.FromSummariesPacked(customers, CancellationToken.None));
        Assert.Equal(2, HistoryRows.FromSummaries(customers, CancellationToken.None).Count);
    }

    [Fact]
    public void Packed_WorkingMemory_NoGarbagePerCustomer()
    {
        // 120,000 customers in about 20,000 distinct rows: below the sizes where either path uses a second core, so this
        // thread's allocations are all of it. Packed: the rows and their indices (about 48 bytes a row) and small tables on
        // the collected heap (the two 32-bit keys per customer are native, freed on return). Hashing whole keys grows tables
        // of keys, slots and weights and sorts the slots: more than that bound.
        var customers = Customers(120_000, 100, 5, 7, 5);
        HistoryRows.FromSummariesPacked(customers, CancellationToken.None);
        HistoryRows.FromSummariesCollected(customers, CancellationToken.None);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var packed = HistoryRows.FromSummariesPacked(customers, CancellationToken.None)!;
        long packedBytes = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        var collected = HistoryRows.FromSummariesCollected(customers, CancellationToken.None);
        long collectedBytes = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.InRange(packed.Count, 10_000, 32_767);
        long bound = (48L * packed.Count) + (256 << 10);
        Assert.True(packedBytes <= bound, $"packed {packedBytes} bytes, bound {bound}");
        Assert.True(collectedBytes > bound, $"hashing {collectedBytes} bytes, bound {bound}");
        AssertSameRows(collected, packed);
    }
}
