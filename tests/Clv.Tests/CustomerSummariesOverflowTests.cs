namespace Clv.Tests;

/// <summary>
/// Amounts that are each finite but whose total is not (1e308 twice) are refused naming the customer, by every way of making
/// summaries, instead of an infinite spend or refund total that every later value would carry.
/// </summary>
public class CustomerSummariesOverflowTests
{
    private static readonly DateOnly End = new(2024, 6, 30);

    public static TheoryData<double, double> Overflowing() => new()
    {
        { 1e308, 1e308 },     // two purchases on one day: the day's amount
        { -1e308, -1e308 },   // two refunds: the refund total
    };

    [Theory]
    [MemberData(nameof(Overflowing))]
    public void FromTransactions_TotalPastTheLargestDouble_ThrowsNamingTheCustomer(double a, double b)
    {
        Transaction[] rows = [new("ok", new DateOnly(2024, 1, 2), 10), new("huge", new DateOnly(2024, 1, 5), a), new("huge", new DateOnly(2024, 1, 5), b)];

        var e = Assert.Throws<OverflowException>(() => CustomerSummaries.FromTransactions(rows, End, TimeUnit.Day));

        Assert.Contains("Customer 'huge': the amounts sum to more than the largest finite number", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Builder_PurchasesOnTwoDaysPastTheLargestDouble_ThrowsNamingTheCustomer()
    {
        var builder = new CustomerSummariesBuilder(End, TimeUnit.Day);
        builder.Add("huge", new DateOnly(2024, 1, 5), 1e308);
        builder.Add("huge", new DateOnly(2024, 2, 5), 1e308);

        var e = Assert.Throws<OverflowException>(builder.Build);

        Assert.Contains("Customer 'huge'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_PartsWhoseTotalsOverflowTogether_ThrowsNamingTheCustomer()
    {
        var first = CustomerSummaries.FromTransactions([new Transaction("huge", new DateOnly(2024, 1, 5), 1e308)], End, TimeUnit.Day);
        var second = CustomerSummaries.FromTransactions([new Transaction("huge", new DateOnly(2024, 1, 5), 1e308)], End, TimeUnit.Day);

        var e = Assert.Throws<OverflowException>(() => CustomerSummaries.Merge(first, second));

        Assert.Contains("Customer 'huge'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromTransactions_LargeButFiniteTotals_AreKept()
    {
        Transaction[] rows = [new("big", new DateOnly(2024, 1, 5), 8e307), new("big", new DateOnly(2024, 1, 5), 8e307), new("big", new DateOnly(2024, 2, 5), -1e307)];

        var summary = CustomerSummaries.FromTransactions(rows, End, TimeUnit.Day)[0];

        Assert.Equal(1.6e308, summary.Spend, 1e294);
        Assert.Equal(1e307, summary.Refunds);
    }
}
