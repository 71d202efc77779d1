using Clv.Parquet.Internal;
using Clv.Parquet.Internal.Pages;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Clv.Tests.Parquet;

/// <summary>
/// The scorecard's own Parquet writer (<see cref="FlatFileWriter"/>): every cell read back by two independent readers
/// (Parquet.Net and DuckDB) as given, over any row-group size; the same cells as Parquet.Net's own writer gives; labels as a
/// dictionary until it grows too large; Snappy only where it pays; null counts in the statistics.
/// </summary>
public class FlatFileWriterTests
{
    private static readonly string?[] Labels = ["Champions", "At Risk", "冠军客户", "", null, "a,\"quoted\"\nlabel"];

    [Property(MaxTest = 60)]
    public Property Write_AnyCells_ParquetNetAndOurWriterGiveTheSameCells()
    {
        var gen =
            from rows in Gen.Choose(0, 400)
            from groupRows in Gen.Choose(1, 70)
            from seed in Gen.Choose(0, int.MaxValue)
            select (rows, groupRows, seed);
        return Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var table = RandomTable(c.rows, c.seed, narrowIntegers: c.seed % 2 == 0);
            var ours = Cells(Write(table, c.rows, c.groupRows, flat: true));
            var theirs = Cells(Write(table, c.rows, c.groupRows, flat: false));

            Assert.Equal(Expected(table, c.rows), ours);
            Assert.Equal(theirs, ours);
        });
    }

    [Fact]
    public void Write_SeveralGroupsAndBothCodecs_DuckDbReadsEveryCellCountAndNull()
    {
        const int n = 5000;
        var table = RandomTable(n, 7, narrowIntegers: false);
        using var files = new ParquetTestFiles();
        string path = files.PathOf("flat.parquet");
        File.WriteAllBytes(path, Write(table, n, 1000, flat: true));

        var rows = files.Query($"SELECT * EXCLUDE (file_row_number) FROM read_parquet({ParquetTestFiles.Sql(path)}, file_row_number = true) ORDER BY file_row_number");
        var expected = Expected(table, n);
        Assert.Equal(n, rows.Count);
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(expected[i][0], (string?)rows[i][0]);
            Assert.Equal(expected[i][1], (string?)rows[i][1]);
            Assert.Equal(expected[i][2], rows[i][2] is null ? null : (int?)ParquetTestFiles.Long(rows[i][2]));
            Assert.Equal(expected[i][3], rows[i][3] is null ? null : BitConverter.DoubleToInt64Bits(ParquetTestFiles.Double(rows[i][3])));
        }

        // Per row group and column: the codec, the encodings and the null count as the statistics say.
        var meta = files.Query($"SELECT row_group_id, path_in_schema, compression, encodings, stats_null_count FROM parquet_metadata({ParquetTestFiles.Sql(path)})");
        Assert.Equal(5 * 4, meta.Count);
        foreach (var m in meta)
        {
            int group = (int)ParquetTestFiles.Long(m[0]);
            string column = (string)m[1]!;
            int c = Array.IndexOf(Names, column);
            long nulls = Enumerable.Range(group * 1000, 1000).Count(i => expected[i][c] is null);
            Assert.Equal(nulls, ParquetTestFiles.Long(m[4]));
            Assert.Equal(column == "label", ((string)m[3]!).Contains("DICTIONARY", StringComparison.Ordinal));
        }

        // Random doubles do not shrink and are left uncompressed.
        Assert.All(meta.Where(m => (string)m[1]! == "number"), m => Assert.Equal("UNCOMPRESSED", (string)m[2]!));
    }

    [Fact]
    public void Write_WholeNumbers_ADictionaryWhenTheirRangeIsSmall()
    {
        const int n = 2000;
        var table = new ParquetTable(n) { RowGroupRows = 1000 }
            .AddIntegers("score", i => i % 7 == 0 ? null : 1 + (i % 5))
            .AddIntegers("days", i => i < 1000 ? i * 3 : 70_000 * (i - 1000))
            .AddIntegers("extremes", i => (i % 3) switch { 0 => int.MinValue, 1 => int.MaxValue, _ => 0 });
        using var files = new ParquetTestFiles();
        string path = files.PathOf("integers.parquet");
        using (var stream = File.Create(path))
        {
            table.WriteTo(stream);
        }

        // The second group's days span more than 65,536 values: plain; its first group's do not.
        var meta = files.Query($"SELECT row_group_id, path_in_schema, encodings FROM parquet_metadata({ParquetTestFiles.Sql(path)}) ORDER BY row_group_id, column_id");
        bool Dictionary(int group, string column) => ((string)meta.Single(m => ParquetTestFiles.Long(m[0]) == group && (string)m[1]! == column)[2]!).Contains("DICTIONARY", StringComparison.Ordinal);
        Assert.True(Dictionary(0, "score") && Dictionary(1, "score"));
        Assert.True(Dictionary(0, "days") && !Dictionary(1, "days"));
        Assert.True(Dictionary(0, "extremes") == false && Dictionary(1, "extremes") == false);
        var rows = files.Query($"SELECT score, days, extremes FROM read_parquet({ParquetTestFiles.Sql(path)}, file_row_number = true) ORDER BY file_row_number");
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(i % 7 == 0 ? null : 1 + (i % 5), rows[i][0] is null ? null : (int?)ParquetTestFiles.Long(rows[i][0]));
            Assert.Equal(i < 1000 ? i * 3 : 70_000L * (i - 1000), ParquetTestFiles.Long(rows[i][1]));
            Assert.Equal((i % 3) switch { 0 => int.MinValue, 1 => int.MaxValue, _ => 0 }, ParquetTestFiles.Long(rows[i][2]));
        }
    }

    [Fact]
    public void Write_TextThatShrinks_Snappy_TheCellsAsGiven()
    {
        const int n = 3000;
        var table = new ParquetTable(n).AddText("url", i => "https://example.com/customers/" + i, distinct: true).AddIntegers("zero", _ => 0);
        using var files = new ParquetTestFiles();
        string path = files.PathOf("urls.parquet");
        using (var stream = File.Create(path))
        {
            table.WriteTo(stream);
        }

        var meta = files.Query($"SELECT path_in_schema, compression FROM parquet_metadata({ParquetTestFiles.Sql(path)})");
        Assert.Equal("SNAPPY", (string)meta.Single(m => (string)m[0]! == "url")[1]!);
        var rows = files.Query($"SELECT url, zero FROM read_parquet({ParquetTestFiles.Sql(path)}, file_row_number = true) ORDER BY file_row_number");
        Assert.Equal(Enumerable.Range(0, n).Select(i => "https://example.com/customers/" + i), rows.Select(r => (string)r[0]!));
        Assert.All(rows, r => Assert.Equal(0, ParquetTestFiles.Long(r[1])));
    }

    [Fact]
    public void Write_TooManyDistinctLabels_ThatGroupPlain_TheCellsAsGiven()
    {
        // 40,000 distinct values in one group outgrow the dictionary (16,384 entries); the next group's few values do not.
        const int n = 40_010;
        var table = new ParquetTable(n) { RowGroupRows = 40_000 }.AddText("label", i => i < 40_000 ? "v" + i : "few");
        using var files = new ParquetTestFiles();
        string path = files.PathOf("labels.parquet");
        using (var stream = File.Create(path))
        {
            table.WriteTo(stream);
        }

        var encodings = files.Query($"SELECT row_group_id, encodings FROM parquet_metadata({ParquetTestFiles.Sql(path)}) ORDER BY row_group_id");
        Assert.DoesNotContain("DICTIONARY", (string)encodings[0][1]!, StringComparison.Ordinal);
        Assert.Contains("DICTIONARY", (string)encodings[1][1]!, StringComparison.Ordinal);
        var values = files.Query($"SELECT label FROM read_parquet({ParquetTestFiles.Sql(path)}, file_row_number = true) ORDER BY file_row_number");
        Assert.Equal(Enumerable.Range(0, n).Select(i => i < 40_000 ? "v" + i : "few"), values.Select(r => (string)r[0]!));
    }

    [Fact]
    public void Write_AColumnThatFails_TheErrorAfterEveryStartedChunkHasStopped()
    {
        // Column chunks are encoded on several threads: a failure in one comes out of Write, and by then no chunk is still
        // reading the caller's columns.
        const int n = 20_000;
        int calls = 0;
        var table = new ParquetTable(n) { RowGroupRows = 100 }
            .AddText("label", i => Labels[i % 4])
            .AddNumbers("number", i =>
            {
                if (i > 5_050 && i % 100 == 0)
                {
                    // Chunks after the failing one are still at work when it fails.
                    Thread.Sleep(20);
                }

                Interlocked.Increment(ref calls);
                return i == 5_050 ? throw new InvalidOperationException("row 5050") : i;
            });
        using var stream = new MemoryStream();

        var error = Assert.Throws<InvalidOperationException>(() => table.WriteTo(stream));
        int callsAtReturn = Volatile.Read(ref calls);
        Thread.Sleep(100);

        Assert.Equal("row 5050", error.Message);
        Assert.Equal(callsAtReturn, Volatile.Read(ref calls));
        Assert.InRange(callsAtReturn, 5_051, n - 1);
    }

    [Property(MaxTest = 300)]
    public Property HybridEncoder_AnyValuesAndWidth_OurDecoderGivesThemBack()
    {
        var gen =
            from width in Gen.Choose(1, 32)
            from count in Gen.Choose(0, 700)
            from runs in Gen.Choose(0, 3)
            from seed in Gen.Choose(0, int.MaxValue)
            select (width, count, runs, seed);
        return Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var random = new Random(c.seed);
            long limit = 1L << c.width;
            var values = new int[c.count];
            for (int i = 0; i < c.count; i++)
            {
                // runs 0: all different; 1..3: longer and longer runs of one value.
                values[i] = i > 0 && random.Next(4) < c.runs ? values[i - 1] : (int)(uint)random.NextInt64(limit);
            }

            var output = new System.Buffers.ArrayBufferWriter<byte>();
            HybridEncoder.Encode(values, c.width, output);
            var decoded = new int[c.count];
            int read = Hybrid.Decode(output.WrittenSpan, c.width, decoded);

            Assert.Equal(values, decoded);
            Assert.Equal(output.WrittenCount, read);
        });
    }

    [Fact]
    public void HybridEncoder_AllEqual_OneRleRun()
    {
        var output = new System.Buffers.ArrayBufferWriter<byte>();
        HybridEncoder.Encode(Enumerable.Repeat(1, 131_072).ToArray(), 1, output);

        // The run's length (131,072 << 1 as a varint: 3 bytes) and the value (1 byte).
        Assert.Equal([0x80, 0x80, 0x10, 0x01], output.WrittenSpan.ToArray());
    }

    private static readonly string[] Names = ["label", "id", "integer", "number"];

    private sealed record Table(string?[] Label, string?[] Id, int?[] Integer, double?[] Number);

    private static Table RandomTable(int rows, int seed, bool narrowIntegers)
    {
        var random = new Random(seed);
        double[] specials = [0.0, -0.0, double.Epsilon, double.MaxValue, double.MinValue, 1e-300, 123.456];
        var label = new string?[rows];
        var id = new string?[rows];
        var integer = new int?[rows];
        var number = new double?[rows];
        for (int i = 0; i < rows; i++)
        {
            label[i] = Labels[random.Next(Labels.Length)];
            id[i] = random.Next(10) == 0 ? null : "C" + random.Next() + (random.Next(5) == 0 ? "客户" : "");
            integer[i] = random.Next(6) switch
            {
                0 => null,
                1 when !narrowIntegers => int.MinValue,
                2 when !narrowIntegers => int.MaxValue,
                _ => random.Next(-1000, 1000),
            };
            number[i] = random.Next(8) switch { 0 => null, 1 => specials[random.Next(specials.Length)], _ => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-5, 9)) };
        }

        return new Table(label, id, integer, number);
    }

    private static byte[] Write(Table t, int rows, int groupRows, bool flat)
    {
        var table = new ParquetTable(rows) { RowGroupRows = groupRows, UseFlatWriter = flat }
            .AddText("label", i => t.Label[i])
            .AddText("id", i => t.Id[i], distinct: true)
            .AddIntegers("integer", i => t.Integer[i])
            .AddNumbers("number", i => t.Number[i]);
        using var stream = new MemoryStream();
        table.WriteTo(stream);
        return stream.ToArray();
    }

    /// <summary>The table's cells as Parquet.Net reads them back: text, text, int, and the double's bits (so -0.0 is not 0.0).</summary>
    private static List<object?[]> Cells(byte[] file)
    {
        using var stream = new MemoryStream(file);
        var reader = global::Parquet.ParquetReader.CreateAsync(stream).GetAwaiter().GetResult();
        var fields = reader.Schema.GetDataFields();
        Assert.Equal(Names, fields.Select(f => f.Name));
        var rows = new List<object?[]>();
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            int n = checked((int)group.RowCount);
            var label = new string?[n];
            var id = new string?[n];
            var integer = new int?[n];
            var number = new double?[n];
            Wait(group.ReadAsync(fields[0], label.AsMemory()!, null));
            Wait(group.ReadAsync(fields[1], id.AsMemory()!, null));
            Wait(group.ReadAsync(fields[2], integer.AsMemory(), null));
            Wait(group.ReadAsync(fields[3], number.AsMemory(), null));
            for (int i = 0; i < n; i++)
            {
                rows.Add([label[i], id[i], integer[i], number[i] is { } d ? BitConverter.DoubleToInt64Bits(d) : null]);
            }
        }

        reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return rows;
    }

    private static void Wait(ValueTask task) => task.AsTask().GetAwaiter().GetResult();

    private static void Wait(Task task) => task.GetAwaiter().GetResult();

    private static List<object?[]> Expected(Table t, int rows) =>
        [.. Enumerable.Range(0, rows).Select(i => new object?[] { t.Label[i], t.Id[i], t.Integer[i], t.Number[i] is { } d ? BitConverter.DoubleToInt64Bits(d) : null })];
}
