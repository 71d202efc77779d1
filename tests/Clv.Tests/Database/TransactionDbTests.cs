using System.Data.Common;
using Clv.Data;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Data.Sqlite;
using static Clv.Tests.Database.Databases;

namespace Clv.Tests.Database;

/// <summary>Reading transactions from ADO.NET results (issue 17 item 8): SQLite in memory and a real PostgreSQL server.</summary>
public class TransactionDbTests
{
    private static readonly DateOnly End = TestData.CdnowCalibrationEnd;
    private static readonly DateOnly HoldoutEnd = new(1998, 6, 30);

    private static CustomerSummaries Expected(IEnumerable<Transaction> rows) => CustomerSummaries.FromTransactions(rows.ToArray(), End, TimeUnit.Week, HoldoutEnd);

    private static CustomerSummaries FromReader(DbDataReader reader, TransactionDbOptions? options = null)
    {
        var builder = new CustomerSummariesBuilder(End, TimeUnit.Week, HoldoutEnd);
        var report = TransactionDb.ReadInto(reader, builder, options);
        Assert.Empty(report.Rejected);
        return builder.Build();
    }

    private static void AssertSame(CustomerSummaries expected, CustomerSummaries actual) =>
        Assert.Equal(expected.AsSpan().ToArray(), actual.AsSpan().ToArray());

    [Fact]
    public void ReadInto_SqliteTextDatesAndRealAmounts_EqualsTheSummariesOfTheSameLog()
    {
        var cdnow = TestData.CdnowSample();
        using var db = Sqlite();
        Execute(db, "CREATE TABLE orders (customer_id TEXT, date TEXT, amount REAL)");
        Insert(db, "orders", cdnow.Select(t => ((object?)t.CustomerId, (object?)Iso(t.Date), (object?)t.Amount)));
        using var reader = Query(db, "SELECT customer_id, date, amount FROM orders");
        AssertSame(Expected(cdnow), FromReader(reader));
    }

    [Fact]
    public void Read_SqliteIntegerIdsAndTimestampText_MapsByName()
    {
        using var db = Sqlite();
        Execute(db, "CREATE TABLE sales (amount REAL, kunde INTEGER, ts TEXT, other TEXT)");
        Execute(db, "INSERT INTO sales VALUES (10.5, 42, '2005-01-02 23:30:00', 'x'), (2, 42, '2005-01-03 00:10:00', 'y'), (7, 7, '2005-01-02 08:00:00', 'z')");
        using var reader = Query(db, "SELECT * FROM sales");
        var log = TransactionDb.Read(reader, new TransactionDbOptions { CustomerIdColumn = "KUNDE", DateColumn = "ts", DateFormat = "yyyy-MM-dd HH:mm:ss" });
        Assert.Equal(
            [new Transaction("42", new DateOnly(2005, 1, 2), 10.5), new Transaction("42", new DateOnly(2005, 1, 3), 2), new Transaction("7", new DateOnly(2005, 1, 2), 7)],
            log.Transactions.ToArray());
    }

    [Fact]
    public void Read_BadRows_StrictNamesRowColumnAndValue_LenientCollectsThem()
    {
        using var db = Sqlite();
        Execute(db, "CREATE TABLE t (customer_id TEXT, date TEXT, amount)");
        Execute(db, """
            INSERT INTO t VALUES ('a', '2024-01-05', 10), (NULL, '2024-01-05', 1), ('b', '2024-13-01', 2), ('c', '2024-01-07', 'abc'),
                                 ('', '2024-01-08', 3), ('d', NULL, 4), ('e', '2024-01-09', NULL), ('f', '2024-01-10', 'NaN'), ('g', '2024-01-11', 5)
            """);
        var strict = Assert.Throws<DbFormatException>(() => TransactionDb.Read(Query(db, "SELECT * FROM t")));
        Assert.Equal(2, strict.RowNumber);
        Assert.Equal("customer_id", strict.Column);
        Assert.Equal("Row 2, column 'customer_id': The customer id is NULL. Value: ''.", strict.Message);

        using var reader = Query(db, "SELECT * FROM t");
        var log = TransactionDb.Read(reader, new TransactionDbOptions { Mode = DbReadMode.Lenient });
        Assert.Equal(["a", "g"], log.Transactions.ToArray().Select(t => t.CustomerId));
        Assert.Equal(
            [(2L, "customer_id", ""), (3L, "date", "2024-13-01"), (4L, "amount", "abc"), (5L, "customer_id", ""), (6L, "date", ""), (7L, "amount", ""), (8L, "amount", "NaN")],
            log.Rejected.Select(r => (r.LineNumber, r.Column!, r.RawText)));
        Assert.Equal(9, log.RowsRead);
        Assert.Contains("Not a date in the format 'yyyy-MM-dd'.", log.Rejected[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BlobValues_RejectedValueIsTheirHex_NotTheTypeName()
    {
        using var db = Sqlite();
        Execute(db, "CREATE TABLE t (customer_id, date, amount)");
        Execute(db, $"INSERT INTO t VALUES (x'0A1BFF', '2024-01-05', 10), ('a', x'32303234', 1), ('b', '2024-01-06', x'{new string('7', 400)}')");
        var log = TransactionDb.Read(Query(db, "SELECT * FROM t"), new TransactionDbOptions { Mode = DbReadMode.Lenient });
        Assert.Equal(
            [(1L, "customer_id", "0x0A1BFF"), (2L, "date", "0x32303234"), (3L, "amount", "0x" + new string('7', 198) + "... (402 characters)")],
            log.Rejected.Select(r => (r.LineNumber, r.Column!, r.RawText)));
        Assert.DoesNotContain(log.Rejected, r => r.Reason.Contains("System.Byte", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_IdsWithSpacesAndOtherBlanks_TrimsLikeTheCsvReader()
    {
        // Spaces and tabs at the ends go (CHAR(n) columns pad with spaces); a no-break or ideographic space is part of the id, as in
        // CSV: the same log gives the same customers from a table and from a file.
        string[] ids = [" a ", "a", "b\u00a0", "王\u3000伟\u3000", "\tc\t", "\u00a0d"];
        using var db = Sqlite();
        Execute(db, "CREATE TABLE t (customer_id TEXT, date TEXT, amount REAL)");
        Insert(db, "t", ids.Select((id, i) => ((object?)id, (object?)Iso(new DateOnly(2024, 1, 1 + i)), (object?)(1.0 + i))));
        var fromTable = TransactionDb.Read(Query(db, "SELECT * FROM t"));

        string csv = "customer_id,date,amount\n" + string.Concat(ids.Select((id, i) => $"{id},{Iso(new DateOnly(2024, 1, 1 + i))},{1.0 + i}\n"));
        var fromFile = Clv.Csv.TransactionCsv.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv)));

        Assert.Equal(["a", "a", "b\u00a0", "王\u3000伟\u3000", "c", "\u00a0d"], fromTable.Transactions.ToArray().Select(t => t.CustomerId));
        Assert.Equal(fromFile.Transactions.ToArray(), fromTable.Transactions.ToArray());
    }

    [Fact]
    public void Read_MissingColumn_ListsTheResultsColumns()
    {
        using var db = Sqlite();
        Execute(db, "CREATE TABLE t (id TEXT, day TEXT, amount REAL)");
        using var reader = Query(db, "SELECT * FROM t");
        var e = Assert.Throws<ArgumentException>(() => TransactionDb.Read(reader));
        Assert.Equal("options.CustomerIdColumn", e.ParamName);
        Assert.Contains("the result has no column 'customer_id'; its columns are 'id', 'day', 'amount'.", e.Message, StringComparison.Ordinal);
        Assert.Equal("options.DateFormat", Assert.Throws<ArgumentException>(() => TransactionDb.Read(reader, new TransactionDbOptions { DateFormat = " " })).ParamName);
    }

    [Fact]
    public async Task ReadAsync_EqualsRead_AndHonoursCancellation()
    {
        var cdnow = TestData.CdnowSample();
        using var db = Sqlite();
        Execute(db, "CREATE TABLE orders (customer_id TEXT, date TEXT, amount REAL)");
        Insert(db, "orders", cdnow.Select(t => ((object?)t.CustomerId, (object?)Iso(t.Date), (object?)t.Amount)));
        await using (var reader = Query(db, "SELECT * FROM orders"))
        {
            var log = await TransactionDb.ReadAsync(reader);
            Assert.Equal(cdnow, log.Transactions.ToArray());
        }

        await using (var reader = Query(db, "SELECT * FROM orders"))
        {
            var builder = new CustomerSummariesBuilder(End, TimeUnit.Week, HoldoutEnd);
            var progress = new List<long>();
            var report = await TransactionDb.ReadIntoAsync(reader, builder, new TransactionDbOptions { Progress = new SyncProgress(progress) });
            Assert.Equal(cdnow.Length, report.Imported);
            Assert.Equal(cdnow.Length, progress[^1]);
            AssertSame(Expected(cdnow), builder.Build());
        }

        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await using var again = Query(db, "SELECT * FROM orders");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => TransactionDb.ReadAsync(again, new TransactionDbOptions { CancellationToken = cancelled.Token }));
    }

    private sealed class SyncProgress(List<long> seen) : IProgress<long>
    {
        public void Report(long value) => seen.Add(value);
    }

    [Property(MaxTest = 40)]
    public Property ReadInto_RandomLog_EqualsFromTransactions()
    {
        var row =
            from id in Gen.Choose(0, 30)
            from day in Gen.Choose(0, 600)   // past the holdout end (1998-06-30) too: excluded rows
            from cents in Gen.Choose(-5_000, 50_000)
            select new Transaction("c" + id, new DateOnly(1997, 1, 1).AddDays(day), cents / 100.0);
        return Prop.ForAll(row.ArrayOf().ToArbitrary(), more =>
        {
            Transaction[] rows = [new("c0", new DateOnly(1997, 1, 1), 1), .. more];   // one row in calibration, as summaries need
            using var db = Sqlite();
            Execute(db, "CREATE TABLE t (customer_id TEXT, date TEXT, amount REAL)");
            Insert(db, "t", rows.Select(t => ((object?)t.CustomerId, (object?)Iso(t.Date), (object?)t.Amount)));
            using var reader = Query(db, "SELECT * FROM t");
            return Expected(rows).AsSpan().ToArray().SequenceEqual(FromReader(reader).AsSpan().ToArray());
        });
    }

    [Fact]
    public void ReadInto_PostgresDateNumericAndBigintIds_EqualsTheSummariesOfTheSameLog()
    {
        var cdnow = TestData.CdnowSample();
        using var db = Postgres();
        string table = UniqueTable("orders");
        try
        {
            Execute(db, $"CREATE TABLE {table} (customer_id BIGINT, date DATE, amount NUMERIC(12,2))");
            Insert(db, table, cdnow.Select(t => ((object?)long.Parse(t.CustomerId, System.Globalization.CultureInfo.InvariantCulture), (object?)t.Date, (object?)(decimal)t.Amount)));
            using var reader = Query(db, $"SELECT customer_id, date, amount FROM {table}");
            AssertSame(Expected(cdnow), FromReader(reader));
        }
        finally
        {
            Execute(db, $"DROP TABLE IF EXISTS {table}");
        }
    }

    [Fact]
    public void Read_PostgresTimestamptz_CountsOnTheZonesDay()
    {
        using var db = Postgres();
        using var reader = Query(db, """
            SELECT 'a'::text AS customer_id, TIMESTAMPTZ '2005-01-02 23:30:00-05' AS date, 19.99::numeric AS amount
            UNION ALL SELECT 'b', TIMESTAMPTZ '2005-01-02 09:00:00+08', 5
            """);
        var log = TransactionDb.Read(reader, new TransactionDbOptions { TimeZone = CalendarDayTests.China });
        Assert.Equal([new Transaction("a", new DateOnly(2005, 1, 3), 19.99), new Transaction("b", new DateOnly(2005, 1, 2), 5)], log.Transactions.ToArray());
    }
}
