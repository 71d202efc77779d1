using Clv.Rfm;

namespace Clv.Tests.Rfm;

public class SegmentMapJsonTests
{
    public static TheoryData<string> Presets => ["RfGrid", "RangeMap", "ValueTiers", "EightClass"];

    private static SegmentMap Preset(string name) => name switch
    {
        "RfGrid" => SegmentMap.RfGrid(),
        "RangeMap" => SegmentMap.RangeMap(),
        "ValueTiers" => SegmentMap.ValueTiers(4, 3),
        _ => SegmentMap.EightClass(RfmScorer.Score(RfmTestData.CdnowCustomers).CutPoints),
    };

    [Theory]
    [MemberData(nameof(Presets))]
    public void FromJson_EveryPreset_RoundTripsAndAssignsTheSameSegments(string name)
    {
        var map = Preset(name);
        string json = map.ToJson();
        var loaded = SegmentMap.FromJson(json);
        Assert.Equal(json, loaded.ToJson());
        Assert.Equal(map.Segments, loaded.Segments);
        for (int r = 1; r <= map.ScoreCount; r++)
        {
            for (int f = 1; f <= map.ScoreCount; f++)
            {
                for (int m = 1; m <= map.ScoreCount; m++)
                {
                    Assert.Equal(map.Assign(new RfmScore(r, f, m)), loaded.Assign(new RfmScore(r, f, m)));
                }
            }
        }

        Assert.Equal(map.Assign(RfmScore.Lead), loaded.Assign(RfmScore.Lead));
    }

    [Theory]
    [InlineData("\"matchPolicy\":\"Exclusive\"", "\"matchPolicy\":\"Any\"", "field \"matchPolicy\" is \"Any\"")]
    [InlineData("\"r\":[5,5]", "\"r\":[5,4]", "field \"rules[0].r\" is [5, 4]")]
    [InlineData("\"r\":[5,5]", "\"r\":[5]", "field \"rules[0].r\" has 1 elements, expected 2")]
    [InlineData("{\"name\":\"Champions\",\"chineseName\":\"冠军客户\"}", "{\"name\":\"Champions\"}", "field \"rules[0].segment.chineseName\" is missing")]
    [InlineData("\"scoreCount\":5", "\"scoreCount\":6", "field \"rules\" is invalid: No rule matches")]
    public void FromJson_BadField_ThrowsNamingTheField(string find, string replace, string why)
    {
        string json = SegmentMap.RfGrid().ToJson();
        Assert.Contains(find, json, StringComparison.Ordinal);
        var e = Assert.Throws<FormatException>(() => SegmentMap.FromJson(json.Replace(find, replace, StringComparison.Ordinal)));
        Assert.Contains(why, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SegmentReport_ToString_IsAnInvariantTableWithEveryRow()
    {
        var customers = RfmTestData.CdnowCustomers;
        var report = SegmentReport.Create(customers, RfmScorer.Score(customers), SegmentMap.RfGrid());
        var lines = report.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("2,357 customers in 9 segments", lines[0]);
        Assert.StartsWith("segment", lines[1], StringComparison.Ordinal);
        Assert.Equal(report.Rows.Count + 2, lines.Length);
        Assert.StartsWith("Champions                  335   14.2%     70,429.81           210.24", lines[2], StringComparison.Ordinal);
    }
}
