using Clv.Probabilistic;
using Clv.Valuation;

namespace Clv.Tests;

/// <content>The README's valuation section (folded in from the old Valuation/ReadmeTourTests) and the sBG example.</content>
internal static partial class ReadmeExamples
{
    public sealed record ValuationValues(
        double[] SoFar, double[] Recent, double One, double Simple, double Population, double Segment,
        double AtEnd, double AtStart, double[] Values, CustomerSummaries Accounts, double[] AccountValue, ChannelReport Channels);

    public static ValuationValues Valuation(TransactionLog log, CustomerSummaries customers)
    {
        // <readme:valuation>
        // Historical value: margin on purchases in a window, less costs; refunds only without a window (they are not dated).
        double[] soFar = HistoricalValue.Compute(customers, new HistoricalValueOptions { MarginRate = 0.3 });
        double[] recent = HistoricalValue.Compute(customers, new HistoricalValueOptions
        {
            MarginRate = 0.3,
            Window = HistoricalWindow.LastMonths(3),   // calendar months ending at the observation end
        });
        double one = HistoricalValue.ForCustomer(customers, 0);   // MarginRate 1 by default: NetSpend

        // Average-based CLV (per year): annual purchase value x gross margin rate / annual churn rate - acquisition cost.
        double simple = AverageClv.Compute(annualPurchaseValue: 1000, grossMarginRate: 0.4, annualChurnRate: 0.25, acquisitionCost: 300); // 1300
        double population = AverageClv.ForPopulation(customers, grossMarginRate: 0.3, annualChurnRate: 0.4);
        double segment = AverageClv.ForSegment(customers, [0, 5, 9], 0.3, 0.4);

        // Retention-based discounted CLV: margin and retention per Period; the discount rate in any period is converted.
        var yearly = new RetentionClvOptions { Period = TimeUnit.Year, DiscountRate = DiscountRate.Annual(0.1) };
        double atEnd = RetentionClv.Value(100, 0.8, yearly);                                            // 266.67
        double atStart = RetentionClv.Value(100, 0.8, new RetentionClvOptions
        {
            Period = TimeUnit.Year,
            DiscountRate = DiscountRate.Annual(0.1),
            Timing = MarginTiming.Start,
        });                                                                                             // 366.67
        var monthly = new RetentionClvOptions { Period = TimeUnit.Month, DiscountRate = DiscountRate.Annual(0.1), Horizon = 36 };
        double[] values = RetentionClv.Value([10.0, 25.0], [0.97, 0.9], monthly);                       // array form; span form too

        // Accounts (B2B): roll contacts up to accounts, then summarise and value per account.
        var contactToAccount = new Dictionary<string, string> { ["1"] = "Acme", ["2"] = "Acme" };
        CustomerSummaries accounts = AccountRollup.Summaries(log.Transactions, contactToAccount,
            observationEnd: new DateOnly(1997, 9, 30), TimeUnit.Week, unmapped: UnmappedContactPolicy.OwnAccount);
        double[] accountValue = HistoricalValue.Compute(accounts, new HistoricalValueOptions { MarginRate = 0.3 });

        // Channel economics: per acquisition channel, mean value, cost, value/cost and payback.
        ChannelReport channels = ChannelReport.Create(
            [new ChannelCustomer("search", AcquisitionCost: 40, Value: 300, MarginPerPeriod: 10),
             new ChannelCustomer("tv", 200, 150, 5)],
            marginPeriod: TimeUnit.Month);
        int? monthsToPayBack = channels.Rows[0].PaybackPeriods;   // 4 months: 4 x 10 covers 40
        // </readme:valuation>
        _ = monthsToPayBack;
        return new(soFar, recent, one, simple, population, segment, atEnd, atStart, values, accounts, accountValue, channels);
    }

    public static (FitResult<ShiftedBetaGeometricModel> Fit, double R1, double[] Survival, double Del, double Derl, double Worth, double MonthlyDel) Sbg()
    {
        // <readme:sbg>
        // Fit to one cohort's share still subscribed after 0..7 renewal periods (or Fit([1000, 869, 743, ...]) with counts).
        FitResult<ShiftedBetaGeometricModel> fit = ShiftedBetaGeometricModel.FitPercentAlive(
            [100, 86.9, 74.3, 65.3, 59.3, 55.1, 51.7, 49.1], cohortSize: 1000);
        ShiftedBetaGeometricModel sbg = fit.Model;                          // Alpha 0.668, Beta 3.806, LikelihoodLn -1611.16
        double r1 = sbg.RetentionRate(1);                                   // 0.851: retention rises as churners leave
        double[] survival = sbg.SurvivalCurve(24);                          // S(0..24)
        double del = sbg.DiscountedExpectedLifetime(0.1);                   // 5.922 periods at 10% per contract period
        double derl = sbg.DiscountedExpectedResidualLifetime(8, 0.1);       // 7.530 periods after 7 renewals
        double worth = sbg.ResidualValue(margin: 50, n: 8, discountRate: 0.1);                          // 50 x DERL
        double monthlyDel = sbg.DiscountedExpectedLifetime(DiscountRate.Annual(0.1), TimeUnit.Month);  // monthly contracts, 10% a year
        // </readme:sbg>
        return (fit, r1, survival, del, derl, worth, monthlyDel);
    }

    public static (AbcClass[] Classes, int A, double AShareOfValue) Abc(CustomerSummaries customers)
    {
        // <readme:abc>
        // ABC tiers by cumulative share of value: A = the fewest top customers bringing 80% of it, B the next 15%, C the rest.
        double[] value = HistoricalValue.Compute(customers, HistoricalValueOptions.Default);   // or predicted CLV
        AbcClass[] tiers = AbcClassification.Classify(value, AbcOptions.Default);            // aligned with the summaries
        int aCustomers = tiers.Count(t => t == AbcClass.A);                                   // CDNOW: 900 of 2,357 bring 80%
        // </readme:abc>
        double total = value.Where(v => v > 0).Sum();
        return (tiers, aCustomers, value.Where((v, i) => tiers[i] == AbcClass.A).Sum() / total);
    }
}
