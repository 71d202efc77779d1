using Clv.Probabilistic;
using Clv.Valuation;

namespace Clv.Tests.Valuation;

/// <summary>The README's valuation tour (valuation-README.md), compiled and run on CDNOW so it never rots.</summary>
public class ReadmeTourTests
{
    [Fact]
    public void ReadmeTour_RunsOnCdnow_AndPrintsTheDocumentedNumbers()
    {
        var transactions = TestData.CdnowSample();
        var customers = CustomerSummaries.FromTransactions(transactions, new DateOnly(1997, 9, 30), TimeUnit.Week);

        double[] soFar = HistoricalValue.Compute(customers, new HistoricalValueOptions { MarginRate = 0.3 });
        double[] recent = HistoricalValue.Compute(customers, new HistoricalValueOptions
        {
            MarginRate = 0.3,
            Window = HistoricalWindow.LastMonths(3),
        });
        double one = HistoricalValue.ForCustomer(customers, 0);

        double simple = AverageClv.Compute(annualPurchaseValue: 1000, grossMarginRate: 0.4, annualChurnRate: 0.25, acquisitionCost: 300);
        double population = AverageClv.ForPopulation(customers, grossMarginRate: 0.3, annualChurnRate: 0.4);
        double segment = AverageClv.ForSegment(customers, [0, 5, 9], 0.3, 0.4);

        var yearly = new RetentionClvOptions { Period = TimeUnit.Year, DiscountRate = DiscountRate.Annual(0.1) };
        double atEnd = RetentionClv.Value(100, 0.8, yearly);
        double atStart = RetentionClv.Value(100, 0.8, new RetentionClvOptions
        { Period = TimeUnit.Year, DiscountRate = DiscountRate.Annual(0.1), Timing = MarginTiming.Start });
        var monthly = new RetentionClvOptions { Period = TimeUnit.Month, DiscountRate = DiscountRate.Annual(0.1), Horizon = 36 };
        double[] values = RetentionClv.Value(new[] { 10.0, 25.0 }, new[] { 0.97, 0.9 }, monthly);

        FitResult<ShiftedBetaGeometricModel> fit = ShiftedBetaGeometricModel.FitPercentAlive(
            [100, 86.9, 74.3, 65.3, 59.3, 55.1, 51.7, 49.1], cohortSize: 1000);
        ShiftedBetaGeometricModel sbg = fit.Model;
        double r1 = sbg.RetentionRate(1);
        double[] survival = sbg.SurvivalCurve(24);
        double del = sbg.DiscountedExpectedLifetime(0.1);
        double derl = sbg.DiscountedExpectedResidualLifetime(8, 0.1);
        double worth = sbg.ResidualValue(margin: 50, n: 8, discountRate: 0.1);
        double monthlyDel = sbg.DiscountedExpectedLifetime(DiscountRate.Annual(0.1), TimeUnit.Month);

        var contactToAccount = new Dictionary<string, string> { ["1"] = "Acme", ["2"] = "Acme" };
        CustomerSummaries accounts = AccountRollup.Summaries(transactions, contactToAccount,
            observationEnd: new DateOnly(1997, 9, 30), TimeUnit.Week, unmapped: UnmappedContactPolicy.OwnAccount);
        double[] accountValue = HistoricalValue.Compute(accounts, new HistoricalValueOptions { MarginRate = 0.3 });

        ChannelReport channels = ChannelReport.Create(
            [new ChannelCustomer("search", AcquisitionCost: 40, Value: 300, MarginPerPeriod: 10),
             new ChannelCustomer("tv", 200, 150, 5)],
            marginPeriod: TimeUnit.Month);
        int? monthsToPayBack = channels.Rows[0].PaybackPeriods;

        Assert.Equal(customers.Count, soFar.Length);
        for (int i = 0; i < customers.Count; i++)
        {
            Assert.InRange(recent[i], 0, soFar[i] + customers[i].Refunds + 1e-9);
        }

        Assert.Equal(customers[0].NetSpend, one, 1e-9);
        Assert.Equal(1300, simple, 1e-9);
        Assert.True(population > 0 && segment > 0);
        Assert.Equal(266.67, atEnd, 0.005);
        Assert.Equal(366.67, atStart, 0.005);
        Assert.Equal(2, values.Length);
        Assert.Equal(0.851, r1, 1e-3);
        Assert.Equal(25, survival.Length);
        Assert.Equal(5.923, del, 1e-3);
        Assert.Equal(7.530, derl, 1e-3);
        Assert.Equal(50 * derl, worth, 1e-9);
        Assert.True(monthlyDel > del);
        Assert.Equal(customers.Count - 1, accounts.Count);
        Assert.Equal(accounts.Count, accountValue.Length);
        Assert.Equal(4, monthsToPayBack);
    }
}
