namespace Clv.Tests;

/// <summary>The builder's row-at-a-time input: ids as text, for database cursors and other readers.</summary>
public class CustomerSummariesBuilderTests
{
    private static readonly DateOnly End = new(2024, 3, 31);

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
