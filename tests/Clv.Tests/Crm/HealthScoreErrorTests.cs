using Clv.Crm;
using Clv.Tests.Lifecycle;

namespace Clv.Tests.Crm;

/// <summary>Bad input to the health score: each error names the parameter (or option path) and the value.</summary>
public class HealthScoreErrorTests
{
    private static CustomerSummaries Two() => Log.Summaries(100, Log.Buy("a", 10), Log.Buy("b", 50));

    [Theory]
    [InlineData(nameof(HealthScoreOptions.RecencyWeight), double.NaN)]
    [InlineData(nameof(HealthScoreOptions.FrequencyTrendWeight), -0.1)]
    [InlineData(nameof(HealthScoreOptions.SpendTrendWeight), double.PositiveInfinity)]
    [InlineData(nameof(HealthScoreOptions.AliveProbabilityWeight), -1.0)]
    public void Create_BadWeight_ThrowsNamingTheOptionAndValue(string property, double value)
    {
        var options = property switch
        {
            nameof(HealthScoreOptions.RecencyWeight) => new HealthScoreOptions { RecencyWeight = value },
            nameof(HealthScoreOptions.FrequencyTrendWeight) => new HealthScoreOptions { FrequencyTrendWeight = value },
            nameof(HealthScoreOptions.SpendTrendWeight) => new HealthScoreOptions { SpendTrendWeight = value },
            _ => new HealthScoreOptions { AliveProbabilityWeight = value },
        };

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => HealthSignals.Create(Two(), [], null, options));

        Assert.Equal("options." + property, e.ParamName);
        Assert.Equal(value, e.ActualValue);
        Assert.Contains(value.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_BadCustomWeight_ThrowsNamingItsPath()
    {
        var options = new HealthScoreOptions { CustomSignals = [new CustomHealthSignal("nps", double.NaN)] };
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => HealthSignals.Create(Two(), [], null, options));
        Assert.Equal("options.CustomSignals[0].Weight", e.ParamName);
        Assert.Contains("'nps'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_OtherBadOptions_Throw()
    {
        Assert.Equal("options.RecencyHalfLifeDays", Assert.Throws<ArgumentOutOfRangeException>(() => HealthSignals.Create(Two(), [], null, new HealthScoreOptions { RecencyHalfLifeDays = 0 })).ParamName);
        Assert.Equal("options.TrendWindowDays", Assert.Throws<ArgumentOutOfRangeException>(() => HealthSignals.Create(Two(), [], null, new HealthScoreOptions { TrendWindowDays = 0 })).ParamName);
        Assert.Equal("options.GreenFrom", Assert.Throws<ArgumentOutOfRangeException>(() => HealthSignals.Create(Two(), [], null, new HealthScoreOptions { AmberFrom = 50, GreenFrom = 40 })).ParamName);
        Assert.Equal("options.AmberFrom", Assert.Throws<ArgumentOutOfRangeException>(() => HealthScore.Band(50, new HealthScoreOptions { AmberFrom = double.NaN })).ParamName);
        Assert.Throws<ArgumentException>(() => HealthSignals.Create(Two(), [], null, new HealthScoreOptions { CustomSignals = [new CustomHealthSignal("recency", 1)] }));
        Assert.Throws<ArgumentException>(() => HealthSignals.Create(Two(), [], null, new HealthScoreOptions { CustomSignals = [new CustomHealthSignal("x", 1), new CustomHealthSignal("x", 2)] }));
        Assert.Throws<ArgumentException>(() => HealthSignals.Create(Two(), [], null, new HealthScoreOptions { CustomSignals = [new CustomHealthSignal("x", 1) { Minimum = 0 }] }));
        Assert.Throws<ArgumentException>(() => HealthSignals.Create(Two(), [], null, new HealthScoreOptions { CustomSignals = [new CustomHealthSignal("x", 1) { Minimum = 0, Maximum = 1 }] }));
        Assert.Equal("options.CustomSignals[0].Maximum", Assert.Throws<ArgumentOutOfRangeException>(() => HealthSignals.Create(Two(), [], null, new HealthScoreOptions
        {
            CustomSignals = [new CustomHealthSignal("x", 1) { Scaling = SignalScaling.MinMax, Minimum = 5, Maximum = 5 }],
        })).ParamName);
    }

    [Fact]
    public void Create_NoPositiveWeightSupplied_Throws()
    {
        var options = new HealthScoreOptions { RecencyWeight = 0, FrequencyTrendWeight = 0, SpendTrendWeight = 0 };
        var e = Assert.Throws<ArgumentException>(() => HealthSignals.Create(Two(), [], null, options));
        Assert.Equal("options", e.ParamName);
    }

    [Fact]
    public void Create_LengthMismatch_ThrowsNamingBothLengths()
    {
        var e = Assert.Throws<ArgumentException>(() => HealthSignals.Create(Two(), [0.5], null, null));
        Assert.Equal("aliveProbability", e.ParamName);
        Assert.Contains("1 values but there are 2 customers", e.Message, StringComparison.Ordinal);

        var options = new HealthScoreOptions { CustomSignals = [new CustomHealthSignal("nps", 1)] };
        var f = Assert.Throws<ArgumentException>(() => HealthSignals.Create(Two(), [], new Dictionary<string, double[]> { ["nps"] = [1, 2, 3] }, options));
        Assert.Equal("customSignals", f.ParamName);
        Assert.Contains("'nps' has 3 values but there are 2 customers", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_UnknownSignalName_ThrowsNamingItAndTheDeclaredOnes()
    {
        var options = new HealthScoreOptions { CustomSignals = [new CustomHealthSignal("nps", 1)] };
        var e = Assert.Throws<ArgumentException>(() => HealthSignals.Create(Two(), [], new Dictionary<string, double[]> { ["NPS"] = [1, 2] }, options));
        Assert.Equal("customSignals", e.ParamName);
        Assert.Contains("Unknown signal 'NPS'", e.Message, StringComparison.Ordinal);
        Assert.Contains("declared: nps", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_BadValues_Throw()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => HealthSignals.Create(Two(), [0.5, 1.5], null, null));
        Assert.Equal("aliveProbability", e.ParamName);
        Assert.Contains("aliveProbability[1]", e.Message, StringComparison.Ordinal);

        var options = new HealthScoreOptions { CustomSignals = [new CustomHealthSignal("nps", 1)] };
        Assert.Throws<ArgumentOutOfRangeException>(() => HealthSignals.Create(Two(), [], new Dictionary<string, double[]> { ["nps"] = [1, double.NegativeInfinity] }, options));
        Assert.Throws<ArgumentException>(() => HealthSignals.Create(Two(), [], new Dictionary<string, double[]> { ["nps"] = null! }, options));
        Assert.Throws<ArgumentNullException>(() => HealthSignals.Create(null!, [], null, null));
    }

    [Fact]
    public void Rules_BadArguments_Throw()
    {
        Assert.Equal("halfLifeDays", Assert.Throws<ArgumentOutOfRangeException>(() => HealthSignals.Recency(3, double.NaN)).ParamName);
        Assert.Equal("daysSinceLastPurchase", Assert.Throws<ArgumentOutOfRangeException>(() => HealthSignals.Recency(-1, 30)).ParamName);
        Assert.Equal("recent", Assert.Throws<ArgumentOutOfRangeException>(() => HealthSignals.Trend(-1, 3)).ParamName);
        Assert.Equal("prior", Assert.Throws<ArgumentOutOfRangeException>(() => HealthSignals.Trend(1, double.NaN)).ParamName);
        Assert.Equal("maximum", Assert.Throws<ArgumentOutOfRangeException>(() => HealthSignals.MinMax(1, 5, 4, true)).ParamName);
        Assert.Equal("value", Assert.Throws<ArgumentOutOfRangeException>(() => HealthSignals.MinMax(double.PositiveInfinity, 0, 4, true)).ParamName);
        Assert.Equal("customer", Assert.Throws<ArgumentOutOfRangeException>(() => HealthScore.Score(HealthSignals.Create(Two(), [], null, null), 2)).ParamName);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => HealthScore.Score(HealthSignals.Create(Two(), [], null, null), new CustomerHealth[3])).ParamName);
    }
}
