using Clv.Internal;
using Clv.Probabilistic;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Clv.Tests.Probabilistic;

public class PurchaseStatisticsTests
{
    private static readonly Lazy<Transaction[]> Log = new(TestData.CdnowSample);
    private static readonly Lazy<FitResult<BgNbdModel>> WholeBg = new(() => BgNbdModel.Fit(CdnowFits.Summaries));

    /// <summary>The CDNOW log split into <paramref name="parts"/> disjoint customer sets by a seeded assignment, summarised part by part.</summary>
    private static CustomerSummaries[] Split(int parts, int seed)
    {
        var assignment = new Dictionary<string, int>(StringComparer.Ordinal);
        var random = new Random(seed);
        foreach (var t in Log.Value)
        {
            if (!assignment.ContainsKey(t.CustomerId))
            {
                assignment[t.CustomerId] = random.Next(parts);
            }
        }

        return [.. Enumerable.Range(0, parts).Select(p => CustomerSummaries.FromTransactions(
            Log.Value.Where(t => assignment[t.CustomerId] == p).ToArray(), TestData.CdnowCalibrationEnd, TimeUnit.Week))];
    }

    [Property(MaxTest = 8)]
    public Property Merge_AnySplitOfTheCustomers_FitsExactlyLikeAllSummaries(PositiveInt partsRaw, int seed)
    {
        int parts = 1 + (partsRaw.Get % 6);
        var merged = PurchaseStatistics.Merge(Split(parts, seed).Select(PurchaseStatistics.FromSummaries));

        var fit = BgNbdModel.Fit(merged, null);

        var whole = WholeBg.Value;
        return (fit.Model.R == whole.Model.R && fit.Model.Alpha == whole.Model.Alpha && fit.Model.A == whole.Model.A && fit.Model.B == whole.Model.B
                && fit.LikelihoodLn == whole.LikelihoodLn && fit.ExcludedCount == whole.ExcludedCount)
            .Label($"{parts} parts: {fit.Model} vs {whole.Model}");
    }

    [Fact]
    public void Merge_EqualsTheStatisticsOfTheWhole_RowByRow()
    {
        var whole = PurchaseStatistics.FromSummaries(CdnowFits.Summaries);
        var merged = PurchaseStatistics.Merge(Split(4, 1).Select(PurchaseStatistics.FromSummaries));

        Assert.Equal(whole.Count, merged.Count);
        Assert.Equal(2357, merged.Customers);
        Assert.True(whole.Count < 2357, "CDNOW has repeated (x, t_x, T) rows, so the statistics compress");
        for (int i = 0; i < whole.Count; i++)
        {
            Assert.Equal(whole[i], merged[i]);
        }
    }

    [Fact]
    public void Fit_EveryPurchaseModel_FromStatisticsEqualsFromSummaries()
    {
        var statistics = PurchaseStatistics.FromSummaries(CdnowFits.Summaries);
        Assert.Equal(BgNbdModel.Fit(CdnowFits.Summaries).Model.ToJson(), BgNbdModel.Fit(statistics, null).Model.ToJson());
        Assert.Equal(MbgNbdModel.Fit(CdnowFits.Summaries).Model.ToJson(), MbgNbdModel.Fit(statistics, null).Model.ToJson());
        Assert.Equal(ParetoNbdModel.Fit(CdnowFits.Summaries).Model.ToJson(), ParetoNbdModel.Fit(statistics, null).Model.ToJson());
    }

    [Fact]
    public void FromSummaries_LargeBaseCollectedOnTwoCores_EqualsTheMergeOfItsHalvesByteForByte()
    {
        // 200,000 customers: above the size at which the rows are collected on two cores (each keeping half of the keys by
        // hash); each half of the customers alone is collected in one pass, and merging them must give exactly the same rows
        // and weights.
        var random = new Random(11);
        var start = new DateOnly(2024, 1, 1);
        var rows = new List<Transaction>();
        for (int c = 0; c < 200_000; c++)
        {
            string id = "c" + c;
            int first = random.Next(60), purchases = random.Next(5);
            rows.Add(new Transaction(id, start.AddDays(first), 10));
            for (int k = 0, day = first; k < purchases; k++)
            {
                day += 1 + random.Next(30);
                rows.Add(new Transaction(id, start.AddDays(day), 10));
            }
        }

        var end = start.AddDays(180);
        var log = rows.ToArray();
        var whole = PurchaseStatistics.FromSummaries(CustomerSummaries.FromTransactions(log, end, TimeUnit.Week));
        var halves = PurchaseStatistics.Merge([
            PurchaseStatistics.FromSummaries(CustomerSummaries.FromTransactions([.. log.Where(t => int.Parse(t.CustomerId.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture) < 100_000)], end, TimeUnit.Week)),
            PurchaseStatistics.FromSummaries(CustomerSummaries.FromTransactions([.. log.Where(t => int.Parse(t.CustomerId.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture) >= 100_000)], end, TimeUnit.Week)),
        ]);

        Assert.True(whole.Count > 1_000, whole.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(200_000, whole.Customers + whole.ExcludedCount);
        Assert.Equal(halves.ToBytes(), whole.ToBytes());
    }

    [Fact]
    public void ToBytes_FromBytes_RoundTripsExactlyIn28BytesPerRow()
    {
        var statistics = PurchaseStatistics.FromSummaries(CdnowFits.Summaries);

        byte[] bytes = statistics.ToBytes();
        var back = PurchaseStatistics.FromBytes(bytes);

        Assert.Equal(18 + (28 * statistics.Count), bytes.Length);
        Assert.Equal(statistics.TimeUnit, back.TimeUnit);
        Assert.Equal(statistics.ExcludedCount, back.ExcludedCount);
        Assert.Equal(statistics.Count, back.Count);
        for (int i = 0; i < statistics.Count; i++)
        {
            Assert.Equal(statistics[i], back[i]);
        }

        Assert.Equal(BgNbdModel.Fit(statistics, null).Model.ToJson(), BgNbdModel.Fit(back, null).Model.ToJson());
    }

    [Fact]
    public void FromBytes_DamagedBytes_ThrowSayingWhere()
    {
        byte[] good = PurchaseStatistics.FromHistories([new PurchaseHistory(2, 3, 5), new PurchaseHistory(0, 0, 5, 2)], TimeUnit.Day).ToBytes();

        Assert.Contains("CLVP", Assert.Throws<FormatException>(() => PurchaseStatistics.FromBytes(good.AsSpan(1))).Message, StringComparison.Ordinal);
        var version = (byte[])good.Clone();
        version[4] = 9;
        Assert.Contains("version 9", Assert.Throws<FormatException>(() => PurchaseStatistics.FromBytes(version)).Message, StringComparison.Ordinal);
        var unit = (byte[])good.Clone();
        unit[5] = 42;
        Assert.Contains("Byte 5 (time unit)", Assert.Throws<FormatException>(() => PurchaseStatistics.FromBytes(unit)).Message, StringComparison.Ordinal);
        Assert.Contains("but there are", Assert.Throws<FormatException>(() => PurchaseStatistics.FromBytes(good.AsSpan(0, good.Length - 1))).Message, StringComparison.Ordinal);
        var row = (byte[])good.Clone();
        BitConverter.GetBytes(9.0).CopyTo(row, 18 + 28 + 4);   // t_x of row 1 beyond its T
        var e = Assert.Throws<FormatException>(() => PurchaseStatistics.FromBytes(row));
        Assert.Contains("Row 1 (bytes 46 to 73)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_DifferentUnitsOrNothing_ThrowsNamingBoth()
    {
        var days = PurchaseStatistics.FromHistories([new PurchaseHistory(1, 2, 3)], TimeUnit.Day);
        var weeks = PurchaseStatistics.FromHistories([new PurchaseHistory(1, 2, 3)], TimeUnit.Week);

        var e = Assert.Throws<ArgumentException>(() => PurchaseStatistics.Merge([days, weeks]));

        Assert.Contains("Day", e.Message, StringComparison.Ordinal);
        Assert.Contains("Week", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => PurchaseStatistics.Merge([]));
    }

    [Fact]
    public void FromHistories_EqualRows_AddTheirWeights_AndLeadsAreCountedWhenMerged()
    {
        var a = PurchaseStatistics.FromHistories([new PurchaseHistory(1, 2, 3), new PurchaseHistory(1, 2, 3, 4), new PurchaseHistory(0, 0, 3)], TimeUnit.Week);
        var customers = CustomerSummaries.FromTransactions([new("lead", new DateOnly(2024, 1, 2), -5), new("x", new DateOnly(2024, 1, 2), 5)], new DateOnly(2024, 1, 31), TimeUnit.Week);
        var b = PurchaseStatistics.FromSummaries(customers);

        var merged = PurchaseStatistics.Merge([a, b]);

        Assert.Equal(2, a.Count);
        Assert.Equal(new PurchaseHistory(0, 0, 3, 1), a[0]);
        Assert.Equal(new PurchaseHistory(1, 2, 3, 5), a[1]);
        Assert.Equal(1, b.ExcludedCount);
        Assert.Equal(1, merged.ExcludedCount);
        Assert.Equal(7, merged.Customers);
        Assert.Throws<ArgumentOutOfRangeException>(() => a[2]);
    }

    [Property(MaxTest = 6)]
    public Property SpendMerge_AnySplitOfTheCustomers_FitsExactlyLikeAllSummaries(PositiveInt partsRaw, int seed)
    {
        int parts = 1 + (partsRaw.Get % 6);
        var shipped = Split(parts, seed).Select(p => SpendStatistics.FromSummaries(p).ToBytes()).ToArray();
        var merged = SpendStatistics.Merge(shipped.Select(b => SpendStatistics.FromBytes(b)));

        var fit = GammaGammaModel.Fit(merged, null);

        var whole = CdnowFits.GammaGamma;
        return (fit.Model.ToJson() == whole.Model.ToJson() && fit.LikelihoodLn == whole.LikelihoodLn && fit.ExcludedCount == whole.ExcludedCount)
            .Label($"{parts} parts: {fit.Model} vs {whole.Model}");
    }

    [Fact]
    public void SpendFromBytes_DamagedBytes_ThrowSayingWhere()
    {
        byte[] good = SpendStatistics.FromSummaries(CdnowFits.Summaries).ToBytes();
        Assert.Equal(17 + (20 * SpendStatistics.FromSummaries(CdnowFits.Summaries).Count), good.Length);

        Assert.Contains("CLVS", Assert.Throws<FormatException>(() => SpendStatistics.FromBytes(good.AsSpan(2))).Message, StringComparison.Ordinal);
        Assert.EndsWith(
            Guard.Format($"so {good.Length} bytes, but there are {good.Length - 3}."),
            Assert.Throws<FormatException>(() => SpendStatistics.FromBytes(good.AsSpan(0, good.Length - 3))).Message,
            StringComparison.Ordinal);
        var bad = (byte[])good.Clone();
        BitConverter.GetBytes(-1.0).CopyTo(bad, 17 + 4);
        Assert.Contains("Pair 0 (bytes 17 to 36)", Assert.Throws<FormatException>(() => SpendStatistics.FromBytes(bad)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => SpendStatistics.Merge([]));
    }

    [Fact]
    public void SpendStatistics_Indexer_EveryPairReadable_OutsideRefusedNamingTheRange()
    {
        var statistics = SpendStatistics.FromSummaries(CdnowFits.Summaries);
        int count = statistics.Count;
        Assert.True(count > 1);
        Assert.True(statistics[0].Frequency >= 1);
        Assert.True(statistics[count - 1].Weight >= 1);
        foreach (int index in new[] { -1, count })
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => statistics[index]);
            Assert.Equal("index", e.ParamName);
            Assert.StartsWith(Guard.Format($"index must be from 0 to {count - 1}, but was {index}."), e.Message, StringComparison.Ordinal);
        }
    }
}
