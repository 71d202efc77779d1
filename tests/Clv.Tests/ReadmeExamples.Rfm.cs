using Clv.Rfm;

namespace Clv.Tests;

/// <content>The README's RFM section.</content>
internal static partial class ReadmeExamples
{
    public static (RfmScores Scores, RfmCutPoints Stored, RfmScore Newcomer, RfmScore[] Batch, RfmSegment Segment, SegmentReport Report, RfmScores Custom) Rfm(CustomerSummaries customers)
    {
        // <readme:rfm>
        // Fit cut points on the population (quantiles of the purchasers), then score: R, F, M in 1..5.
        FitResult<RfmCutPoints> fit = RfmCutPoints.Fit(customers);      // or RfmScorer.Score(customers): fit and score in one call
        RfmCutPoints cutPoints = fit.Model;                              // CDNOW purchase days: 1, 1, 2, 3 (ties collapse bins)
        RfmScores scores = cutPoints.Score(customers);
        RfmScore score = scores[0];                                      // R, F, M; Code = 100R + 10F + M; IsLead without purchase

        // Options: k = 2..10, F as purchase days or repeat purchases, M as total or mean net spend, custom breakpoints.
        RfmScores custom = RfmScorer.Score(customers, new RfmOptions
        {
            ScoreCount = 3,
            DaysSinceLastPurchaseBreakpoints = [30, 90],                 // 0..29 days: R3, 30..89: R2, >= 90: R1
            FrequencyMeasure = FrequencyMeasure.RepeatPurchases,
            MonetaryMeasure = MonetaryMeasure.Mean,
        });

        // Store the cut points and score a new customer online, without re-scoring everyone.
        RfmCutPoints stored = RfmCutPoints.FromJson(cutPoints.ToJson());   // {"model":"RfmCutPoints","version":1,...}
        RfmScore newcomer = stored.Score(daysSinceLastPurchase: 10, frequency: 3, monetary: 120.0);
        var batch = new RfmScore[customers.Count];
        stored.Score(customers.AsSpan(), batch);                          // batch: inputs, then destination; allocates nothing

        // Segment maps are data: rules over R, F, M ranges plus a match policy. Presets: RfGrid, RangeMap, EightClass, ValueTiers.
        RfmSegment segment = SegmentMap.RfGrid().Assign(score);           // e.g. Champions / 冠军客户
        SegmentReport report = SegmentReport.Create(customers, scores, SegmentMap.RfGrid());
        foreach (SegmentRow row in report.Rows)
        {
            Console.WriteLine($"{row.Segment.Name}: {row.Count} ({row.Share:P1}), mean net spend {row.MeanNetSpend:F2}");
        }
        // </readme:rfm>
        return (scores, stored, newcomer, batch, segment, report, custom);
    }
}
