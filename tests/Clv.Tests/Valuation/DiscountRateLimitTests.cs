using Clv.Probabilistic;

namespace Clv.Tests.Valuation;

/// <summary>
/// A discount rate converted to a longer period beyond the largest double, and discount factors at delays outside [0, ∞):
/// refused naming the parameter, never an infinite rate or a factor outside [0, 1].
/// </summary>
public class DiscountRateLimitTests
{
    [Fact]
    public void ConvertTo_RateThatCompoundsPastTheLargestDouble_ThrowsNamingThePeriod()
    {
        var daily = DiscountRate.Per(TimeUnit.Day, 10);

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => daily.ConvertTo(TimeUnit.Year));
        Assert.Equal("period", e.ParamName);
        Assert.Contains("The discount rate 10 per Day compounds to more than the largest finite number per Year", e.Message, StringComparison.Ordinal);
        Assert.Equal("period", Assert.Throws<ArgumentOutOfRangeException>(() => daily.RatePer(TimeUnit.Year)).ParamName);

        // Still finite: 11^(365.25/12) - 1 per month.
        Assert.True(double.IsFinite(daily.RatePer(TimeUnit.Month)));
    }

    [Fact]
    public void ShiftedBetaGeometric_RateThatCompoundsPastTheLargestDouble_DoesNotReportAnInfiniteRate()
    {
        var model = new ShiftedBetaGeometricModel(0.668, 3.806);

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => model.DiscountedExpectedLifetime(DiscountRate.Per(TimeUnit.Day, 10), TimeUnit.Year));

        Assert.DoesNotContain("Infinity", e.Message, StringComparison.Ordinal);
        Assert.Contains("10 per Day", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RetentionClv_RateThatCompoundsPastTheLargestDoublePerPeriod_NamesTheOptions()
    {
        var options = new Clv.Valuation.RetentionClvOptions { DiscountRate = DiscountRate.Per(TimeUnit.Day, 10), Period = TimeUnit.Year };

        var single = Assert.Throws<ArgumentOutOfRangeException>(() => Clv.Valuation.RetentionClv.Value(100, 0.8, options));
        var many = Assert.Throws<ArgumentOutOfRangeException>(() => Clv.Valuation.RetentionClv.Value([100.0], [0.8], options));

        Assert.Equal("options.DiscountRate", single.ParamName);
        Assert.Equal("options.DiscountRate", many.ParamName);
        Assert.Contains("options.DiscountRate (10 per Day) compounds to more than the largest finite number per options.Period (Year)", single.Message, StringComparison.Ordinal);

        // The same rate per month is finite and values.
        Assert.True(double.IsFinite(Clv.Valuation.RetentionClv.Value(100, 0.8, new Clv.Valuation.RetentionClvOptions { DiscountRate = options.DiscountRate, Period = TimeUnit.Month })));
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(-1e-300)]
    [InlineData(double.NaN)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(double.PositiveInfinity)]
    public void DiscountFactor_TimeNotAFiniteNumberOfAtLeastZero_ThrowsNamingIt(double time)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => DiscountRate.Annual(0.1).DiscountFactor(time, TimeUnit.Year));

        Assert.Equal("time", e.ParamName);
        Assert.Contains("time must be a finite number of at least 0, but was ", e.Message, StringComparison.Ordinal);
        Assert.Equal("time", Assert.Throws<ArgumentOutOfRangeException>(() => DiscountRate.Zero.DiscountFactor(time, TimeUnit.Day)).ParamName);
    }

    [Fact]
    public void DiscountFactor_ValidTimes_LieInZeroToOne()
    {
        Assert.Equal(1, DiscountRate.Annual(0.1).DiscountFactor(0, TimeUnit.Year));
        Assert.Equal(1, DiscountRate.Zero.DiscountFactor(double.MaxValue, TimeUnit.Year));
        Assert.Equal(0, DiscountRate.Annual(0.1).DiscountFactor(double.MaxValue, TimeUnit.Year));
        double f = DiscountRate.Per(TimeUnit.Day, 10).DiscountFactor(1, TimeUnit.Year);
        Assert.True(f >= 0 && f <= 1, $"factor {f}");
    }
}
