namespace Clv.Tests;

public class CustomerSummaryCreateTests
{
    private static readonly DateOnly D = new(2024, 1, 10);

    [Fact]
    public void Create_EveryCdnowSummaryFromItsFields_Equal()
    {
        foreach (var s in TestData.CdnowSummaries())
        {
            var c = CustomerSummary.Create(s.CustomerId, s.TimeUnit, s.FirstPurchase, s.LastPurchase, s.PurchaseDays, s.Recency, s.Age, s.DaysSinceLastPurchase, s.Spend, s.Refunds, s.MonetaryValue, s.HoldoutPurchaseDays, s.HoldoutSpend);
            Assert.Equal((s.CustomerId, s.Frequency, s.Recency, s.Age, s.NetSpend, s.MonetaryValue, s.DaysSinceLastPurchase), (c.CustomerId, c.Frequency, c.Recency, c.Age, c.NetSpend, c.MonetaryValue, c.DaysSinceLastPurchase));
        }
    }

    [Fact]
    public void Create_NoPurchase_OnlyRefundsAndHoldout()
    {
        var c = CustomerSummary.Create("r", TimeUnit.Day, null, null, 0, 0, 0, null, 0, 12.5, 0, 2, 30);
        Assert.False(c.HasPurchase);
        Assert.Equal(-12.5, c.NetSpend);
    }

    public static TheoryData<string, Func<CustomerSummary>> Contradictions() => new()
    {
        { "firstPurchase", () => CustomerSummary.Create("a", TimeUnit.Day, D, null, 0, 0, 0, null, 0, 0, 0, 0, 0) },
        { "purchaseDays", () => CustomerSummary.Create("a", TimeUnit.Day, null, null, 0, 0, 3, null, 0, 0, 0, 0, 0) },
        { "lastPurchase", () => CustomerSummary.Create("a", TimeUnit.Day, D, D.AddDays(-1), 2, 1, 5, 4, 10, 0, 5, 0, 0) },
        { "purchaseDays", () => CustomerSummary.Create("a", TimeUnit.Day, D, D, 2, 0, 5, 4, 10, 0, 5, 0, 0) },
        { "purchaseDays", () => CustomerSummary.Create("a", TimeUnit.Day, D, D.AddDays(2), 4, 2, 5, 3, 10, 0, 5, 0, 0) },
        { "recency", () => CustomerSummary.Create("a", TimeUnit.Day, D, D.AddDays(3), 2, 6, 5, 2, 10, 0, 5, 0, 0) },
        { "recency", () => CustomerSummary.Create("a", TimeUnit.Day, D, D, 1, 0, 5, 5, 10, 0, 5, 0, 0) },
        { "age", () => CustomerSummary.Create("a", TimeUnit.Day, D, D, 1, 0, double.NaN, 5, 10, 0, 0, 0, 0) },
        { "daysSinceLastPurchase", () => CustomerSummary.Create("a", TimeUnit.Day, D, D, 1, 0, 5, -1, 10, 0, 0, 0, 0) },
        { "timeUnit", () => CustomerSummary.Create("a", (TimeUnit)9, D, D, 1, 0, 5, 5, 10, 0, 0, 0, 0) },
        { "customerId", () => CustomerSummary.Create("", TimeUnit.Day, D, D, 1, 0, 5, 5, 10, 0, 0, 0, 0) },
    };

    [Theory]
    [MemberData(nameof(Contradictions))]
    public void Create_ContradictoryFields_ArgumentExceptionNamingTheField(string parameter, Func<CustomerSummary> create)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => create());
        Assert.Equal(parameter, e.ParamName);
    }
}
