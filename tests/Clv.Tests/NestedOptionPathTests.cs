using Clv.Crm;
using Clv.Probabilistic;
using Clv.Rfm;
using Clv.Tests.Probabilistic;
using Clv.Valuation;

namespace Clv.Tests;

/// <summary>
/// An out-of-range option nested in another options object is named by its whole path from the method's parameter
/// (<c>options.Horizon.Periods</c>), not as if it were a property of the outer options (<c>options.Periods</c>, which
/// <see cref="ScorecardOptions"/> does not have).
/// </summary>
public class NestedOptionPathTests
{
    public static TheoryData<string, string> Cases() => new()
    {
        { "Scorecard.Horizon.Periods", "options.Horizon.Periods" },
        { "Scorecard.Horizon.MarginRate", "options.Horizon.MarginRate" },
        { "Scorecard.Horizon.Period", "options.Horizon.Period" },
        { "Scorecard.Health.AmberFrom", "options.Health.AmberFrom" },
        { "Scorecard.Health.RecencyWeight", "options.Health.RecencyWeight" },
        { "PredictionIntervals.Clv.Periods", "options.Clv.Periods" },
        { "PredictiveClv.Periods", "options.Periods" },
        { "HealthSignals.AmberFrom", "options.AmberFrom" },
        { "Scorecard.Rfm.ScoreCount", "options.Rfm.ScoreCount" },
        { "Scorecard.Rfm.FrequencyMeasure", "options.Rfm.FrequencyMeasure" },
        { "Scorecard.Abc.AShare", "options.Abc.AShare" },
        { "Scorecard.Abc.BShare", "options.Abc.BShare" },
        { "Scorecard.HistoricalValue.MarginRate", "options.HistoricalValue.MarginRate" },
        { "Scorecard.HistoricalValue.ServiceCost", "options.HistoricalValue.ServiceCost" },
        { "RfmScorer.ScoreCount", "options.ScoreCount" },
        { "AbcClassification.AShare", "options.AShare" },
        { "HistoricalValue.MarginRate", "options.MarginRate" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Entry_NestedOptionOutOfRange_NamesTheWholePath(string entry, string path)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Call(entry));
        Assert.Equal(path, e.ParamName);
        Assert.StartsWith(path + " must", e.Message, StringComparison.Ordinal);
    }

    private static object Call(string entry)
    {
        var customers = CdnowFits.Summaries;
        var model = CdnowFits.BgNbd.Model;
        var spend = CdnowFits.GammaGamma.Model;
        return entry switch
        {
            "Scorecard.Horizon.Periods" => Scorecard.Create(customers, new ScorecardOptions { Purchases = model, Spend = spend, Horizon = new PredictiveClvOptions { Periods = 0 } }),
            "Scorecard.Horizon.MarginRate" => Scorecard.Create(customers, new ScorecardOptions { Horizon = new PredictiveClvOptions { MarginRate = -1 } }),
            "Scorecard.Horizon.Period" => Scorecard.Create(customers, new ScorecardOptions { Horizon = new PredictiveClvOptions { Period = (TimeUnit)9 } }),
            "Scorecard.Health.AmberFrom" => Scorecard.Create(customers, new ScorecardOptions { Health = new HealthScoreOptions { AmberFrom = -1 } }),
            "Scorecard.Health.RecencyWeight" => Scorecard.Create(customers, new ScorecardOptions { Health = new HealthScoreOptions { RecencyWeight = double.NaN } }),
            "PredictionIntervals.Clv.Periods" => PredictionIntervals.Compute(CdnowFits.BgNbd, CdnowFits.GammaGamma, customers, 10, new PredictionIntervalOptions { Clv = new PredictiveClvOptions { Periods = 0 } }),
            "PredictiveClv.Periods" => PredictiveClv.Compute(model, spend, customers, new PredictiveClvOptions { Periods = 0 }),
            "HealthSignals.AmberFrom" => HealthSignals.Create(customers, [], null, new HealthScoreOptions { AmberFrom = -1 }),
            "Scorecard.Rfm.ScoreCount" => Scorecard.Create(customers, new ScorecardOptions { Rfm = new RfmOptions { ScoreCount = 1 } }),
            "Scorecard.Rfm.FrequencyMeasure" => Scorecard.Create(customers, new ScorecardOptions { Rfm = new RfmOptions { FrequencyMeasure = (FrequencyMeasure)9 } }),
            "Scorecard.Abc.AShare" => Scorecard.Create(customers, new ScorecardOptions { Abc = new AbcOptions { AShare = 0 } }),
            "Scorecard.Abc.BShare" => Scorecard.Create(customers, new ScorecardOptions { Abc = new AbcOptions { AShare = 0.9, BShare = 0.2 } }),
            "Scorecard.HistoricalValue.MarginRate" => Scorecard.Create(customers, new ScorecardOptions { HistoricalValue = new HistoricalValueOptions { MarginRate = 2 } }),
            "Scorecard.HistoricalValue.ServiceCost" => Scorecard.Create(customers, new ScorecardOptions { HistoricalValue = new HistoricalValueOptions { ServiceCost = -1 } }),
            "RfmScorer.ScoreCount" => RfmScorer.Score(customers, new RfmOptions { ScoreCount = 1 }),
            "AbcClassification.AShare" => AbcClassification.Classify([1.0, 2.0], new AbcOptions { AShare = 0 }),
            "HistoricalValue.MarginRate" => HistoricalValue.Compute(customers, new HistoricalValueOptions { MarginRate = 2 }),
            _ => throw new ArgumentException(entry),
        };
    }
}
