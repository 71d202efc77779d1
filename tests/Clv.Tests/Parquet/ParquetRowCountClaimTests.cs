using Clv.Parquet;

namespace Clv.Tests.Parquet;

/// <summary>The row-count claim tests run alone: they measure the bytes the whole process allocates while a file is read.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ParquetRowCountClaimTestGroup
{
    public const string Name = "Parquet row count claims";
}

/// <summary>
/// A file whose footer claims more rows for a row group than its column chunks hold (a valid file with the footer's
/// <c>num_rows</c> rewritten): the transaction and summary readers refuse it with a <see cref="ParquetFormatException"/>
/// naming the file, the row group and the claimed count, before allocating anything by the claim (they allocated buffers
/// for every claimed row first: about 10 GB for a 2-billion-row claim). A claim the file's bytes could hold (1,024 rows a
/// byte) is refused when a column chunk counts fewer values (<c>num_values</c>) than it: a 2-billion-row claim in a 3 MB
/// file asked for about 60 GB before the pages showed it false.
/// </summary>
[Collection(ParquetRowCountClaimTestGroup.Name)]
public class ParquetRowCountClaimTests
{
    /// <summary>Far more than a claim's refusal takes (the file's bytes and Parquet.Net's footer); far less than buffers for 20 million rows (80 MB for the transaction reader, which fails at the first column; 2.3 GB for the summary reader).</summary>
    private const long MostBytes = 16L << 20;

    [Theory]
    [InlineData(20_000_000L, "20,000,000")]
    [InlineData(2_000_000_000L, "2,000,000,000")]
    [InlineData(3_000_000_000L, "3,000,000,000")]
    public void TransactionRead_FooterClaimsMoreRowsThanTheDataHolds_ThrowsNamingTheGroupAndCountWithoutAllocatingByIt(long claim, string shown)
    {
        using var stream = new MemoryStream();
        TransactionParquet.Write(stream, TestData.CdnowSample().AsSpan(0, 600));
        RefusesClaim(stream.ToArray(), claim, shown, path => TransactionParquet.Read(path));
    }

    [Theory]
    [InlineData(20_000_000L, "20,000,000")]
    [InlineData(2_000_000_000L, "2,000,000,000")]
    public void SummaryRead_FooterClaimsMoreRowsThanTheDataHolds_ThrowsNamingTheGroupAndCountWithoutAllocatingByIt(long claim, string shown)
    {
        var summaries = CustomerSummaries.FromTransactions(TestData.CdnowSample().AsSpan(0, 600).ToArray(), TestData.CdnowCalibrationEnd, TimeUnit.Week);
        using var stream = new MemoryStream();
        CustomerSummaryParquet.Write(stream, summaries);
        RefusesClaim(stream.ToArray(), claim, shown, path => CustomerSummaryParquet.Read(path));
    }

    [Fact]
    public void TransactionRead_ClaimTheBytesAllowButTheColumnChunksDoNot_ThrowsNamingTheGroupWithoutAllocatingByIt()
    {
        // 8 million rows in a file of a few thousand (1,024 rows a byte allows them): buffers for every claimed row were
        // allocated (32 MB by the first column) before the pages showed the claim false.
        var rows = TestData.CdnowSample();
        using var stream = new MemoryStream();
        TransactionParquet.Write(stream, rows);
        Assert.True(stream.Length * 1024 / 2 > 8_000_000, $"The file has {stream.Length:N0} bytes.");
        var e = RefusesClaim(stream.ToArray(), 8_000_000, "8,000,000", path => TransactionParquet.Read(path));
        Assert.Contains(ThrowHelperFormat($"but its column 'customer_id' holds {rows.Length:N0} values"), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TransactionRead_TwoBillionRowClaimInA3MegabyteFile_ThrowsNamingTheGroupWithoutAllocatingByIt()
    {
        // The largest claim the byte check lets through: buffers of 2^31 - 1 rows (about 60 GB) were asked for.
        var rows = Enumerable.Range(0, 300_000).Select(i => new Transaction("c" + (i * 7919 % 100_003), new DateOnly(2020, 1, 1).AddDays(i % 700), i * 0.37)).ToArray();
        using var stream = new MemoryStream();
        TransactionParquet.Table(rows, rows.Length).WriteTo(stream);
        Assert.True(stream.Length > 2_300_000, $"The file has {stream.Length:N0} bytes.");
        var e = RefusesClaim(stream.ToArray(), int.MaxValue, "2,147,483,647", path => TransactionParquet.Read(path));
        Assert.Contains("holds 300,000 values", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SummaryRead_ClaimTheBytesAllowButTheColumnChunksDoNot_ThrowsNamingTheGroupWithoutAllocatingByIt()
    {
        // Buffers for 14 columns of 4 million rows (about 500 MB) were allocated before the pages showed the claim false.
        var summaries = TestData.CdnowSummaries();
        using var stream = new MemoryStream();
        CustomerSummaryParquet.Write(stream, summaries);
        Assert.True(stream.Length * 1024 / 2 > 4_000_000, $"The file has {stream.Length:N0} bytes.");
        var e = RefusesClaim(stream.ToArray(), 4_000_000, "4,000,000", path => CustomerSummaryParquet.Read(path));
        Assert.Contains(ThrowHelperFormat($"holds {summaries.Count:N0} values"), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TransactionRead_FooterRewrittenWithItsOwnCount_ReadsAsBefore()
    {
        // The footer rewriting itself keeps a file readable: the claims above are refused for their count alone.
        var rows = TestData.CdnowSample().AsSpan(0, 600).ToArray();
        using var stream = new MemoryStream();
        TransactionParquet.Write(stream, rows);
        byte[] bytes = ParquetFooterRows.Rewrite(stream.ToArray(), rows.Length);
        Assert.Equal(rows.Length, TransactionParquet.Read(new MemoryStream(bytes)).Count);
    }

    private static string ThrowHelperFormat(FormattableString text) => text.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static ParquetFormatException RefusesClaim(byte[] valid, long claim, string shown, Action<string> read)
    {
        byte[] crafted = ParquetFooterRows.Rewrite(valid, claim);
        string folder = Path.Combine(Path.GetTempPath(), $"clv-claim-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, "claim.parquet");
        try
        {
            File.WriteAllBytes(path, crafted);
            long before = GC.GetTotalAllocatedBytes(precise: true);
            var e = Assert.Throws<ParquetFormatException>(() => read(path));
            long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            Assert.True(allocated < MostBytes, $"The read allocated {allocated:N0} bytes.");
            Assert.Equal(path, e.Path);
            Assert.Contains("row group 1 claims " + shown + " rows", e.Message, StringComparison.Ordinal);
            return e;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
