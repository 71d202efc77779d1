using Clv.Valuation;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Clv.Tests.Valuation;

public class DiscountRateTests
{
    [Fact]
    public void RatePer_AnnualTenPercent_CompoundsToMonthsAndWeeks()
    {
        var annual = DiscountRate.Annual(0.1);

        Assert.Equal(Math.Pow(1.1, 1.0 / 12) - 1, annual.RatePer(TimeUnit.Month), 1e-15);
        Assert.Equal(Math.Pow(1.1, 7 / 365.25) - 1, annual.RatePer(TimeUnit.Week), 1e-15);
        Assert.NotEqual(0.1 / 12, annual.RatePer(TimeUnit.Month), 1e-6);
    }

    [Property(MaxTest = 500)]
    public Property ConvertTo_AndBack_IsIdentity()
    {
        var units = Gen.Elements(TimeUnit.Day, TimeUnit.Week, TimeUnit.Month, TimeUnit.Year);
        var gen =
            from rate in Gen.Choose(0, 100_000)
            from from_ in units
            from to in units
            select (rate / 100_000.0, from_, to);
        return Prop.ForAll(gen.ToArbitrary(), x =>
        {
            var (rate, from_, to) = x;
            var original = DiscountRate.Per(from_, rate);
            var back = original.ConvertTo(to).ConvertTo(from_);
            return back.Period == from_ && Math.Abs(back.Rate - rate) <= 1e-12 * (1 + rate);
        });
    }

    [Fact]
    public void DiscountFactor_OneYearAtTenPercent_IsOneOverOnePointOne()
    {
        Assert.Equal(1 / 1.1, DiscountRate.Annual(0.1).DiscountFactor(12, TimeUnit.Month), 1e-14);
        Assert.Equal(1 / 1.1, DiscountRate.Annual(0.1).DiscountFactor(365.25, TimeUnit.Day), 1e-14);
    }
}
