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

        Assert.Contains("\"Version\": 1", json, StringComparison.Ordinal);
        Assert.Equal(rfm.CutPoints.ScoreCount, loaded.ScoreCount);
        Assert.Equal(rfm.CutPoints.FrequencyMeasure, loaded.FrequencyMeasure);
        Assert.Equal(MonetaryMeasure.Mean, loaded.MonetaryMeasure);
        Assert.Equal(rfm.CutPoints.Recency, loaded.Recency);
        Assert.Equal(rfm.CutPoints.Frequency, loaded.Frequency);
        Assert.Equal(rfm.CutPoints.Monetary, loaded.Monetary);
        Assert.Equal(rfm.CutPoints.PopulationSize, loaded.PopulationSize);
        Assert.Equal(rfm.CutPoints.MeanRecencyScore, loaded.MeanRecencyScore);
        Assert.Equal(rfm.CutPoints.MeanFrequencyScore, loaded.MeanFrequencyScore);
        Assert.Equal(rfm.CutPoints.MeanMonetaryScore, loaded.MeanMonetaryScore);
        Assert.Equal(rfm.AsSpan().ToArray(), loaded.Score(customers.AsSpan()));
        Assert.Equal(json, loaded.ToJson());
    }

    [Fact]
    public void FromJson_UnknownVersion_ThrowsFormatException()
    {
        string json = RfmScorer.Score(RfmTestData.CdnowCustomers).CutPoints.ToJson().Replace("\"Version\": 1", "\"Version\": 2", StringComparison.Ordinal);

        var e = Assert.Throws<FormatException>(() => RfmCutPoints.FromJson(json));
        Assert.Contains("unknown Version 2", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("{\"Version\": 1}")]
    [InlineData("{\"Version\": \"one\"}")]
    public void FromJson_Malformed_ThrowsFormatException(string json) =>
        Assert.Throws<FormatException>(() => RfmCutPoints.FromJson(json));

    [Fact]
    public void FromJson_DecreasingCutPoints_ThrowsFormatException()
    {
        string json = """
            {"Version":1,"ScoreCount":3,"FrequencyMeasure":"PurchaseDays","MonetaryMeasure":"Total","PopulationSize":5,
             "Recency":[10,5],"Frequency":[1,2],"Monetary":[1,2],"MeanRecencyScore":2,"MeanFrequencyScore":2,"MeanMonetaryScore":2}
            """;

        var e = Assert.Throws<FormatException>(() => RfmCutPoints.FromJson(json));
        Assert.Contains("non-decreasing", e.Message, StringComparison.Ordinal);
    }
}
