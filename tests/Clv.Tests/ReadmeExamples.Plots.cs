using Clv.Lifecycle;
using Clv.Plots;
using Clv.Probabilistic;
using Clv.Rfm;
using Clv.Valuation;

namespace Clv.Tests;

/// <content>The README's plots section (Clv.Plots): one example per plot family, and Chinese labels.</content>
internal static partial class ReadmeExamples
{
    public static ClvPlot PlotsProbabilistic(Transaction[] rows, CustomerSummaries customers, string folder)
    {
        // <readme:plots-probabilistic>
        BgNbdModel model = BgNbdModel.Fit(customers).Model;
        GammaGammaModel spend = GammaGammaModel.Fit(customers).Model;

        // A plot is a function of the library's results; write it as PNG or SVG, to a path or a Stream.
        ClvPlot tracking = ProbabilisticPlots.TrackingCumulative(model, customers);   // calibration end marked
        tracking.SavePng(Path.Combine(folder, "tracking.png"));                       // 800 x 500 pixels by default
        tracking.SaveSvg(Path.Combine(folder, "tracking.svg"));                       // text stays text in SVG

        var large = new PlotOptions { Width = 1200, Height = 700 };
        using (var stream = File.Create(Path.Combine(folder, "tracking-weekly.png")))
        {
            ProbabilisticPlots.TrackingIncremental(model, customers, large).SavePng(stream);   // 1200 x 700
        }

        var plots = new Dictionary<string, ClvPlot>
        {
            ["frequency"] = ProbabilisticPlots.FrequencyInCalibration(model, customers, maxFrequency: 7),
            ["holdout"] = ProbabilisticPlots.CalibrationVsHoldout(HoldoutValidation.Evaluate(model, customers)),
            ["expected-52"] = ProbabilisticPlots.ExpectedPurchasesMatrix(model, customers, time: 52),
            ["alive"] = ProbabilisticPlots.ProbabilityAliveMatrix(model, customers),
            ["alive-history"] = ProbabilisticPlots.ProbabilityAliveHistory(model, rows, customers[0].CustomerId, customers.HoldoutEnd),
            ["rates"] = ProbabilisticPlots.PurchaseRateHeterogeneity(model),       // gamma(r, alpha) of purchase rates
            ["dropout"] = ProbabilisticPlots.DropoutHeterogeneity(model),          // beta(a, b) of dropout probabilities
            ["spend"] = ProbabilisticPlots.SpendFit(spend, customers),
            ["timelines"] = ProbabilisticPlots.CustomerTimelines(rows, customers, count: 30),
            ["models"] = ProbabilisticPlots.ModelComparisonTracking(ModelComparison.Compare(customers), customers),
        };
        foreach (var (name, plot) in plots)
        {
            plot.SavePng(Path.Combine(folder, name + ".png"));
        }
        // </readme:plots-probabilistic>
        return tracking;
    }

    public static ClvPlot[] PlotsRfmLifecycle(CustomerSummaries customers, string folder)
    {
        // <readme:plots-rfm-lifecycle>
        RfmScores scores = RfmScorer.Score(customers);
        SegmentReport segments = SegmentReport.Create(customers, scores, SegmentMap.RfGrid());
        RfmPlots.SegmentSizes(segments).SavePng(Path.Combine(folder, "segments.png"));          // count and share per segment
        RfmPlots.SegmentValue(segments).SavePng(Path.Combine(folder, "segment-value.png"));     // net spend per segment
        RfmPlots.RecencyFrequencyCounts(customers, scores).SavePng(Path.Combine(folder, "rf-counts.png"));
        RfmPlots.RecencyFrequencyValue(customers, scores).SavePng(Path.Combine(folder, "rf-value.png"));

        LifecyclePolicy policy = LifecyclePolicy.FromDays();
        var history = LifecycleHistoryReport.CreateAtMonthEnds(policy, customers, new DateOnly(1997, 1, 1), customers.HoldoutEnd);
        var migration = LifecycleTransitionReport.Create(policy, customers, customers.ObservationEnd, customers.HoldoutEnd);
        var cohorts = CohortReport.Create(customers, CohortPeriod.Month, customers.HoldoutEnd);
        ClvPlot stages = LifecyclePlots.StageCounts(history);                   // stacked areas at month ends
        ClvPlot moves = LifecyclePlots.Migration(migration);                    // % of each stage on 1997-09-30 by stage on 1998-06-30
        ClvPlot retention = LifecyclePlots.CohortRetention(cohorts);            // the cohort triangle
        stages.SavePng(Path.Combine(folder, "stages.png"));
        moves.SavePng(Path.Combine(folder, "migration.png"));
        retention.SavePng(Path.Combine(folder, "retention.png"));
        // </readme:plots-rfm-lifecycle>
        return [stages, moves, retention];
    }

    public static ClvPlot[] PlotsValue(CustomerSummaries customers, BgNbdModel model, GammaGammaModel spend, string folder)
    {
        // <readme:plots-value>
        double[] clv = PredictiveClv.Compute(model, spend, customers, new PredictiveClvOptions { Periods = 52, Period = TimeUnit.Week });
        ValuePlots.ClvDistribution(clv).SavePng(Path.Combine(folder, "clv.png"));

        // Predicted holdout spend against what customers then spent: Lorenz curve (with Gini) and deciles.
        double[] purchases = model.ConditionalExpectedPurchases(customers, customers.HoldoutLength);
        double[] perPurchase = spend.ConditionalExpectedSpend(customers);
        double[] predicted = purchases.Zip(perPurchase, (n, s) => n * s).ToArray();
        double[] actual = customers.Select(c => c.HoldoutSpend).ToArray();
        var evaluation = ValueEvaluationReport.Create(predicted, actual);
        ClvPlot lorenz = ValuePlots.Lorenz(evaluation);                         // title: Gini 0.556 (normalised 0.638)
        ClvPlot deciles = ValuePlots.Deciles(evaluation);                       // predicted vs actual mean per decile
        lorenz.SavePng(Path.Combine(folder, "lorenz.png"));
        deciles.SavePng(Path.Combine(folder, "deciles.png"));

        var channels = ChannelReport.Create(
            [new ChannelCustomer("search", AcquisitionCost: 40, Value: 300, MarginPerPeriod: 10),
             new ChannelCustomer("tv", 200, 150, 5)],
            marginPeriod: TimeUnit.Month);
        ValuePlots.ChannelValueToCost(channels).SavePng(Path.Combine(folder, "ltv-cac.png"));   // 7.5 : 1 and 0.8 : 1
        // </readme:plots-value>
        return [lorenz, deciles];
    }

    public static (ClvPlot Segments, MissingGlyphsException? Error) PlotsChinese(CustomerSummaries customers, string folder)
    {
        // <readme:plots-chinese>
        // Chinese labels; segment and stage names come from the library's tables (RfmSegment.ChineseName, ChineseLabel).
        var chinese = new PlotOptions { Language = PlotLanguage.Chinese };
        SegmentReport segments = SegmentReport.Create(customers, RfmScorer.Score(customers), SegmentMap.RfGrid());
        ClvPlot sizes = RfmPlots.SegmentSizes(segments, chinese);               // title "RFM 分群客户数", font Noto Sans CJK SC
        sizes.SavePng(Path.Combine(folder, "segments-zh.png"));

        // A font without the glyphs throws instead of drawing boxes.
        MissingGlyphsException? error = null;
        try
        {
            RfmPlots.SegmentSizes(segments, new PlotOptions
            {
                Title = "冠军客户 Champions",
                FontFile = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",   // Latin only
            });
        }
        catch (MissingGlyphsException e)
        {
            error = e;                                                          // e.Text, e.FontFamily "DejaVu Sans", e.Missing "冠军客户"
        }
        // </readme:plots-chinese>
        return (sizes, error);
    }

    public static string PlotsReport(CustomerSummaries customers, string folder)
    {
        // <readme:plots-report>
        // The whole analysis in one HTML file: inline SVG plots and tables, no script, no network, English or Chinese.
        ClvReport.Write(Path.Combine(folder, "report.html"), customers, null);
        ClvReport.Write(Path.Combine(folder, "report-zh.html"), customers, new ClvReportOptions { Language = PlotLanguage.Chinese, TopCustomers = 50 });
        string html = ClvReport.ToHtml(customers);   // the same document as text
        // </readme:plots-report>
        return html;
    }
}
