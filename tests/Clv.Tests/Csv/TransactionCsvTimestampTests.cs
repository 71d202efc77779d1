using System.Globalization;
using Clv.Csv;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Clv.Tests.Csv;

/// <summary>CSV exports with timestamps (issue 17 item 7): a time part, an offset, a time zone.</summary>
public class TransactionCsvTimestampTests
{
    [Fact]
    public void Read_TimestampWithoutOffset_CountsOnItsDateAsWritten()
    {
        var log = CsvText.Read("customer_id,date,amount\na,2005-01-02 14:31:00,10\na,2005-01-02 23:59:59,5\nb,2005-01-03 00:00:00,7\n",
            new TransactionCsvOptions { DateFormat = "yyyy-MM-dd HH:mm:ss", TimeZone = CalendarDayTests.China });
        Assert.Equal([new DateOnly(2005, 1, 2), new DateOnly(2005, 1, 2), new DateOnly(2005, 1, 3)], log.Transactions.ToArray().Select(t => t.Date));
    }

    [Fact]
    public void Read_Iso8601WithOffset_FollowsTheTimeZoneOption()
    {
        const string text = "customer_id,date,amount\na,2005-01-02T23:30:00-05:00,10\nb,2005-01-02T09:00:00+08:00,5\nc,2005-01-02T23:30:00Z,1\n";
        var own = CsvText.Read(text, new TransactionCsvOptions { DateFormat = "yyyy-MM-ddTHH:mm:ssK" });
        Assert.Equal([new DateOnly(2005, 1, 2), new DateOnly(2005, 1, 2), new DateOnly(2005, 1, 2)], own.Transactions.ToArray().Select(t => t.Date));
        var china = CsvText.Read(text, new TransactionCsvOptions { DateFormat = "yyyy-MM-ddTHH:mm:ssK", TimeZone = CalendarDayTests.China });
        Assert.Equal([new DateOnly(2005, 1, 3), new DateOnly(2005, 1, 2), new DateOnly(2005, 1, 3)], china.Transactions.ToArray().Select(t => t.Date));
    }

    [Fact]
    public void Read_TimestampNotMatchingTheFormat_NamesLineColumnAndFormat()
    {
        var e = Assert.Throws<CsvFormatException>(() => CsvText.Read("customer_id,date,amount\na,2005-01-02 14:31:00,1\na,2005-01-02,2\n",
            new TransactionCsvOptions { DateFormat = "yyyy-MM-dd HH:mm:ss" }));
        Assert.Equal(3, e.LineNumber);
        Assert.Equal("date", e.Column);
        Assert.Equal("2005-01-02", e.RawText);
        Assert.Contains("Not a date in the format 'yyyy-MM-dd HH:mm:ss'.", e.Message, StringComparison.Ordinal);

        var lenient = CsvText.Read("customer_id,date,amount\na,2005-01-02 24:00:00,1\na,2005-01-02 23:60:00,2\na,2005-02-30 10:00:00,3\na,2005-01-02 10:00:00,4\n",
            new TransactionCsvOptions { DateFormat = "yyyy-MM-dd HH:mm:ss", Mode = CsvReadMode.Lenient });
        Assert.Equal([2L, 3L, 4L], lenient.Rejected.Select(r => r.LineNumber));
        Assert.Equal(4.0, Assert.Single(lenient.Transactions.ToArray()).Amount);
    }

    [Fact]
    public void Options_InvalidTimestampFormat_NamesTheProperty()
    {
        var e = Assert.Throws<ArgumentException>(() => CsvText.Read("customer_id,date,amount\n", new TransactionCsvOptions { DateFormat = "yyyy-MM-dd HH:mm:ss%" }));
        Assert.Equal("options.DateFormat", e.ParamName);
    }

    /// <summary>
    /// The fast path for "yyyy-MM-dd HH:mm:ss" accepts and rejects exactly what the general path does: the same text read
    /// with the equivalent quoted format (which takes the general path) gives the same rows and the same rejections.
    /// </summary>
    [Property(MaxTest = 300)]
    public Property Read_FastTimestampPath_EqualsTheGeneralPath()
    {
        var field = Gen.OneOf(
            from ticks in Gen.Choose(0, int.MaxValue)
            select new DateTime(1990, 1, 1).AddSeconds(ticks * 1.7).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            from parts in Gen.Choose(0, 99).ArrayOf(6)
            select string.Create(CultureInfo.InvariantCulture, $"20{parts[0]:00}-{parts[1]:00}-{parts[2]:00} {parts[3]:00}:{parts[4]:00}:{parts[5]:00}"),
            Gen.Elements("2005-01-02T10:00:00", "2005-1-02 10:00:00", "2005-01-02 10:00", " 2005-01-02 10:00:00", "2005-01-02 10:00:00 ", "２００５-01-02 10:00:00"));
        return Prop.ForAll(field.ArrayOf().ToArbitrary(), fields =>
        {
            string text = "customer_id,date,amount\n" + string.Concat(fields.Select((f, i) => $"c{i},{f},1\n"));
            var fast = CsvText.Read(text, new TransactionCsvOptions { DateFormat = "yyyy-MM-dd HH:mm:ss", Mode = CsvReadMode.Lenient });
            var general = CsvText.Read(text, new TransactionCsvOptions { DateFormat = "yyyy'-'MM'-'dd' 'HH':'mm':'ss", Mode = CsvReadMode.Lenient });
            return fast.Transactions.ToArray().SequenceEqual(general.Transactions.ToArray())
                && fast.Rejected.Select(r => r.LineNumber).SequenceEqual(general.Rejected.Select(r => r.LineNumber));
        });
    }
}
