namespace Clv.Tests;

/// <summary>The builder's row-at-a-time input: ids as text, for database cursors and other readers.</summary>
public class CustomerSummariesBuilderTests
{
    private static readonly DateOnly End = new(2024, 3, 31);

    [Fact]
    public void Add_RefundsBeforeAndAfterTheCustomerTableGrows_KeptPerCustomer()
    {
        // 5,000 customers: the builder's customer arrays grow several times; the first refund comes after the first growth,
        // others after later growths, and one customer's refund precedes its purchases. No refund is lost or misplaced.
        var rows = new List<Transaction>();
        for (int c = 0; c < 5_000; c++)
        {
            var day = new DateOnly(2024, 1, 1).AddDays(c % 60);
            if (c == 4_321)
            {
                rows.Add(new Transaction("c" + c, day, -4));
            }

            rows.Add(new Transaction("c" + c, day, 10 + (c % 7)));
            if (c is 1_500 or 2_100 or 4_999)
            {
                rows.Add(new Transaction("c" + c, day.AddDays(3), -(c % 5) - 1.5));
            }
        }

        var builder = new CustomerSummariesBuilder(End, TimeUnit.Day);
        foreach (var t in rows)
        {
            builder.Add(t.CustomerId, t.Date, t.Amount);
        }

        var actual = builder.Build();
        Assert.True(CustomerSummariesPropertyTests.SameSummaries(CustomerSummaries.FromTransactions(rows.ToArray(), End, TimeUnit.Day), actual));
        Assert.Equal([1.5, 1.5, 4.0, 5.5], actual.Where(s => s.Refunds != 0).Select(s => s.Refunds).Order());
        Assert.Equal(5.5, actual.Single(s => s.CustomerId == "c4999").Refunds);
        Assert.Equal(0, actual.Single(s => s.CustomerId == "c0").Refunds);
    }

    [Fact]
    public void Add_IdAsText_SameSummariesAsRowsAsTransactions()
    {
        Transaction[] rows =
        [
            new("alice", new DateOnly(2024, 1, 1), 10), new("bob", new DateOnly(2024, 1, 2), 5),
            new("alice", new DateOnly(2024, 1, 3), 7), new("bob", new DateOnly(2024, 1, 2), -1),
            new("carol", new DateOnly(2024, 4, 9), 3), new("alice", new DateOnly(2024, 4, 10), 2),
        ];
        var asText = new CustomerSummariesBuilder(End, TimeUnit.Day);
        Span<char> field = stackalloc char[16];
        foreach (var t in rows)
        {
            // A buffer that is overwritten after each call, as a reader's would be.
            t.CustomerId.AsSpan().CopyTo(field);
            asText.Add(field[..t.CustomerId.Length], t.Date, t.Amount);
            field.Fill('#');
        }

        var expected = CustomerSummaries.FromTransactions(rows, End, TimeUnit.Day);
        var actual = asText.Build();

        Assert.True(CustomerSummariesPropertyTests.SameSummaries(expected, actual));
        Assert.Equal(["alice", "bob"], actual.Select(s => s.CustomerId));
        Assert.Equal(rows.Length, actual.TransactionCount);
        Assert.Equal(1, actual.HoldoutOnlyCustomerCount);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Add_BlocksOfIdText_LargeLogInAnyOrder_SameSummariesAsTheTransactions(bool dateOrder)
    {
        // 20,000 customers over 60,000 rows: the block path requests each row's slot 16 rows ahead; lookups, new customers,
        // growth of the tables, holdout rows and refunds must all come out as the row-by-row path gives them.
        var random = new Random(7);
        var rows = new Transaction[60_000];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = new Transaction("cust-" + random.Next(20_000), new DateOnly(2024, 1, 1).AddDays(random.Next(120)), random.Next(10) == 0 ? -random.Next(1, 50) : random.Next(1, 500));
        }

        if (dateOrder)
        {
            rows = [.. rows.OrderBy(t => t.Date)];
        }

        var builder = new CustomerSummariesBuilder(End, TimeUnit.Day);
        for (int i = 0; i < rows.Length; i += 16_384)
        {
            var (text, ends, dates, amounts) = Block(rows.AsSpan(i, Math.Min(16_384, rows.Length - i)));
            builder.Add(text, ends, dates, amounts);
        }

        var expected = CustomerSummaries.FromTransactions(rows, End, TimeUnit.Day);
        var actual = builder.Build();

        Assert.True(CustomerSummariesPropertyTests.SameSummaries(expected, actual));
        Assert.Equal(expected.Select(c => c.CustomerId), actual.Select(c => c.CustomerId));
        Assert.Equal((expected.TransactionCount, expected.HoldoutTransactionCount, expected.RefundTransactionCount), (actual.TransactionCount, actual.HoldoutTransactionCount, actual.RefundTransactionCount));
    }

    [Fact]
    public void Add_MorePurchaseDaysThanThreeRowChunks_SameSummariesAsTheTransactions()
    {
        // The builder keeps purchase days in native chunks of 131,072; from the second on each is aligned to and hinted as a
        // 2 MB page. 420,000 rows of 100,000 customers over 150 days keep more than three chunks' worth.
        var random = new Random(11);
        var rows = new Transaction[420_000];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = new Transaction("c" + random.Next(100_000), new DateOnly(2024, 1, 1).AddDays(random.Next(150)), random.Next(1, 500));
        }

        Assert.True(rows.Select(t => (t.CustomerId, t.Date)).Distinct().Count() > 3 * Clv.Internal.NativeRowChunks.Size);
        var builder = new CustomerSummariesBuilder(End, TimeUnit.Day);
        builder.Add(rows);

        var expected = CustomerSummaries.FromTransactions(rows, End, TimeUnit.Day);
        var actual = builder.Build();

        Assert.True(CustomerSummariesPropertyTests.SameSummaries(expected, actual));
        Assert.Equal(expected.Select(c => c.CustomerId), actual.Select(c => c.CustomerId));
    }

    [Fact]
    public void Add_BlockWithABadRow_ThrowsNamingItAndAddsNothing()
    {
        var builder = new CustomerSummariesBuilder(End, TimeUnit.Day);
        DateOnly[] dates = [new(2024, 1, 1), new(2024, 1, 2)];

        var lengths = Assert.Throws<ArgumentException>(() => builder.Add("ab".AsSpan(), [1, 2], dates, [1.0]));
        var empty = Assert.Throws<ArgumentException>(() => builder.Add("ab".AsSpan(), [1, 1], dates, [1.0, 2.0]));
        var beyond = Assert.Throws<ArgumentException>(() => builder.Add("ab".AsSpan(), [1, 3], dates, [1.0, 2.0]));
        var nan = Assert.Throws<ArgumentOutOfRangeException>(() => builder.Add("ab".AsSpan(), [1, 2], dates, [1.0, double.NaN]));

        Assert.Contains("have 2, 2 and 1", lengths.Message, StringComparison.Ordinal);
        Assert.Equal("idEnds", empty.ParamName);
        Assert.Contains("idEnds[1] is 1", empty.Message, StringComparison.Ordinal);
        Assert.Contains("idEnds[1] is 3", beyond.Message, StringComparison.Ordinal);
        Assert.Equal("amounts", nan.ParamName);
        Assert.Contains("amounts[1]", nan.Message, StringComparison.Ordinal);
        Assert.Equal(0, builder.TransactionCount);
        builder.Build();
        Assert.Throws<InvalidOperationException>(() => builder.Add("a".AsSpan(), [1], dates.AsSpan(0, 1), [1.0]));
    }

    /// <summary>The rows as a block: ids end to end with their ends, dates, amounts.</summary>
    internal static (string Text, int[] Ends, DateOnly[] Dates, double[] Amounts) Block(ReadOnlySpan<Transaction> rows)
    {
        var text = new System.Text.StringBuilder();
        var ends = new int[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            text.Append(rows[i].CustomerId);
            ends[i] = text.Length;
        }

        return (text.ToString(), ends, [.. rows.ToArray().Select(t => t.Date)], [.. rows.ToArray().Select(t => t.Amount)]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Add_BlocksOfIdTable_LargeLogInAnyOrder_SameSummariesAsTheTransactions(bool dateOrder)
    {
        // As the text blocks above, with a holdout end that excludes the last days' rows (a customer seen only there is
        // never numbered), each block's table holding one entry per run of equal ids, an entry repeated and an entry no
        // row uses: customers, their order and every figure must be the row-by-row path's.
        var random = new Random(11);
        var rows = new Transaction[60_000];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = new Transaction("cust-" + random.Next(20_000), new DateOnly(2024, 1, 1).AddDays(random.Next(130)), random.Next(10) == 0 ? -random.Next(1, 50) : random.Next(1, 500));
        }

        rows = dateOrder ? [.. rows.OrderBy(t => t.Date)] : [.. rows.OrderBy(t => t.CustomerId, StringComparer.Ordinal)];
        var holdoutEnd = new DateOnly(2024, 4, 30);
        var builder = new CustomerSummariesBuilder(End, TimeUnit.Day, holdoutEnd);
        for (int i = 0; i < rows.Length; i += 16_384)
        {
            var (table, ends, indices, dates, amounts) = TableBlock(rows.AsSpan(i, Math.Min(16_384, rows.Length - i)));
            builder.Add(table, ends, indices, dates, amounts);
        }

        var expected = CustomerSummaries.FromTransactions(rows, End, TimeUnit.Day, holdoutEnd);
        var actual = builder.Build();

        Assert.Contains(rows, t => t.Date > holdoutEnd);
        Assert.True(CustomerSummariesPropertyTests.SameSummaries(expected, actual));
        Assert.Equal(expected.Select(c => c.CustomerId), actual.Select(c => c.CustomerId));
        Assert.Equal(
            (expected.TransactionCount, expected.HoldoutTransactionCount, expected.RefundTransactionCount, expected.ExcludedTransactionCount),
            (actual.TransactionCount, actual.HoldoutTransactionCount, actual.RefundTransactionCount, actual.ExcludedTransactionCount));
    }

    [Fact]
    public void Add_TableBlockWithABadRow_ThrowsNamingItAndAddsNothing()
    {
        var builder = new CustomerSummariesBuilder(End, TimeUnit.Day);
        DateOnly[] dates = [new(2024, 1, 1), new(2024, 1, 2)];

        var lengths = Assert.Throws<ArgumentException>(() => builder.Add("ab".AsSpan(), [1, 2], [0, 1], dates, [1.0]));
        var empty = Assert.Throws<ArgumentException>(() => builder.Add("ab".AsSpan(), [1, 1], [0, 1], dates, [1.0, 2.0]));
        var beyond = Assert.Throws<ArgumentException>(() => builder.Add("ab".AsSpan(), [1, 3], [0, 1], dates, [1.0, 2.0]));
        var index = Assert.Throws<ArgumentException>(() => builder.Add("ab".AsSpan(), [1, 2], [1, 2], dates, [1.0, 2.0]));
        var negative = Assert.Throws<ArgumentException>(() => builder.Add("ab".AsSpan(), [1, 2], [-1, 0], dates, [1.0, 2.0]));
        var nan = Assert.Throws<ArgumentOutOfRangeException>(() => builder.Add("ab".AsSpan(), [1, 2], [0, 1], dates, [1.0, double.NaN]));

        Assert.Contains("have 2, 2 and 1", lengths.Message, StringComparison.Ordinal);
        Assert.Equal("idTableEnds", empty.ParamName);
        Assert.Contains("idTableEnds[1] is 1", empty.Message, StringComparison.Ordinal);
        Assert.Contains("idTableEnds[1] is 3", beyond.Message, StringComparison.Ordinal);
        Assert.Equal("idIndices", index.ParamName);
        Assert.Contains("idIndices[1] is 2, but must be from 0 to 1", index.Message, StringComparison.Ordinal);
        Assert.Contains("idIndices[0] is -1", negative.Message, StringComparison.Ordinal);
        Assert.Equal("amounts", nan.ParamName);
        Assert.Contains("amounts[1]", nan.Message, StringComparison.Ordinal);
        Assert.Equal(0, builder.TransactionCount);
        builder.Add("ab".AsSpan(), [1, 2], [1, 1], dates, [1.0, 2.0]);
        var b = Assert.Single(builder.Build());
        Assert.Equal(("b", 2, 3.0), (b.CustomerId, b.PurchaseDays, b.Spend));
        Assert.Throws<InvalidOperationException>(() => builder.Add("a".AsSpan(), [1], [0], dates.AsSpan(0, 1), [1.0]));
    }

    [Fact]
    public void Add_TableBlockOfKnownCustomers_AllocatesNothingPerRow()
    {
        var rows = Enumerable.Range(0, 50_000).Select(i => new Transaction("c" + (i / 3), new DateOnly(2024, 1, 1).AddDays(i % 90), 1 + (i % 7))).ToArray();
        var (table, ends, indices, dates, amounts) = TableBlock(rows);
        var builder = new CustomerSummariesBuilder(End, TimeUnit.Day);
        builder.Add(table, ends, indices, dates, amounts);

        // Every customer is known, so a string or an array per row or per entry would show up in every attempt.
        long allocated = Allocations.Least(5, () => builder.Add(table, ends, indices, dates, amounts));

        Assert.True(allocated < 1024, $"allocated {allocated} bytes");
        Assert.Equal(6 * rows.Length, builder.TransactionCount);
    }

    /// <summary>
    /// The rows as a table block: one entry per run of equal ids, plus an unused entry first and the first entry repeated
    /// at the end (used by the rows of the first id that come back later), as a dictionary-encoded column may have them.
    /// </summary>
    internal static (string Table, int[] Ends, int[] Indices, DateOnly[] Dates, double[] Amounts) TableBlock(ReadOnlySpan<Transaction> rows)
    {
        var table = new System.Text.StringBuilder("unused");
        var ends = new List<int> { table.Length };
        var indices = new int[rows.Length];
        string? firstId = null;
        int repeat = -1;
        for (int i = 0; i < rows.Length; i++)
        {
            string id = rows[i].CustomerId;
            if (i > 0 && id == rows[i - 1].CustomerId)
            {
                indices[i] = indices[i - 1];
                continue;
            }

            firstId ??= id;
            if (id == firstId && i > 0)
            {
                if (repeat < 0)
                {
                    table.Append(id);
                    ends.Add(table.Length);
                    repeat = ends.Count - 1;
                }

                indices[i] = repeat;
                continue;
            }

            table.Append(id);
            ends.Add(table.Length);
            indices[i] = ends.Count - 1;
        }

        return (table.ToString(), [.. ends], indices, [.. rows.ToArray().Select(t => t.Date)], [.. rows.ToArray().Select(t => t.Amount)]);
    }

    [Fact]
    public void Add_IdAsTextThenAsString_OneCustomer()
    {
        var builder = new CustomerSummariesBuilder(End, TimeUnit.Day);
        builder.Add("alice".AsSpan(), new DateOnly(2024, 1, 1), 1);
        builder.Add([new(new string("alice".AsSpan()), new DateOnly(2024, 1, 5), 2)]);
        builder.Add("alice", new DateOnly(2024, 1, 5), 3);

        var alice = Assert.Single(builder.Build());

        Assert.Equal((2, 6.0), (alice.PurchaseDays, alice.Spend));
    }

    [Fact]
    public void Add_EmptyId_ThrowsNamingTheParameter()
    {
        var builder = new CustomerSummariesBuilder(End, TimeUnit.Day);

        var e = Assert.Throws<ArgumentException>(() => builder.Add(ReadOnlySpan<char>.Empty, new DateOnly(2024, 1, 1), 1));

        Assert.Equal("customerId", e.ParamName);
        Assert.Equal(0, builder.TransactionCount);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Add_AmountNotFinite_ThrowsNamingTheParameterAndValue(double amount)
    {
        var builder = new CustomerSummariesBuilder(End, TimeUnit.Day);

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => builder.Add("a", new DateOnly(2024, 1, 1), amount));

        Assert.Equal("amount", e.ParamName);
        Assert.Equal(amount, e.ActualValue);
        Assert.Equal(0, builder.TransactionCount);
    }

    [Fact]
    public void Add_AfterBuild_Throws()
    {
        var builder = new CustomerSummariesBuilder(End, TimeUnit.Day);
        builder.Add("a", new DateOnly(2024, 1, 1), 1);
        _ = builder.Build();

        Assert.Throws<InvalidOperationException>(() => builder.Add("a", new DateOnly(2024, 1, 2), 1));
    }
}
