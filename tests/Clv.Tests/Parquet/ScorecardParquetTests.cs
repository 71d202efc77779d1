using Clv.Crm;
using Clv.Parquet;
using Clv.Tests.Crm;

namespace Clv.Tests.Parquet;

/// <summary>The scorecard as Parquet, read back by DuckDB: every column name, every cell, nulls as nulls.</summary>
public class ScorecardParquetTests
{
    [Fact]
    public void Encodings_LabelsAsADictionary_IdsAndMessagesPlain()
    {
        // Labels repeat (a dictionary makes them small and fast to read); ids and warning messages hardly do, and a
        // dictionary tried for them was only given up after hashing each whole row group.
        var card = Scorecard.Create(ScorecardTests.Cdnow.Value, ScorecardTests.Full());
        using var files = new ParquetTestFiles();
        string path = files.PathOf("scorecard.parquet");
        ScorecardParquet.Write(path, card);
        var encodings = files.Query($"SELECT path_in_schema, encodings FROM parquet_metadata({ParquetTestFiles.Sql(path)})")
            .ToDictionary(r => (string)r[0]!, r => (string)r[1]!);
        Assert.DoesNotContain("DICTIONARY", encodings["customer_id"], StringComparison.Ordinal);
        Assert.DoesNotContain("DICTIONARY", encodings["churn_warning"], StringComparison.Ordinal);
        Assert.Contains("DICTIONARY", encodings["rfm_segment"], StringComparison.Ordinal);
        Assert.Contains("DICTIONARY", encodings["lifecycle_stage"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void DuckDb_ReadsOurScorecard_EveryColumnAndCell(bool models)
    {
        var card = Scorecard.Create(ScorecardTests.Cdnow.Value, models ? ScorecardTests.Full() : null);
        using var files = new ParquetTestFiles();
        string path = files.PathOf("scorecard.parquet");
        ScorecardParquet.Write(path, card);

        string source = $"read_parquet({ParquetTestFiles.Sql(path)}, file_row_number = true)";
        var names = files.Query($"SELECT column_name FROM (DESCRIBE SELECT * EXCLUDE (file_row_number) FROM {source})").Select(r => (string)r[0]!);
        Assert.Equal(card.Columns.Select(c => c.Name), names);
        var table = files.Query($"SELECT * EXCLUDE (file_row_number) FROM {source} ORDER BY file_row_number");
        Assert.Equal(card.Rows.Count, table.Count);
        for (int i = 0; i < table.Count; i++)
        {
            for (int c = 0; c < card.Columns.Count; c++)
            {
                var column = card.Columns[c];
                object? expected = column.Kind switch
                {
                    ScorecardColumnKind.Text => column.GetText(card.Rows[i]),
                    ScorecardColumnKind.Integer => column.GetInteger(card.Rows[i]),
                    _ => column.GetNumber(card.Rows[i]) is double v && double.IsFinite(v) ? v : null,
                };
                Assert.Equal(expected, table[i][c]);
            }
        }
    }

    [Fact]
    public void Write_Stream_EqualsTheFile()
    {
        var card = Scorecard.Create(ScorecardTests.Cdnow.Value, null);
        using var files = new ParquetTestFiles();
        string path = files.PathOf("scorecard.parquet");
        ScorecardParquet.Write(path, card);
        using var stream = new MemoryStream();
        ScorecardParquet.Write(stream, card);
        Assert.Equal(File.ReadAllBytes(path), stream.ToArray());
    }

    [Fact]
    public void Write_StreamThatCannotSeek_TheFilesBytes()
    {
        // A pipe or an HTTP response: the writer only appends.
        var card = Scorecard.Create(ScorecardTests.Cdnow.Value, ScorecardTests.Full());
        using var files = new ParquetTestFiles();
        string path = files.PathOf("scorecard.parquet");
        ScorecardParquet.Write(path, card);
        using var bytes = new MemoryStream();
        ScorecardParquet.Write(new AppendOnly(bytes), card);
        Assert.Equal(File.ReadAllBytes(path), bytes.ToArray());
    }

    private sealed class AppendOnly(Stream inner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
