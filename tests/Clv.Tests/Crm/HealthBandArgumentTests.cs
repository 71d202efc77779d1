using Clv.Crm;

namespace Clv.Tests.Crm;

/// <summary><see cref="HealthScore.Band"/> takes a score on the 0..100 scale or NaN, as documented, and refuses anything else.</summary>
public class HealthBandArgumentTests
{
    [Theory]
    [InlineData(-0.5)]
    [InlineData(100.5)]
    [InlineData(250)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Band_ScoreOffTheScale_Throws(double score)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => HealthScore.Band(score, null));
        Assert.Equal("score", e.ParamName);
        Assert.Contains("score must be between 0 and 100 or NaN", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, HealthBand.Red)]
    [InlineData(100, HealthBand.Green)]
    [InlineData(double.NaN, HealthBand.NotScored)]
    public void Band_ScoreOnTheScale_Banded(double score, HealthBand expected) => Assert.Equal(expected, HealthScore.Band(score, null));
}
