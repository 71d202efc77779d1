using Clv.Rfm;

namespace Clv.Tests.Rfm;

public class RfmCutPointsJsonTests
{
    [Fact]
    public void FromJson_RoundTrip_SameFieldsAndScores()
    {
        var customers = RfmTestData.CdnowCustomers;
        var rfm = RfmScorer.Score(customers, new RfmOptions { ScoreCount = 7, MonetaryMeasure = MonetaryMeasure.Mean });

        string json = rfm.CutPoints.ToJson();
        var loaded = RfmCutPoints.FromJson(json);

        Assert.Contains("\"model\":\"RfmCutPoints\",\"version\":1", json, StringComparison.Ordinal);
        Assert.Equal(rfm.CutPoints.ScoreCount, loaded.ScoreCount);
        Assert.Equal(rfm.CutPoints.FrequencyMeasure, loaded.FrequencyMeasure);
        Assert.Equal(MonetaryMeasure.Mean, loaded.MonetaryMeasure);
        Assert.Equal(rfm.CutPoints.DaysSinceLastPurchase, loaded.DaysSinceLastPurchase);
        Assert.Equal(rfm.CutPoints.Frequency, loaded.Frequency);
        Assert.Equal(rfm.CutPoints.Monetary, loaded.Monetary);
        Assert.Equal(rfm.CutPoints.PopulationSize, loaded.PopulationSize);
        Assert.Equal(rfm.CutPoints.MeanRScore, loaded.MeanRScore);
        Assert.Equal(rfm.CutPoints.MeanFScore, loaded.MeanFScore);
        Assert.Equal(rfm.CutPoints.MeanMScore, loaded.MeanMScore);
        Assert.Equal(rfm.AsSpan().ToArray(), loaded.Score(customers).AsSpan().ToArray());
        Assert.Equal(json, loaded.ToJson());
    }

    [Theory]
    [InlineData("\"version\":1", "\"version\":2", "field \"version\" is 2")]
    [InlineData("\"model\":\"RfmCutPoints\"", "\"model\":\"SegmentMap\"", "field \"model\" is \"SegmentMap\"")]
    [InlineData("\"scoreCount\":5", "\"scoreCount\":11", "field \"scoreCount\" is 11")]
    [InlineData("\"frequencyMeasure\":\"PurchaseDays\"", "\"frequencyMeasure\":\"Visits\"", "field \"frequencyMeasure\" is \"Visits\"")]
    [InlineData("\"populationSize\":", "\"populationSize\":-", "field \"populationSize\" is -")]
    [InlineData("\"meanScores\":{\"r\":", "\"meanScores\":{\"r\":9", "field \"meanScores.r\" is 9")]
    public void FromJson_BadField_ThrowsNamingTheField(string find, string replace, string why)
    {
        string json = RfmScorer.Score(RfmTestData.CdnowCustomers).CutPoints.ToJson();
        Assert.Contains(find, json, StringComparison.Ordinal);
        var e = Assert.Throws<FormatException>(() => RfmCutPoints.FromJson(json.Replace(find, replace, StringComparison.Ordinal)));
        Assert.Contains(why, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{", "not valid JSON")]
    [InlineData("[]", "not a JSON object")]
    [InlineData("{\"model\":\"RfmCutPoints\"}", "field \"version\" is missing")]
    [InlineData("{\"model\":\"RfmCutPoints\",\"version\":\"one\"}", "field \"version\" is the string \"one\"")]
    public void FromJson_Malformed_ThrowsFormatExceptionSayingWhy(string json, string why)
    {
        var e = Assert.Throws<FormatException>(() => RfmCutPoints.FromJson(json));
        Assert.Contains(why, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_DecreasingCutPoints_NamesTheElement()
    {
        string json = """
            {"model":"RfmCutPoints","version":1,"scoreCount":3,"frequencyMeasure":"PurchaseDays","monetaryMeasure":"Total","populationSize":5,
             "daysSinceLastPurchase":[10,5],"frequency":[1,2],"monetary":[1,2],"meanScores":{"r":2,"f":2,"m":2}}
            """;

        var e = Assert.Throws<FormatException>(() => RfmCutPoints.FromJson(json));
        Assert.Contains("field \"daysSinceLastPurchase[1]\" is 5", e.Message, StringComparison.Ordinal);
    }
}
