using Clv.Internal;
using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// The small option and row types read directly: the defaults, each rule of <c>Validate</c> on both sides of its bound with
/// the property it names, a holdout row's label, and how row counts add up.
/// </summary>
public class OptionRecordsTests
{
    [Fact]
    public void IntervalOptions_Defaults_AreValidAndReturnedAsThemselves()
    {
        var options = new PredictionIntervalOptions();
        Assert.Equal(0.9, options.Level);
        Assert.Equal(200, options.Draws);
        Assert.Equal(ParameterUncertainty.Asymptotic, options.Uncertainty);
        Assert.Equal(0, options.Seed);
        Assert.Same(PredictiveClvOptions.Default, options.Clv);
        Assert.Same(options, options.Validate());
        Assert.Same(PredictionIntervalOptions.Default, PredictionIntervalOptions.Default.Validate());
    }

    public static TheoryData<PredictionIntervalOptions, string> BadIntervalOptions => new()
    {
        { new() { Level = 0 }, "options.Level" },
        { new() { Level = 1 }, "options.Level" },
        { new() { Level = double.NaN }, "options.Level" },
        { new() { Uncertainty = (ParameterUncertainty)(-1) }, "options.Uncertainty" },
        { new() { Uncertainty = (ParameterUncertainty)3 }, "options.Uncertainty" },
        { new() { Draws = 1 }, "options.Draws" },
        { new() { Draws = 1, Uncertainty = ParameterUncertainty.Bootstrap }, "options.Draws" },
        { new() { Draws = -5, Uncertainty = ParameterUncertainty.Asymptotic }, "options.Draws" },
        { new() { Clv = new PredictiveClvOptions { Periods = 0 } }, "options.Clv.Periods" },
    };

    [Theory]
    [MemberData(nameof(BadIntervalOptions))]
    public void IntervalOptions_EachRule_NamesTheProperty(PredictionIntervalOptions options, string property)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => options.Validate());
        Assert.Equal(property, e.ParamName);
    }

    [Fact]
    public void IntervalOptions_Messages_SayTheValue()
    {
        Assert.StartsWith(
            "options.Uncertainty must be None, Asymptotic or Bootstrap, but was 3.",
            Assert.Throws<ArgumentOutOfRangeException>(() => new PredictionIntervalOptions { Uncertainty = (ParameterUncertainty)3 }.Validate()).Message,
            StringComparison.Ordinal);
        Assert.StartsWith(
            "options.Draws must be at least 2, but was 1.",
            Assert.Throws<ArgumentOutOfRangeException>(() => new PredictionIntervalOptions { Draws = 1 }.Validate()).Message,
            StringComparison.Ordinal);
        Assert.Equal("options.Clv", Assert.Throws<ArgumentNullException>(() => new PredictionIntervalOptions { Clv = null! }.Validate()).ParamName);
    }

    [Theory]
    [InlineData(ParameterUncertainty.None, 0)]
    [InlineData(ParameterUncertainty.None, 1)]
    [InlineData(ParameterUncertainty.Asymptotic, 2)]
    [InlineData(ParameterUncertainty.Bootstrap, 2)]
    public void IntervalOptions_FewestDraws_AcceptedWhereTheyAreEnough(ParameterUncertainty uncertainty, int draws)
    {
        var options = new PredictionIntervalOptions { Uncertainty = uncertainty, Draws = draws, Level = 0.5 };
        Assert.Same(options, options.Validate());
    }

    [Fact]
    public void ClvOptions_Defaults_AreValid()
    {
        var options = new PredictiveClvOptions();
        Assert.Equal(12, options.Periods);
        Assert.Equal(TimeUnit.Month, options.Period);
        Assert.Equal(1, options.MarginRate);
        Assert.Same(options, options.Validate());
        var least = new PredictiveClvOptions { Periods = 1, MarginRate = 0, Period = TimeUnit.Day };
        Assert.Same(least, least.Validate());
    }

    [Fact]
    public void ClvOptions_EachRule_NamesThePropertyAndValue()
    {
        var periods = Assert.Throws<ArgumentOutOfRangeException>(() => new PredictiveClvOptions { Periods = 0 }.Validate());
        Assert.Equal("options.Periods", periods.ParamName);
        Assert.StartsWith("options.Periods must be at least 1, but was 0.", periods.Message, StringComparison.Ordinal);
        Assert.Equal("options.Period", Assert.Throws<ArgumentOutOfRangeException>(() => new PredictiveClvOptions { Period = (TimeUnit)99 }.Validate()).ParamName);
        Assert.Equal("options.MarginRate", Assert.Throws<ArgumentOutOfRangeException>(() => new PredictiveClvOptions { MarginRate = -0.01 }.Validate()).ParamName);
    }

    [Theory]
    [InlineData(0, false, "0")]
    [InlineData(3, false, "3")]
    [InlineData(7, true, "7+")]
    [InlineData(12, true, "12+")]
    public void HoldoutRow_Label_IsTheFrequencyWithAPlusWhenOpenEnded(int frequency, bool openEnded, string label)
    {
        Assert.Equal(label, new HoldoutRow(frequency, openEnded, 10, 1, 1).Label);
    }

    [Fact]
    public void RowCounts_Add_FieldByField()
    {
        var sum = new RowCounts(1, 2, 3, 4, 5) + new RowCounts(10, 20, 30, 40, 50);
        Assert.Equal(new RowCounts(11, 22, 33, 44, 55), sum);
    }
}
