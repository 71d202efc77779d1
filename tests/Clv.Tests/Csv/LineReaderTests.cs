using Clv.Csv.Internal;

namespace Clv.Tests.Csv;

public class LineReaderTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4096)]
    public void TryReadLine_ReaderReturnsSmallChunks_SplitsEveryLineEnding(int chunk)
    {
        const string text = "a\r\nbb\n\nc\rd\r\r\ne";
        using var lines = new LineReader(new ChunkedReader(text, chunk));
        var result = new List<string>();

        while (lines.TryReadLine(out var line))
        {
            result.Add(line.ToString());
        }

        Assert.Equal(["a", "bb", "", "c", "d", "", "e"], result);
        Assert.Equal(7, lines.LineNumber);
    }

    [Fact]
    public void TryReadLine_TrailingCarriageReturn_OneLine()
    {
        using var lines = new LineReader(new ChunkedReader("x\r", 1));

        Assert.True(lines.TryReadLine(out var line));
        Assert.Equal("x", line.ToString());
        Assert.False(lines.TryReadLine(out _));
    }

    private sealed class ChunkedReader(string text, int chunk) : TextReader
    {
        private int _pos;

        public override int Read(char[] buffer, int index, int count)
        {
            int n = Math.Min(Math.Min(count, chunk), text.Length - _pos);
            text.CopyTo(_pos, buffer, index, n);
            _pos += n;
            return n;
        }
    }
}
