using Clv.Probabilistic;
using Clv.Valuation;

namespace Clv.Tests;

/// <summary>
/// An undefined <see cref="TimeUnit"/> passed to a public entry point is refused with an <see cref="ArgumentOutOfRangeException"/>
/// whose ParamName is that entry point's own parameter, not the <c>unit</c> of the internal conversion that noticed it.
/// </summary>
public class UndefinedTimeUnitParamNameTests
{
    private const TimeUnit Undefined = (TimeUnit)9;
    private static readonly DateOnly End = new(2024, 6, 30);
    private static readonly Transaction[] Log = [new("a", new DateOnly(2024, 1, 5), 10), new("a", new DateOnly(2024, 3, 5), 20)];
    private static readonly PurchaseHistory[] Histories = [new(1, 2, 5), new(0, 0, 5), new(3, 4, 5)];

    public static TheoryData<string, string> Cases() => new()
    {
        { "TimeUnitExtensions.ConvertTo(target)", "target" },
        { "TimeUnitExtensions.ConvertTo(unit)", "unit" },
        { "DiscountRate.Per", "period" },
        { "DiscountRate.RatePer", "period" },
        { "DiscountRate.ConvertTo", "period" },
        { "DiscountRate.ContinuousRatePer", "period" },
        { "DiscountRate.DiscountFactor", "unit" },
        { "CustomerSummariesBuilder", "timeUnit" },
        { "CustomerSummaries.FromTransactions", "timeUnit" },
        { "CustomerSummaries.FromTransactions(empty)", "timeUnit" },
        { "AccountRollup.Summaries", "timeUnit" },
        { "ChannelReport.Create", "marginPeriod" },
        { "ShiftedBetaGeometricModel.DiscountedExpectedLifetime", "contractPeriod" },
        { "ShiftedBetaGeometricModel.DiscountedExpectedResidualLifetime", "contractPeriod" },
        { "BgNbdModel", "timeUnit" },
        { "BgNbdModel.Fit(histories)", "timeUnit" },
        { "PurchaseModel.ProbabilityAlive(timeUnit)", "timeUnit" },
        { "PurchaseStatistics.FromHistories", "timeUnit" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void EntryPoint_UndefinedTimeUnit_NamesItsOwnParameter(string entryPoint, string expected)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Call(entryPoint));
        Assert.Equal(expected, e.ParamName);
        Assert.Contains("9", e.Message, StringComparison.Ordinal);
    }

    private static object Call(string entryPoint) => entryPoint switch
    {
        "TimeUnitExtensions.ConvertTo(target)" => TimeUnit.Day.ConvertTo(7, Undefined),
        "TimeUnitExtensions.ConvertTo(unit)" => Undefined.ConvertTo(7, TimeUnit.Day),
        "DiscountRate.Per" => DiscountRate.Per(Undefined, 0.1),
        "DiscountRate.RatePer" => DiscountRate.Annual(0.1).RatePer(Undefined),
        "DiscountRate.ConvertTo" => DiscountRate.Annual(0.1).ConvertTo(Undefined),
        "DiscountRate.ContinuousRatePer" => DiscountRate.Annual(0.1).ContinuousRatePer(Undefined),
        "DiscountRate.DiscountFactor" => DiscountRate.Annual(0.1).DiscountFactor(1, Undefined),
        "CustomerSummariesBuilder" => new CustomerSummariesBuilder(End, Undefined),
        "CustomerSummaries.FromTransactions" => CustomerSummaries.FromTransactions(Log, End, Undefined),
        "CustomerSummaries.FromTransactions(empty)" => CustomerSummaries.FromTransactions([], End, Undefined),
        "AccountRollup.Summaries" => AccountRollup.Summaries(Log, new Dictionary<string, string> { ["a"] = "acme" }, End, Undefined),
        "ChannelReport.Create" => ChannelReport.Create([new ChannelCustomer("web", 10, 100, 5)], Undefined),
        "ShiftedBetaGeometricModel.DiscountedExpectedLifetime" => new ShiftedBetaGeometricModel(1, 2).DiscountedExpectedLifetime(DiscountRate.Annual(0.1), Undefined),
        "ShiftedBetaGeometricModel.DiscountedExpectedResidualLifetime" => new ShiftedBetaGeometricModel(1, 2).DiscountedExpectedResidualLifetime(2, DiscountRate.Annual(0.1), Undefined),
        "BgNbdModel" => new BgNbdModel(0.25, 4.4, 0.79, 2.4, Undefined),
        "BgNbdModel.Fit(histories)" => BgNbdModel.Fit(Histories, Undefined, null),
        "PurchaseModel.ProbabilityAlive(timeUnit)" => new BgNbdModel(0.25, 4.4, 0.79, 2.4, TimeUnit.Week).ProbabilityAlive(1, 2, 5, Undefined),
        "PurchaseStatistics.FromHistories" => PurchaseStatistics.FromHistories(Histories, Undefined),
        _ => throw new ArgumentException(entryPoint),
    };
}
