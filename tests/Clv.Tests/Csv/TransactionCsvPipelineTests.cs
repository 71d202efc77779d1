using System.Text;
using Clv.Csv;

namespace Clv.Tests.Csv;

/// <summary>
/// The reader parses on one thread and feeds the sink on the caller's, in blocks of 16,384 rows: whatever stops it (a bad row in
/// strict mode, a failing stream, a sink that throws) must leave the sink exactly as a one-thread read would, and never hang.
/// </summary>
public class TransactionCsvPipelineTests
{
    private static readonly DateOnly End = new(2024, 12, 31);

    [Theory]
    [InlineData(1)]
    [InlineData(16_384)]
    [InlineData(16_385)]
    [InlineData(40_000)]
    [InlineData(65_536)]
    public void ReadInto_StrictBadRowAnywhere_ThrowsItsLineAfterAddingExactlyTheRowsBeforeIt(int badRow)
    {
        var text = Rows(70_000, badRow);
        var builder = new CustomerSummariesBuilder(End, TimeUnit.Day);

        var e = Assert.Throws<CsvFormatException>(() => TransactionCsv.ReadInto(new MemoryStream(Encoding.UTF8.GetBytes(text)), builder));

        Assert.Equal(badRow + 1, e.LineNumber);
        Assert.Equal(badRow - 1, builder.TransactionCount);
    }

    [Fact]
    public void Read_LenientBadRowsInEveryBlock_KeepsFileOrderOfRowsAndRejections()
    {
        var text = new StringBuilder("customer_id,date,amount\n");
        for (int i = 0; i < 50_000; i++)
        {
            text.Append(i % 997 == 0 ? FormattableString.Invariant($"c{i},not-a-date,1\n") : FormattableString.Invariant($"c{i},2024-01-01,{i}\n"));
        }

        var log = TransactionCsv.Read(new MemoryStream(Encoding.UTF8.GetBytes(text.ToString())), new TransactionCsvOptions { Mode = CsvReadMode.Lenient });

        var expectedRejected = Enumerable.Range(0, 50_000).Where(i => i % 997 == 0).Select(i => (long)i + 2).ToArray();
        Assert.Equal(expectedRejected, log.Rejected.Select(r => r.LineNumber).ToArray());
        var amounts = log.Transactions.ToArray().Select(t => t.Amount).ToArray();
        Assert.Equal(Enumerable.Range(0, 50_000).Where(i => i % 997 != 0).Select(i => (double)i).ToArray(), amounts);
        Assert.Equal(50_000, log.RowsRead);
    }

    [Fact]
    public void ReadInto_StreamFailsMidway_RethrowsItsErrorAfterTheRowsReadBeforeIt()
    {
        byte[] bytes = Encoding.UTF8.GetBytes(Rows(60_000, badRow: -1));
        using var failing = new FailingStream(bytes, failAt: bytes.Length / 2);
        var builder = new CustomerSummariesBuilder(End, TimeUnit.Day);

        var e = Assert.Throws<IOException>(() => TransactionCsv.ReadInto(failing, builder));

        Assert.Equal("disk gone", e.Message);
        // Every complete line before the failure (less the header) is in the builder, as a one-thread read leaves it.
        int completeLines = bytes.AsSpan(0, bytes.Length / 2).Count((byte)'\n');
        Assert.Equal(completeLines - 1, builder.TransactionCount);
    }

    [Fact]
    public void ReadInto_SinkThrows_StopsTheReadingThreadAndReleasesTheFile()
    {
        using var file = new TransactionCsvReadIntoTests.TempFile(Rows(100_000, badRow: -1));
        var builder = new CustomerSummariesBuilder(End, TimeUnit.Day);
        builder.Build();

        Assert.Throws<InvalidOperationException>(() => TransactionCsv.ReadInto(file.Path, builder));

        // The reading thread closed the file: it can be opened for writing at once.
        using var again = new FileStream(file.Path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        Assert.True(again.Length > 0);
    }

    private static string Rows(int rows, int badRow)
    {
        var text = new StringBuilder("customer_id,date,amount\n");
        for (int i = 1; i <= rows; i++)
        {
            text.Append(i == badRow ? FormattableString.Invariant($"c{i % 1000},2024-13-01,1\n") : FormattableString.Invariant($"c{i % 1000},2024-01-{(i % 28) + 1:00},1\n"));
        }

        return text.ToString();
    }

    /// <summary>A stream that throws <see cref="IOException"/> once <paramref name="failAt"/> bytes were read.</summary>
    private sealed class FailingStream(byte[] bytes, int failAt) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            if (Position >= failAt)
            {
                throw new IOException("disk gone");
            }

            return base.Read(buffer, offset, (int)Math.Min(count, failAt - Position));
        }

        public override int Read(Span<byte> buffer)
        {
            byte[] copy = new byte[buffer.Length];
            int n = Read(copy, 0, copy.Length);
            copy.AsSpan(0, n).CopyTo(buffer);
            return n;
        }
    }
}
