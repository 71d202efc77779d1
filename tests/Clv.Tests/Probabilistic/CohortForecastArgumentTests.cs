using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>The cohort forecasts' argument rules and the day boundary of the actual count (Stryker survivors).</summary>
public class CohortForecastArgumentTests
{
    private static readonly DateOnly Origin = new(2024, 1, 1);

    // a: first purchase on the origin, repeats 7 and 14 days later; b: first purchase a week later, one repeat 3 days after.
    private static readonly CustomerSummaries Cohort = CustomerSummaries.FromTransactions(
        [
            new Transaction("a", Origin, 10),
            new Transaction("a", Origin.AddDays(7), 10),
            new Transaction("a", Origin.AddDays(14), 10),
            new Transaction("b", Origin.AddDays(7), 10),
            new Transaction("b", Origin.AddDays(10), 10),
        ],
        Origin.AddDays(30),
        TimeUnit.Day);

    [Fact]
    public void Actual_ARepeatDayCountsOnceItHasStarted_NotAtItsStart()
    {
        // Repeats at 7, 10 and 14 days after the origin; "before origin + tau", strictly.
        var actual = CohortForecast.ActualCumulativeRepeatPurchases(Cohort, TimeUnit.Day, [0, 7, 7.5, 10, 10.5, 14, 14.01, 30]);

        Assert.Equal([0.0, 0, 1, 1, 2, 2, 3, 3], actual);
        Assert.Equal([0.0, 2, 3], CohortForecast.ActualCumulativeRepeatPurchases(Cohort, TimeUnit.Week, [1, 1.5, 2.01]));
    }

    [Fact]
    public void BadArguments_ThrowNamingThem()
    {
        var model = new BgNbdModel(0.5, 5, 0.7, 3, TimeUnit.Day);
        Assert.Equal("model", Assert.Throws<ArgumentNullException>(() => CohortForecast.ExpectedCumulativeRepeatPurchases(null!, Cohort, [1.0])).ParamName);
        Assert.Equal("cohort", Assert.Throws<ArgumentNullException>(() => CohortForecast.ExpectedCumulativeRepeatPurchases(model, null!, [1.0])).ParamName);
        Assert.Equal("times", Assert.Throws<ArgumentOutOfRangeException>(() => CohortForecast.ExpectedCumulativeRepeatPurchases(model, Cohort, [1.0, -0.5])).ParamName);
        Assert.Equal("cohort", Assert.Throws<ArgumentNullException>(() => CohortForecast.ActualCumulativeRepeatPurchases(null!, TimeUnit.Day, [1.0])).ParamName);
        Assert.Equal("unit", Assert.Throws<ArgumentOutOfRangeException>(() => CohortForecast.ActualCumulativeRepeatPurchases(Cohort, (TimeUnit)99, [1.0])).ParamName);
        Assert.Equal("times", Assert.Throws<ArgumentOutOfRangeException>(() => CohortForecast.ActualCumulativeRepeatPurchases(Cohort, TimeUnit.Day, [-1.0])).ParamName);
    }

    [Fact]
    public void Expected_IsTheSumOverBirthDaysOfTheModelsExpectation()
    {
        var model = new BgNbdModel(0.5, 5, 0.7, 3, TimeUnit.Day);
        var expected = CohortForecast.ExpectedCumulativeRepeatPurchases(model, Cohort, [0, 5, 7, 20]);

        Assert.Equal(0, expected[0]);
        Assert.Equal(model.ExpectedPurchases(5), expected[1], 1e-12);
        Assert.Equal(model.ExpectedPurchases(7), expected[2], 1e-12);
        Assert.Equal(model.ExpectedPurchases(20) + model.ExpectedPurchases(13), expected[3], 1e-12);
    }
}
