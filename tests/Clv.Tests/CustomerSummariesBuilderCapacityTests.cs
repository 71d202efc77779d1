namespace Clv.Tests;

/// <summary><see cref="CustomerSummariesBuilder.EnsureCapacity(int)"/>: room made once, the same summaries as growing.</summary>
public class CustomerSummariesBuilderCapacityTests
{
    private static readonly DateOnly End = new(2024, 3, 31);

    [Theory]
    [InlineData(0, false, false)]
    [InlineData(10, false, false)]
    [InlineData(3_000, false, false)]
    [InlineData(20_000, false, false)]
    [InlineData(3_000, true, false)]
    [InlineData(3_000, false, true)]
    [InlineData(20_000, true, true)]
    public void EnsureCapacity_BeforeOrBetweenRows_SameSummariesAsGrowing(int capacity, bool asStrings, bool midway)
    {
        // 3,000 customers (the builder starts with room for 1,024), refunds, one id beyond ASCII two thirds of the way in (the
        // packed ids turn into strings), and the hint before the first row or after a third of them.
        var rows = Rows(3_000);
        var grown = Build(rows, asStrings, hint: null, hintAt: 0);
        var hinted = Build(rows, asStrings, hint: capacity, hintAt: midway ? rows.Length / 3 : 0);

        Assert.True(CustomerSummariesPropertyTests.SameSummaries(grown, hinted));
        Assert.Equal(grown.Select(s => s.CustomerId), hinted.Select(s => s.CustomerId));
        Assert.Equal(grown.Select(s => s.Refunds), hinted.Select(s => s.Refunds));
        Assert.Equal(3_000, hinted.Count);
    }

    [Fact]
    public void EnsureCapacity_ThenThatManyNewCustomers_NothingGrows()
    {
        const int Customers = 100_000;
        var ids = new string[Customers];
        for (int c = 0; c < Customers; c++)
        {
            ids[c] = "C" + c.ToString("D7", System.Globalization.CultureInfo.InvariantCulture);
        }

        var day = new DateOnly(2024, 1, 5);
        long Allocated(bool hint)
        {
            var builder = new CustomerSummariesBuilder(End, TimeUnit.Week);
            if (hint)
            {
                Assert.True(builder.EnsureCapacity(Customers) >= Customers);
            }

            long before = GC.GetAllocatedBytesForCurrentThread();
            foreach (string id in ids)
            {
                builder.Add(id.AsSpan(), day, 12.5);
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(Customers, builder.Build().Count);
            return allocated;
        }

        _ = Allocated(hint: true); // warm-up
        long grown = Allocated(hint: false), hinted = Allocated(hint: true);

        // Growing by doubling copies the state, the ids and the id table several times (megabytes); with room made first,
        // adding the customers allocates nothing of their size.
        Assert.True(grown > 2_000_000, $"growing allocated {grown} bytes");
        Assert.True(hinted < 64 * 1024, $"with room made first, adding allocated {hinted} bytes");
    }

    [Fact]
    public void EnsureCapacity_NeverShrinks_AndReturnsWhatIsHeld()
    {
        var builder = new CustomerSummariesBuilder(End, TimeUnit.Day);
        int initial = builder.EnsureCapacity(0);
        Assert.True(initial > 0);
        Assert.Equal(initial, builder.EnsureCapacity(initial));   // already held: nothing grows
        int held = builder.EnsureCapacity(5_000);
        Assert.True(held >= 5_000);
        Assert.Equal(held, builder.EnsureCapacity(10));
        builder.Add("a", new DateOnly(2024, 1, 1), 1);
        Assert.Equal(held, builder.EnsureCapacity(5_000));
        Assert.Single(builder.Build());
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    [InlineData(CustomerSummariesBuilder.MaxCapacity + 1)]
    [InlineData(int.MaxValue)]
    public void EnsureCapacity_OutOfRange_NamesTheParameterAndValue(int customers)
    {
        var builder = new CustomerSummariesBuilder(End, TimeUnit.Day);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => builder.EnsureCapacity(customers));
        Assert.Equal("customers", e.ParamName);
        Assert.Contains(customers.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message, StringComparison.Ordinal);
        Assert.Contains("536870912", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnsureCapacity_AfterBuild_Throws()
    {
        var builder = new CustomerSummariesBuilder(End, TimeUnit.Day);
        builder.Add("a", new DateOnly(2024, 1, 1), 1);
        _ = builder.Build();
        Assert.Throws<InvalidOperationException>(() => builder.EnsureCapacity(10));
    }

    private static Transaction[] Rows(int customers)
    {
        var rows = new List<Transaction>();
        for (int c = 0; c < customers; c++)
        {
            string id = c == 2 * customers / 3 ? "kunde-ü" + c : "c" + c;
            var day = new DateOnly(2024, 1, 1).AddDays(c % 80);
            rows.Add(new Transaction(id, day, 10 + (c % 7)));
            if (c % 3 == 0)
            {
                rows.Add(new Transaction(id, day.AddDays(c % 50), 4));
            }

            if (c % 997 == 0)
            {
                rows.Add(new Transaction(id, day.AddDays(1), -2.5));
            }
        }

        // Interleave: every customer's later rows come after other customers' first rows.
        return [.. rows.OrderBy(r => r.Date).ThenBy(r => r.CustomerId, StringComparer.Ordinal)];
    }

    private static CustomerSummaries Build(Transaction[] rows, bool asStrings, int? hint, int hintAt)
    {
        var builder = new CustomerSummariesBuilder(End, TimeUnit.Day);
        for (int i = 0; i < rows.Length; i++)
        {
            if (hint is { } h && i == hintAt)
            {
                Assert.True(builder.EnsureCapacity(h) >= h);
            }

            if (asStrings)
            {
                builder.Add(rows.AsSpan(i, 1));
            }
            else
            {
                builder.Add(rows[i].CustomerId.AsSpan(), rows[i].Date, rows[i].Amount);
            }
        }

        return builder.Build();
    }
}
