using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Clv.Tests;

public class CustomerSummaryCreateTests
{
    private static readonly DateOnly D = new(2024, 1, 10);

    [Fact]
    public void Create_EveryCdnowSummaryFromItsFields_Equal()
    {
        foreach (var s in TestData.CdnowSummaries())
        {
            var c = CustomerSummary.Create(s.CustomerId, s.TimeUnit, s.FirstPurchase, s.LastPurchase, s.PurchaseDays, s.Recency, s.Age, s.DaysSinceLastPurchase, s.Spend, s.Refunds, s.MonetaryValue, s.HoldoutPurchaseDays, s.HoldoutSpend);
            Assert.Equal((s.CustomerId, s.Frequency, s.Recency, s.Age, s.NetSpend, s.MonetaryValue, s.DaysSinceLastPurchase), (c.CustomerId, c.Frequency, c.Recency, c.Age, c.NetSpend, c.MonetaryValue, c.DaysSinceLastPurchase));
        }
    }

    [Fact]
    public void Create_NoPurchase_OnlyRefundsAndHoldout()
    {
        var c = CustomerSummary.Create("r", TimeUnit.Day, null, null, 0, 0, 0, null, 0, 12.5, 0, 2, 30);
        Assert.False(c.HasPurchase);
        Assert.Equal(-12.5, c.NetSpend);
    }

    public static TheoryData<string, Func<CustomerSummary>> Contradictions() => new()
    {
        { "firstPurchase", () => CustomerSummary.Create("a", TimeUnit.Day, D, null, 0, 0, 0, null, 0, 0, 0, 0, 0) },
        { "purchaseDays", () => CustomerSummary.Create("a", TimeUnit.Day, null, null, 0, 0, 3, null, 0, 0, 0, 0, 0) },
        { "lastPurchase", () => CustomerSummary.Create("a", TimeUnit.Day, D, D.AddDays(-1), 2, 1, 5, 4, 10, 0, 5, 0, 0) },
        { "purchaseDays", () => CustomerSummary.Create("a", TimeUnit.Day, D, D, 2, 0, 5, 4, 10, 0, 5, 0, 0) },
        { "purchaseDays", () => CustomerSummary.Create("a", TimeUnit.Day, D, D.AddDays(2), 4, 2, 5, 3, 10, 0, 5, 0, 0) },
        { "recency", () => CustomerSummary.Create("a", TimeUnit.Day, D, D.AddDays(3), 2, 6, 5, 2, 10, 0, 5, 0, 0) },
        { "recency", () => CustomerSummary.Create("a", TimeUnit.Day, D, D, 1, 0, 5, 5, 10, 0, 5, 0, 0) },
        { "age", () => CustomerSummary.Create("a", TimeUnit.Day, D, D, 1, 0, double.NaN, 5, 10, 0, 0, 0, 0) },
        { "daysSinceLastPurchase", () => CustomerSummary.Create("a", TimeUnit.Day, D, D, 1, 0, 5, -1, 10, 0, 0, 0, 0) },
        { "timeUnit", () => CustomerSummary.Create("a", (TimeUnit)9, D, D, 1, 0, 5, 5, 10, 0, 0, 0, 0) },
        { "customerId", () => CustomerSummary.Create("", TimeUnit.Day, D, D, 1, 0, 5, 5, 10, 0, 0, 0, 0) },

        // Values in another unit than the file says: days labelled weeks (70 days read as 70 weeks), weeks labelled days.
        { "recency", () => CustomerSummary.Create("a", TimeUnit.Week, D, D.AddDays(70), 2, 70, 100, 30, 10, 0, 5, 0, 0) },
        { "recency", () => CustomerSummary.Create("a", TimeUnit.Day, D, D.AddDays(70), 2, 10, 100 / 7.0, 30, 10, 0, 5, 0, 0) },
        { "age", () => CustomerSummary.Create("a", TimeUnit.Week, D, D.AddDays(70), 2, 10, 100, 30, 10, 0, 5, 0, 0) },
        { "age", () => CustomerSummary.Create("a", TimeUnit.Week, D, D, 1, 0, 30, 30, 10, 0, 0, 0, 0) },
    };

    [Theory]
    [MemberData(nameof(Contradictions))]
    public void Create_ContradictoryFields_ArgumentExceptionNamingTheField(string parameter, Func<CustomerSummary> create)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => create());
        Assert.Equal(parameter, e.ParamName);
    }

    [Fact]
    public void Create_UnitMismatch_MessageNamesTheSpanAndTheUnit()
    {
        var e = Assert.Throws<ArgumentException>(() => CustomerSummary.Create("a", TimeUnit.Week, D, D.AddDays(70), 2, 70, 100, 30, 10, 0, 5, 0, 0));
        Assert.Contains("recency (70) is 490 days in timeUnit Week, but the days from firstPurchase (2024-01-10) to lastPurchase (2024-03-20) are 70", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TimeUnit.Week, 1.0, 14.0)]     // 10 days and 100 days counted in whole weeks (floored), as lifetimes counts periods
    [InlineData(TimeUnit.Week, 2.0, 15.0)]     // rounded up
    [InlineData(TimeUnit.Month, 0.0, 3.0)]
    [InlineData(TimeUnit.Day, 10.0, 100.0)]
    public void Create_SpansCountedInWholePeriods_Accepted(TimeUnit unit, double recency, double age)
    {
        var c = CustomerSummary.Create("a", unit, D, D.AddDays(10), 2, recency, age, 90, 10, 0, 5, 0, 0);
        Assert.Equal((recency, age), (c.Recency, c.Age));
    }

    /// <summary>
    /// The fields of any built summary are accepted as they are, in every unit; the same numbers labelled with a unit at least
    /// 4 times longer or shorter are refused once the age spans two of the longer unit's periods.
    /// </summary>
    [Property(MaxTest = 300)]
    public Property Create_BuiltFieldsAccepted_OtherUnitRefused()
    {
        var gen =
            from recencyDays in Gen.Choose(0, 3000)
            from since in Gen.Choose(0, 3000)
            from unit in Gen.Elements(TimeUnit.Day, TimeUnit.Week, TimeUnit.Month, TimeUnit.Year)
            from other in Gen.Elements(TimeUnit.Day, TimeUnit.Week, TimeUnit.Month, TimeUnit.Year)
            select (recencyDays, since, unit, other);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var built = CustomerSummaries.FromTransactions(
                [new Transaction("a", D, 10), new Transaction("a", D.AddDays(t.recencyDays), 20)], D.AddDays(t.recencyDays + t.since), t.unit)[0];
            var again = CustomerSummary.Create("a", t.unit, built.FirstPurchase, built.LastPurchase, built.PurchaseDays, built.Recency, built.Age, built.DaysSinceLastPurchase, built.Spend, built.Refunds, built.MonetaryValue, 0, 0);
            bool accepted = (again.Recency, again.Age) == (built.Recency, built.Age);
            double ratio = t.unit.LengthInDays() / t.other.LengthInDays();
            if (ratio is > 1 / 4.0 and < 4 || t.recencyDays + t.since < 2 * Math.Max(t.unit.LengthInDays(), t.other.LengthInDays()))
            {
                return accepted;
            }

            bool refused = false;
            try
            {
                CustomerSummary.Create("a", t.other, built.FirstPurchase, built.LastPurchase, built.PurchaseDays, built.Recency, built.Age, built.DaysSinceLastPurchase, built.Spend, built.Refunds, built.MonetaryValue, 0, 0);
            }
            catch (ArgumentException)
            {
                refused = true;
            }

            return accepted && refused;
        });
    }
}
