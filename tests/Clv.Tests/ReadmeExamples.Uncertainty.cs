using Clv.Probabilistic;

namespace Clv.Tests;

/// <content>The README's section on next purchases, CLV by period, new customers and prediction intervals.</content>
internal static partial class ReadmeExamples
{
    public sealed record UncertaintyValues(
        double Median, double[] Medians, double Within13, double PTwo, int Upper, ClvByPeriod ByYear, double Year2, NewCustomerValue NewCustomer,
        PredictionIntervalReport Intervals, double Coverage, NewCustomerIntervals Acquired);

    public static UncertaintyValues Uncertainty(CustomerSummaries customers, FitResult<BgNbdModel> fit, FitResult<GammaGammaModel> spendFit, double[] actual)
    {
        BgNbdModel model = fit.Model;
        GammaGammaModel spend = spendFit.Model;

        // <readme:next-purchase>
        // When will a customer buy again? Every PurchaseModel answers; times are in the model's unit (weeks here).
        CustomerSummary c = customers[0];
        double median = model.NextPurchaseTime(c, 0.5);                 // median time to the next purchase; +∞ if P(ever again) ≤ 0.5
        double[] medians = model.NextPurchaseTime(customers, 0.5);      // every customer (once per distinct x, t_x, T, in parallel)
        double within13 = model.ProbabilityOfAnyPurchase(c, 13);        // P(a purchase within 13 weeks)
        double pTwo = model.ConditionalPurchaseCountProbability(2, c.Frequency, c.Recency, c.Age, 52);   // P(exactly 2 in 52 weeks)
        int upper = model.ConditionalPurchaseCountQuantile(c.Frequency, c.Recency, c.Age, 52, 0.95);     // at most this many, 95% sure
        // </readme:next-purchase>

        // <readme:clv-by-period>
        // CLV by period: 36 months kept apart, then grouped into years 1, 2 and 3; each row sums to PredictiveClv's total.
        var threeYears = new PredictiveClvOptions { Periods = 36, Period = TimeUnit.Month, MarginRate = 0.3 };
        ClvByPeriod byMonth = ClvByPeriod.Compute(model, spend, customers, threeYears);
        ClvByPeriod byYear = byMonth.Grouped(12);                       // PeriodCount 3, PeriodsPerColumn 12
        double year2 = byYear[0, 1];                                    // customer 0's discounted margin in year 2
        double[] everyYear1 = byYear.Column(0);

        // A customer not yet acquired: the first purchase plus three years of repeat purchases, against the cost of acquisition.
        NewCustomerValue newCustomer = PredictiveClv.NewCustomer(model, spend, threeYears);
        Console.WriteLine($"{newCustomer.Value:0.00} = {newCustomer.FirstPurchaseValue:0.00} first + {newCustomer.RepeatValue:0.00} repeat");
        // </readme:clv-by-period>

        // <readme:intervals>
        // How sure is each prediction? 90% intervals from 200 draws of the fitted parameters (seeded: same result on any machine).
        PredictionIntervalReport intervals = PredictionIntervals.Compute(fit, spendFit, customers, 39, new PredictionIntervalOptions
        {
            Level = 0.9,
            Draws = 200,
            Uncertainty = ParameterUncertainty.Asymptotic,   // or Bootstrap: refit on Poisson-resampled customers
            Clv = threeYears,
        });
        PredictionIntervalRow row = intervals.Rows[0];
        PredictionInterval alive = row.AliveProbability;      // Lower, Median, Upper of P(alive)
        PredictionInterval purchases = row.Purchases;          // how many purchases in the next 39 weeks, in whole numbers
        double coverage = intervals.PurchaseCoverage(actual);  // share of realised holdout counts inside their interval
        NewCustomerIntervals acquired = PredictionIntervals.NewCustomer(fit, spendFit, customers, new PredictionIntervalOptions { Clv = threeYears });
        // </readme:intervals>

        _ = alive.Median + purchases.Upper + everyYear1[0];
        return new UncertaintyValues(median, medians, within13, pTwo, upper, byYear, year2, newCustomer, intervals, coverage, acquired);
    }

    public static (FitResult<ShiftedBetaGeometricModel> Joint, FitResult<ShiftedBetaGeometricModel> Accounts, ContractCohortReport Curves) SbgCohorts()
    {
        // <readme:sbg-cohorts>
        // Several cohorts, observed for different numbers of periods, fitted jointly (one cohort gives exactly Fit(counts)).
        int[][] cohorts =
        [
            [1000, 869, 743, 653, 593, 551, 517, 491],   // joined 7 periods ago
            [800, 690, 601, 538],                        // joined 3 periods ago
        ];
        FitResult<ShiftedBetaGeometricModel> joint = ShiftedBetaGeometricModel.FitCohorts(cohorts, FitOptions.Default);
        ContractCohortReport curves = ContractCohortReport.Create(joint.Model, cohorts);   // actual vs model renewal per cohort

        // Or one record per account: periods observed, and whether it is still active (right-censored) or cancelled.
        ContractRecord[] accounts =
        [
            new(Periods: 3, IsActive: false),            // renewed twice, cancelled at the end of period 3
            new(Periods: 5, IsActive: true),             // five periods so far, still subscribed
            new(Periods: 1, IsActive: false, Weight: 40), // 40 accounts that left after their first period
            new(Periods: 6, IsActive: true, Weight: 100),
            new(Periods: 2, IsActive: false, Weight: 25),
        ];
        FitResult<ShiftedBetaGeometricModel> fromAccounts = ShiftedBetaGeometricModel.Fit(accounts, FitOptions.Default);
        // </readme:sbg-cohorts>
        return (joint, fromAccounts, curves);
    }

}
