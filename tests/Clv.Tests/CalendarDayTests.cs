using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Clv.Tests;

/// <summary>
/// The one rule by which a timestamp becomes a calendar day (issue 17 item 7). Zones are built here (fixed offsets and a
/// zone with daylight saving) so the tests do not depend on the machine's time-zone database.
/// </summary>
public class CalendarDayTests
{
    internal static readonly TimeZoneInfo China = TimeZoneInfo.CreateCustomTimeZone("Test/China", TimeSpan.FromHours(8), "China", "China");

    /// <summary>UTC-5, and UTC-4 from the second Sunday of March to the first Sunday of November, at 02:00 (as New York).</summary>
    internal static readonly TimeZoneInfo Eastern = TimeZoneInfo.CreateCustomTimeZone("Test/Eastern", TimeSpan.FromHours(-5), "Eastern", "EST", "EDT",
    [
        TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(DateTime.MinValue.Date, DateTime.MaxValue.Date, TimeSpan.FromHours(1),
            TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 3, 2, DayOfWeek.Sunday),
            TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 11, 1, DayOfWeek.Sunday)),
    ]);

    [Fact]
    public void Of_OffsetWithoutZone_IsTheDayOfItsOwnClock()
    {
        var late = new DateTimeOffset(2005, 1, 2, 23, 30, 0, TimeSpan.FromHours(-5));
        Assert.Equal(new DateOnly(2005, 1, 2), CalendarDay.Of(late, null));
        Assert.Equal(new DateOnly(2005, 1, 3), CalendarDay.Of(late, China));        // 12:30 on the 3rd in China
        Assert.Equal(new DateOnly(2005, 1, 3), CalendarDay.Of(late, TimeZoneInfo.Utc)); // 04:30 UTC on the 3rd
    }

    [Fact]
    public void Of_DateTime_OnlyUtcMovesToTheZone()
    {
        var utc = new DateTime(2005, 1, 2, 20, 0, 0, DateTimeKind.Utc);
        Assert.Equal(new DateOnly(2005, 1, 2), CalendarDay.Of(utc, null));
        Assert.Equal(new DateOnly(2005, 1, 3), CalendarDay.Of(utc, China));
        Assert.Equal(new DateOnly(2005, 1, 2), CalendarDay.Of(new DateTime(2005, 1, 2, 20, 0, 0, DateTimeKind.Unspecified), China));
        Assert.Equal(new DateOnly(2005, 1, 2), CalendarDay.Of(new DateTime(2005, 1, 2, 20, 0, 0, DateTimeKind.Local), China));
    }

    [Fact]
    public void Of_DaylightSaving_FollowsTheZonesRules()
    {
        // 03:30 UTC is 23:30 the day before in summer (UTC-4) and 22:30 in winter (UTC-5); 04:30 UTC is the same day
        // before midnight only in winter.
        Assert.Equal(new DateOnly(2024, 7, 1), CalendarDay.Of(new DateTimeOffset(2024, 7, 2, 3, 30, 0, TimeSpan.Zero), Eastern));
        Assert.Equal(new DateOnly(2024, 7, 2), CalendarDay.Of(new DateTimeOffset(2024, 7, 2, 4, 30, 0, TimeSpan.Zero), Eastern));
        Assert.Equal(new DateOnly(2024, 1, 1), CalendarDay.Of(new DateTimeOffset(2024, 1, 2, 4, 30, 0, TimeSpan.Zero), Eastern));
    }

    [Property(MaxTest = 500)]
    public Property Of_IsTheDateOfTheSameInstantOnTheZonesClock()
    {
        var gen =
            from seconds in Gen.Choose(0, int.MaxValue)
            from offsetMinutes in Gen.Choose(-14 * 4, 14 * 4).Select(q => q * 15)
            from zone in Gen.Elements(China, Eastern, TimeZoneInfo.Utc)
            select (Stamp: new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.FromMinutes(offsetMinutes)).AddSeconds(seconds), Zone: zone);
        return Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var clock = c.Stamp.UtcDateTime + c.Zone.GetUtcOffset(c.Stamp);
            return CalendarDay.Of(c.Stamp, c.Zone) == DateOnly.FromDateTime(clock)
                && CalendarDay.Of(c.Stamp, null) == DateOnly.FromDateTime(c.Stamp.DateTime)
                && CalendarDay.Of(c.Stamp.UtcDateTime, c.Zone) == CalendarDay.Of(c.Stamp, c.Zone);
        });
    }

    [Fact]
    public void Of_Batch_EqualsScalar_AndChecksLengths()
    {
        DateTimeOffset[] stamps = [new(2005, 1, 2, 23, 30, 0, TimeSpan.FromHours(-5)), new(2005, 1, 2, 1, 0, 0, TimeSpan.FromHours(9))];
        var days = new DateOnly[2];
        CalendarDay.Of(stamps, China, days);
        Assert.Equal([CalendarDay.Of(stamps[0], China), CalendarDay.Of(stamps[1], China)], days);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => CalendarDay.Of(stamps, null, new DateOnly[1])).ParamName);
    }

    private sealed record Order(string Account, DateTimeOffset At, decimal Total);

    private sealed record LegacyOrder(string Account, DateTime At, decimal Total);

    [Fact]
    public void FromRecords_CrmEntities_BecomeTransactionsOnTheirDays()
    {
        Order[] orders =
        [
            new("a-1", new DateTimeOffset(2005, 1, 2, 23, 30, 0, TimeSpan.FromHours(-5)), 19.99m),
            new("a-2", new DateTimeOffset(2005, 1, 2, 9, 0, 0, TimeSpan.FromHours(8)), -5.10m),
        ];
        var log = TransactionLog.FromRecords(orders, o => o.Account, o => o.At, o => o.Total, China);
        Assert.Equal([new("a-1", new DateOnly(2005, 1, 3), 19.99), new Transaction("a-2", new DateOnly(2005, 1, 2), -5.1)], log.Transactions.ToArray());
        Assert.Equal(new DateOnly(2005, 1, 2), TransactionLog.FromRecords(orders, o => o.Account, o => o.At, o => o.Total, null).Transactions[0].Date);

        LegacyOrder[] legacy = [new("b", new DateTime(2005, 1, 2, 20, 0, 0, DateTimeKind.Utc), 1234567.891m)];
        var fromLegacy = TransactionLog.FromRecords(legacy, o => o.Account, o => o.At, o => o.Total, China);
        Assert.Equal(new Transaction("b", new DateOnly(2005, 1, 3), 1234567.891), fromLegacy.Transactions[0]);
        Assert.Equal(Transaction.FromTimestamp("b", legacy[0].At, legacy[0].Total, China), fromLegacy.Transactions[0]);
    }

    [Fact]
    public void FromRecords_EmptyId_NamesTheRecord()
    {
        Order[] orders = [new("a", DateTimeOffset.UnixEpoch, 1m), new("", DateTimeOffset.UnixEpoch, 2m)];
        var e = Assert.Throws<ArgumentException>(() => TransactionLog.FromRecords(orders, o => o.Account, o => o.At, o => o.Total, null));
        Assert.Equal("records", e.ParamName);
        Assert.Contains("records[1]: the customer id is empty.", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => TransactionLog.FromRecords(orders, null!, o => o.At, o => o.Total, null));
    }

    [Property(MaxTest = 1000)]
    public Property FromTimestamp_DecimalAmount_IsWithinTwoUnitsInTheLastPlace(decimal amount)
    {
        // The double's exact value to 17 significant digits (G17) against the decimal: relative error below 4e-16.
        double converted = Transaction.FromTimestamp("c", DateTimeOffset.UnixEpoch, amount, null).Amount;
        decimal back = decimal.Parse(converted.ToString("G17", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);
        return (converted == (double)amount && Math.Abs(back - amount) <= Math.Abs(amount) * 4e-16m).ToProperty();
    }
}
