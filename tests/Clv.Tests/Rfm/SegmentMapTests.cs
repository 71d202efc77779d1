using Clv.Rfm;

namespace Clv.Tests.Rfm;

public class SegmentMapTests
{
    public static TheoryData<string> PresetNames => ["RfGrid", "RangeMap", "EightClass", "ValueTiers"];

    private static SegmentMap Preset(string name, RfmCutPoints cutPoints) => name switch
    {
        "RfGrid" => SegmentMap.RfGrid(),
        "RangeMap" => SegmentMap.RangeMap(),
        "EightClass" => SegmentMap.EightClass(cutPoints),
        _ => SegmentMap.ValueTiers(),
    };

    [Fact]
    public void RfGrid_EveryCellOfReferenceTable_MatchesReference()
    {
        string[,] reference =
        {
            // R = 5 .. 1 (rows), F = 1 .. 5 (columns), REFERENCE.md.
            { "New Customers", "Potential Loyalists", "Potential Loyalists", "Champions", "Champions" },
            { "Promising", "Potential Loyalists", "Potential Loyalists", "Loyal Customers", "Loyal Customers" },
            { "About To Sleep", "About To Sleep", "Need Attention", "Loyal Customers", "Loyal Customers" },
            { "Hibernating", "Hibernating", "At Risk", "At Risk", "Can't Lose Them" },
            { "Hibernating", "Hibernating", "At Risk", "At Risk", "Can't Lose Them" },
        };
        var map = SegmentMap.RfGrid();

        for (int r = 5; r >= 1; r--)
        {
            for (int f = 1; f <= 5; f++)
            {
                for (int m = 1; m <= 5; m++)
                {
                    Assert.Equal(reference[5 - r, f - 1], map.Assign(new RfmScore(r, f, m)).Name);
                }
            }
        }

        Assert.Equal(11, map.Segments.Count);
    }

    [Fact]
    public void RangeMap_FirstMatchWinsElseOthers()
    {
        var map = SegmentMap.RangeMap();

        Assert.Equal(RfmSegment.Champions, map.Assign(new RfmScore(5, 5, 5)));
        Assert.Equal(RfmSegment.PotentialLoyalists, map.Assign(new RfmScore(5, 5, 4)));
        Assert.Equal(RfmSegment.LoyalCustomers, map.Assign(new RfmScore(2, 2, 2)));
        Assert.Equal(RfmSegment.CantLoseThem, map.Assign(new RfmScore(1, 3, 5)));
        Assert.Equal(RfmSegment.AtRisk, map.Assign(new RfmScore(1, 5, 5)));
        Assert.Equal(RfmSegment.Lost, map.Assign(new RfmScore(1, 1, 1)));
        Assert.Equal(RfmSegment.Others, map.Assign(new RfmScore(2, 1, 5)));
        Assert.Equal(RfmSegment.Lead, map.Assign(RfmScore.Lead));
    }

    [Fact]
    public void EightClass_HighMeansStrictlyAboveMeanScore()
    {
        var cutPoints = RfmTestData.CdnowCustomers.Count > 0 ? RfmScorer.Score(RfmTestData.CdnowCustomers).CutPoints : null!;
        var map = SegmentMap.EightClass(cutPoints);

        int lowR = (int)Math.Floor(cutPoints.MeanRScore);
        int lowF = (int)Math.Floor(cutPoints.MeanFScore);
        int lowM = (int)Math.Floor(cutPoints.MeanMScore);
        Assert.Equal(RfmSegment.ImportantValue, map.Assign(new RfmScore(lowR + 1, lowF + 1, lowM + 1)));
        Assert.Equal(RfmSegment.ImportantDevelopment, map.Assign(new RfmScore(lowR + 1, lowF, lowM + 1)));
        Assert.Equal(RfmSegment.ImportantRetention, map.Assign(new RfmScore(lowR, lowF + 1, 5)));
        Assert.Equal(RfmSegment.ImportantWinBack, map.Assign(new RfmScore(1, 1, 5)));
        Assert.Equal(RfmSegment.GeneralWinBack, map.Assign(new RfmScore(lowR, lowF, lowM)));
        Assert.Equal("重要价值客户", RfmSegment.ImportantValue.ChineseName);
        Assert.Equal("一般挽留客户", map.Assign(new RfmScore(1, 1, 1)).ChineseName);
    }

    [Fact]
    public void ValueTiers_DefaultHighIsAboveMiddle()
    {
        var map = SegmentMap.ValueTiers();

        Assert.Equal(RfmSegment.HighValue, map.Assign(new RfmScore(1, 4, 4)));
        Assert.Equal(RfmSegment.Growth, map.Assign(new RfmScore(5, 3, 5)));
        Assert.Equal(RfmSegment.PriceSensitive, map.Assign(new RfmScore(5, 5, 3)));
        Assert.Equal(RfmSegment.LowValue, map.Assign(new RfmScore(5, 3, 3)));
        Assert.Equal(RfmSegment.HighValue, SegmentMap.ValueTiers(5, highFrom: 3).Assign(new RfmScore(1, 3, 3)));
        Assert.Equal(RfmSegment.Growth, SegmentMap.ValueTiers(10).Assign(new RfmScore(1, 5, 6)));
        Assert.Throws<ArgumentOutOfRangeException>(() => SegmentMap.ValueTiers(5, highFrom: 6));
    }

    [Fact]
    public void Constructor_UnmatchedCombination_ThrowsWhenBuilt()
    {
        var e = Assert.Throws<ArgumentException>(() => new SegmentMap(
            3,
            [new SegmentRule(RfmSegment.Champions, new ScoreRange(2, 3), ScoreRange.Any, ScoreRange.Any)],
            MatchPolicy.FirstMatch));

        Assert.Contains("No rule matches R1 F1 M1 (and 8 other score combinations)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_RangeAboveScoreCount_ThrowsEmptyRange()
    {
        var e = Assert.Throws<ArgumentException>(() => new SegmentMap(
            5,
            [new SegmentRule(RfmSegment.Champions, new ScoreRange(6, 10), ScoreRange.Any, ScoreRange.Any)],
            MatchPolicy.FirstMatch,
            RfmSegment.Others));

        Assert.Contains("empty R range 6..10", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_DefaultRange_ThrowsEmptyRange() =>
        Assert.Throws<ArgumentException>(() => new SegmentMap(
            5,
            [new SegmentRule(RfmSegment.Champions, ScoreRange.Any, default, ScoreRange.Any)],
            MatchPolicy.FirstMatch,
            RfmSegment.Others));

    [Fact]
    public void ScoreRange_MinAboveMax_ThrowsEmptyRange()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new ScoreRange(4, 2));
        Assert.Contains("is empty", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_ExclusiveOverlap_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new SegmentMap(
            2,
            [
                new SegmentRule(RfmSegment.HighValue, ScoreRange.Any, ScoreRange.Any, ScoreRange.Only(2)),
                new SegmentRule(RfmSegment.LowValue, ScoreRange.Any, ScoreRange.Any, ScoreRange.Any),
            ],
            MatchPolicy.Exclusive));

        Assert.Contains("both match R1 F1 M2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Assign_ScoreAboveMapScoreCount_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SegmentMap.RfGrid().Assign(new RfmScore(6, 1, 1)));

    [Theory]
    [MemberData(nameof(PresetNames))]
    public void Preset_Cdnow_EveryCustomerExactlyOneSegment(string name)
    {
        var customers = RfmTestData.CdnowCustomers;
        var rfm = RfmScorer.Score(customers);
        var map = Preset(name, rfm.CutPoints);

        var segments = map.Assign(rfm.AsSpan());
        var report = SegmentReport.Create(customers, rfm, map);

        Assert.All(segments, s => Assert.Contains(s, map.Segments));
        foreach (var s in rfm)
        {
            int matching = map.Rules.Count(r => r.Matches(s));
            Assert.True(map.MatchPolicy == MatchPolicy.FirstMatch ? matching >= 0 : matching == 1);
        }

        Assert.Equal(2357, report.Rows.Sum(r => r.Count));
        Assert.Equal(2357, report.CustomerCount);
        Assert.Equal(1.0, report.Rows.Sum(r => r.Share), 12);
        Assert.Equal(customers.Sum(c => c.NetSpend), report.Rows.Sum(r => r.NetSpend), 6);
    }

    [Fact]
    public void SegmentReport_ScoresOfAnotherScoreCount_ThrowsNamingMap()
    {
        // Scores 1..3 (the README's custom RFM) on the 5x5 RF grid: R3 F3, the best score, would be "Need Attention".
        var customers = RfmTestData.CdnowCustomers;
        var three = RfmScorer.Score(customers, new RfmOptions { ScoreCount = 3 });

        var e = Assert.Throws<ArgumentException>(() => SegmentReport.Create(customers, three, SegmentMap.RfGrid()));

        Assert.Equal("map", e.ParamName);
        Assert.Contains("map is for 5 scores but the scores run from 1 to 3", e.Message, StringComparison.Ordinal);
        Assert.Equal(customers.Count, SegmentReport.Create(customers, three, SegmentMap.ValueTiers(3)).CustomerCount);
    }

    [Fact]
    public void SegmentReport_CdnowRfGrid_RegressionCounts()
    {
        var customers = RfmTestData.CdnowCustomers;
        var rfm = RfmScorer.Score(customers);

        var report = SegmentReport.Create(customers, rfm, SegmentMap.RfGrid());

        Assert.Equal(ExpectedRfGrid, report.Rows.Select(r => (r.Segment.Name, r.Count)).ToArray());
    }

    [Fact]
    public void SegmentReport_CdnowEightClass_RegressionCounts()
    {
        var customers = RfmTestData.CdnowCustomers;
        var rfm = RfmScorer.Score(customers);

        var report = SegmentReport.Create(customers, rfm, SegmentMap.EightClass(rfm.CutPoints));

        Assert.Equal(ExpectedEightClass, report.Rows.Select(r => (r.Segment.Name, r.Count)).ToArray());
    }

    [Fact]
    public void SegmentReport_CdnowRangeMap_RegressionCounts()
    {
        var customers = RfmTestData.CdnowCustomers;
        var rfm = RfmScorer.Score(customers);

        var report = SegmentReport.Create(customers, rfm, SegmentMap.RangeMap());

        Assert.Equal(ExpectedRangeMap, report.Rows.Select(r => (r.Segment.Name, r.Count)).ToArray());
        Assert.Equal(2357, ExpectedRangeMap.Sum(r => r.Item2));
    }

    [Fact]
    public void SegmentReport_RowValues_MatchHandComputation()
    {
        var customers = new[]
        {
            RfmTestData.Customer(0, 0, 0, "lead"),
            RfmTestData.Customer(2, 4, 100, "a"),
            RfmTestData.Customer(4, 6, 300, "b"),
            RfmTestData.Customer(300, 1, 10, "c"),
        };
        var rfm = RfmScorer.Score(customers, new RfmOptions { ScoreCount = 2 });
        var map = new SegmentMap(
            2,
            [new SegmentRule(RfmSegment.Champions, ScoreRange.Only(2), ScoreRange.Any, ScoreRange.Any)],
            MatchPolicy.FirstMatch,
            RfmSegment.Others);

        var report = SegmentReport.Create(customers, rfm.AsSpan(), map);

        // k = 2 over days 2, 4, 300: the cut point is 4, the value at rank ceil(3/2) from the oldest end; a value equal to a
        // cut point gets the lower score, so only "a" (2 days) has R = 2.
        Assert.Equal([4.0], rfm.CutPoints.DaysSinceLastPurchase);
        Assert.Equal(["Champions", "Others", "Lead"], report.Rows.Select(r => r.Segment.Name));
        var champions = report.Rows[0];
        Assert.Equal(1, champions.Count);
        Assert.Equal(0.25, champions.Share);
        Assert.Equal(100, champions.NetSpend);
        Assert.Equal(100, champions.MeanNetSpend);
        Assert.Equal(2, champions.MeanDaysSinceLastPurchase);
        Assert.Equal(4, champions.MeanPurchaseDays);
        var others = report.Rows[1];
        Assert.Equal((2, 310.0, 152.0, 3.5), (others.Count, others.NetSpend, others.MeanDaysSinceLastPurchase!.Value, others.MeanPurchaseDays));
        Assert.Null(report.Rows[2].MeanDaysSinceLastPurchase);
    }

    // Computed once with this library (k = 5, purchase days, total net spend); every row count sums to 2,357.
    private static readonly (string, int)[] ExpectedRfGrid =
    [
        ("Champions", 335), ("Loyal Customers", 161), ("Potential Loyalists", 312), ("Promising", 147), ("Need Attention", 54),
        ("About To Sleep", 390), ("At Risk", 78), ("Can't Lose Them", 6), ("Hibernating", 874),
    ];

    private static readonly (string, int)[] ExpectedEightClass =
    [
        ("Important Value", 811), ("Important Development", 191), ("Important Retention", 74), ("Important Win-back", 337),
        ("General Value", 51), ("General Development", 346), ("General Retention", 10), ("General Win-back", 537),
    ];

    private static readonly (string, int)[] ExpectedRangeMap =
    [
        ("Champions", 191), ("Potential Loyalists", 668), ("Loyal Customers", 41), ("Promising", 191), ("New Customers", 95),
        ("Can't Lose Them", 26), ("At Risk", 6), ("Need Attention", 9), ("About To Sleep", 651), ("Lost", 460), ("Others", 19),
    ];
}
