using Clv.Crm;
using Clv.Probabilistic;
using Clv.Tests.Probabilistic;

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
            _ => throw new ArgumentException(entry),
        };
    }
}
