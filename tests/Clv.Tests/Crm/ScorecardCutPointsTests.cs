using Clv.Crm;
using Clv.Rfm;

namespace Clv.Tests.Crm;

public sealed class ScorecardCutPointsTests
{
    [Fact]
    public void CutPointsFittedOnTheSamePopulation_GiveTheDefaultScores()
    {
        var customers = TestData.CdnowSummaries();
        var byQuantiles = Scorecard.Create(customers, ScorecardOptions.Default);
        var byCuts = Scorecard.Create(customers, new ScorecardOptions { RfmCutPoints = RfmCutPoints.Fit(customers).Model });
        Assert.Equal(byQuantiles.Rows.Select(r => r.Rfm), byCuts.Rows.Select(r => r.Rfm));
    }

    [Fact]
    public void SavedCutPoints_ScoreAnotherPopulationByThemselves()
    {
        var all = TestData.CdnowSummaries();
        var cuts = RfmCutPoints.FromJson(RfmCutPoints.Fit(all).Model.ToJson());
        var part = CustomerSummaries.FromTransactions(TestData.CdnowSample().Where(t => t.CustomerId.Length < 3).ToArray(), TestData.CdnowCalibrationEnd, TimeUnit.Week);
        var scorecard = Scorecard.Create(part, new ScorecardOptions { RfmCutPoints = cuts });
        var expected = cuts.Score(part);
        Assert.Equal(expected.AsSpan().ToArray().Select(s => (RfmScore?)s), scorecard.Rows.Select(r => r.Rfm));
        Assert.NotEqual(RfmScorer.Score(part).AsSpan().ToArray().Select(s => (RfmScore?)s), scorecard.Rows.Select(r => r.Rfm));
    }

    [Fact]
    public void CutPointsThatDoNotMatchTheRfmOptions_AreRejected()
    {
        var customers = TestData.CdnowSummaries();
        var cuts = RfmCutPoints.Fit(customers, new RfmOptions { ScoreCount = 3 }).Model;
        var e = Assert.Throws<ArgumentException>(() => Scorecard.Create(customers, new ScorecardOptions { RfmCutPoints = cuts }));
        Assert.Contains("options.RfmCutPoints (k = 3", e.Message, StringComparison.Ordinal);
        var noRfm = Assert.Throws<ArgumentException>(() => Scorecard.Create(customers, new ScorecardOptions { RfmCutPoints = cuts, Rfm = null, Segments = null, ValueTiers = null }));
        Assert.Contains("options.RfmCutPoints needs options.Rfm", noRfm.Message, StringComparison.Ordinal);
    }
}
