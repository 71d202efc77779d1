using System.Collections;
using System.Globalization;
using System.Reflection;
using Clv.Crm;
using Clv.Csv;
using Clv.Lifecycle;
using Clv.Probabilistic;
using Clv.Rfm;
using Clv.Tests.Probabilistic;
using Clv.Valuation;

namespace Clv.Tests;

/// <summary>
/// Every public member that takes a <see cref="CustomerSummary"/>, a span of them or <see cref="CustomerSummaries"/>
/// converts the summaries' time unit exactly (the same CDNOW log summarised in days and in weeks gives the same
/// answer from models fitted in weeks) or throws an <see cref="ArgumentException"/> naming both units. Reflection
/// finds the members; a member without a probe here fails the first test, so a new one cannot slip through.
/// </summary>
public class UnitSafetyTests
{
    private static readonly DateOnly End = TestData.CdnowCalibrationEnd;
    private static readonly DateOnly HoldoutEnd = new(1998, 6, 30);
    private static readonly Lazy<Transaction[]> Log = new(TestData.CdnowSample);
    private static readonly Lazy<CustomerSummaries> Days = new(() => CustomerSummaries.FromTransactions(Log.Value, End, TimeUnit.Day, HoldoutEnd));
    private static readonly Lazy<CustomerSummaries> Weeks = new(() => CustomerSummaries.FromTransactions(Log.Value, End, TimeUnit.Week, HoldoutEnd));

    private static readonly PurchaseModel[] Models =
    [
        CdnowFits.Fitted,
        new MbgNbdModel(0.5, 5.0, 1.2, 3.0, TimeUnit.Week),
        new ParetoNbdModel(0.55, 10.58, 0.61, 11.67, TimeUnit.Week),
    ];

    private static readonly GammaGammaModel Spend = new(6.25, 3.74, 15.44);
    private static readonly CovariateSpendModel SpendWithCovariates = new(Spend, [new("firstOrder", 0.39), new("january", 0.05)]);
    private static readonly NormalNormalModel Values = new(-4.5, 12.25, 30.5);
    private static readonly double[] Times = [4, 26, 39];
    private static readonly int[] Members = [0, 5, 17, 400];

    private static LifecyclePolicy Policy => LifecyclePolicy.FromAliveProbability(CdnowFits.Fitted.ProbabilityAlive, 0.5, 0.2);

    /// <summary>Each probe maps summaries (in days or in weeks) to a unit-free answer; both must agree.</summary>
    private static readonly Dictionary<string, (Func<CustomerSummaries, object> Probe, double Tolerance)> Probes = new()
    {
        ["PurchaseModel.ProbabilityAlive(CustomerSummary&)"] = (c => Models.Select(m => Each(c, s => m.ProbabilityAlive(s))).ToArray(), 1e-9),
        ["PurchaseModel.ProbabilityAlive(CustomerSummaries)"] = (c => Models.Select(m => m.ProbabilityAlive(c)).ToArray(), 1e-9),
        ["PurchaseModel.ProbabilityAlive(ReadOnlySpan<CustomerSummary>,Span<Double>)"] = (c => Models.Select(m => Into(c, (s, d) => m.ProbabilityAlive(s, d))).ToArray(), 1e-9),
        ["PurchaseModel.ConditionalExpectedPurchases(CustomerSummary&,Double)"] = (c => Models.Select(m => Each(c, s => m.ConditionalExpectedPurchases(s, 10))).ToArray(), 1e-9),
        ["PurchaseModel.ConditionalExpectedPurchases(CustomerSummaries,Double)"] = (c => Models.Select(m => m.ConditionalExpectedPurchases(c, 10)).ToArray(), 1e-9),
        ["PurchaseModel.ConditionalExpectedPurchases(ReadOnlySpan<CustomerSummary>,Double,Span<Double>)"] = (c => Models.Select(m => Into(c, (s, d) => m.ConditionalExpectedPurchases(s, 10, d))).ToArray(), 1e-9),
        ["PurchaseModel.ProbabilityOfAnyPurchase(CustomerSummary&,Double)"] = (c => Models.Select(m => Each(c, s => m.ProbabilityOfAnyPurchase(s, 10))).ToArray(), 1e-9),
        ["PurchaseModel.ProbabilityOfAnyPurchase(CustomerSummaries,Double)"] = (c => Models.Select(m => m.ProbabilityOfAnyPurchase(c, 10)).ToArray(), 1e-9),
        ["PurchaseModel.ProbabilityOfAnyPurchase(ReadOnlySpan<CustomerSummary>,Double,Span<Double>)"] = (c => Models.Select(m => Into(c, (s, d) => m.ProbabilityOfAnyPurchase(s, 10, d))).ToArray(), 1e-9),
        ["PurchaseModel.NextPurchaseTime(CustomerSummary&,Double)"] = (c => Models.Select(m => Finite(Each(c, s => m.NextPurchaseTime(s, 0.5)))).ToArray(), 1e-9),
        ["PurchaseModel.NextPurchaseTime(CustomerSummaries,Double)"] = (c => Models.Select(m => Finite(m.NextPurchaseTime(c, 0.4))).ToArray(), 1e-9),
        ["PurchaseModel.NextPurchaseTime(ReadOnlySpan<CustomerSummary>,Double,Span<Double>)"] = (c => Models.Select(m => Finite(Into(c, (s, d) => m.NextPurchaseTime(s, 0.3, d)))).ToArray(), 1e-9),
        ["ClvByPeriod.Compute(PurchaseModel,GammaGammaModel,CustomerSummaries,PredictiveClvOptions)"] = (c => Models.Select(m => Column(ClvByPeriod.Compute(m, Spend, c, null), 5)).ToArray(), 1e-9),
        ["ClvByPeriod.Compute(PurchaseModel,GammaGammaModel,CustomerSummary&,PredictiveClvOptions,Span<Double>)"] = (c => Models.Select(m => Each(c, s => Period(m, s, 11))).ToArray(), 1e-9),
        ["PredictionIntervals.Compute(FitResult<TModel>,FitResult<GammaGammaModel>,CustomerSummaries,Double,PredictionIntervalOptions)"] = (c => Intervals(PredictionIntervals.Compute(CdnowFits.BgNbd, CdnowFits.GammaGamma, c, 10, new PredictionIntervalOptions { Draws = 20 })), 1e-9),
        ["PredictionIntervals.NewCustomer(FitResult<TModel>,FitResult<GammaGammaModel>,CustomerSummaries,PredictionIntervalOptions)"] = (c => PredictionIntervals.NewCustomer(CdnowFits.BgNbd, CdnowFits.GammaGamma, c, new PredictionIntervalOptions { Draws = 20 }).Value.Median, 1e-12),
        ["ClvByPeriodCsv.Write(TextWriter,CustomerSummaries,ClvByPeriod)"] = (c => PeriodCsv(c, (w, v) => ClvByPeriodCsv.Write(w, c, v)), 1e-9),
        ["ClvByPeriodCsv.Write(Stream,CustomerSummaries,ClvByPeriod)"] = (c => PeriodCsv(c, (w, v) => ClvByPeriodCsv.Write(((StreamWriter)w).BaseStream, c, v)), 1e-9),
        ["ClvByPeriodCsv.Write(String,CustomerSummaries,ClvByPeriod)"] = (c => PeriodCsv(c, (w, v) =>
        {
            string path = Path.Combine(Path.GetTempPath(), $"clv-units-{Guid.NewGuid():N}.csv");
            ClvByPeriodCsv.Write(path, c, v);
            w.Write(File.ReadAllText(path));
            File.Delete(path);
        }), 1e-9),
        ["ClvByPeriodCsv.Write(TextWriter,CustomerSummaries,ClvByPeriod,CsvWriteOptions)"] = (c => PeriodCsv(c, (w, v) => ClvByPeriodCsv.Write(w, c, v, RawIds)), 1e-9),
        ["ClvByPeriodCsv.Write(Stream,CustomerSummaries,ClvByPeriod,CsvWriteOptions)"] = (c => PeriodCsv(c, (w, v) => ClvByPeriodCsv.Write(((StreamWriter)w).BaseStream, c, v, RawIds)), 1e-9),
        ["ClvByPeriodCsv.Write(String,CustomerSummaries,ClvByPeriod,CsvWriteOptions)"] = (c => PeriodCsv(c, (w, v) =>
        {
            string path = Path.Combine(Path.GetTempPath(), $"clv-units-{Guid.NewGuid():N}.csv");
            ClvByPeriodCsv.Write(path, c, v, RawIds);
            w.Write(File.ReadAllText(path));
            File.Delete(path);
        }), 1e-9),
        ["GammaGammaModel.ConditionalExpectedSpend(CustomerSummary&)"] = (c => Each(c, s => Spend.ConditionalExpectedSpend(s)), 1e-12),
        ["GammaGammaModel.ConditionalExpectedSpend(CustomerSummaries)"] = (c => Spend.ConditionalExpectedSpend(c), 1e-12),
        ["GammaGammaModel.ConditionalExpectedSpend(ReadOnlySpan<CustomerSummary>,Span<Double>)"] = (c => Into(c, Spend.ConditionalExpectedSpend), 1e-12),
        ["GammaGammaModel.Fit(CustomerSummaries)"] = (c => Parameters(GammaGammaModel.Fit(c).Model), 1e-9),
        ["GammaGammaModel.Fit(CustomerSummaries,FitOptions)"] = (c => Parameters(GammaGammaModel.Fit(c, FitOptions.Default).Model), 1e-9),
        ["GammaGammaModel.Fit(CustomerSummaries,SpendCovariateOptions,FitOptions)"] = (c => Coefficients(GammaGammaModel.Fit(c, new SpendCovariateOptions(SpendCovariates(c)) { Spend = ["firstOrder", "january"] }, null).Model), 1e-9),
        ["CovariateSpendModel.ConditionalExpectedSpend(CustomerSummaries,CustomerCovariates)"] = (c => SpendWithCovariates.ConditionalExpectedSpend(c, SpendCovariates(c)), 1e-12),
        ["NormalNormalModel.ConditionalExpectedValue(CustomerSummary&)"] = (c => Each(c, s => Values.ConditionalExpectedValue(s)), 1e-12),
        ["NormalNormalModel.ConditionalExpectedValue(CustomerSummaries)"] = (c => Values.ConditionalExpectedValue(c), 1e-12),
        ["NormalNormalModel.ConditionalExpectedValue(ReadOnlySpan<CustomerSummary>,Span<Double>)"] = (c => Into(c, Values.ConditionalExpectedValue), 1e-12),
        ["NormalNormalModel.Fit(CustomerSummaries)"] = (c => NormalNormalModel.Fit(c).LikelihoodLn, 1e-9),
        ["NormalNormalModel.Fit(CustomerSummaries,FitOptions)"] = (c => NormalNormalModel.Fit(c, FitOptions.Default).Model.ToJson(), 0),
        ["GammaGammaModel.CheckIndependence(CustomerSummaries)"] = (c => GammaGammaModel.CheckIndependence(c).Correlation, 1e-12),
        ["BgNbdModel.Fit(CustomerSummaries)"] = (c => BgNbdModel.Fit(c).Model.ProbabilityAlive(Weeks.Value), 1e-4),
        ["BgNbdModel.Fit(CustomerSummaries,FitOptions)"] = (c => TenWeeks(BgNbdModel.Fit(c, FitOptions.Default).Model), 1e-4),
        ["MbgNbdModel.Fit(CustomerSummaries)"] = (c => MbgNbdModel.Fit(c).Model.ProbabilityAlive(Weeks.Value), 1e-4),
        ["MbgNbdModel.Fit(CustomerSummaries,FitOptions)"] = (c => TenWeeks(MbgNbdModel.Fit(c, FitOptions.Default).Model), 1e-4),
        ["ParetoNbdModel.Fit(CustomerSummaries)"] = (c => ParetoNbdModel.Fit(c).Model.ProbabilityAlive(Weeks.Value), 1e-4),
        ["ParetoNbdModel.Fit(CustomerSummaries,FitOptions)"] = (c => TenWeeks(ParetoNbdModel.Fit(c, FitOptions.Default).Model), 1e-4),
        ["PurchaseStatistics.FromSummaries(CustomerSummaries)"] = (c => StatisticsInDays(PurchaseStatistics.FromSummaries(c)), 1e-9),
        ["SpendStatistics.FromSummaries(CustomerSummaries)"] = (c => Spends(SpendStatistics.FromSummaries(c)), 0),
        ["ModelComparison.Compare(CustomerSummaries)"] = (c => Comparison(ModelComparison.Compare(c)), 1e-4),
        ["ModelComparison.Compare(CustomerSummaries,FitOptions)"] = (c => Comparison(ModelComparison.Compare(c, FitOptions.Default)), 1e-4),
        ["CohortForecast.ActualCumulativeRepeatPurchases(CustomerSummaries,TimeUnit,ReadOnlySpan<Double>)"] = (c => CohortForecast.ActualCumulativeRepeatPurchases(c, TimeUnit.Week, Times), 1e-12),
        ["CohortForecast.ExpectedCumulativeRepeatPurchases(PurchaseModel,CustomerSummaries,ReadOnlySpan<Double>)"] = (c => Models.Select(m => CohortForecast.ExpectedCumulativeRepeatPurchases(m, c, Times)).ToArray(), 1e-9),
        ["HoldoutValidation.Evaluate(PurchaseModel,CustomerSummaries,Int32)"] = (c => Models.Select(m => Holdout(HoldoutValidation.Evaluate(m, c))).ToArray(), 1e-9),
        ["PredictiveClv.Compute(PurchaseModel,GammaGammaModel,CustomerSummary&,PredictiveClvOptions)"] = (c => Models.Select(m => Each(c, s => PredictiveClv.Compute(m, Spend, s, null))).ToArray(), 1e-9),
        ["PredictiveClv.Compute(PurchaseModel,GammaGammaModel,CustomerSummaries,PredictiveClvOptions)"] = (c => Models.Select(m => PredictiveClv.Compute(m, Spend, c, null)).ToArray(), 1e-9),
        ["PredictiveClv.Compute(PurchaseModel,GammaGammaModel,ReadOnlySpan<CustomerSummary>,PredictiveClvOptions,Span<Double>)"] = (c => Models.Select(m => Into(c, (s, d) => PredictiveClv.Compute(m, Spend, s, null, d))).ToArray(), 1e-9),
        ["PredictiveClv.ValueAtRisk(PurchaseModel,GammaGammaModel,CustomerSummaries,PredictiveClvOptions)"] = (c => Models.Select(m => PredictiveClv.ValueAtRisk(m, Spend, c, null)).ToArray(), 1e-9),
        ["RfmCutPoints.Fit(CustomerSummaries)"] = (c => RfmCutPoints.Fit(c).Model.ToJson(), 0),
        ["RfmCutPoints.Fit(CustomerSummaries,RfmOptions)"] = (c => RfmCutPoints.Fit(c, RfmOptions.Default).Model.ToJson(), 0),
        ["RfmCutPoints.Fit(ReadOnlySpan<CustomerSummary>,RfmOptions)"] = (c => RfmCutPoints.Fit(c.AsSpan(), null).Model.ToJson(), 0),
        ["RfmCutPoints.Score(CustomerSummary&)"] = (c => Each(c, s => CutPoints.Score(s).Code), 0),
        ["RfmCutPoints.Score(CustomerSummaries)"] = (c => CutPoints.Score(c).Select(s => s.Code).ToArray(), 0),
        ["RfmCutPoints.Score(ReadOnlySpan<CustomerSummary>,Span<RfmScore>)"] = (c => Codes(c, CutPoints.Score), 0),
        ["RfmScorer.Score(CustomerSummaries)"] = (c => RfmScorer.Score(c).Select(s => s.Code).ToArray(), 0),
        ["RfmScorer.Score(CustomerSummaries,RfmOptions)"] = (c => RfmScorer.Score(c, null).Select(s => s.Code).ToArray(), 0),
        ["RfmScorer.Score(ReadOnlySpan<CustomerSummary>,RfmOptions)"] = (c => RfmScorer.Score(c.AsSpan(), null).Select(s => s.Code).ToArray(), 0),
        ["SegmentReport.Create(CustomerSummaries,RfmScores,SegmentMap)"] = (c => SegmentReport.Create(c, RfmScorer.Score(c), SegmentMap.RfGrid()).ToString(), 0),
        ["SegmentReport.Create(ReadOnlySpan<CustomerSummary>,ReadOnlySpan<RfmScore>,SegmentMap)"] = (c => SegmentReport.Create(c.AsSpan(), RfmScorer.Score(c).AsSpan(), SegmentMap.RfGrid()).ToString(), 0),
        ["LifecyclePolicy.Classify(CustomerSummaries,DateOnly)"] = (c => Stages(Policy.Classify(c, End)), 0),
        ["LifecyclePolicy.Classify(CustomerSummaries,DateOnly,Span<LifecycleStage>)"] = (c => Stages(c, d => Policy.Classify(c, End, d)), 0),
        ["LifecyclePolicy.Classify(CustomerSummaries,ReadOnlySpan<CustomerEngagement>,DateOnly)"] = (c => Stages(Policy.Classify(c, new CustomerEngagement[c.Count], End)), 0),
        ["LifecyclePolicy.Classify(CustomerSummaries,ReadOnlySpan<CustomerEngagement>,DateOnly,Span<LifecycleStage>)"] = (c => Stages(c, d => Policy.Classify(c, new CustomerEngagement[c.Count], End, d)), 0),
        ["LifecyclePolicy.Classify(CustomerSummaries,Int32,CustomerEngagement,DateOnly)"] = (c => Each(c, (_, i) => (double)Policy.Classify(c, i, default, End)), 0),
        ["LifecyclePolicy.Classify(CustomerSummaries,Int32,DateOnly)"] = (c => Each(c, (_, i) => (double)Policy.Classify(c, i, End)), 0),
        ["CohortReport.Create(CustomerSummaries,CohortPeriod)"] = (c => CohortReport.Create(c, CohortPeriod.Month).ToString(), 0),
        ["CohortReport.Create(CustomerSummaries,CohortPeriod,DateOnly)"] = (c => CohortReport.Create(c, CohortPeriod.Quarter, HoldoutEnd).ToString(), 0),
        ["EarlyWarningReport.Create(LifecyclePolicy,CustomerSummaries,DateOnly,DateOnly)"] = (c => EarlyWarningReport.Create(Policy, c, new DateOnly(1997, 6, 30), End).ToString(), 0),
        ["EarlyWarningReport.Create(LifecyclePolicy,CustomerSummaries,ReadOnlySpan<Double>,DateOnly,DateOnly)"] = (c => EarlyWarningReport.Create(Policy, c, Enumerable.Repeat(1.0, c.Count).ToArray(), new DateOnly(1997, 6, 30), End).ToString(), 0),
        ["LifecycleHistoryReport.Create(LifecyclePolicy,CustomerSummaries,ReadOnlySpan<DateOnly>)"] = (c => LifecycleHistoryReport.Create(Policy, c, [new DateOnly(1997, 6, 30), End, HoldoutEnd]).ToString(), 0),
        ["LifecycleHistoryReport.CreateAtMonthEnds(LifecyclePolicy,CustomerSummaries,DateOnly,DateOnly)"] = (c => LifecycleHistoryReport.CreateAtMonthEnds(Policy, c, new DateOnly(1997, 4, 1), HoldoutEnd).ToString(), 0),
        ["LifecycleTransitionReport.Create(LifecyclePolicy,CustomerSummaries,DateOnly,DateOnly)"] = (c => LifecycleTransitionReport.Create(Policy, c, End, HoldoutEnd).ToString(), 0),
        ["LifecycleTransitionReport.Create(LifecyclePolicy,CustomerSummaries,DateOnly,DateOnly,Double)"] = (c => LifecycleTransitionReport.Create(Policy, c, End, HoldoutEnd, 0.2).ToString(), 0),
        ["AverageClv.AnnualPurchaseValue(CustomerSummaries,ReadOnlySpan<Int32>)"] = (c => AverageClv.AnnualPurchaseValue(c, Members), 1e-12),
        ["AverageClv.ForCustomer(CustomerSummaries,Int32,Double,Double,Double)"] = (c => Each(c, (_, i) => AverageClv.ForCustomer(c, i, 0.3, 0.4)), 1e-12),
        ["AverageClv.ForPopulation(CustomerSummaries,Double,Double,Double)"] = (c => AverageClv.ForPopulation(c, 0.3, 0.4), 1e-12),
        ["AverageClv.ForSegment(CustomerSummaries,ReadOnlySpan<Int32>,Double,Double,Double)"] = (c => AverageClv.ForSegment(c, Members, 0.3, 0.4), 1e-12),
        ["HistoricalValue.Compute(CustomerSummaries,HistoricalValueOptions)"] = (c => HistoricalValue.Compute(c, null), 1e-12),
        ["HistoricalValue.Compute(CustomerSummaries,HistoricalValueOptions,Span<Double>)"] = (c => Into(c, (_, d) => HistoricalValue.Compute(c, null, d)), 1e-12),
        ["HistoricalValue.ForCustomer(CustomerSummaries,Int32,HistoricalValueOptions)"] = (c => Each(c, (_, i) => HistoricalValue.ForCustomer(c, i)), 1e-12),
        ["HealthSignals.Create(CustomerSummaries,ReadOnlySpan<Double>,IReadOnlyDictionary<String,Double[]>,HealthScoreOptions)"] = (c => Health(c), 1e-9),
        ["Scorecard.Create(CustomerSummaries,ScorecardOptions)"] = (c => Cells(Scorecard.Create(c, ScorecardWithModels)), 1e-9),
        ["Scorecard.Create(CustomerSummaries,IReadOnlyDictionary<String,Double[]>,ScorecardOptions)"] = (c => Cells(Scorecard.Create(c, null, ScorecardWithModels)), 1e-9),
        ["BgNbdModel.Fit(CustomerSummaries,CovariateOptions,FitOptions)"] = (c => CovariateTenWeeks(c, BgNbdModel.Fit(c, Covariates(c), null).Model), 1e-4),
        ["MbgNbdModel.Fit(CustomerSummaries,CovariateOptions,FitOptions)"] = (c => CovariateTenWeeks(c, MbgNbdModel.Fit(c, Covariates(c), null).Model), 1e-4),
        ["ParetoNbdModel.Fit(CustomerSummaries,CovariateOptions,FitOptions)"] = (c => CovariateTenWeeks(c, ParetoNbdModel.Fit(c, Covariates(c), null).Model), 1e-4),
        ["CustomerCovariatesCsv.Read(Stream,CustomerSummaries,CustomerCovariatesCsvOptions)"] = (c => CovariateValues(CustomerCovariatesCsv.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(CovariateText(c))), c, null)), 0),
        ["CustomerCovariatesCsv.Read(String,CustomerSummaries,CustomerCovariatesCsvOptions)"] = (c =>
        {
            string path = Path.Combine(Path.GetTempPath(), "clv-covariates-" + Guid.NewGuid().ToString("N") + ".csv");
            try
            {
                File.WriteAllText(path, CovariateText(c));
                return CovariateValues(CustomerCovariatesCsv.Read(path, c, null));
            }
            finally
            {
                File.Delete(path);
            }
        }, 0),
        ["ParetoNbdModel.Fit(CustomerSummaries,TimeVaryingCovariateOptions,FitOptions)"] = (c =>
        {
            var fit = ParetoNbdModel.Fit(c, new TimeVaryingCovariateOptions(Spring(c)) { Purchase = ["spring"] }, null).Model;
            return fit.ConditionalExpectedPurchases(c, Spring(c), 70 / fit.BaseModel.TimeUnit.LengthInDays());
        }, 1e-4),
        ["CustomerSummaryCsv.Write(TextWriter,CustomerSummaries)"] = (c => CsvTimesInDays(w => CustomerSummaryCsv.Write(w, c)), 1e-9),
        ["CustomerSummaryCsv.Write(Stream,CustomerSummaries)"] = (c => CsvTimesInDays(w => CustomerSummaryCsv.Write(((StreamWriter)w).BaseStream, c)), 1e-9),
        ["CustomerSummaryCsv.Write(String,CustomerSummaries)"] = (c => CsvTimesInDays(w => WriteViaFile(w, c)), 1e-9),
        ["CustomerSummaryCsv.Write(TextWriter,CustomerSummaries,CsvWriteOptions)"] = (c => CsvTimesInDays(w => CustomerSummaryCsv.Write(w, c, RawIds)), 1e-9),
        ["CustomerSummaryCsv.Write(Stream,CustomerSummaries,CsvWriteOptions)"] = (c => CsvTimesInDays(w => CustomerSummaryCsv.Write(((StreamWriter)w).BaseStream, c, RawIds)), 1e-9),
        ["CustomerSummaryCsv.Write(String,CustomerSummaries,CsvWriteOptions)"] = (c => CsvTimesInDays(w => WriteViaFile(w, c, RawIds)), 1e-9),
    };

    /// <summary>Members that cannot mix units because they reject summaries in different units outright.</summary>
    private static readonly Dictionary<string, Action> Rejections = new()
    {
        ["CustomerSummaries.Merge(CustomerSummaries,CustomerSummaries)"] = () =>
        {
            var e = Assert.Throws<ArgumentException>(() => CustomerSummaries.Merge(Days.Value, Weeks.Value));
            Assert.Contains("Day", e.Message, StringComparison.Ordinal);
            Assert.Contains("Week", e.Message, StringComparison.Ordinal);
        },
        ["CovariatePurchaseModel.ProbabilityAlive(CustomerSummaries,CustomerCovariates)"] = () =>
        {
            var model = new CovariatePurchaseModel(CdnowFits.BgNbd.Model, [new("big_spender", 0.1)], []);
            var e = Assert.Throws<ArgumentException>(() => model.ProbabilityAlive(Days.Value, Covariates(Days.Value).Covariates));
            Assert.Contains("summaries are in Days but the model is in Weeks", e.Message, StringComparison.Ordinal);
        },
        ["CovariatePurchaseModel.ConditionalExpectedPurchases(CustomerSummaries,CustomerCovariates,Double)"] = () =>
        {
            var model = new CovariatePurchaseModel(CdnowFits.BgNbd.Model, [new("big_spender", 0.1)], []);
            var e = Assert.Throws<ArgumentException>(() => model.ConditionalExpectedPurchases(Days.Value, Covariates(Days.Value).Covariates, 10));
            Assert.Contains("summaries are in Days but the model is in Weeks", e.Message, StringComparison.Ordinal);
        },
        ["PredictionIntervals.Compute(FitResult<CovariatePurchaseModel>,CovariateOptions,FitResult<GammaGammaModel>,CustomerSummaries,Double,PredictionIntervalOptions)"] = () =>
        {
            var options = Covariates(Weeks.Value);
            var fit = BgNbdModel.Fit(Weeks.Value, new CovariateOptions(options.Covariates) { Purchase = ["big_spender"] }, null);
            var dayOptions = new CovariateOptions(Covariates(Days.Value).Covariates) { Purchase = ["big_spender"] };
            var e = Assert.Throws<ArgumentException>(() => PredictionIntervals.Compute(fit, dayOptions, null, Days.Value, 10, null));
            Assert.Contains("summaries are in Days but the model is in Weeks", e.Message, StringComparison.Ordinal);
        },
        ["TimeVaryingParetoNbdModel.LikelihoodLn(CustomerSummaries,TimeVaryingCovariates)"] = () => RejectsDays(m => m.LikelihoodLn(Days.Value, Spring(Days.Value))),
        ["TimeVaryingParetoNbdModel.ProbabilityAlive(CustomerSummaries,TimeVaryingCovariates)"] = () => RejectsDays(m => m.ProbabilityAlive(Days.Value, Spring(Days.Value))),
        ["TimeVaryingParetoNbdModel.ConditionalExpectedPurchases(CustomerSummaries,TimeVaryingCovariates,Double)"] = () => RejectsDays(m => m.ConditionalExpectedPurchases(Days.Value, Spring(Days.Value), 10)),
        ["ModelComparison.FromFit(FitResult<TModel>,CustomerSummaries)"] = () =>
        {
            var e = Assert.Throws<ArgumentException>(() => ModelComparison.FromFit(BgNbdModel.Fit(Weeks.Value), Days.Value));
            Assert.Contains("Weeks but the summaries are in Days", e.Message, StringComparison.Ordinal);
        },
    };

    /// <summary>A time-varying covariate on CDNOW: 1 in the weeks that start in March to May, weekly periods from 1997-01-01.</summary>
    private static TimeVaryingCovariates Spring(CustomerSummaries c)
    {
        var starts = Enumerable.Range(0, 80).Select(w => new DateOnly(1997, 1, 1).AddDays(7 * w)).ToArray();
        var values = new double[c.Count, starts.Length, 1];
        for (int i = 0; i < c.Count; i++)
        {
            for (int w = 0; w < starts.Length; w++)
            {
                values[i, w, 0] = starts[w].Month is >= 3 and <= 5 ? 1 : 0;
            }
        }

        return TimeVaryingCovariates.Create(["spring"], starts, values);
    }

    private static void RejectsDays(Action<TimeVaryingParetoNbdModel> call)
    {
        var model = new TimeVaryingParetoNbdModel(new ParetoNbdModel(0.55, 10.58, 0.61, 11.67, TimeUnit.Week), [new("spring", 0.2)], []);
        var e = Assert.Throws<ArgumentException>(() => call(model));
        Assert.Contains("summaries are in Days but the model is in Weeks", e.Message, StringComparison.Ordinal);
    }

    private static CovariateOptions Covariates(CustomerSummaries c) =>
        new(CustomerCovariates.Create(["big_spender"], Matrix(c))) { Purchase = ["big_spender"], Dropout = ["big_spender"] };

    private static double[,] Matrix(CustomerSummaries c)
    {
        var m = new double[c.Count, 1];
        for (int i = 0; i < c.Count; i++)
        {
            m[i, 0] = c[i].Spend > 40 ? 1 : 0;
        }

        return m;
    }

    private static double[] CovariateTenWeeks(CustomerSummaries c, CovariatePurchaseModel m) =>
        m.ConditionalExpectedPurchases(c, Covariates(c).Covariates, 70 / m.BaseModel.TimeUnit.LengthInDays());

    private static string CovariateText(CustomerSummaries c) =>
        "customer_id,big_spender\n" + string.Concat(c.Select(s => s.CustomerId + "," + (s.Spend > 40 ? "1" : "0") + "\n"));

    private static double[] CovariateValues(CustomerCovariates covariates) =>
        [.. Enumerable.Range(0, covariates.Count).Select(i => covariates[i, 0])];

    private static RfmCutPoints CutPoints => RfmCutPoints.Fit(Weeks.Value).Model;

    public static TheoryData<string> ProbeNames => [.. Probes.Keys.Order(StringComparer.Ordinal)];

    [Fact]
    public void EveryPublicMemberTakingSummaries_HasAUnitProbe()
    {
        var found = MembersTakingSummaries().ToHashSet(StringComparer.Ordinal);
        var probed = Probes.Keys.Concat(Rejections.Keys).ToHashSet(StringComparer.Ordinal);

        Assert.Empty(found.Except(probed).Order(StringComparer.Ordinal));
        Assert.Empty(probed.Except(found).Order(StringComparer.Ordinal));
        Assert.True(found.Count >= 60, $"found only {found.Count} members");
    }

    [Theory]
    [MemberData(nameof(ProbeNames))]
    public void SummariesInDaysAndInWeeks_GiveTheSameAnswer(string member)
    {
        var (probe, tolerance) = Probes[member];

        var days = Flatten(probe(Days.Value));
        var weeks = Flatten(probe(Weeks.Value));

        Assert.Equal(weeks.Count, days.Count);
        Assert.True(weeks.Count > 0);
        for (int i = 0; i < weeks.Count; i++)
        {
            if (weeks[i] is double w && days[i] is double d)
            {
                double scale = Math.Max(1, Math.Abs(w));
                Assert.True(Math.Abs(w - d) <= tolerance * scale, $"{member}: element {i}: {d} from days vs {w} from weeks");
            }
            else
            {
                Assert.Equal(weeks[i], days[i]);
            }
        }
    }

    [Fact]
    public void Merge_SummariesInDifferentUnits_ThrowsNamingBothUnits()
    {
        foreach (var check in Rejections.Values)
        {
            check();
        }
    }

    [Fact]
    public void Probes_CanFail_ADayModelMistakenForAWeekModelChangesTheAnswer()
    {
        // The comparison above is only worth something if a unit slip shows: treat week numbers as days and P(alive) moves.
        var week = CdnowFits.Fitted;
        var s = Weeks.Value[Enumerable.Range(0, Weeks.Value.Count).First(i => Weeks.Value[i].Frequency > 2)];
        double right = week.ProbabilityAlive(s.Frequency, s.Recency, s.Age);
        double slipped = week.ProbabilityAlive(s.Frequency, s.Recency * 7, s.Age * 7);
        Assert.True(Math.Abs(right - slipped) > 1e-3, $"{right} vs {slipped}");
        Assert.Equal(right, week.ProbabilityAlive(s.Frequency, s.Recency * 7, s.Age * 7, TimeUnit.Day), 12);
    }

    private static IEnumerable<string> MembersTakingSummaries()
    {
        foreach (var assembly in new[] { typeof(CustomerSummaries).Assembly, typeof(TransactionCsv).Assembly })
        {
            foreach (var type in assembly.GetExportedTypes())
            {
                var members = type.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                    .Cast<MethodBase>()
                    .Concat(type.GetConstructors());
                foreach (var m in members)
                {
                    var parameters = m.GetParameters();
                    bool isOwnEquality = type == typeof(CustomerSummary) && parameters.All(p => p.ParameterType == typeof(CustomerSummary));
                    if (!isOwnEquality && parameters.Any(p => TakesSummaries(p.ParameterType)))
                    {
                        yield return $"{type.Name}.{m.Name}({string.Join(",", parameters.Select(p => Name(p.ParameterType)))})";
                    }
                }
            }
        }
    }

    private static bool TakesSummaries(Type t)
    {
        var e = t.IsByRef ? t.GetElementType()! : t;
        return e == typeof(CustomerSummary) || e == typeof(CustomerSummaries) || e == typeof(ReadOnlySpan<CustomerSummary>) || e == typeof(Span<CustomerSummary>);
    }

    private static string Name(Type t) =>
        t.IsGenericType ? $"{t.Name[..t.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(",", t.GetGenericArguments().Select(Name))}>" : t.Name;

    /// <summary>Infinite times (customers who likely never buy again) as -1, so the tolerance comparison applies to the rest.</summary>
    private static double[] Finite(double[] values) => [.. values.Select(v => double.IsPositiveInfinity(v) ? -1 : v)];

    private static double[] Column(ClvByPeriod values, int period) => values.Column(period);

    private static double[] Intervals(PredictionIntervalReport report) =>
        [.. report.Rows.SelectMany(r => new[] { r.AliveProbability.Lower, r.AliveProbability.Upper, r.ExpectedPurchases.Median, r.Purchases.Upper, r.Clv!.Value.Upper })];

    private static double Period(PurchaseModel model, CustomerSummary customer, int period)
    {
        var d = new double[PredictiveClvOptions.Default.Periods];
        ClvByPeriod.Compute(model, Spend, customer, null, d);
        return d[period];
    }

    private static double[] Each(CustomerSummaries c, Func<CustomerSummary, double> f) => [.. c.AsSpan().ToArray().Select(f)];

    private static double[] Each(CustomerSummaries c, Func<CustomerSummary, int, double> f) => [.. c.AsSpan().ToArray().Select(f)];

    private delegate void Batch(ReadOnlySpan<CustomerSummary> customers, Span<double> destination);

    private static double[] Into(CustomerSummaries c, Batch f)
    {
        var d = new double[c.Count];
        f(c.AsSpan(), d);
        return d;
    }

    private delegate void ScoreBatch(ReadOnlySpan<CustomerSummary> customers, Span<RfmScore> destination);

    private static int[] Codes(CustomerSummaries c, ScoreBatch f)
    {
        var d = new RfmScore[c.Count];
        f(c.AsSpan(), d);
        return [.. d.Select(s => s.Code)];
    }

    private static int[] Stages(LifecycleStage[] stages) => [.. stages.Select(s => (int)s)];

    private static int[] Stages(CustomerSummaries c, SpanAction f)
    {
        var d = new LifecycleStage[c.Count];
        f(d);
        return Stages(d);
    }

    private delegate void SpanAction(Span<LifecycleStage> destination);

    /// <summary>Expected purchases in the next ten weeks (a horizon is in the model's own unit).</summary>
    private static double[] TenWeeks(PurchaseModel m) => m.ConditionalExpectedPurchases(Weeks.Value, 70 / m.TimeUnit.LengthInDays());

    private static double[] StatisticsInDays(PurchaseStatistics s)
    {
        double days = s.TimeUnit.LengthInDays();
        return [.. Enumerable.Range(0, s.Count).SelectMany(i => new[] { s[i].Frequency, s[i].Recency * days, s[i].Age * days, s[i].Weight }), s.ExcludedCount];
    }

    private static double[] Spends(SpendStatistics s) =>
        [.. Enumerable.Range(0, s.Count).SelectMany(i => new[] { s[i].Frequency, s[i].MonetaryValue, s[i].Weight }), s.ExcludedCount];

    /// <summary>Every normalised signal and score of the CDNOW customers, with a custom signal and P(alive) from a model in weeks.</summary>
    private static double[] Health(CustomerSummaries c)
    {
        var options = new HealthScoreOptions { CustomSignals = [new CustomHealthSignal("spend", 1) { Scaling = SignalScaling.MinMax }] };
        var spend = c.AsSpan().ToArray().Select(s => s.Spend).ToArray();
        var signals = HealthSignals.Create(c, CdnowFits.Fitted.ProbabilityAlive(c), new Dictionary<string, double[]> { ["spend"] = spend }, options);
        return [.. Enumerable.Range(0, signals.Names.Count).SelectMany(k => signals.Values(k).ToArray().Select(v => double.IsNaN(v) ? -1 : v)),
            .. HealthScore.Score(signals).Select(h => h.Score)];
    }

    /// <summary>Every part, models in weeks, stages by P(alive), a 36-month horizon (three CLV years), ABC by CLV.</summary>
    private static ScorecardOptions ScorecardWithModels => new()
    {
        Purchases = CdnowFits.Fitted,
        Spend = Spend,
        Lifecycle = Policy,
        Horizon = new PredictiveClvOptions { Periods = 36 },
        AbcBasis = AbcBasis.Clv,
    };

    /// <summary>Every cell of a scorecard, row by row: text as is, numbers as doubles, -1 for an empty cell.</summary>
    private static object[] Cells(Scorecard card) =>
    [
        .. card.Columns.Select(c => c.Name),
        .. card.Rows.SelectMany(r => card.Columns.Select(c => c.Kind switch
        {
            ScorecardColumnKind.Text => (object)(c.GetText(r) ?? "-"),
            ScorecardColumnKind.Integer => (object)(double)(c.GetInteger(r) ?? -1),
            _ => c.GetNumber(r) ?? -1,
        })),
    ];

    private static double[] Parameters(GammaGammaModel m) => [m.P, m.Q, m.V];

    private static double[] Coefficients(CovariateSpendModel m) => [m.BaseModel.P, m.BaseModel.Q, m.BaseModel.V, .. m.Coefficients];

    /// <summary>Unit-free covariates of each customer: ln(1 + the first purchase day's amount) and whether the customer joined in January.</summary>
    private static CustomerCovariates SpendCovariates(CustomerSummaries c)
    {
        var z = new double[c.Count, 2];
        for (int i = 0; i < c.Count; i++)
        {
            z[i, 0] = Math.Log(1 + c[i].Spend - (c[i].Frequency * c[i].MonetaryValue));
            z[i, 1] = c[i].FirstPurchase is { Month: 1 } ? 1 : 0;
        }

        return CustomerCovariates.Create(["firstOrder", "january"], z);
    }

    private static double[] Holdout(HoldoutReport r) => [r.MeanAbsoluteError, r.RootMeanSquaredError, r.ActualTotal, r.PredictedTotal, r.Customers];

    private static object[] Comparison(ModelComparisonReport r)
    {
        // The log-likelihood of (x, t_x, T) is a density in time, so it shifts by a constant with the unit; differences do not.
        var ok = r.Rows.Where(row => row.Model is not null).ToArray();
        return new object[] { r.BestByBic?.Name ?? "", ok.Select(row => row.LikelihoodLn - ok[0].LikelihoodLn).ToArray() };
    }

    private static double[] CsvTimesInDays(Action<TextWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, leaveOpen: true))
        {
            write(writer);
            writer.Flush();
        }

        var lines = System.Text.Encoding.UTF8.GetString(stream.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        int recency = Array.IndexOf(header, "recency"), age = Array.IndexOf(header, "age"), unit = Array.IndexOf(header, "time_unit");
        Assert.True(unit >= 0, "the summary CSV names its time unit");
        var result = new List<double>();
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split(',');
            double days = Enum.Parse<TimeUnit>(f[unit]).LengthInDays();
            result.Add(double.Parse(f[recency], CultureInfo.InvariantCulture) * days);
            result.Add(double.Parse(f[age], CultureInfo.InvariantCulture) * days);
        }

        return [.. result];
    }

    /// <summary>The numbers of a CLV-by-period CSV (ids dropped), for a model in weeks over summaries in either unit.</summary>
    private static double[] PeriodCsv(CustomerSummaries c, Action<TextWriter, ClvByPeriod> write)
    {
        var values = ClvByPeriod.Compute(CdnowFits.Fitted, Spend, c, new PredictiveClvOptions { Periods = 3, Period = TimeUnit.Year });
        using var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, leaveOpen: true))
        {
            write(writer, values);
            writer.Flush();
        }

        var lines = System.Text.Encoding.UTF8.GetString(stream.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        return [.. lines.Skip(1).SelectMany(l => l.Split(',').Skip(1)).Select(f => double.Parse(f, CultureInfo.InvariantCulture))];
    }

    /// <summary>The options overloads' probes: the same units whatever the options (ids as they are: the probes' ids are plain).</summary>
    private static readonly CsvWriteOptions RawIds = new() { EscapeFormulas = false };

    private static void WriteViaFile(TextWriter writer, CustomerSummaries c, CsvWriteOptions? options = null)
    {
        string path = Path.Combine(Path.GetTempPath(), $"clv-units-{Guid.NewGuid():N}.csv");
        try
        {
            CustomerSummaryCsv.Write(path, c, options);
            writer.Write(File.ReadAllText(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static List<object> Flatten(object value)
    {
        var result = new List<object>();
        Add(value);
        return result;

        void Add(object v)
        {
            switch (v)
            {
                case string s:
                    result.Add(s);
                    break;
                case double d:
                    result.Add(d);
                    break;
                case IConvertible c:
                    result.Add(Convert.ToDouble(c, CultureInfo.InvariantCulture));
                    break;
                case IEnumerable e:
                    foreach (var item in e)
                    {
                        Add(item!);
                    }

                    break;
                default:
                    throw new InvalidOperationException($"cannot compare a {v.GetType()}");
            }
        }
    }
}
