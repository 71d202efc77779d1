using System.Globalization;
using Clv.Csv;
using Clv.Parquet;

namespace Clv.Tests.Parquet;

/// <summary>
/// <see cref="TransactionParquetOptions.TimeZone"/>: instants (TIMESTAMP adjusted to UTC, text with an offset) count on the
/// zone's day by <see cref="CalendarDay"/>'s rule; local timestamps and DATE columns keep their written day; the same
/// rows give the same log as the CSV reader with the same zone.
/// </summary>
public class TransactionParquetTimeZoneTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    /// <summary>
    /// DuckDB writes the same wall-clock readings as <c>TIMESTAMPTZ</c> (given in UTC: instants, <c>isAdjustedToUTC</c>),
    /// as local <c>TIMESTAMP</c> and as <c>DATE</c>, near midnight UTC (Shanghai is UTC+8 all year).
    /// </summary>
    private static string StampsFile(ParquetTestFiles files)
    {
        string path = files.PathOf("stamps.parquet");
        files.Execute($"""
            COPY (SELECT customer_id, (stamp || '+00')::TIMESTAMPTZ AS utc, stamp::TIMESTAMP AS local, stamp::DATE AS day, amount FROM (VALUES
                ('a', '2005-01-02 15:59:59.999999', 1.0),
                ('a', '2005-01-02 16:00:00', 2.0),
                ('b', '2005-01-02 23:30:00', 3.0),
                ('b', '2005-01-03 00:30:00', 4.0),
                ('c', '2004-12-31 20:00:00', 5.0))
              t(customer_id, stamp, amount)) TO {ParquetTestFiles.Sql(path)} (FORMAT PARQUET)
            """);
        return path;
    }

    private static DateOnly[] Days(string path, string column, TimeZoneInfo? zone) =>
        [.. TransactionParquet.Read(path, new TransactionParquetOptions { DateColumn = column, TimeZone = zone }).Transactions.ToArray().Select(t => t.Date)];

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    [Fact]
    public void DuckDbTimestampTz_NearMidnightUtc_ShanghaiDayWithTheZoneUtcDayWithout()
    {
        using var files = new ParquetTestFiles();
        string path = StampsFile(files);

        Assert.Equal([D(2005, 1, 2), D(2005, 1, 3), D(2005, 1, 3), D(2005, 1, 3), D(2005, 1, 1)], Days(path, "utc", Shanghai));
        Assert.Equal([D(2005, 1, 2), D(2005, 1, 2), D(2005, 1, 2), D(2005, 1, 3), D(2004, 12, 31)], Days(path, "utc", null));
        Assert.Equal([D(2005, 1, 2), D(2005, 1, 2), D(2005, 1, 2), D(2005, 1, 2), D(2004, 12, 31)], Days(path, "utc", NewYork));
    }

    [Fact]
    public void DuckDbLocalTimestampAndDate_WithAZone_KeepTheirWrittenDay()
    {
        using var files = new ParquetTestFiles();
        string path = StampsFile(files);
        DateOnly[] written = [D(2005, 1, 2), D(2005, 1, 2), D(2005, 1, 2), D(2005, 1, 3), D(2004, 12, 31)];

        foreach (var zone in new[] { null, Shanghai, NewYork })
        {
            Assert.Equal(written, Days(path, "local", zone));
            Assert.Equal(written, Days(path, "day", zone));
        }
    }

    [Fact]
    public void DuckDbTimestampTz_ZoneAppliedInTheBuilderToo()
    {
        using var files = new ParquetTestFiles();
        string path = StampsFile(files);
        var builder = new CustomerSummariesBuilder(D(2005, 1, 31), TimeUnit.Day);

        TransactionParquet.ReadInto(path, builder, new TransactionParquetOptions { DateColumn = "utc", TimeZone = Shanghai });
        var customers = builder.Build();

        Assert.True(customers.TryGetIndex("a", out int a));
        Assert.True(customers.TryGetIndex("b", out int b));
        Assert.True(customers.TryGetIndex("c", out int c));
        Assert.Equal((2, D(2005, 1, 2), D(2005, 1, 3)), (customers[a].PurchaseDays, customers[a].FirstPurchase!.Value, customers[a].LastPurchase!.Value));
        Assert.Equal((1, D(2005, 1, 3)), (customers[b].PurchaseDays, customers[b].FirstPurchase!.Value));
        Assert.Equal(D(2005, 1, 1), customers[c].FirstPurchase);
    }

    /// <summary>
    /// 400 instants within two hours of midnight UTC, each written with a random offset; the CSV reads the text, the
    /// Parquet file holds the same text and DuckDB's <c>TIMESTAMPTZ</c> of it. With the same zone all three give the same
    /// log; without a zone the text columns agree (each row's own offset's day).
    /// </summary>
    [Fact]
    public void SameRowsAsTheCsvReader_SameZone_SameLog()
    {
        using var files = new ParquetTestFiles();
        var random = new Random(20050102);
        const string format = "yyyy-MM-ddTHH:mm:sszzz";
        var lines = new List<string> { "customer_id,date,amount" };
        for (int i = 0; i < 400; i++)
        {
            var instant = new DateTimeOffset(2005, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(random.Next(60)).AddMinutes(random.Next(-120, 120)).AddSeconds(random.Next(60));
            var offset = TimeSpan.FromMinutes(30 * random.Next(-24, 29));
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"c{random.Next(40)},{instant.ToOffset(offset).ToString(format, CultureInfo.InvariantCulture)},{random.Next(1, 10000) / 100.0}"));
        }

        string csv = files.PathOf("stamps.csv");
        File.WriteAllLines(csv, lines);
        string parquet = files.PathOf("stamps.parquet");
        files.Execute($$"""
            COPY (SELECT customer_id, date AS text, date::TIMESTAMPTZ AS instant, amount
                  FROM read_csv({{ParquetTestFiles.Sql(csv)}}, header = true, columns = {'customer_id': 'VARCHAR', 'date': 'VARCHAR', 'amount': 'DOUBLE'}))
              TO {{ParquetTestFiles.Sql(parquet)}} (FORMAT PARQUET, ROW_GROUP_SIZE 2048)
            """);

        foreach (var zone in new[] { Shanghai, NewYork, TimeZoneInfo.Utc })
        {
            var fromCsv = TransactionCsv.Read(csv, new TransactionCsvOptions { DateFormat = format, TimeZone = zone });
            var fromText = TransactionParquet.Read(parquet, new TransactionParquetOptions { DateColumn = "text", DateFormat = format, TimeZone = zone });
            var fromInstant = TransactionParquet.Read(parquet, new TransactionParquetOptions { DateColumn = "instant", TimeZone = zone });

            Assert.Equal(400, fromCsv.Count);
            ParquetRoundTripTests.AssertSameRows(fromCsv.Transactions, fromText.Transactions);
            ParquetRoundTripTests.AssertSameRows(fromCsv.Transactions, fromInstant.Transactions);
        }

        var ownDays = TransactionCsv.Read(csv, new TransactionCsvOptions { DateFormat = format });
        ParquetRoundTripTests.AssertSameRows(ownDays.Transactions, TransactionParquet.Read(parquet, new TransactionParquetOptions { DateColumn = "text", DateFormat = format }).Transactions);
        Assert.NotEqual(
            ownDays.Transactions.ToArray().Select(t => t.Date),
            TransactionCsv.Read(csv, new TransactionCsvOptions { DateFormat = format, TimeZone = Shanghai }).Transactions.ToArray().Select(t => t.Date));
    }

    [Fact]
    public void TextTimestampsWithoutOffset_WithAZone_DateAsWritten()
    {
        using var files = new ParquetTestFiles();
        string path = files.PathOf("text.parquet");
        new Clv.Parquet.Internal.ParquetTable(2).Add("customer_id", ["a", "b"]).Add("date", ["2005-01-02 23:30:00", "2005-01-03 00:10:00"]).Add("amount", new double[] { 1, 2 }).WriteTo(path);

        var log = TransactionParquet.Read(path, new TransactionParquetOptions { DateFormat = "yyyy-MM-dd HH:mm:ss", TimeZone = Shanghai });

        Assert.Equal([D(2005, 1, 2), D(2005, 1, 3)], log.Transactions.ToArray().Select(t => t.Date));
    }
}
