using Clv.Csv;
using Clv.Parquet;
using Clv.Parquet.Internal;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Clv.Tests.Parquet;

/// <summary>
/// The transaction reader's own page reader (Thrift page headers, Snappy, RLE / bit-packed levels and dictionary indices)
/// against Parquet.Net's decoding of the same files: the same rows, the same rejected rows with the same reasons, the same
/// strict-mode error; and it is taken for the layouts it decodes (our writer's, DuckDB's default) and not for the others,
/// which Parquet.Net reads as before.
/// </summary>
public class TransactionParquetPageReaderTests
{
    private static readonly TransactionParquetOptions Lenient = new() { Mode = ParquetReadMode.Lenient };

    public static TheoryData<string, string, string, string, string, bool> DuckDbLayouts() => new()
    {
        // compression, parquet version, id, date, amount, whether our page reader decodes it
        { "snappy", "V1", "customer_id", "date", "amount", true },
        { "uncompressed", "V1", "customer_id", "date", "amount", true },
        { "snappy", "V1", "customer_id::INTEGER", "date", "amount::FLOAT", true },
        { "snappy", "V1", "customer_id::BIGINT", "date", "(amount * 100)::BIGINT", true },
        { "uncompressed", "V1", "customer_id::SMALLINT", "date", "(amount * 100)::INTEGER", true },
        { "snappy", "V1", "CASE customer_id WHEN '' THEN '' ELSE 'c' || customer_id || 'ü' END", "date", "amount", true },
        { "zstd", "V1", "customer_id", "date", "amount", false },
        { "gzip", "V1", "customer_id", "date", "amount", false },
        { "snappy", "V1", "customer_id", "date::TIMESTAMP", "amount", false },
        { "snappy", "V1", "customer_id", "date", "amount::DECIMAL(12,2)", false },
    };

    [Theory]
    [MemberData(nameof(DuckDbLayouts))]
    public void DuckDbFile_WithBadRows_SameRowsAndRejectionsAsParquetNet(string compression, string version, string id, string date, string amount, bool pageReader)
    {
        using var files = new ParquetTestFiles();
        bool textId = !id.Contains("::", StringComparison.Ordinal);
        CreateSpoiltLog(files, textId);
        bool finiteOnly = amount.Contains("BIGINT", StringComparison.Ordinal) || amount.Contains("INTEGER", StringComparison.Ordinal) || amount.Contains("DECIMAL", StringComparison.Ordinal);
        string parquet = files.PathOf("log.parquet");
        files.Execute($"""
            COPY (SELECT {id} AS customer_id, {date} AS date, {amount} AS amount FROM spoilt
                  {(finiteOnly ? "WHERE isfinite(amount) OR amount IS NULL" : string.Empty)})
            TO {ParquetTestFiles.Sql(parquet)} (FORMAT PARQUET, COMPRESSION '{compression}', PARQUET_VERSION {version}, ROW_GROUP_SIZE 2048)
            """);

        var (report, _) = AssertSameAsParquetNet(parquet, Lenient);

        Assert.Equal(6919, report.Imported);
        Assert.Equal((textId ? 5 : 4) - (finiteOnly ? 1 : 0), report.Rejected.Count);
        Assert.True(report.RowGroups > 1);
        Assert.Equal(pageReader ? report.RowGroups : 0, report.PageReaderGroups);
    }

    public static TheoryData<string, string> DuckDbV2Layouts() => new()
    {
        // DuckDB's format 2: DELTA_LENGTH_BYTE_ARRAY text, DELTA_BINARY_PACKED whole numbers and dates, BYTE_STREAM_SPLIT
        // floating point (dictionary pages where values repeat).
        { "customer_id", "amount" },
        { "customer_id::INTEGER", "amount::FLOAT" },
        { "customer_id::BIGINT * 1000003 - 4611686018427387904", "(amount * 100)::BIGINT" },
        { "CASE customer_id WHEN '' THEN '' ELSE 'customer number ' || customer_id END", "(amount * 100)::INTEGER" },
    };

    /// <summary>
    /// DuckDB's <c>PARQUET_VERSION V2</c> files, which Parquet.Net does not read at all ("not supported in
    /// DELTA_BINARY_PACKED"): the page reader decodes every row group, and gives the rows and rejections of the same rows
    /// written as V1 (which it and Parquet.Net read alike, above).
    /// </summary>
    [Theory]
    [MemberData(nameof(DuckDbV2Layouts))]
    public void DuckDbV2File_ReadByThePageReader_SameAsTheV1FileOfTheSameRows(string id, string amount)
    {
        using var files = new ParquetTestFiles();
        bool textId = !id.Contains("::", StringComparison.Ordinal);
        CreateSpoiltLog(files, textId);
        bool finiteOnly = !amount.Contains("FLOAT", StringComparison.Ordinal) && amount != "amount";
        string v1 = files.PathOf("v1.parquet"), v2 = files.PathOf("v2.parquet");
        foreach (var (path, version) in new[] { (v1, "V1"), (v2, "V2") })
        {
            files.Execute($"""
                COPY (SELECT {id} AS customer_id, date, {amount} AS amount FROM spoilt
                      {(finiteOnly ? "WHERE isfinite(amount) OR amount IS NULL" : string.Empty)})
                TO {ParquetTestFiles.Sql(path)} (FORMAT PARQUET, PARQUET_VERSION {version}, ROW_GROUP_SIZE 2048)
                """);
        }

        var expected = ReadBoth(v1, Lenient).Fast;
        var sink = new LogSink();
        using var stream = File.OpenRead(v2);
        var actual = new Read(TransactionParquetReader.Read(stream, v2, Lenient, sink), sink.Rows);

        Assert.Equal(expected.Rows, actual.Rows);
        Assert.Equal(expected.Report.Rejected, actual.Report.Rejected);
        Assert.Equal(6919, actual.Report.Imported);
        Assert.True(actual.Report.RowGroups > 1);
        Assert.Equal(actual.Report.RowGroups, actual.Report.PageReaderGroups);
    }

    [Fact]
    public void DuckDbV2File_DecimalAmounts_ReadAsTheNumbersStored()
    {
        // Parquet.Net 6.1 does not decode a DECIMAL in DELTA_BINARY_PACKED ("is not supported in DELTA_BINARY_PACKED"): the
        // file was refused; its unscaled INT64 numbers are now read and scaled as Parquet.Net scales a plain decimal.
        using var files = new ParquetTestFiles();
        string parquet = files.PathOf("v2.parquet");
        files.Execute($"""
            COPY (SELECT * FROM (VALUES ('a', TIMESTAMP '2020-01-01 10:00:00', 1.5), ('b', TIMESTAMP '2020-01-02 11:00:00', 2.5)) t(customer_id, date, amount))
            TO {ParquetTestFiles.Sql(parquet)} (FORMAT PARQUET, PARQUET_VERSION V2)
            """);

        var log = TransactionParquet.Read(parquet);

        Assert.Equal([new Transaction("a", new DateOnly(2020, 1, 1), 1.5), new Transaction("b", new DateOnly(2020, 1, 2), 2.5)], log.Transactions.ToArray());
    }

    [Theory]
    [InlineData("DECIMAL(9,2)", "PARQUET_VERSION V2")]
    [InlineData("DECIMAL(18,4)", "PARQUET_VERSION V2")]
    [InlineData("DECIMAL(18,4)", "PARQUET_VERSION V2, COMPRESSION zstd")]
    [InlineData("DECIMAL(18,0)", "PARQUET_VERSION V2")]
    [InlineData("DECIMAL(9,2)", "PARQUET_VERSION V1")]
    [InlineData("DECIMAL(18,4)", "PARQUET_VERSION V1")]
    [InlineData("DECIMAL(38,4)", "PARQUET_VERSION V1")]
    public void DuckDbFile_DecimalAmounts_SameLogAsTheDecimalsAsDoubles(string type, string layout)
    {
        using var files = new ParquetTestFiles();
        string decimals = files.PathOf("decimals.parquet"), doubles = files.PathOf("doubles.parquet");
        string rows = $"""
            SELECT 'c' || (i % 37) AS customer_id, DATE '2024-01-01' + (i % 90)::INTEGER AS date,
                   CASE WHEN i = 5 THEN NULL ELSE (((i * 7919 % 200001) - 100000) / 100.0)::{type} END AS amount
            FROM range(5000) t(i) ORDER BY i
            """;
        files.Execute($"COPY ({rows}) TO {ParquetTestFiles.Sql(decimals)} (FORMAT PARQUET, ROW_GROUP_SIZE 2048, {layout})");
        files.Execute($"COPY (SELECT customer_id, date, amount::DOUBLE AS amount FROM read_parquet({ParquetTestFiles.Sql(decimals)})) TO {ParquetTestFiles.Sql(doubles)} (FORMAT PARQUET, ROW_GROUP_SIZE 2048)");
        var lenient = new TransactionParquetOptions { Mode = ParquetReadMode.Lenient };
        var stored = Assert.Single(files.Query($"SELECT converted_type, type FROM parquet_schema({ParquetTestFiles.Sql(decimals)}) WHERE name = 'amount'"));
        Assert.Equal("DECIMAL", stored[0]);

        var fromDecimals = TransactionParquet.Read(decimals, lenient);
        var fromDoubles = TransactionParquet.Read(doubles, lenient);

        Assert.Equal(4999, fromDecimals.Count);
        Assert.Equal(fromDoubles.Transactions.ToArray(), fromDecimals.Transactions.ToArray());
        Assert.Equal(6L, Assert.Single(fromDecimals.Rejected).LineNumber);
    }

    [Fact]
    public void OwnFile_EveryRowGroupByThePageReader_SameSummariesAsParquetNet()
    {
        using var files = new ParquetTestFiles();
        string parquet = files.PathOf("log.parquet");
        TransactionParquet.Table(TestData.CdnowSample(), 1000).WriteTo(parquet);

        var (report, _) = AssertSameAsParquetNet(parquet, TransactionParquetOptions.Default);

        Assert.Equal((6919, 7, 7), (report.Imported, report.RowGroups, report.PageReaderGroups));
        var fast = new CustomerSummariesBuilder(TestData.CdnowCalibrationEnd, TimeUnit.Week);
        TransactionParquet.ReadInto(parquet, fast);
        var slow = new CustomerSummariesBuilder(TestData.CdnowCalibrationEnd, TimeUnit.Week);
        foreach (var t in ReadBoth(parquet, TransactionParquetOptions.Default).Slow.Rows)
        {
            slow.Add(t.CustomerId, t.Date, t.Amount);
        }

        ParquetRoundTripTests.AssertSameSummaries(slow.Build().AsSpan(), fast.Build().AsSpan());
    }

    [Fact]
    public void StrictRead_BadRow_SameErrorAndSameRowsBeforeItAsParquetNet()
    {
        using var files = new ParquetTestFiles();
        string parquet = files.PathOf("bad.parquet");
        new ParquetTable(5) { RowGroupRows = 2 }
            .AddNullable("customer_id", ["a", "b", "c", "d", "e"])
            .Add("date", new DateOnly?[] { new(2020, 1, 1), new(2020, 1, 2), new(2020, 1, 3), null, new(2020, 1, 5) }.AsMemory())
            .Add("amount", new double?[] { 1, 2, 3, 4, 5 }.AsMemory())
            .WriteTo(parquet);

        var fastSink = new LogSink();
        var slowSink = new LogSink();
        using var a = File.OpenRead(parquet);
        var fast = Assert.Throws<ParquetFormatException>(() => TransactionParquetReader.Read(a, parquet, TransactionParquetOptions.Default, fastSink));
        using var b = File.OpenRead(parquet);
        var slow = Assert.Throws<ParquetFormatException>(() => TransactionParquetReader.Read(b, parquet, TransactionParquetOptions.Default, slowSink, pageReader: false));

        Assert.Equal(slow.Message, fast.Message);
        Assert.Equal((4L, "date"), (fast.RowNumber, fast.Column));
        Assert.Equal(["a", "b", "c"], fastSink.Rows.Select(t => t.CustomerId));
        Assert.Equal(slowSink.Rows, fastSink.Rows);
    }

    /// <summary>
    /// Random logs written by our writer with every column <c>OPTIONAL</c>: ids repeated or distinct (dictionary or plain
    /// pages), empty, non-ASCII or null; null dates; null, NaN and infinite amounts; any row-group size. Our page reader
    /// decodes every group, and its rows and rejections are Parquet.Net's.
    /// </summary>
    [Property(MaxTest = 60)]
    public Property OwnRandomFile_PageReaderEqualsParquetNet()
    {
        var gen =
            from count in Gen.Choose(1, 400)
            from seed in Gen.Choose(0, int.MaxValue)
            from groupRows in Gen.Choose(1, 150)
            from distinctIds in Gen.Elements(false, true)
            from numberIds in Gen.Elements(false, true)
            select (count, seed, groupRows, distinctIds, numberIds);
        return Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var random = new Random(c.seed);
            string[] names = ["a", "bb", "ü", "客户", "𝄞x", string.Empty, "a longer customer id 123"];
            var ids = new string?[c.count];
            var numbers = new long?[c.count];
            var dates = new DateOnly?[c.count];
            var amounts = new double?[c.count];
            for (int i = 0; i < c.count; i++)
            {
                bool nullId = random.Next(20) == 0;
                ids[i] = nullId ? null : names[random.Next(names.Length)] + (random.Next(3) == 0 ? random.Next(1000).ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty);
                numbers[i] = nullId ? null : random.Next(3) == 0 ? long.MaxValue - random.Next(5) : random.Next(-50, 50);
                dates[i] = random.Next(25) == 0 ? null : DateOnly.FromDayNumber(random.Next(DateOnly.MaxValue.DayNumber + 1));
                amounts[i] = random.Next(30) switch
                {
                    0 => null,
                    1 => double.NaN,
                    2 => double.NegativeInfinity,
                    _ => Math.Round((random.NextDouble() - 0.2) * 1000, random.Next(4)),
                };
            }

            using var stream = new MemoryStream();
            var table = new ParquetTable(c.count) { RowGroupRows = c.groupRows };
            table = c.numberIds
                ? table.Add("customer_id", numbers.AsMemory())
                : table.AddText("customer_id", i => ids[i], c.distinctIds);
            table.Add("date", dates.AsMemory()).Add("amount", amounts.AsMemory()).WriteTo(stream);

            var (report, _) = AssertSameAsParquetNet(stream, Lenient);
            Assert.Equal(report.RowGroups, report.PageReaderGroups);
            Assert.Equal(c.count, report.RowsRead);
        });
    }

    /// <summary>
    /// A Snappy page whose block states 256 MB (a 5-byte length) in 8 bytes: Snappier allocated the stated length before
    /// decoding a byte. The page reader now refuses the block for its length first (a Snappy block expands at most 32 times).
    /// </summary>
    [Theory]
    [InlineData(1 << 28, 1 << 28)]
    [InlineData(1 << 28, 40)]
    public void SnappyPageStatingMoreThanItsBytesHold_PageFormatExceptionWithoutAllocatingIt(int blockStates, int headerStates)
    {
        byte[] body = [.. Varint(blockStates), 0x3C, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0];
        var header = new System.Buffers.ArrayBufferWriter<byte>();
        var thrift = new Clv.Parquet.Internal.Pages.ThriftWriter(header);
        thrift.I32(1, Clv.Parquet.Internal.Pages.PageHeader.DataPage);
        thrift.I32(2, headerStates);
        thrift.I32(3, body.Length);
        thrift.BeginStruct(5);
        thrift.I32(1, 4);
        thrift.I32(2, 0);
        thrift.I32(3, 3);
        thrift.I32(4, 3);
        thrift.EndStruct();
        thrift.End();
        byte[] chunkBytes = [.. header.WrittenSpan, .. body];
        var chunk = new global::Parquet.Meta.ColumnChunk
        {
            MetaData = new global::Parquet.Meta.ColumnMetaData
            {
                Type = global::Parquet.Meta.Type.INT32,
                Codec = global::Parquet.Meta.CompressionCodec.SNAPPY,
                DataPageOffset = 0,
                TotalCompressedSize = chunkBytes.Length,
                NumValues = 4,
            },
        };
        var reader = new Clv.Parquet.Internal.Pages.ChunkReader();
        var values = new Clv.Parquet.Internal.Pages.NumberValues(Clv.Parquet.Internal.Pages.NumberValues.Int32);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.ThrowsAny<Exception>(() => reader.Read(new MemoryStream(chunkBytes), chunk, Clv.Parquet.Internal.Pages.NumberValues.Int32, 0, 4, values));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < 1 << 20, $"The read allocated {allocated:N0} bytes.");
        Assert.IsType<Clv.Parquet.Internal.Pages.PageFormatException>(e);
        Assert.Contains("A Snappy page states 268,435,456 bytes", e.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A dictionary page of 8 bytes stating 30 million entries: the page reader allocated the entries' table (240 MB) before
    /// decoding one. It is now refused for its count first (an entry takes at least 4 bytes).
    /// </summary>
    [Fact]
    public void DictionaryPageStatingMoreEntriesThanItsBytesHold_PageFormatExceptionWithoutAllocatingThem()
    {
        byte[] body = [1, 0, 0, 0, 2, 0, 0, 0];
        var header = new System.Buffers.ArrayBufferWriter<byte>();
        var thrift = new Clv.Parquet.Internal.Pages.ThriftWriter(header);
        thrift.I32(1, Clv.Parquet.Internal.Pages.PageHeader.DictionaryPage);
        thrift.I32(2, body.Length);
        thrift.I32(3, body.Length);
        thrift.BeginStruct(7);
        thrift.I32(1, 30_000_000);
        thrift.I32(2, 0);
        thrift.EndStruct();
        thrift.End();
        byte[] chunkBytes = [.. header.WrittenSpan, .. body];
        var chunk = new global::Parquet.Meta.ColumnChunk
        {
            MetaData = new global::Parquet.Meta.ColumnMetaData
            {
                Type = global::Parquet.Meta.Type.INT32,
                Codec = global::Parquet.Meta.CompressionCodec.UNCOMPRESSED,
                DataPageOffset = 0,
                TotalCompressedSize = chunkBytes.Length,
                NumValues = 4,
            },
        };
        var reader = new Clv.Parquet.Internal.Pages.ChunkReader();
        var values = new Clv.Parquet.Internal.Pages.NumberValues(Clv.Parquet.Internal.Pages.NumberValues.Int32);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.ThrowsAny<Exception>(() => reader.Read(new MemoryStream(chunkBytes), chunk, Clv.Parquet.Internal.Pages.NumberValues.Int32, 0, 4, values));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < 1 << 20, $"The read allocated {allocated:N0} bytes.");
        Assert.IsType<Clv.Parquet.Internal.Pages.PageFormatException>(e);
        Assert.Contains("A dictionary page of 30,000,000 entries in 8 bytes", e.Message, StringComparison.Ordinal);
    }

    private static byte[] Varint(int value)
    {
        var bytes = new List<byte>();
        uint v = (uint)value;
        while (v >= 0x80)
        {
            bytes.Add((byte)(v | 0x80));
            v >>= 7;
        }

        bytes.Add((byte)v);
        return [.. bytes];
    }

    /// <summary>
    /// A spoilt dictionary page (one byte of its Snappy block, which the block's copies repeat into every entry's length):
    /// the page reader fails with the file-level error naming the row group and column. Parquet.Net, asked alone, reads
    /// past the page and returns ids that change from one read to the next.
    /// </summary>
    [Fact]
    public void SpoiltDictionaryPage_ParquetFormatExceptionNamingRowGroupAndColumn()
    {
        var rows = TestData.CdnowSample().AsSpan(0, 600).ToArray();
        using var clean = new MemoryStream();
        TransactionParquet.Table(rows, 200).WriteTo(clean);
        byte[] bytes = clean.ToArray();
        var first = TransactionParquetReader.Read(new MemoryStream(bytes), null, Lenient, new LogSink());
        Assert.Equal(3, first.PageReaderGroups);

        // Byte 2169 is inside row group 2's id dictionary page (found by the property below: seed 1752245333).
        Assert.Equal(0x02, bytes[2169]);
        bytes[2169] = 155;

        var error = Assert.Throws<ParquetFormatException>(() => TransactionParquetReader.Read(new MemoryStream(bytes), "spoilt.parquet", Lenient, new LogSink()));
        Assert.StartsWith("Not a readable Parquet file: row group 2, column 'customer_id': ", error.Reason, StringComparison.Ordinal);
        Assert.Equal(("spoilt.parquet", "customer_id"), (error.Path, error.Column));
    }

    /// <summary>
    /// A file with a byte spoilt inside its column chunks (page headers, levels, indices, values, statistics): where our
    /// page reader reads it, it gives what Parquet.Net gives, or (where Parquet.Net fails) the clean file's rows (the byte
    /// was in statistics or an unknown field, which Parquet.Net misreads when their types change) or a rejected date beyond
    /// 0001 to 9999 (which Parquet.Net cannot convert); never other rows. Where it fails, it fails with the documented
    /// file-level error: on a malformed page Parquet.Net is not asked, as it may decode past its buffers and return ids
    /// from unrelated memory (seen: a spoilt dictionary page gave different ids from one read to the next).
    /// </summary>
    [Property(MaxTest = 1000)]
    public Property SpoiltFile_PageReaderEqualsParquetNetOrFailsAsDocumented()
    {
        var gen =
            from seed in Gen.Choose(0, int.MaxValue)
            from value in Gen.Choose(0, 255)
            select (seed, value);
        return Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var rows = TestData.CdnowSample().AsSpan(0, 600).ToArray();
            using var clean = new MemoryStream();
            TransactionParquet.Table(rows, 200).WriteTo(clean);
            byte[] bytes = clean.ToArray();
            var cleanSink = new LogSink();
            TransactionParquetReader.Read(new MemoryStream(bytes), null, Lenient, cleanSink);
            var random = new Random(c.seed);

            // Spoil one byte after the magic number and before the footer (its length is the 4 bytes before the end magic).
            int footer = BitConverter.ToInt32(bytes, bytes.Length - 8);
            bytes[random.Next(4, bytes.Length - 8 - footer)] = (byte)c.value;

            Exception? fastError = null, slowError = null;
            var (fastSink, slowSink) = (new LogSink(), new LogSink());
            ParquetReadReport? fast = null, slow = null;
            try
            {
                fast = TransactionParquetReader.Read(new MemoryStream(bytes), null, Lenient, fastSink);
            }
            catch (Exception e)
            {
                fastError = e;
            }

            try
            {
                slow = TransactionParquetReader.Read(new MemoryStream(bytes), null, Lenient, slowSink, pageReader: false);
            }
            catch (Exception e)
            {
                slowError = e;
            }

            if (fastError is not null)
            {
                Assert.IsType<ParquetFormatException>(fastError);
            }
            else if (slowError is null)
            {
                Assert.Equal(slowSink.Rows, fastSink.Rows);
                Assert.Equal(slow!.Rejected, fast!.Rejected);
            }
            else
            {
                Assert.IsType<ParquetFormatException>(slowError);
                bool cleanRows = fast!.Rejected.Count == 0 && fastSink.Rows.SequenceEqual(cleanSink.Rows);
                bool badDate = fast.Rejected.Any(r => r.Column == "date" && r.Reason == "The date is outside 0001-01-01 to 9999-12-31.");
                Assert.True(cleanRows || badDate, $"Parquet.Net: {slowError}");
            }
        });
    }

    /// <summary>
    /// The CDNOW sample as DuckDB table <c>spoilt</c>, with bad rows among the good ones: a null in each column, a
    /// non-finite amount, and (for text ids) an empty id.
    /// </summary>
    private static void CreateSpoiltLog(ParquetTestFiles files, bool textId)
    {
        string csv = files.PathOf("cdnow.csv");
        TransactionCsv.Write(csv, TestData.CdnowSample());
        files.Execute($"CREATE TABLE log AS SELECT * FROM read_csv({ParquetTestFiles.Sql(csv)}, header = true, columns = {{'customer_id': 'VARCHAR', 'date': 'DATE', 'amount': 'DOUBLE'}})");
        string empty = textId ? "UNION ALL SELECT '', DATE '1997-03-01', 1.0" : string.Empty;
        files.Execute($"""
            CREATE TABLE spoilt AS SELECT * FROM log
            UNION ALL SELECT NULL, DATE '1997-03-01', 1.0
            UNION ALL SELECT '7', NULL, 1.0
            UNION ALL SELECT '8', DATE '1997-03-02', NULL
            UNION ALL SELECT '9', DATE '1997-03-03', 'NaN'::DOUBLE {empty}
            """);
    }

    internal static (ParquetReadReport Report, List<Transaction> Rows) AssertSameAsParquetNet(string path, TransactionParquetOptions options)
    {
        using var stream = File.OpenRead(path);
        return AssertSameAsParquetNet(stream, options);
    }

    private static (ParquetReadReport Report, List<Transaction> Rows) AssertSameAsParquetNet(Stream stream, TransactionParquetOptions options)
    {
        var (fast, slow) = ReadBoth(stream, options);
        Assert.Equal(0, slow.Report.PageReaderGroups);
        Assert.Equal(slow.Rows, fast.Rows);
        Assert.Equal(slow.Report.Rejected, fast.Report.Rejected);
        Assert.Equal((slow.Report.Imported, slow.Report.RowGroups), (fast.Report.Imported, fast.Report.RowGroups));
        return (fast.Report, fast.Rows);
    }

    private static (Read Fast, Read Slow) ReadBoth(string path, TransactionParquetOptions options)
    {
        using var stream = File.OpenRead(path);
        return ReadBoth(stream, options);
    }

    private static (Read Fast, Read Slow) ReadBoth(Stream stream, TransactionParquetOptions options)
    {
        var (fastSink, slowSink) = (new LogSink(), new LogSink());
        stream.Position = 0;
        var fast = TransactionParquetReader.Read(stream, null, options, fastSink);
        stream.Position = 0;
        var slow = TransactionParquetReader.Read(stream, null, options, slowSink, pageReader: false);
        return (new Read(fast, fastSink.Rows), new Read(slow, slowSink.Rows));
    }

    private sealed record Read(ParquetReadReport Report, List<Transaction> Rows);
}
