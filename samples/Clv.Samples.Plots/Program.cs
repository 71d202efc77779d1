using Clv;
using Clv.Csv;
using Clv.Lifecycle;
using Clv.Plots;
using Clv.Probabilistic;
using Clv.Rfm;
using Clv.Valuation;

namespace Clv.Samples.Plots;

/// <summary>
/// Draws every plot of Clv.Plots for the bundled CDNOW sample (calibration to 1997-09-30, holdout to 1998-06-30, weeks)
/// as PNG and SVG into a folder, in English, and a few in Chinese.
/// Usage: dotnet run --project samples/Clv.Samples.Plots -- [output folder] [--gallery]
/// (--gallery: only the gallery PNGs the README shows, into docs/gallery by default).
/// </summary>
public static class Program
{
    /// <summary>The plots the README's gallery shows.</summary>
    private static readonly string[] Gallery =
        ["tracking-cumulative", "frequency-in-calibration", "calibration-vs-holdout", "probability-alive-matrix", "rfm-grid-counts", "lifecycle-stages", "lorenz", "segment-sizes-zh"];

    public static int Main(string[] args)
    {
        bool gallery = args.Contains("--gallery");
        string folder = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? (gallery ? Path.Combine("docs", "gallery") : "clv-plots");
        Directory.CreateDirectory(folder);
        var written = 0;
        foreach (var (name, plot) in Plots())
        {
            if (gallery && !Gallery.Contains(name))
            {
                continue;
            }

            ClvPlot made = plot();
            made.SavePng(Path.Combine(folder, name + ".png"));
            if (!gallery)
            {
                made.SaveSvg(Path.Combine(folder, name + ".svg"));
            }

            written++;
        }

        if (!gallery)
        {
            // The whole analysis as one HTML file (inline SVG, no script, no network), in English and Chinese.
            var customers = CustomerSummaries.FromTransactions(ReadCdnow(), new DateOnly(1997, 9, 30), TimeUnit.Week);
            ClvReport.Write(Path.Combine(folder, "report.html"), customers, null);
            ClvReport.Write(Path.Combine(folder, "report-zh.html"), customers, new ClvReportOptions { Language = PlotLanguage.Chinese });
            Console.WriteLine($"report written to {Path.GetFullPath(Path.Combine(folder, "report.html"))}");
        }

        Console.WriteLine($"{written} plots written to {Path.GetFullPath(folder)}");
        return 0;
    }

    private static Transaction[] ReadCdnow() =>
        TransactionCsv.Read(Path.Combine(AppContext.BaseDirectory, "Data", "CDNOW_sample.txt"), new TransactionCsvOptions
        {
            WhitespaceDelimited = true,
            HasHeader = false,
            CustomerIdIndex = 1,
            DateIndex = 2,
            DateFormat = "yyyyMMdd",
            AmountIndex = 4,
        }).Transactions.ToArray();

    /// <summary>Every plot, by file name, for CDNOW.</summary>
    public static IEnumerable<(string Name, Func<ClvPlot> Plot)> Plots()
    {
        var rows = ReadCdnow();
        var customers = CustomerSummaries.FromTransactions(rows, new DateOnly(1997, 9, 30), TimeUnit.Week);
        var model = BgNbdModel.Fit(customers).Model;
        var spend = GammaGammaModel.Fit(customers).Model;
        var zh = new PlotOptions { Language = PlotLanguage.Chinese };

        yield return ("tracking-cumulative", () => ProbabilisticPlots.TrackingCumulative(model, customers));
        yield return ("tracking-incremental", () => ProbabilisticPlots.TrackingIncremental(model, customers));
        yield return ("frequency-in-calibration", () => ProbabilisticPlots.FrequencyInCalibration(model, customers));
        yield return ("calibration-vs-holdout", () => ProbabilisticPlots.CalibrationVsHoldout(HoldoutValidation.Evaluate(model, customers)));
        yield return ("calibration-vs-holdout-by-recency", () => ProbabilisticPlots.CalibrationVsHoldoutByRecency(model, customers));
        yield return ("calibration-vs-holdout-by-time-since-last", () => ProbabilisticPlots.CalibrationVsHoldoutByTimeSinceLastPurchase(model, customers));
        yield return ("expected-purchases-matrix", () => ProbabilisticPlots.ExpectedPurchasesMatrix(model, customers, 52));
        yield return ("probability-alive-matrix", () => ProbabilisticPlots.ProbabilityAliveMatrix(model, customers));
        yield return ("probability-alive-history", () => ProbabilisticPlots.ProbabilityAliveHistory(model, rows, customers[0].CustomerId, customers.HoldoutEnd));
        yield return ("purchase-rate-heterogeneity", () => ProbabilisticPlots.PurchaseRateHeterogeneity(model));
        yield return ("dropout-heterogeneity", () => ProbabilisticPlots.DropoutHeterogeneity(model));
        yield return ("spend-fit", () => ProbabilisticPlots.SpendFit(spend, customers));
        yield return ("customer-timelines", () => ProbabilisticPlots.CustomerTimelines(rows, customers, 30));
        yield return ("model-comparison", () => ProbabilisticPlots.ModelComparisonTracking(ModelComparison.Compare(customers), customers));

        var scores = RfmScorer.Score(customers);
        var segments = SegmentReport.Create(customers, scores, SegmentMap.RfGrid());
        yield return ("segment-sizes", () => RfmPlots.SegmentSizes(segments));
        yield return ("segment-sizes-zh", () => RfmPlots.SegmentSizes(segments, zh));
        yield return ("segment-value", () => RfmPlots.SegmentValue(segments));
        yield return ("rfm-grid-counts", () => RfmPlots.RecencyFrequencyCounts(customers, scores));
        yield return ("rfm-grid-value", () => RfmPlots.RecencyFrequencyValue(customers, scores));

        var policy = LifecyclePolicy.FromDays();
        yield return ("lifecycle-stages", () => LifecyclePlots.StageCounts(LifecycleHistoryReport.CreateAtMonthEnds(policy, customers, new DateOnly(1997, 1, 1), customers.HoldoutEnd)));
        yield return ("lifecycle-stages-zh", () => LifecyclePlots.StageCounts(LifecycleHistoryReport.CreateAtMonthEnds(policy, customers, new DateOnly(1997, 1, 1), customers.HoldoutEnd), zh));
        yield return ("lifecycle-migration", () => LifecyclePlots.Migration(LifecycleTransitionReport.Create(policy, customers, customers.ObservationEnd, customers.HoldoutEnd)));
        yield return ("cohort-retention", () => LifecyclePlots.CohortRetention(CohortReport.Create(customers, CohortPeriod.Month, customers.HoldoutEnd)));

        // Value: 52-week CLV, and predicted holdout spend against the realised holdout spend.
        double[] clv = PredictiveClv.Compute(model, spend, customers, new PredictiveClvOptions { Periods = 52, Period = TimeUnit.Week });
        double[] purchases = model.ConditionalExpectedPurchases(customers, customers.HoldoutLength);
        double[] perPurchase = spend.ConditionalExpectedSpend(customers);
        double[] predicted = purchases.Zip(perPurchase, (n, s) => n * s).ToArray();
        double[] actual = customers.Select(c => c.HoldoutSpend).ToArray();
        var evaluation = ValueEvaluationReport.Create(predicted, actual);
        yield return ("clv-distribution", () => ValuePlots.ClvDistribution(clv));
        yield return ("lorenz", () => ValuePlots.Lorenz(evaluation));
        yield return ("deciles", () => ValuePlots.Deciles(evaluation));
        yield return ("deciles-zh", () => ValuePlots.Deciles(evaluation, zh));

        // Channels: CDNOW has none. Illustrative channels and acquisition costs, to show the plot only.
        string[] channels = ["search", "social", "tv"];
        double[] costs = [25, 40, 90];
        var channelCustomers = customers.Select((c, i) => new ChannelCustomer(channels[i % 3], costs[i % 3], clv[i], clv[i] / 52)).ToArray();
        yield return ("channel-ltv-cac", () => ValuePlots.ChannelValueToCost(ChannelReport.Create(channelCustomers, TimeUnit.Week)));
    }
}
