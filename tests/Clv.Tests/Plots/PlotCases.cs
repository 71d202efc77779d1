using Clv.Lifecycle;
using Clv.Plots;
using Clv.Probabilistic;
using Clv.Rfm;
using Clv.Tests.Probabilistic;
using Clv.Valuation;

namespace Clv.Tests.Plots;

/// <summary>Every plot of Clv.Plots drawn for CDNOW (calibration to 1997-09-30, holdout to 1998-06-30, weeks), by name.</summary>
internal static class PlotCases
{
    private static readonly Lazy<Transaction[]> LazyRows = new(TestData.CdnowSample);
    private static readonly Lazy<ModelComparisonReport> LazyComparison = new(() => ModelComparison.Compare(Customers));
    private static readonly Lazy<RfmScores> LazyScores = new(() => RfmScorer.Score(Customers));
    private static readonly Lazy<ValueEvaluationReport> LazyEvaluation = new(() =>
    {
        double[] purchases = Model.ConditionalExpectedPurchases(Customers, Customers.HoldoutLength);
        double[] perPurchase = Spend.ConditionalExpectedSpend(Customers);
        double[] predicted = purchases.Zip(perPurchase, (n, s) => n * s).ToArray();
        return ValueEvaluationReport.Create(predicted, Customers.Select(c => c.HoldoutSpend).ToArray());
    });

    public static Transaction[] Rows => LazyRows.Value;

    public static CustomerSummaries Customers => CdnowFits.Summaries;

    public static BgNbdModel Model => CdnowFits.BgNbd.Model;

    public static GammaGammaModel Spend => CdnowFits.GammaGamma.Model;

    public static ModelComparisonReport Comparison => LazyComparison.Value;

    public static RfmScores Scores => LazyScores.Value;

    public static SegmentReport Segments => SegmentReport.Create(Customers, Scores, SegmentMap.RfGrid());

    public static LifecycleHistoryReport History =>
        LifecycleHistoryReport.CreateAtMonthEnds(LifecyclePolicy.FromDays(), Customers, new DateOnly(1997, 1, 1), Customers.HoldoutEnd);

    public static LifecycleTransitionReport Transitions =>
        LifecycleTransitionReport.Create(LifecyclePolicy.FromDays(), Customers, Customers.ObservationEnd, Customers.HoldoutEnd);

    public static CohortReport Cohorts => CohortReport.Create(Customers, CohortPeriod.Month, Customers.HoldoutEnd);

    public static ValueEvaluationReport Evaluation => LazyEvaluation.Value;

    public static double[] Clv => PredictiveClv.Compute(Model, Spend, Customers, new PredictiveClvOptions { Periods = 52, Period = TimeUnit.Week });

    public static ChannelReport Channels => ChannelReport.Create(
        [new ChannelCustomer("search", 40, 300, 10), new ChannelCustomer("search", 60, 200, 8), new ChannelCustomer("tv", 200, 150, 5), new ChannelCustomer("referral", 0, 120, 4)],
        TimeUnit.Month);

    public static readonly Dictionary<string, Func<PlotOptions?, ClvPlot>> All = new(StringComparer.Ordinal)
    {
        ["TrackingCumulative"] = o => ProbabilisticPlots.TrackingCumulative(Model, Customers, o),
        ["TrackingIncremental"] = o => ProbabilisticPlots.TrackingIncremental(Model, Customers, o),
        ["FrequencyInCalibration"] = o => ProbabilisticPlots.FrequencyInCalibration(Model, Customers, 7, o),
        ["CalibrationVsHoldout"] = o => ProbabilisticPlots.CalibrationVsHoldout(HoldoutValidation.Evaluate(Model, Customers), o),
        ["CalibrationVsHoldoutByRecency"] = o => ProbabilisticPlots.CalibrationVsHoldoutByRecency(Model, Customers, 8, o),
        ["CalibrationVsHoldoutByTimeSinceLastPurchase"] = o => ProbabilisticPlots.CalibrationVsHoldoutByTimeSinceLastPurchase(Model, Customers, 8, o),
        ["ExpectedPurchasesMatrix"] = o => ProbabilisticPlots.ExpectedPurchasesMatrix(Model, Customers, 52, o),
        ["ProbabilityAliveMatrix"] = o => ProbabilisticPlots.ProbabilityAliveMatrix(Model, Customers, o),
        ["ProbabilityAliveHistory"] = o => ProbabilisticPlots.ProbabilityAliveHistory(Model, Rows, Customers[0].CustomerId, Customers.HoldoutEnd, o),
        ["PurchaseRateHeterogeneity"] = o => ProbabilisticPlots.PurchaseRateHeterogeneity(Model, o),
        ["DropoutHeterogeneity"] = o => ProbabilisticPlots.DropoutHeterogeneity(Model, o),
        ["SpendFit"] = o => ProbabilisticPlots.SpendFit(Spend, Customers, o),
        ["CustomerTimelines"] = o => ProbabilisticPlots.CustomerTimelines(Rows, Customers, 30, o),
        ["ModelComparisonTracking"] = o => ProbabilisticPlots.ModelComparisonTracking(Comparison, Customers, o),
        ["SegmentSizes"] = o => RfmPlots.SegmentSizes(Segments, o),
        ["SegmentValue"] = o => RfmPlots.SegmentValue(Segments, o),
        ["RecencyFrequencyCounts"] = o => RfmPlots.RecencyFrequencyCounts(Customers, Scores, o),
        ["RecencyFrequencyValue"] = o => RfmPlots.RecencyFrequencyValue(Customers, Scores, o),
        ["StageCounts"] = o => LifecyclePlots.StageCounts(History, o),
        ["Migration"] = o => LifecyclePlots.Migration(Transitions, o),
        ["CohortRetention"] = o => LifecyclePlots.CohortRetention(Cohorts, o),
        ["ClvDistribution"] = o => ValuePlots.ClvDistribution(Clv, o),
        ["Lorenz"] = o => ValuePlots.Lorenz(Evaluation, o),
        ["Deciles"] = o => ValuePlots.Deciles(Evaluation, o),
        ["ChannelValueToCost"] = o => ValuePlots.ChannelValueToCost(Channels, o),
    };

    public static TheoryData<string> Names() => new(All.Keys);
}
