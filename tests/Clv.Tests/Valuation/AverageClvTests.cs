using Clv.Valuation;

namespace Clv.Tests.Valuation;

public class AverageClvTests
{
    [Fact]
    public void Compute_TextbookExample_AnnualValueTimesLifetimeMinusCac()
    {
        // 1,000 a year at 40% margin, 25% churn (4-year lifetime), CAC 300: 400 x 4 - 300.
        Assert.Equal(1300, AverageClv.Compute(1000, 0.4, 0.25, 300), 1e-9);
    }

    [Fact]
    public void Compute_ChurnRateZero_ThrowsNamingValue()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => AverageClv.Compute(1000, 0.4, 0));

        Assert.Equal("annualChurnRate", ex.ParamName);
        Assert.Contains("annualChurnRate must be greater than 0 and at most 1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("but was 0", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1.2)]
    [InlineData(-0.2)]
    public void Compute_MarginRateOutsideUnitInterval_ThrowsNamingValue(double marginRate)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => AverageClv.Compute(1000, marginRate, 0.2));

        Assert.Equal("grossMarginRate", ex.ParamName);
    }

    [Fact]
    public void AnnualPurchaseValue_OneCustomerOverOneYear_IsNetSpend()
    {
        // First purchase 364 days before the end: 365 days observed including the first day.
        var end = new DateOnly(2024, 12, 30);
        Transaction[] rows = [new("a", end.AddDays(-364), 100), new("a", end.AddDays(-10), 265.25), new("a", end.AddDays(-9), -0.25)];
        var customers = CustomerSummaries.FromTransactions(rows, end, TimeUnit.Day);

        Assert.Equal(365.0 / (365 / 365.25), AverageClv.AnnualPurchaseValue(customers, [0]), 1e-9);
        Assert.Equal(AverageClv.Compute(365.0 * 365.25 / 365, 0.5, 0.5), AverageClv.ForCustomer(customers, 0, 0.5, 0.5), 1e-9);
    }

    [Fact]
    public void ForPopulation_EqualsSegmentOfEveryone_AndPoolsSpendOverExposure()
    {
        var customers = TestData.CdnowSummaries();
        var everyone = Enumerable.Range(0, customers.Count).ToArray();
        double spend = 0, years = 0;
        foreach (var c in customers)
        {
            spend += c.NetSpend;
            years += (customers.ObservationEnd.DayNumber - c.FirstPurchase!.Value.DayNumber + 1) / 365.25;
        }

        Assert.Equal(spend / years, AverageClv.AnnualPurchaseValue(customers, everyone), 1e-9);
        Assert.Equal(AverageClv.ForSegment(customers, everyone, 0.3, 0.4, 10), AverageClv.ForPopulation(customers, 0.3, 0.4, 10), 1e-9);
    }

    [Fact]
    public void ForSegment_NoPurchasingMember_Throws()
    {
        var customers = TestData.CdnowSummaries();
        Assert.Throws<ArgumentException>(() => AverageClv.ForSegment(customers, [], 0.3, 0.4));
        Assert.Throws<ArgumentOutOfRangeException>(() => AverageClv.ForSegment(customers, [-1], 0.3, 0.4));
    }

    [Fact]
    public void ForCustomer_RefundsAbovePurchases_ThrowsNamingTheCustomerNotAnnualPurchaseValue()
    {
        // Bought 10, returned 50: net spend -40. The caller passed no annualPurchaseValue, so the error must not name one.
        var end = new DateOnly(2024, 12, 31);
        Transaction[] rows = [new("a", end.AddDays(-200), 10), new("a", end.AddDays(-100), -50), new("b", end.AddDays(-170), 50)];
        var customers = CustomerSummaries.FromTransactions(rows, end, TimeUnit.Day);

        var one = Assert.Throws<ArgumentException>(() => AverageClv.ForCustomer(customers, 0, 0.3, 0.4));
        Assert.Equal("index", one.ParamName);
        Assert.Contains("Customer 'a' has a negative net spend", one.Message, StringComparison.Ordinal);
        var segment = Assert.Throws<ArgumentException>(() => AverageClv.ForSegment(customers, [0], 0.3, 0.4));
        Assert.Equal("members", segment.ParamName);
        Assert.Contains("refunds exceed purchases", segment.Message, StringComparison.Ordinal);
        Assert.True(AverageClv.ForPopulation(customers, 0.3, 0.4) > 0);   // pooled with b, the net spend is positive
    }

    [Fact]
    public void ForCustomer_PositionOutsideOrLead_ThrowsNamingIndex()
    {
        var end = new DateOnly(2024, 12, 31);
        Transaction[] rows = [new("a", end.AddDays(-200), 10), new("lead", end.AddDays(-100), -5)];
        var customers = CustomerSummaries.FromTransactions(rows, end, TimeUnit.Day);

        var outside = Assert.Throws<ArgumentOutOfRangeException>(() => AverageClv.ForCustomer(customers, 2, 0.3, 0.4));
        Assert.Equal("index", outside.ParamName);
        var lead = Assert.Throws<ArgumentException>(() => AverageClv.ForCustomer(customers, 1, 0.3, 0.4));
        Assert.Equal("index", lead.ParamName);
        Assert.Contains("Customer 'lead' (index 1) has no purchase", lead.Message, StringComparison.Ordinal);
    }
}
