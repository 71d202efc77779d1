using Clv.Parquet;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Clv.Tests.Parquet;

/// <summary>
/// A file whose footer (the schema and the row groups' metadata, read before any row) has a byte spoilt, or that is cut
/// short: the transaction and summary readers read it or fail with <see cref="ParquetFormatException"/> naming the file,
/// never with another exception (found by spoiling a footer byte: Parquet.Net decodes the schema only when it is first
/// asked for it, and reports a schema it cannot decode as an <see cref="InvalidOperationException"/>).
/// </summary>
public class ParquetFooterSpoilTests
{
    private static readonly Lazy<byte[]> TransactionFile = new(() =>
    {
        using var stream = new MemoryStream();
        TransactionParquet.Write(stream, TestData.CdnowSample().AsSpan(0, 600));
        return stream.ToArray();
    });

    private static readonly Lazy<byte[]> SummaryFile = new(() =>
    {
        var summaries = CustomerSummaries.FromTransactions(TestData.CdnowSample().AsSpan(0, 600).ToArray(), TestData.CdnowCalibrationEnd, TimeUnit.Week);
        using var stream = new MemoryStream();
        CustomerSummaryParquet.Write(stream, summaries);
        return stream.ToArray();
    });

    /// <summary>The index of a footer byte (between the last column chunk and the footer's length) in <paramref name="bytes"/>.</summary>
    private static int FooterByte(byte[] bytes, int pick)
    {
        int footer = BitConverter.ToInt32(bytes, bytes.Length - 8);
        int start = bytes.Length - 8 - footer;
        return start + (pick % footer);
    }

    private static Gen<(int Pick, int Value, bool Cut)> Spoils() =>
        from pick in Gen.Choose(0, int.MaxValue)
        from value in Gen.Choose(0, 255)
        from cut in Gen.Elements(false, false, false, true)
        select (pick, value, cut);

    private static byte[] Spoil(byte[] clean, (int Pick, int Value, bool Cut) s)
    {
        byte[] bytes = (byte[])clean.Clone();
        int at = FooterByte(bytes, s.Pick);
        if (s.Cut)
        {
            return bytes[..at];
        }

        bytes[at] = (byte)s.Value;
        return bytes;
    }

    /// <summary>Writes the bytes to a file of their own and reads it; the only exception allowed names that file.</summary>
    private static void ReadsOrFailsAsDocumented(byte[] bytes, Action<string> read)
    {
        string folder = Path.Combine(Path.GetTempPath(), $"clv-spoilt-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, "spoilt.parquet");
        try
        {
            File.WriteAllBytes(path, bytes);
            read(path);
        }
        catch (ParquetFormatException e)
        {
            // A footer that still decodes may name columns or types the reader does not take: also a ParquetFormatException.
            Assert.Equal(path, e.Path);
            Assert.False(string.IsNullOrWhiteSpace(e.Reason));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Property(MaxTest = 500)]
    public Property TransactionFile_SpoiltFooter_ReadsOrParquetFormatException() =>
        Prop.ForAll(Spoils().ToArbitrary(), s =>
        {
            ReadsOrFailsAsDocumented(Spoil(TransactionFile.Value, s), path =>
            {
                var builder = new CustomerSummariesBuilder(TestData.CdnowCalibrationEnd, TimeUnit.Week);
                TransactionParquet.ReadInto(path, builder, new TransactionParquetOptions { Mode = ParquetReadMode.Lenient });
            });
        });

    [Property(MaxTest = 500)]
    public Property SummaryFile_SpoiltFooter_ReadsOrParquetFormatException() =>
        Prop.ForAll(Spoils().ToArbitrary(), s =>
        {
            ReadsOrFailsAsDocumented(Spoil(SummaryFile.Value, s), path => CustomerSummaryParquet.ReadInto(path, new List<CustomerSummary>(), null));
        });

    /// <summary>
    /// The footer's closing stop byte spoilt into an i32 field header: the struct no longer ends inside the footer, and
    /// Parquet.Net read on at the end of the file without returning. Our check of the footer's structure reports it first.
    /// </summary>
    [Theory(Timeout = 120_000)]
    [InlineData(0x15)]
    [InlineData(0x19)]
    [InlineData(0x1C)]
    public async Task TransactionFile_LastFooterByteAFieldHeader_ParquetFormatExceptionNotAnEndlessRead(int value)
    {
        byte[] bytes = (byte[])TransactionFile.Value.Clone();
        bytes[^9] = (byte)value;
        var error = await Task.Run(() => Assert.Throws<ParquetFormatException>(() =>
            TransactionParquet.ReadInto(new MemoryStream(bytes), new CustomerSummariesBuilder(TestData.CdnowCalibrationEnd, TimeUnit.Week))),
            TestContext.Current.CancellationToken);
        Assert.Equal("Not a readable Parquet file: The footer's metadata is cut short.", error.Reason);
    }

    /// <summary>
    /// A footer length beyond the file (12 bytes: the magic numbers and a length of 2^31 - 1): Parquet.Net allocated that
    /// length before reading, and a file's read ran out of memory. Reported as the file's error, by path and by stream.
    /// </summary>
    [Theory]
    [InlineData(0x7FFFFFFF)]
    [InlineData(5)]
    [InlineData(-1)]
    public void FooterLengthBeyondTheFile_ParquetFormatExceptionByPathAndStream(int footer)
    {
        byte[] bytes = [.. "PAR1"u8, .. BitConverter.GetBytes(footer), .. "PAR1"u8];
        string path = Path.Combine(Path.GetTempPath(), "clv-footer-" + Guid.NewGuid().ToString("N") + ".parquet");
        File.WriteAllBytes(path, bytes);
        try
        {
            var byPath = Assert.Throws<ParquetFormatException>(() => TransactionParquet.Read(path));
            Assert.Equal(path, byPath.Path);
            Assert.Contains("footer's length", byPath.Reason, StringComparison.Ordinal);
            Assert.Throws<ParquetFormatException>(() => CustomerSummaryParquet.Read(path));
            Assert.Throws<ParquetFormatException>(() => TransactionParquet.Read(new MemoryStream(bytes)));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
