using Clv.Parquet;
using Clv.Parquet.Internal;

namespace Clv.Tests.Parquet;

/// <summary>Bad rows (strict: an exception naming file, row and column; lenient: rejected and reported) and file-level problems.</summary>
public class TransactionParquetBadInputTests
{
    private static readonly DateOnly Day = new(2020, 3, 1);

    private static readonly TransactionParquetOptions Lenient = new() { Mode = ParquetReadMode.Lenient };

    /// <summary>Nine rows in row groups of 3, all good; <paramref name="edit"/> spoils some of them.</summary>
    private static string BadFile(ParquetTestFiles files, Action<string?[], DateOnly?[], double?[]> edit)
    {
        var ids = Enumerable.Range(1, 9).Select(i => (string?)$"c{i % 4}").ToArray();
        var dates = Enumerable.Range(1, 9).Select(i => (DateOnly?)Day.AddDays(i)).ToArray();
        var amounts = Enumerable.Range(1, 9).Select(i => (double?)(i * 1.5)).ToArray();
        edit(ids, dates, amounts);
        string path = files.PathOf("bad.parquet");
        new ParquetTable(9) { RowGroupRows = 3 }.AddNullable("customer_id", ids).Add("date", dates).Add("amount", amounts).WriteTo(path);
        return path;
    }

    public static TheoryData<int, string, string, string> OneBadRow() => new()
    {
        { 5, "customer_id", "", "The customer id is null." },
        { 8, "customer_id", "", "The customer id is empty." },
        { 4, "date", "", "The date is null." },
        { 7, "amount", "", "The amount is null." },
        { 3, "amount", "NaN", "The amount is not a finite number (NaN or infinity)." },
        { 9, "amount", "-Infinity", "The amount is not a finite number (NaN or infinity)." },
    };

    [Theory]
    [MemberData(nameof(OneBadRow))]
    public void Read_OneBadRow_StrictNamesFileRowAndColumnLenientRejectsExactlyIt(int row, string column, string raw, string reason)
    {
        using var files = new ParquetTestFiles();
        string path = BadFile(files, (ids, dates, amounts) =>
        {
            switch (reason)
            {
                case "The customer id is null.": ids[row - 1] = null; break;
                case "The customer id is empty.": ids[row - 1] = ""; break;
                case "The date is null.": dates[row - 1] = null; break;
                case "The amount is null.": amounts[row - 1] = null; break;
                default: amounts[row - 1] = raw == "NaN" ? double.NaN : double.NegativeInfinity; break;
            }
        });

        var builder = new CustomerSummariesBuilder(Day.AddDays(30), TimeUnit.Day);
        var e = Assert.Throws<ParquetFormatException>(() => TransactionParquet.ReadInto(path, builder));
        Assert.Equal((path, (long)row, column, raw, reason), (e.Path, e.RowNumber, e.Column, e.RawText, e.Reason));
        Assert.StartsWith($"File '{path}', row {row}, column '{column}': {reason}", e.Message, StringComparison.Ordinal);
        Assert.Equal(row - 1, builder.TransactionCount);   // the rows before it were added

        var log = TransactionParquet.Read(path, Lenient);
        Assert.Equal([new RejectedRow(row, column, raw, reason)], log.Rejected);
        Assert.Equal(8, log.Count);
        Assert.Equal(9, log.RowsRead);
        Assert.Equal(e.ToRejectedRow(), log.Rejected[0]);
    }

    [Fact]
    public void Read_BadRowsInEveryRowGroup_LenientReportsExactRowNumbersAcrossGroups()
    {
        using var files = new ParquetTestFiles();
        string path = BadFile(files, (ids, dates, amounts) =>
        {
            ids[0] = null;          // row 1, group 1
            amounts[0] = null;      // same row: the id is named, as it is checked first
            dates[3] = null;        // row 4, group 2
            amounts[5] = double.PositiveInfinity;   // row 6, group 2
            ids[8] = null;          // row 9, group 3
        });
        var builder = new CustomerSummariesBuilder(Day.AddDays(30), TimeUnit.Day);

        var report = TransactionParquet.ReadInto(path, builder, Lenient);

        Assert.Equal([1L, 4L, 6L, 9L], report.Rejected.Select(r => r.LineNumber));
        Assert.Equal(["customer_id", "date", "amount", "customer_id"], report.Rejected.Select(r => r.Column));
        Assert.Equal((5L, 9L, 3), (report.Imported, report.RowsRead, report.RowGroups));
        Assert.Equal(5, builder.TransactionCount);
        var good = new[] { 2, 3, 5, 7, 8 }.Select(i => new Transaction($"c{i % 4}", Day.AddDays(i), i * 1.5)).ToArray();
        ParquetRoundTripTests.AssertSameRows(good, TransactionParquet.Read(path, Lenient).Transactions);
    }

    [Fact]
    public void Read_TextDates_UnparsableDateRejectedWithItsText()
    {
        using var files = new ParquetTestFiles();
        string path = files.PathOf("text.parquet");
        new ParquetTable(3).Add("customer_id", ["a", "b", "c"]).Add("date", ["20200301", " 20200302\t", "2020-03-03"]).Add("amount", new double[] { 1, 2, 3 }).WriteTo(path);

        var log = TransactionParquet.Read(path, new TransactionParquetOptions { DateFormat = "yyyyMMdd", Mode = ParquetReadMode.Lenient });

        Assert.Equal([new DateOnly(2020, 3, 1), new DateOnly(2020, 3, 2)], log.Transactions.ToArray().Select(t => t.Date));
        Assert.Equal([new RejectedRow(3, "date", "2020-03-03", "Not a date in the format 'yyyyMMdd'.")], log.Rejected);
    }

    [Theory]
    [InlineData(ParquetReadMode.Strict)]
    [InlineData(ParquetReadMode.Lenient)]
    public void Read_MissingColumn_FileLevelErrorInBothModesListingTheColumns(ParquetReadMode mode)
    {
        using var files = new ParquetTestFiles();
        string path = files.PathOf("missing.parquet");
        new ParquetTable(1).Add("customer_id", ["a"]).Add("day", new[] { Day }).Add("amount", new double[] { 1 }).WriteTo(path);

        var e = Assert.Throws<ParquetFormatException>(() => TransactionParquet.Read(path, new TransactionParquetOptions { Mode = mode }));

        Assert.Equal((0L, "date"), (e.RowNumber, e.Column));
        Assert.Equal($"File '{path}', column 'date': The date column 'date' is not in the file. Its columns are: customer_id, day, amount.", e.Message);
    }

    public static TheoryData<string, string> WrongTypes() => new()
    {
        { "amount", "The amount column 'amount' holds STRING values; an amount must be DOUBLE, FLOAT, DECIMAL or a whole number (INT8 to INT64, signed or unsigned)." },
        { "customer_id", "The customer id column 'customer_id' holds DOUBLE values; a customer id must be STRING, UUID or a whole number (INT8 to INT64, signed or unsigned)." },
        { "date", "The date column 'date' holds INT32 values; a date must be DATE, TIMESTAMP or STRING (in options.DateFormat)." },
    };

    [Theory]
    [MemberData(nameof(WrongTypes))]
    public void Read_WrongColumnType_FileLevelErrorInBothModesNamingTheType(string wrong, string reason)
    {
        using var files = new ParquetTestFiles();
        string path = files.PathOf("types.parquet");
        var table = new ParquetTable(1);
        _ = wrong == "customer_id" ? table.Add("customer_id", new double[] { 1 }) : table.Add("customer_id", ["a"]);
        _ = wrong == "date" ? table.Add("date", new[] { 20200301 }) : table.Add("date", new[] { Day });
        _ = wrong == "amount" ? table.Add("amount", ["1.5"]) : table.Add("amount", new double[] { 1.5 });
        table.WriteTo(path);

        foreach (var mode in new[] { ParquetReadMode.Strict, ParquetReadMode.Lenient })
        {
            var e = Assert.Throws<ParquetFormatException>(() => TransactionParquet.Read(path, new TransactionParquetOptions { Mode = mode }));
            Assert.Equal((0L, wrong, reason), (e.RowNumber, e.Column, e.Reason));
        }
    }

    [Fact]
    public void Read_ColumnNamesInOtherCase_FoundAndExactMatchPreferred()
    {
        using var files = new ParquetTestFiles();
        string path = files.PathOf("case.parquet");
        new ParquetTable(1).Add("Customer_ID", ["a"]).Add("DATE", new[] { Day }).Add("Amount", new double[] { 2 }).Add("amount_eur", new double[] { 3 }).WriteTo(path);
        string twice = files.PathOf("twice.parquet");
        new ParquetTable(1).Add("customer_id", ["a"]).Add("date", new[] { Day }).Add("Amount", new double[] { 2 }).WriteTo(twice);

        Assert.Equal(new Transaction("a", Day, 2), TransactionParquet.Read(path).Transactions[0]);
        Assert.Equal(new Transaction("a", Day, 3), TransactionParquet.Read(path, new TransactionParquetOptions { AmountColumn = "amount_eur" }).Transactions[0]);
        Assert.Equal(new Transaction("a", Day, 2), TransactionParquet.Read(twice).Transactions[0]);
    }

    [Fact]
    public void Read_NotAParquetFile_FileLevelError()
    {
        using var files = new ParquetTestFiles();
        string path = files.PathOf("orders.parquet");
        File.WriteAllText(path, "customer_id,date,amount\na,2020-01-01,1\n");

        var e = Assert.Throws<ParquetFormatException>(() => TransactionParquet.Read(path, Lenient));

        Assert.Equal((path, 0L, (string?)null), (e.Path, e.RowNumber, e.Column));
        Assert.StartsWith($"File '{path}': Not a readable Parquet file", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_StreamThatCannotSeek_ArgumentException()
    {
        using var stream = new NonSeekable(new MemoryStream(new byte[100]));
        Assert.Throws<ArgumentException>("stream", () => TransactionParquet.Read(stream));
    }

    [Theory]
    [InlineData("", "date", "amount", "yyyy-MM-dd", "options.CustomerIdColumn")]
    [InlineData("customer_id", " ", "amount", "yyyy-MM-dd", "options.DateColumn")]
    [InlineData("customer_id", "date", "DATE", "yyyy-MM-dd", "options.CustomerIdColumn")]
    [InlineData("customer_id", "date", "amount", "%", "options.DateFormat")]
    public void Read_InconsistentOptions_ArgumentExceptionNamingTheProperty(string id, string date, string amount, string format, string property)
    {
        var options = new TransactionParquetOptions { CustomerIdColumn = id, DateColumn = date, AmountColumn = amount, DateFormat = format };
        var e = Assert.ThrowsAny<ArgumentException>(() => TransactionParquet.Read("never-opened.parquet", options));
        Assert.Equal(property, e.ParamName);
    }

    [Fact]
    public void Read_ProgressAndCancellation_PerRowGroup()
    {
        using var files = new ParquetTestFiles();
        string path = files.PathOf("log.parquet");
        TransactionParquet.Table(TestData.CdnowSample(), 2000).WriteTo(path);
        var reports = new List<long>();

        TransactionParquet.Read(path, new TransactionParquetOptions { Progress = new SyncProgress(reports.Add) });
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Equal([2000L, 4000L, 6000L, 6919L], reports);
        Assert.ThrowsAny<OperationCanceledException>(() => TransactionParquet.Read(path, new TransactionParquetOptions { CancellationToken = cancelled.Token }));
    }

    [Fact]
    public void ReadSummaries_InconsistentRow_NamesRowAndColumn()
    {
        using var files = new ParquetTestFiles();
        var customers = TestData.CdnowSummaries();
        string good = files.PathOf("customers.parquet");
        CustomerSummaryParquet.Write(good, customers);
        string bad = files.PathOf("bad.parquet");
        files.Execute($"COPY (SELECT * EXCLUDE (file_row_number) REPLACE (CASE WHEN file_row_number = 4 THEN -1.0 ELSE age END AS age, CASE WHEN file_row_number = 6 THEN NULL ELSE spend END AS spend) FROM read_parquet({ParquetTestFiles.Sql(good)}, file_row_number = true)) TO {ParquetTestFiles.Sql(bad)} (FORMAT PARQUET)");

        var e = Assert.Throws<ParquetFormatException>(() => CustomerSummaryParquet.Read(bad));

        Assert.Equal((bad, 5L, "age"), (e.Path, e.RowNumber, e.Column));
        Assert.Contains("age must be a finite number of at least 0", e.Reason.Replace("greater than or equal to", "at least", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    private sealed class SyncProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }

    private sealed class NonSeekable(Stream inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
