using Clv.Parquet;
using Clv.Parquet.Internal;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Clv.Tests.Parquet;

/// <summary>
/// Reading summaries strictly and leniently: one planted bad row of each kind (nulls, values Create refuses, a frequency
/// that does not match, an unknown unit, a repeated customer id) is rejected at its row number across row groups and
/// the good rows are exactly the clean file's; strict mode throws at the first, naming file, row and column.
/// </summary>
public class CustomerSummaryParquetLenientTests
{
    private const int GroupRows = 4;

    private static readonly CustomerSummaryParquetOptions Lenient = new() { Mode = ParquetReadMode.Lenient };

    /// <summary>The 1-based rows of the dirty file holding the bad rows: several on either side of a row-group boundary (rows 4|5, 12|13, 20|21, 28|29, 40|41).</summary>
    private static readonly int[] BadRows = [4, 5, 9, 12, 13, 17, 20, 21, 28, 29, 36, 40, 41];

    /// <summary>Thirty CDNOW customers (weeks, with a holdout) and a customer without a purchase day: every column, nulls included.</summary>
    private static CustomerSummary[] GoodSummaries()
    {
        var customers = CustomerSummaries.FromTransactions(TestData.CdnowSample(), TestData.CdnowCalibrationEnd, TimeUnit.Week, new DateOnly(1998, 6, 30));
        var lead = CustomerSummary.Create("lead", TimeUnit.Week, null, null, 0, 0, 0, null, 0, 5, 0, 1, 12.5);
        return [.. customers.AsSpan()[..30].ToArray(), lead];
    }

    /// <summary>A good repeat customer (two or more purchase days) to spoil one field of.</summary>
    private static SummaryRow Template() => SummaryRow.Of(GoodSummaries().First(s => s.Frequency >= 2 && s.Recency < s.Age && s.HoldoutPurchaseDays > 0)) with { Id = "spoiled" };

    /// <summary>Each kind of bad row: how the template is spoiled, and the column, value and reason the reader reports.</summary>
    public static TheoryData<int> Kinds() => [.. Enumerable.Range(0, BadKinds().Length)];

    private static (SummaryRow Row, string Column, string Raw, string Reason)[] BadKinds()
    {
        var t = Template();
        string first = GoodSummaries()[0].CustomerId;
        return
        [
            (t with { Id = null }, "customer_id", "", "The value is null."),
            (t with { Id = "" }, "customer_id", "", "The value cannot be an empty string."),
            (t with { Frequency = -1 }, "frequency", "-1", FormattableString.Invariant($"The frequency (-1) must be purchase_days - 1 ({t.PurchaseDays - 1}; 0 without a purchase day).")),
            (t with { PurchaseDays = -2, Frequency = -3 }, "purchase_days", "-2", "purchaseDays must be at least 0, but was -2."),
            (t with { Recency = t.Age + 1.5 }, "recency", FormattableString.Invariant($"{t.Age + 1.5:R}"), FormattableString.Invariant($"Recency ({t.Age + 1.5}) cannot exceed age ({t.Age}).")),
            (t with { Spend = double.NaN }, "spend", "NaN", "spend must be a finite number of at least 0, but was NaN."),
            (t with { HoldoutSpend = double.PositiveInfinity }, "holdout_spend", "Infinity", "holdoutSpend must be a finite number of at least 0, but was Infinity."),
            (t with { Refunds = -0.5 }, "refunds", "-0.5", "refunds must be a finite number of at least 0, but was -0.5."),
            (t with { Unit = "Fortnight" }, "time_unit", "Fortnight", "The time unit must be Day, Week, Month or Year."),
            (t with { Age = null }, "age", "", "The value is null."),
            (t with { First = null }, "first_purchase", "", FormattableString.Invariant($"firstPurchase (), lastPurchase ({t.Last:yyyy-MM-dd}) and daysSinceLastPurchase ({t.Quiet}) must be given exactly when purchaseDays ({t.PurchaseDays}) is above 0.")),
            (t with { Last = t.First!.Value.AddDays(-1) }, "last_purchase", FormattableString.Invariant($"{t.First!.Value.AddDays(-1):yyyy-MM-dd}"), FormattableString.Invariant($"lastPurchase ({t.First!.Value.AddDays(-1):yyyy-MM-dd}) cannot be before firstPurchase ({t.First:yyyy-MM-dd}).")),
            (SummaryRow.Of(GoodSummaries()[0]), "customer_id", first, "The customer id is already in row 1; a summaries file has one row per customer."),
        ];
    }

    /// <summary>The good rows with the bad ones at <see cref="BadRows"/> (the duplicate last, after the row it repeats), in row groups of 4.</summary>
    private static (string Path, RejectedRow[] Expected) DirtyFile(ParquetTestFiles files)
    {
        var good = GoodSummaries();
        var bad = BadKinds();
        Assert.Equal(BadRows.Length, bad.Length);
        var rows = new List<SummaryRow>();
        var expected = new List<RejectedRow>();
        int g = 0, b = 0;
        while (g < good.Length || b < bad.Length)
        {
            int row = rows.Count + 1;
            if (b < bad.Length && BadRows[b] == row)
            {
                rows.Add(bad[b].Row);
                expected.Add(new RejectedRow(row, bad[b].Column, bad[b].Raw, bad[b].Reason));
                b++;
            }
            else
            {
                rows.Add(SummaryRow.Of(good[g++]));
            }
        }

        string path = files.PathOf("dirty.parquet");
        SummaryRow.Write(path, rows, GroupRows);
        return (path, [.. expected]);
    }

    private static string CleanFile(ParquetTestFiles files)
    {
        string path = files.PathOf("clean.parquet");
        CustomerSummaryParquet.Table(GoodSummaries(), GroupRows).WriteTo(path);
        return path;
    }

    [Fact]
    public void ReadInto_Lenient_RejectsExactlyThePlantedRowsAndKeepsTheCleanFilesRows()
    {
        using var files = new ParquetTestFiles();
        var (dirty, expected) = DirtyFile(files);
        var clean = CustomerSummaryParquet.Read(CleanFile(files));
        var good = new List<CustomerSummary>();

        var report = CustomerSummaryParquet.ReadInto(dirty, good, Lenient);

        Assert.Equal(expected, report.Rejected);
        Assert.Equal((31L, 13, 44L, 11), (report.Imported, report.Rejected.Count, report.RowsRead, report.RowGroups));
        ParquetRoundTripTests.AssertSameSummaries(clean, good.ToArray());
        ParquetRoundTripTests.AssertSameSummaries(GoodSummaries(), clean);
    }

    [Fact]
    public void Read_Strict_FirstBadRowThrowsNamingFileRowAndColumnAfterAddingTheRowsBefore()
    {
        using var files = new ParquetTestFiles();
        var (dirty, expected) = DirtyFile(files);
        var before = new List<CustomerSummary>();

        var e = Assert.Throws<ParquetFormatException>(() => CustomerSummaryParquet.Read(dirty));
        var again = Assert.Throws<ParquetFormatException>(() => CustomerSummaryParquet.ReadInto(dirty, before, null));

        Assert.Equal((dirty, 4L, "customer_id", ""), (e.Path, e.RowNumber, e.Column, e.RawText));
        Assert.Equal($"File '{dirty}', row 4, column 'customer_id': The value is null. Raw value: ''.", e.Message);
        Assert.Equal(expected[0], e.ToRejectedRow());
        Assert.Equal(e.Message, again.Message);
        ParquetRoundTripTests.AssertSameSummaries(GoodSummaries().AsSpan(0, 3), before.ToArray());
    }

    /// <summary>A file whose recency and age are in weeks but whose time_unit says Day (a unit mix-up upstream): refused at the first such row, naming the column.</summary>
    [Fact]
    public void Read_RecencyAndAgeInAnotherUnitThanTheFileSays_ThrowsNamingRowAndColumn()
    {
        using var files = new ParquetTestFiles();
        var rows = GoodSummaries().Select(s => SummaryRow.Of(s) with { Unit = "Day" }).ToList();
        string path = files.PathOf("weeks-as-days.parquet");
        SummaryRow.Write(path, rows, GroupRows);
        int firstRepeat = Array.FindIndex(GoodSummaries(), s => s.Recency >= 1) + 1;

        var e = Assert.Throws<ParquetFormatException>(() => CustomerSummaryParquet.Read(path));

        Assert.Equal((path, (long)firstRepeat, "recency"), (e.Path, e.RowNumber, e.Column));
        Assert.Contains("days in timeUnit Day, but the days from firstPurchase", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Each kind alone, on the first row of the second row group: strict throws what lenient reports, and lenient keeps every other row.</summary>
    [Theory]
    [MemberData(nameof(Kinds))]
    public void Read_OneBadRowOfEachKind_StrictThrowsWhatLenientRejects(int kind)
    {
        using var files = new ParquetTestFiles();
        var (row, column, raw, reason) = BadKinds()[kind];
        var good = GoodSummaries();
        var rows = good.Select(SummaryRow.Of).ToList();
        rows.Insert(GroupRows, row);
        string path = files.PathOf("one.parquet");
        SummaryRow.Write(path, rows, GroupRows);

        var e = Assert.Throws<ParquetFormatException>(() => CustomerSummaryParquet.Read(path));
        var kept = new List<CustomerSummary>();
        var report = CustomerSummaryParquet.ReadInto(path, kept, Lenient);

        var expected = new RejectedRow(GroupRows + 1, column, raw, reason);
        Assert.Equal(expected, e.ToRejectedRow());
        Assert.StartsWith($"File '{path}', row {GroupRows + 1}, column '{column}': ", e.Message, StringComparison.Ordinal);
        Assert.Equal([expected], report.Rejected);
        Assert.Equal((good.Length, good.Length + 1L), (report.Imported, report.RowsRead));
        ParquetRoundTripTests.AssertSameSummaries(good, kept.ToArray());
    }

    [Fact]
    public void ReadInto_Stream_LenientAsFromAFileWithoutPath()
    {
        using var files = new ParquetTestFiles();
        var (dirty, expected) = DirtyFile(files);
        using var stream = new MemoryStream(File.ReadAllBytes(dirty));
        var good = new List<CustomerSummary>();

        var report = CustomerSummaryParquet.ReadInto(stream, good, Lenient);
        stream.Position = 0;
        var e = Assert.Throws<ParquetFormatException>(() => CustomerSummaryParquet.ReadInto(stream, [], CustomerSummaryParquetOptions.Default));

        Assert.Equal(expected, report.Rejected);
        Assert.Equal(31, good.Count);
        Assert.Equal(((string?)null, 4L), (e.Path, e.RowNumber));
        Assert.StartsWith("Row 4, column 'customer_id': ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadInto_FileWithoutFrequency_ReadsAndMissingRequiredColumnIsAFileLevelErrorInBothModes()
    {
        using var files = new ParquetTestFiles();
        string clean = CleanFile(files);
        string noFrequency = files.PathOf("no-frequency.parquet");
        files.Execute($"COPY (SELECT * EXCLUDE (frequency) FROM read_parquet({ParquetTestFiles.Sql(clean)})) TO {ParquetTestFiles.Sql(noFrequency)} (FORMAT PARQUET)");
        string noAge = files.PathOf("no-age.parquet");
        files.Execute($"COPY (SELECT * EXCLUDE (age) FROM read_parquet({ParquetTestFiles.Sql(clean)})) TO {ParquetTestFiles.Sql(noAge)} (FORMAT PARQUET)");

        ParquetRoundTripTests.AssertSameSummaries(GoodSummaries(), CustomerSummaryParquet.Read(noFrequency));
        var e = Assert.Throws<ParquetFormatException>(() => CustomerSummaryParquet.ReadInto(noAge, [], Lenient));
        Assert.Equal((0L, "age"), (e.RowNumber, e.Column));
    }

    [Fact]
    public void ReadInto_UndefinedMode_ArgumentExceptionNamingTheProperty()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => CustomerSummaryParquet.ReadInto("never-opened.parquet", [], new CustomerSummaryParquetOptions { Mode = (ParquetReadMode)7 }));
        Assert.Equal("options.Mode", e.ParamName);
        Assert.Throws<ArgumentNullException>(() => CustomerSummaryParquet.ReadInto("never-opened.parquet", null!, Lenient));
    }

    [Property(MaxTest = 40)]
    public Property ReadInto_LenientOnACleanRandomFile_EqualsTheStrictRead()
    {
        var gen =
            from count in Gen.Choose(1, 80)
            from seed in Gen.Choose(0, int.MaxValue)
            from unit in Gen.Elements(TimeUnit.Day, TimeUnit.Week, TimeUnit.Month, TimeUnit.Year)
            from groupRows in Gen.Choose(1, 7)
            select (count, seed, unit, groupRows);
        return Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var rows = ParquetRoundTripTests.RandomLog(c.count, c.seed);
            var end = rows.Min(r => r.Date).AddDays(c.seed % 400);
            var customers = CustomerSummaries.FromTransactions(rows, end, c.unit, end.AddDays(c.seed % 90));
            using var stream = new MemoryStream();
            CustomerSummaryParquet.Table(customers.AsSpan(), c.groupRows).WriteTo(stream);

            stream.Position = 0;
            var strict = CustomerSummaryParquet.Read(stream);
            stream.Position = 0;
            var lenient = new List<CustomerSummary>();
            var report = CustomerSummaryParquet.ReadInto(stream, lenient, Lenient);

            ParquetRoundTripTests.AssertSameSummaries(strict, lenient.ToArray());
            ParquetRoundTripTests.AssertSameSummaries(customers.AsSpan(), strict);
            Assert.Empty(report.Rejected);
            Assert.Equal((customers.Count, (long)customers.Count), (report.Imported, report.RowsRead));
            Assert.Equal((customers.Count + c.groupRows - 1) / c.groupRows, report.RowGroups);
        });
    }

    /// <summary>A summaries row as stored, every field nullable so a test can spoil any of them.</summary>
    private sealed record SummaryRow(
        string? Id, DateOnly? First, DateOnly? Last, int? PurchaseDays, int? Frequency, double? Recency, double? Age, string? Unit,
        int? Quiet, double? Spend, double? Refunds, double? Monetary, int? HoldoutDays, double? HoldoutSpend)
    {
        public static SummaryRow Of(CustomerSummary s) => new(
            s.CustomerId, s.FirstPurchase, s.LastPurchase, s.PurchaseDays, s.Frequency, s.Recency, s.Age, s.TimeUnit.ToString(),
            s.DaysSinceLastPurchase, s.Spend, s.Refunds, s.MonetaryValue, s.HoldoutPurchaseDays, s.HoldoutSpend);

        /// <summary>Writes the rows with the writer's column names, every column OPTIONAL, in row groups of <paramref name="groupRows"/>.</summary>
        public static void Write(string path, IReadOnlyList<SummaryRow> rows, int groupRows)
        {
            var c = CustomerSummaryParquet.Columns;
            new ParquetTable(rows.Count) { RowGroupRows = groupRows }
                .AddNullable(c[0], [.. rows.Select(r => r.Id)])
                .Add(c[1], rows.Select(r => r.First).ToArray())
                .Add(c[2], rows.Select(r => r.Last).ToArray())
                .Add(c[3], rows.Select(r => r.PurchaseDays).ToArray())
                .Add(c[4], rows.Select(r => r.Frequency).ToArray())
                .Add(c[5], rows.Select(r => r.Recency).ToArray())
                .Add(c[6], rows.Select(r => r.Age).ToArray())
                .AddNullable(c[7], [.. rows.Select(r => r.Unit)])
                .Add(c[8], rows.Select(r => r.Quiet).ToArray())
                .Add(c[9], rows.Select(r => r.Spend).ToArray())
                .Add(c[10], rows.Select(r => r.Refunds).ToArray())
                .Add(c[11], rows.Select(r => r.Monetary).ToArray())
                .Add(c[12], rows.Select(r => r.HoldoutDays).ToArray())
                .Add(c[13], rows.Select(r => r.HoldoutSpend).ToArray())
                .WriteTo(path);
        }
    }
}
