using Clv.Parquet;
using Clv.Probabilistic;
using Clv.Rfm;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Clv.Tests.Parquet;

public class ParquetRoundTripTests
{
    [Fact]
    public void Transactions_Cdnow_ReadBackExactly()
    {
        using var files = new ParquetTestFiles();
        var rows = TestData.CdnowSample();
        string path = files.PathOf("cdnow.parquet");
        TransactionParquet.Write(path, rows);

        var back = TransactionParquet.Read(path);

        AssertSameRows(rows, back.Transactions);
        Assert.Empty(back.Rejected);
        Assert.Equal(rows.Length, back.RowsRead);
    }

    [Property(MaxTest = 60)]
    public Property Transactions_RandomLogAcrossRowGroups_ReadBackExactlyAndSummariseAsInMemory()
    {
        var gen =
            from count in Gen.Choose(0, 60)
            from seed in Gen.Choose(0, int.MaxValue)
            from groupRows in Gen.Choose(1, 9)
            select (count, seed, groupRows);
        return Prop.ForAll(gen.ToArbitrary(), c =>
        {
            using var files = new ParquetTestFiles();
            var rows = RandomLog(c.count, c.seed);
            string path = files.PathOf("log.parquet");
            TransactionParquet.Table(rows, c.groupRows).WriteTo(path);

            var back = TransactionParquet.Read(path);
            AssertSameRows(rows, back.Transactions);

            var end = new DateOnly(2020, 6, 30);
            var builder = new CustomerSummariesBuilder(end, TimeUnit.Week);
            var report = TransactionParquet.ReadInto(path, builder);
            Assert.Equal(rows.Length, report.Imported);
            Assert.Equal(rows.Length == 0 ? 1 : (rows.Length + c.groupRows - 1) / c.groupRows, report.RowGroups);
            if (rows.Any(r => r.Date <= end) || rows.Length == 0)
            {
                // The same rows added in memory, in the same order, give the same summaries bit for bit.
                var direct = new CustomerSummariesBuilder(end, TimeUnit.Week);
                direct.Add(rows);
                AssertSameSummaries(direct.Build().AsSpan(), builder.Build().AsSpan());
            }
        });
    }

    [Fact]
    public void Transactions_Stream_ReadBackExactlyAndStreamLeftOpen()
    {
        var rows = TestData.CdnowSample()[..500];
        using var stream = new MemoryStream();
        TransactionParquet.Write(stream, rows);
        Assert.True(stream.CanWrite);
        stream.Position = 0;

        var back = TransactionParquet.Read(stream);

        AssertSameRows(rows, back.Transactions);
        Assert.True(stream.CanRead);
    }

    [Fact]
    public void Summaries_Cdnow_ReadBackExactly()
    {
        using var files = new ParquetTestFiles();
        var customers = CustomerSummaries.FromTransactions(TestData.CdnowSample(), TestData.CdnowCalibrationEnd, TimeUnit.Week, new DateOnly(1998, 6, 30));
        string path = files.PathOf("customers.parquet");
        CustomerSummaryParquet.Write(path, customers);

        var back = CustomerSummaryParquet.Read(path);

        AssertSameSummaries(customers.AsSpan(), back);
        Assert.Contains(back, s => !s.HasPurchase || s.HoldoutPurchaseDays > 0);
    }

    [Property(MaxTest = 40)]
    public Property Summaries_RandomLog_ReadBackExactlyInEveryUnit()
    {
        var gen =
            from count in Gen.Choose(1, 60)
            from seed in Gen.Choose(0, int.MaxValue)
            from unit in Gen.Elements(TimeUnit.Day, TimeUnit.Week, TimeUnit.Month, TimeUnit.Year)
            select (count, seed, unit);
        return Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var rows = RandomLog(c.count, c.seed);
            var end = rows.Min(r => r.Date).AddDays(c.seed % 400);
            var customers = CustomerSummaries.FromTransactions(rows, end, c.unit);
            using var stream = new MemoryStream();
            CustomerSummaryParquet.Write(stream, customers);
            stream.Position = 0;

            AssertSameSummaries(customers.AsSpan(), CustomerSummaryParquet.Read(stream));
        });
    }

    [Fact]
    public void Summaries_ReadBack_ScoreAsTheOriginals()
    {
        using var files = new ParquetTestFiles();
        var customers = TestData.CdnowSummaries();
        var model = BgNbdModel.Fit(customers).Model;
        string path = files.PathOf("customers.parquet");
        CustomerSummaryParquet.Write(path, customers);
        var back = CustomerSummaryParquet.Read(path);

        var expected = model.ProbabilityAlive(customers);
        var actual = new double[back.Length];
        model.ProbabilityAlive(back, actual);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void RfmScores_WrittenFile_DuckDbReadsEveryScoreAndNullForLeads()
    {
        using var files = new ParquetTestFiles();
        var rows = TestData.CdnowSample();
        var end = new DateOnly(1997, 2, 15);   // early: customers whose first purchase is later are not summarised; refund-free, so no lead here
        var customers = CustomerSummaries.FromTransactions([.. rows, new Transaction("refund-only", new DateOnly(1997, 1, 5), -10)], end, TimeUnit.Week);
        var scores = RfmScorer.Score(customers);
        Assert.True(scores.LeadCount > 0);
        string path = files.PathOf("rfm.parquet");
        RfmScoresParquet.Write(path, customers, scores);

        var table = files.Query($"SELECT customer_id, r, f, m, rfm_code FROM read_parquet({ParquetTestFiles.Sql(path)})");

        Assert.Equal(customers.Count, table.Count);
        for (int i = 0; i < table.Count; i++)
        {
            Assert.Equal(customers[i].CustomerId, table[i][0]);
            var s = scores[i];
            object?[] expected = s.IsLead ? [null, null, null, null] : [s.R, s.F, s.M, s.Code];
            Assert.Equal(expected, table[i][1..]);
        }
    }

    [Fact]
    public void ClvByPeriodAndIntervals_WrittenFiles_DuckDbReadsTheSameValues()
    {
        using var files = new ParquetTestFiles();
        var customers = TestData.CdnowSummaries();
        var purchaseFit = BgNbdModel.Fit(customers);
        var byPeriod = ClvByPeriod.Compute(purchaseFit.Model, GammaGammaModel.Fit(customers).Model, customers, new PredictiveClvOptions { Periods = 12 });
        string clvPath = files.PathOf("clv.parquet");
        ClvByPeriodParquet.Write(clvPath, customers, byPeriod);

        var clv = files.Query($"SELECT * FROM read_parquet({ParquetTestFiles.Sql(clvPath)})");
        Assert.Equal(customers.Count, clv.Count);
        Assert.Equal(ClvByPeriodParquet.Columns(byPeriod.PeriodCount), files.Query($"DESCRIBE SELECT * FROM read_parquet({ParquetTestFiles.Sql(clvPath)})").Select(r => (string)r[0]!));
        for (int i = 0; i < clv.Count; i++)
        {
            Assert.Equal(customers[i].CustomerId, clv[i][0]);
            Assert.Equal(byPeriod.Row(i).ToArray(), clv[i][1..^1].Select(ParquetTestFiles.Double));
            Assert.Equal(byPeriod.Total(i), ParquetTestFiles.Double(clv[i][^1]));
        }

        var report = PredictionIntervals.Compute(purchaseFit, null, customers, 26, new PredictionIntervalOptions { Draws = 50, Seed = 7 });
        string intervalPath = files.PathOf("intervals.parquet");
        PredictionIntervalReportParquet.Write(intervalPath, report);
        var intervals = files.Query($"SELECT * FROM read_parquet({ParquetTestFiles.Sql(intervalPath)})");
        Assert.Equal(customers.Count, intervals.Count);
        for (int i = 0; i < intervals.Count; i++)
        {
            var r = report.Rows[i];
            Assert.Equal(r.CustomerId, intervals[i][0]);
            Assert.Equal(
                [r.AliveProbability.Lower, r.AliveProbability.Median, r.AliveProbability.Upper, r.ExpectedPurchases.Lower, r.ExpectedPurchases.Median, r.ExpectedPurchases.Upper, r.Purchases.Lower, r.Purchases.Median, r.Purchases.Upper],
                intervals[i][1..10].Select(ParquetTestFiles.Double));
            Assert.Equal([null, null, null], intervals[i][10..]);
        }
    }

    [Fact]
    public void Write_ExistingFile_ReplacedWholeAndNoTemporaryFileLeft()
    {
        using var files = new ParquetTestFiles();
        string path = files.PathOf("log.parquet");
        File.WriteAllText(path, "old");
        var rows = TestData.CdnowSample()[..10];

        TransactionParquet.Write(path, rows);

        AssertSameRows(rows, TransactionParquet.Read(path).Transactions);
        Assert.Equal(["log.parquet"], Directory.GetFiles(files.Folder).Select(Path.GetFileName));
    }

    [Fact]
    public void Write_DefaultTransaction_ThrowsAndLeavesTheOldFile()
    {
        using var files = new ParquetTestFiles();
        string path = files.PathOf("log.parquet");
        File.WriteAllText(path, "old");

        Assert.Throws<ArgumentException>(() => TransactionParquet.Write(path, [new Transaction("a", new DateOnly(2020, 1, 1), 1), default]));

        Assert.Equal("old", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(files.Folder));
    }

    private const string IdCharacters = "ab7Zé中-_ ";

    /// <summary>Random rows: ids of 1-6 characters (some non-ASCII), dates over two years, amounts of every magnitude and sign.</summary>
    internal static Transaction[] RandomLog(int count, int seed)
    {
        var random = new Random(seed);
        string[] ids = [.. Enumerable.Range(0, 1 + random.Next(12)).Select(_ => new string([.. Enumerable.Range(0, 1 + random.Next(6)).Select(_ => IdCharacters[random.Next(IdCharacters.Length)])]))];
        ids = [.. ids.Where(s => s.Length > 0).Distinct()];
        return [.. Enumerable.Range(0, count).Select(_ => new Transaction(
            ids[random.Next(ids.Length)],
            new DateOnly(2019, 1, 1).AddDays(random.Next(730)),
            random.Next(10) switch
            {
                0 => -Math.Round(random.NextDouble() * 50, 2),
                1 => 0,
                2 => random.NextDouble() * 1e-300,
                3 => random.NextDouble() * 1e300,
                _ => Math.Round(random.NextDouble() * 200, 2),
            }))];
    }

    internal static void AssertSameRows(ReadOnlySpan<Transaction> expected, ReadOnlySpan<Transaction> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].CustomerId, actual[i].CustomerId);
            Assert.Equal(expected[i].Date, actual[i].Date);
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected[i].Amount), BitConverter.DoubleToInt64Bits(actual[i].Amount));
        }
    }

    internal static void AssertSameSummaries(ReadOnlySpan<CustomerSummary> expected, ReadOnlySpan<CustomerSummary> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            var (e, a) = (expected[i], actual[i]);
            Assert.Equal(
                (e.CustomerId, e.TimeUnit, e.FirstPurchase, e.LastPurchase, e.PurchaseDays, e.Frequency, e.DaysSinceLastPurchase, e.HoldoutPurchaseDays),
                (a.CustomerId, a.TimeUnit, a.FirstPurchase, a.LastPurchase, a.PurchaseDays, a.Frequency, a.DaysSinceLastPurchase, a.HoldoutPurchaseDays));
            Assert.Equal(
                new[] { e.Recency, e.Age, e.Spend, e.Refunds, e.MonetaryValue, e.HoldoutSpend }.Select(BitConverter.DoubleToInt64Bits),
                new[] { a.Recency, a.Age, a.Spend, a.Refunds, a.MonetaryValue, a.HoldoutSpend }.Select(BitConverter.DoubleToInt64Bits));
        }
    }
}
