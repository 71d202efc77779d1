using Clv.Csv;
using Clv.Data;
using Clv.Parquet;
using static Clv.Tests.Database.Databases;

namespace Clv.Tests.Csv;

/// <summary>
/// A date format must hold the year, the month and the day: .NET parses "03-15" in <c>MM-dd</c> as March 15 of the current
/// year and "10:30" in <c>HH:mm</c> as today, so a log read with such a format would depend on the day it is read. The CSV,
/// Parquet and database readers refuse such a format before reading, naming <c>options.DateFormat</c>.
/// </summary>
public class DateFormatWholeDateTests
{
    public static TheoryData<string> PartialFormats() => new("MM-dd", "HH:mm", "dd", "yyyy-MM", "MMMM yyyy", "M", "t", "ddd HH:mm");

    public static TheoryData<string> WholeFormats() =>
        new("yyyy-MM-dd", "yyyyMMdd", "dd.MM.yyyy", "M/d/yyyy H:mm", "yyyy-MM-ddTHH:mm:sszzz", "yy-MM-dd", "d", "o", "r", "u", "yyyy-MM-dd HH:mm:ss", "dd MMM yyyy");

    [Theory]
    [MemberData(nameof(PartialFormats))]
    public void Csv_AFormatWithoutTheWholeDate_RefusedBeforeReading(string format)
    {
        var e = Assert.Throws<ArgumentException>(() => CsvText.Read("customer_id,date,amount\nC1,03-15,10\n", new TransactionCsvOptions { DateFormat = format }));
        Assert.Equal("options.DateFormat", e.ParamName);
        Assert.Contains("'" + format + "' does not hold a whole date (year, month and day)", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(PartialFormats))]
    public void ParquetAndDatabase_AFormatWithoutTheWholeDate_RefusedBeforeReading(string format)
    {
        var parquet = Assert.Throws<ArgumentException>(() => TransactionParquet.Read(new MemoryStream(), new TransactionParquetOptions { DateFormat = format }));
        Assert.Equal("options.DateFormat", parquet.ParamName);
        using var db = Sqlite();
        Execute(db, "CREATE TABLE t (customer_id TEXT, date TEXT, amount REAL)");
        using var reader = Query(db, "SELECT * FROM t");
        var database = Assert.Throws<ArgumentException>(() => TransactionDb.Read(reader, new TransactionDbOptions { DateFormat = format }));
        Assert.Equal("options.DateFormat", database.ParamName);
    }

    [Theory]
    [MemberData(nameof(WholeFormats))]
    public void EveryReader_AFormatWithTheWholeDate_Accepted(string format)
    {
        var day = new DateTimeOffset(2024, 3, 15, 10, 30, 0, TimeSpan.Zero);
        string text = format == "o"   // "o" reads dates, as for a DateOnly (documented)
            ? DateOnly.FromDateTime(day.DateTime).ToString(format, System.Globalization.CultureInfo.InvariantCulture)
            : day.ToString(format, System.Globalization.CultureInfo.InvariantCulture);
        var log = CsvText.Read("customer_id,date,amount\nC1,\"" + text + "\",10\n", new TransactionCsvOptions { DateFormat = format });
        Assert.Equal(new DateOnly(2024, 3, 15), log.Transactions[0].Date);
        using var db = Sqlite();
        Execute(db, "CREATE TABLE t (customer_id TEXT, date TEXT, amount REAL)");
        Insert(db, "t", [("C1", text, 10.0)]);
        using var reader = Query(db, "SELECT * FROM t");
        Assert.Equal(new DateOnly(2024, 3, 15), TransactionDb.Read(reader, new TransactionDbOptions { DateFormat = format }).Transactions[0].Date);
    }

    [Theory]
    [InlineData("u", "2024-03-15 23:30:00Z")]
    [InlineData("r", "Fri, 15 Mar 2024 23:30:00 GMT")]
    [InlineData("yyyy-MM-ddTHH:mm:sszzz", "2024-03-15T23:30:00+00:00")]
    public void CsvAndDatabase_ATimestampFormatThatSaysUtc_CountsOnItsDayInTheTimeZone(string format, string text)
    {
        // 23:30 UTC is 07:30 the next morning in UTC+8: the same format and zone give the same day in both readers.
        var log = CsvText.Read("customer_id,date,amount\nC1,\"" + text + "\",10\n", new TransactionCsvOptions { DateFormat = format, TimeZone = CalendarDayTests.China });

        using var db = Sqlite();
        Execute(db, "CREATE TABLE t (customer_id TEXT, date TEXT, amount REAL)");
        Insert(db, "t", [("C1", text, 10.0)]);
        using var reader = Query(db, "SELECT * FROM t");
        var read = TransactionDb.Read(reader, new TransactionDbOptions { DateFormat = format, TimeZone = CalendarDayTests.China });

        Assert.Equal(new DateOnly(2024, 3, 16), log.Transactions[0].Date);
        Assert.Equal(new DateOnly(2024, 3, 16), read.Transactions[0].Date);
    }
}
