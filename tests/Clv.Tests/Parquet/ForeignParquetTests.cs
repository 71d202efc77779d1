using System.Globalization;
using Clv.Parquet;

namespace Clv.Tests.Parquet;

/// <summary>
/// Files written by other tools (DuckDB here, in the physical layouts Spark, pandas/pyarrow and Polars also write): each
/// reads to exactly the transactions of the same log held in memory.
/// </summary>
public class ForeignParquetTests
{
    private const int Rows = 300;

    /// <summary>The log's rows as SQL: customer <c>n</c>, day <c>day</c> (a DATE), <c>cents</c>, and the row <c>i</c>.</summary>
    private const string Log = """
        SELECT i, 1000 + (i * 7) % 41 AS n, DATE '2020-01-01' + ((i * 13) % 400)::INTEGER AS day, ((i * 37) % 2000) - 100 AS cents
        FROM range(300) t(i)
        """;

    private static Transaction Expected(int i, Func<long, string> id, Func<long, double> amount) =>
        new(id(1000 + (i * 7 % 41)), new DateOnly(2020, 1, 1).AddDays(i * 13 % 400), amount((i * 37 % 2000) - 100));

    public static TheoryData<string, string> Amounts() => new()
    {
        { "cents / 100", "cents" },
        { "(cents / 100)::DECIMAL(18,2)", "cents" },
        { "(cents / 100)::DECIMAL(9,2)", "cents" },
        { "(cents / 100)::DECIMAL(38,10)", "cents" },
        { "(cents / 100)::DECIMAL(4,2)", "cents" },
        { "(cents / 100)::FLOAT", "float" },
        { "cents::INTEGER", "whole" },
        { "cents::BIGINT", "whole" },
        { "cents::SMALLINT", "whole" },
    };

    [Theory]
    [MemberData(nameof(Amounts))]
    public void Read_AmountTypes_SameLogAsInMemory(string amount, string kind)
    {
        Func<long, double> value = kind switch
        {
            "cents" => c => c / 100.0,
            "float" => c => (float)(c / 100.0),
            _ => c => c,
        };
        AssertSameLog($"SELECT n::VARCHAR AS customer_id, day AS date, {amount} AS amount FROM ({Log}) ORDER BY i", "", n => n.ToString(CultureInfo.InvariantCulture), value);
    }

    public static TheoryData<string, string> Dates() => new()
    {
        { "day", "yyyy-MM-dd" },
        { "day::TIMESTAMP + INTERVAL 23 HOUR + INTERVAL 59 MINUTE", "yyyy-MM-dd" },
        { "(day::TIMESTAMP + INTERVAL 23 HOUR + INTERVAL 59 MINUTE)::TIMESTAMP_MS", "yyyy-MM-dd" },
        { "(day::TIMESTAMP + INTERVAL 23 HOUR + INTERVAL 59 MINUTE)::TIMESTAMP_NS", "yyyy-MM-dd" },
        { "(day::TIMESTAMP + INTERVAL 23 HOUR + INTERVAL 59 MINUTE)::TIMESTAMP_S", "yyyy-MM-dd" },
        { "(day::TIMESTAMP + INTERVAL 23 HOUR + INTERVAL 59 MINUTE)::TIMESTAMPTZ", "yyyy-MM-dd" },
        { "(day::TIMESTAMP + INTERVAL 1 HOUR)::TIMESTAMP_NS", "yyyy-MM-dd" },
        { "day::VARCHAR", "yyyy-MM-dd" },
        { "strftime(day, '%d/%m/%Y')", "dd/MM/yyyy" },
        { "strftime(day, '%Y-%m-%d %H:%M:%S')", "yyyy-MM-dd HH:mm:ss" },
    };

    [Theory]
    [MemberData(nameof(Dates))]
    public void Read_DateTypes_SameLogAsInMemory(string date, string format) =>
        AssertSameLog($"SELECT n::VARCHAR AS customer_id, {date} AS date, cents / 100 AS amount FROM ({Log}) ORDER BY i", format, n => n.ToString(CultureInfo.InvariantCulture), c => c / 100.0);

    public static TheoryData<string, string> Ids() => new()
    {
        { "n::VARCHAR", "text" },
        { "'customer ' || n", "prefixed" },
        { "n::BIGINT", "text" },
        { "n::INTEGER", "text" },
        { "n::SMALLINT", "text" },
        { "('00000000-0000-0000-0000-' || lpad(n::VARCHAR, 12, '0'))::UUID", "uuid" },
    };

    [Theory]
    [MemberData(nameof(Ids))]
    public void Read_IdTypes_SameLogAsInMemory(string id, string kind)
    {
        Func<long, string> text = kind switch
        {
            "prefixed" => n => "customer " + n.ToString(CultureInfo.InvariantCulture),
            "uuid" => n => "00000000-0000-0000-0000-" + n.ToString("D12", CultureInfo.InvariantCulture),
            _ => n => n.ToString(CultureInfo.InvariantCulture),
        };
        AssertSameLog($"SELECT {id} AS customer_id, day AS date, cents / 100 AS amount FROM ({Log}) ORDER BY i", "", text, c => c / 100.0);
    }

    public static TheoryData<string> Layouts() => new()
    {
        "COMPRESSION snappy",
        "COMPRESSION zstd",
        "COMPRESSION gzip",
        "COMPRESSION uncompressed",
        "COMPRESSION lz4_raw",
        "COMPRESSION brotli",
        "COMPRESSION zstd, ROW_GROUP_SIZE 50",
        "COMPRESSION snappy, ROW_GROUP_SIZE 50",
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Read_Layouts_SameLogAsInMemory(string layout)
    {
        foreach (string amount in new[] { "cents / 100", "(cents / 100)::DECIMAL(18,2)" })
        {
            foreach (string date in new[] { "day", "day::TIMESTAMP" })
            {
                AssertSameLog($"SELECT 'c' || n AS customer_id, {date} AS date, {amount} AS amount FROM ({Log}) ORDER BY i", "", n => "c" + n.ToString(CultureInfo.InvariantCulture), c => c / 100.0, ", " + layout);
            }
        }
    }

    /// <summary>DuckDB's format 2 with the dates Parquet.Net decodes (timestamps, or any date in a zstd file): read as the numbers stored.</summary>
    [Theory]
    [InlineData("day::TIMESTAMP + INTERVAL 23 HOUR", "")]
    [InlineData("day::TIMESTAMPTZ", ", COMPRESSION zstd")]
    [InlineData("day::TIMESTAMP_NS", ", COMPRESSION gzip")]
    [InlineData("day", ", COMPRESSION zstd")]
    public void Read_V2FileWithDatesParquetNetDecodes_SameLogAsInMemory(string date, string layout) =>
        AssertSameLog($"SELECT n::VARCHAR AS customer_id, {date} AS date, cents / 100 AS amount FROM ({Log}) ORDER BY i", "", n => n.ToString(CultureInfo.InvariantCulture), c => c / 100.0, ", PARQUET_VERSION V2" + layout);

    [Fact]
    public void Read_ExtraNestedColumnsAndOtherCase_SameLogAsInMemory() =>
        AssertSameLog($$"""
            SELECT [i, i + 1] AS tags, n::VARCHAR AS Customer_ID, {'a': i, 'b': [n]} AS info, day AS "DATE", MAP {'k': i} AS m,
                   cents / 100 AS Amount, 'x' AS note, [{'q': i}] AS lines
            FROM ({{Log}}) ORDER BY i
            """, "", n => n.ToString(CultureInfo.InvariantCulture), c => c / 100.0);

    public static TheoryData<string, string, string, string> Nulls() => new()
    {
        // id, date, amount, layout: every 10th row (from row 4) has a null in one column, by turn
        { "n::VARCHAR", "day", "cents / 100", "" },
        { "n::VARCHAR", "day", "(cents / 100)::DECIMAL(18,2)", "" },
        { "n::VARCHAR", "day", "(cents / 100)::DECIMAL(9,2)", "" },
        { "n::VARCHAR", "day", "(cents / 100)::DECIMAL(38,10)", "" },
        { "n::VARCHAR", "day", "(cents / 100)::FLOAT", "" },
        { "n::VARCHAR", "day", "cents::INTEGER", "" },
        { "n::BIGINT", "day", "cents::BIGINT", ", COMPRESSION zstd" },
        { "n::INTEGER", "day::TIMESTAMP", "cents / 100", "" },
        { "n::VARCHAR", "day::TIMESTAMP_NS", "cents / 100", "" },
        { "n::VARCHAR", "day::TIMESTAMPTZ", "cents / 100", "" },
        { "n::VARCHAR", "day::VARCHAR", "cents / 100", "" },
        { "n::VARCHAR", "day", "cents / 100", ", COMPRESSION gzip" },
        { "n::VARCHAR", "day", "cents / 100", ", PARQUET_VERSION V2" },
    };

    [Theory]
    [MemberData(nameof(Nulls))]
    public void Read_NullsInEachColumn_RowsRejectedAndTheRestKept(string id, string date, string amount, string layout)
    {
        using var files = new ParquetTestFiles();
        string path = files.PathOf("nulls.parquet");
        files.Execute($"""
            COPY (SELECT CASE WHEN i % 30 = 4 THEN NULL ELSE {id} END AS customer_id, CASE WHEN i % 30 = 14 THEN NULL ELSE {date} END AS date,
                         CASE WHEN i % 30 = 24 THEN NULL ELSE {amount} END AS amount
                  FROM ({Log}) ORDER BY i) TO {ParquetTestFiles.Sql(path)} (FORMAT PARQUET{layout})
            """);
        var lenient = new TransactionParquetOptions { Mode = ParquetReadMode.Lenient };

        var log = TransactionParquet.Read(path, lenient);
        var builder = new CustomerSummariesBuilder(new DateOnly(2021, 6, 1), TimeUnit.Week);
        var report = TransactionParquet.ReadInto(path, builder, lenient);
        var strict = Assert.Throws<ParquetFormatException>(() => TransactionParquet.Read(path));

        Func<long, double> value = amount.Contains("FLOAT", StringComparison.Ordinal) ? c => (float)(c / 100.0) : amount.Contains("cents::", StringComparison.Ordinal) ? c => c : c => c / 100.0;
        var expected = Enumerable.Range(0, Rows).Where(i => i % 10 != 4).Select(i => Expected(i, n => n.ToString(CultureInfo.InvariantCulture), value)).ToArray();
        Assert.Equal(expected, log.Transactions.ToArray());
        var rejected = Enumerable.Range(0, Rows).Where(i => i % 10 == 4).Select(i => (i + 1L, i % 30 == 4 ? "customer_id" : i % 30 == 14 ? "date" : "amount")).ToArray();
        Assert.Equal(rejected, log.Rejected.Select(r => (r.LineNumber, r.Column!)));
        Assert.Equal(rejected, report.Rejected.Select(r => (r.LineNumber, r.Column!)));
        Assert.Equal((5L, "customer_id"), (strict.RowNumber, strict.Column!));
        ParquetRoundTripTests.AssertSameSummaries(CustomerSummaries.FromTransactions(expected, new DateOnly(2021, 6, 1), TimeUnit.Week).AsSpan(), builder.Build().AsSpan());
    }

    [Theory]
    [InlineData("day", "cents / 100", "")]
    [InlineData("day::TIMESTAMP", "(cents / 100)::DECIMAL(18,2)", ", COMPRESSION zstd")]
    [InlineData("day::VARCHAR", "cents::BIGINT", ", PARQUET_VERSION V2")]
    public void Read_EmptyFile_NoRows(string date, string amount, string layout)
    {
        using var files = new ParquetTestFiles();
        string path = files.PathOf("empty.parquet");
        files.Execute($"COPY (SELECT n::VARCHAR AS customer_id, {date} AS date, {amount} AS amount FROM ({Log}) WHERE i < 0) TO {ParquetTestFiles.Sql(path)} (FORMAT PARQUET{layout})");

        var log = TransactionParquet.Read(path);
        var builder = new CustomerSummariesBuilder(new DateOnly(2021, 6, 1), TimeUnit.Week);
        var report = TransactionParquet.ReadInto(path, builder);

        Assert.Equal((0, 0L), (log.Count, log.RowsRead));
        Assert.Equal((0L, 0L), (report.Imported, report.RowsRead));
        Assert.Empty(builder.Build());
    }

    [Theory]
    [InlineData("DATE '1969-12-31' - ((i * 13) % 400)::INTEGER", "")]
    [InlineData("(DATE '1969-12-31' - ((i * 13) % 400)::INTEGER)::TIMESTAMP + INTERVAL 23 HOUR", "")]
    [InlineData("(DATE '1969-12-31' - ((i * 13) % 400)::INTEGER)::TIMESTAMP_NS + INTERVAL 23 HOUR", "")]
    [InlineData("(DATE '1969-12-31' - ((i * 13) % 400)::INTEGER)::TIMESTAMP_MS + INTERVAL 1 HOUR", "")]
    [InlineData("(DATE '1969-12-31' - ((i * 13) % 400)::INTEGER)::TIMESTAMPTZ + INTERVAL 1 HOUR", "")]
    public void Read_DatesBefore1970_SameDays(string date, string layout)
    {
        using var files = new ParquetTestFiles();
        string path = files.PathOf("old.parquet");
        files.Execute($"COPY (SELECT 'c' AS customer_id, {date} AS date, 1.5 AS amount FROM range(300) t(i) ORDER BY i) TO {ParquetTestFiles.Sql(path)} (FORMAT PARQUET{layout})");

        var log = TransactionParquet.Read(path);

        Assert.Equal(Enumerable.Range(0, Rows).Select(i => new DateOnly(1969, 12, 31).AddDays(-(i * 13 % 400))), log.Transactions.ToArray().Select(t => t.Date));
    }

    /// <summary>
    /// A date beyond <see cref="DateOnly"/>'s range (DuckDB's <c>'infinity'</c>, a sentinel far in the future) is that row's
    /// bad date, whichever decoder reads the file: it failed the whole file as "Not a readable Parquet file ... Value to add
    /// was out of range", with no row, in lenient mode too, when Parquet.Net decoded the column (a <c>TIMESTAMP</c>, or a
    /// <c>DATE</c> next to a <c>DECIMAL</c> amount or in a zstd file), while our page reader rejected the row.
    /// </summary>
    [Theory]
    [InlineData("'infinity'::DATE", "1.5", "2147483647 days from 1970-01-01")]
    [InlineData("'-infinity'::DATE", "1.5", "-2147483647 days from 1970-01-01")]
    [InlineData("'294000-01-01'::DATE", "1.5", "106661767 days from 1970-01-01")]
    [InlineData("'infinity'::DATE", "1.5::DOUBLE", "2147483647 days from 1970-01-01")]
    [InlineData("'infinity'::TIMESTAMP", "1.5::DOUBLE", "9223372036854775807 microseconds from 1970-01-01")]
    [InlineData("'-infinity'::TIMESTAMP", "1.5", "-9223372036854775807 microseconds from 1970-01-01")]
    [InlineData("'infinity'::TIMESTAMPTZ", "1.5", "9223372036854775807 microseconds from 1970-01-01")]
    [InlineData("'infinity'::TIMESTAMP_MS", "1.5", "9223372036854775807 milliseconds from 1970-01-01")]
    [InlineData("'20000-01-01'::TIMESTAMP", "1.5", "568971820800000000 microseconds from 1970-01-01")]
    public void Read_DateOutOfRange_RowRejectedNotTheFile(string bad, string amount, string raw)
    {
        using var files = new ParquetTestFiles();
        string path = files.PathOf("inf.parquet");
        string type = bad[(bad.IndexOf("::", StringComparison.Ordinal) + 2)..];
        files.Execute($"""
            COPY (SELECT 'c' || i AS customer_id, CASE WHEN i = 2 THEN {bad} ELSE (DATE '2020-01-01' + i::INTEGER)::{type} END AS date, {amount} AS amount
                  FROM range(5) t(i) ORDER BY i) TO {ParquetTestFiles.Sql(path)} (FORMAT PARQUET, COMPRESSION zstd)
            """);

        var log = TransactionParquet.Read(path, new TransactionParquetOptions { Mode = ParquetReadMode.Lenient });
        var strict = Assert.Throws<ParquetFormatException>(() => TransactionParquet.Read(path));

        Assert.Equal(new[] { 0, 1, 3, 4 }.Select(d => new DateOnly(2020, 1, 1).AddDays(d)), log.Transactions.ToArray().Select(t => t.Date));
        Assert.Equal(new RejectedRow(3, "date", raw, "The date is outside 0001-01-01 to 9999-12-31."), Assert.Single(log.Rejected));
        Assert.Equal(log.Rejected[0], strict.ToRejectedRow());
    }

    [Theory]
    [InlineData("(cents / 100)::DECIMAL(38,18)", "")]
    [InlineData("(cents / 100)::DECIMAL(38,2)", "")]
    [InlineData("cents::HUGEINT", "")]
    [InlineData("(cents / 100)::DOUBLE", ", PARQUET_VERSION V2, COMPRESSION zstd")]
    [InlineData("cents::UBIGINT + 0", "")]
    public void Read_MoreAmountTypes_SameLog(string amount, string layout)
    {
        Func<long, double> value = amount.Contains("cents::", StringComparison.Ordinal) ? c => c : c => c / 100.0;
        if (amount.Contains("UBIGINT", StringComparison.Ordinal))
        {
            amount = "(cents + 100)::UBIGINT";
            value = c => c + 100;
        }

        AssertSameLog($"SELECT n::VARCHAR AS customer_id, day AS date, {amount} AS amount FROM ({Log}) ORDER BY i", "", n => n.ToString(CultureInfo.InvariantCulture), value, layout);
    }

    /// <summary>DuckDB cuts row groups only between its chunks of 2,048 rows: 4,500 rows make three groups.</summary>
    [Theory]
    [InlineData("")]
    [InlineData(", COMPRESSION zstd")]
    [InlineData(", COMPRESSION gzip")]
    [InlineData(", DICTIONARY_SIZE_LIMIT 100")]
    public void Read_SeveralRowGroups_AllRows(string layout)
    {
        using var files = new ParquetTestFiles();
        string path = files.PathOf("groups.parquet");
        string log = Log.Replace("range(300)", "range(4500)", StringComparison.Ordinal);
        files.Execute($"COPY (SELECT 'customer-' || (i % 1000) AS customer_id, day AS date, cents / 100 AS amount FROM ({log}) ORDER BY i) TO {ParquetTestFiles.Sql(path)} (FORMAT PARQUET, ROW_GROUP_SIZE 2048{layout})");

        var fromFile = TransactionParquet.Read(path);
        var report = TransactionParquet.ReadInto(path, new CustomerSummariesBuilder(new DateOnly(2021, 6, 1), TimeUnit.Week));

        Assert.Equal((4500L, 3), (report.Imported, report.RowGroups));
        Assert.Equal(Enumerable.Range(0, 4500).Select(i => Expected(i, _ => "customer-" + (i % 1000).ToString(CultureInfo.InvariantCulture), c => c / 100.0)), fromFile.Transactions.ToArray());
    }

    [Theory]
    [InlineData("n::VARCHAR AS customer_id, day AS date", "amount", "The amount column 'amount' is not in the file. Its columns are: customer_id, date.")]
    [InlineData("n::VARCHAR AS customer_id, day AS date, [cents] AS amount", "amount", "nested column")]
    [InlineData("n::VARCHAR AS customer_id, day AS date, {'c': cents} AS amount", "amount", "nested column")]
    [InlineData("n::VARCHAR AS customer_id, day AS date, cents::VARCHAR AS amount", "amount", "holds STRING values")]
    [InlineData("n::VARCHAR AS customer_id, day AS date, cents > 0 AS amount", "amount", "holds BOOLEAN values")]
    [InlineData("n::DOUBLE AS customer_id, day AS date, cents AS amount", "customer_id", "holds DOUBLE values")]
    [InlineData("n::VARCHAR AS customer_id, (day - DATE '2020-01-01')::INTEGER AS date, cents AS amount", "date", "holds INT32 values")]
    public void Read_UnsupportedColumn_FileLevelErrorNamingFileColumnAndType(string columns, string column, string reason)
    {
        using var files = new ParquetTestFiles();
        string path = files.PathOf("bad.parquet");
        files.Execute($"COPY (SELECT {columns} FROM ({Log})) TO {ParquetTestFiles.Sql(path)} (FORMAT PARQUET)");

        foreach (var mode in new[] { ParquetReadMode.Strict, ParquetReadMode.Lenient })
        {
            var e = Assert.Throws<ParquetFormatException>(() => TransactionParquet.Read(path, new TransactionParquetOptions { Mode = mode }));
            Assert.Equal((path, 0L, column), (e.Path, e.RowNumber, e.Column!));
            Assert.Contains(reason, e.Reason, StringComparison.Ordinal);
        }
    }

    private static void AssertSameLog(string select, string format, Func<long, string> id, Func<long, double> amount, string layout = "")
    {
        using var files = new ParquetTestFiles();
        string path = files.PathOf("log.parquet");
        files.Execute($"COPY ({select}) TO {ParquetTestFiles.Sql(path)} (FORMAT PARQUET{layout})");
        var options = new TransactionParquetOptions { DateFormat = format.Length == 0 ? "yyyy-MM-dd" : format };

        var log = TransactionParquet.Read(path, options);
        var builder = new CustomerSummariesBuilder(new DateOnly(2021, 6, 1), TimeUnit.Week);
        var report = TransactionParquet.ReadInto(path, builder, options);

        var expected = Enumerable.Range(0, Rows).Select(i => Expected(i, id, amount)).ToArray();
        Assert.Equal(expected, log.Transactions.ToArray());
        Assert.Equal(Rows, report.Imported);
        var fromMemory = CustomerSummaries.FromTransactions(expected, new DateOnly(2021, 6, 1), TimeUnit.Week);
        ParquetRoundTripTests.AssertSameSummaries(fromMemory.AsSpan(), builder.Build().AsSpan());
    }
}
