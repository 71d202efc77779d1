using System.Globalization;
using System.Text;
using Clv.Csv;

namespace Clv.Tests.Csv;

/// <summary>Where records end, bounded records and bounded messages (issue 13, sections 1 and 2).</summary>
public class TransactionCsvRecordTests
{
    private const string Header = "customer_id,date,amount\n";

    [Fact]
    public void ReadAndReadInto_Issue13Example_LinesTwoToFourAreOneRejectedRecordAndC5C6C7Imported()
    {
        const string text = "customer_id,date,amount\na\"b,2024-01-05,10\nc2,2024-01-06,20\nx\"\n\"c5\",2024-01-09,50\n\"c6\",2024-01-10,60\n\"c7\",2024-01-11,70\n";

        var log = CsvText.Read(text, CsvText.Lenient);
        var builder = new CustomerSummariesBuilder(new DateOnly(2024, 12, 31), TimeUnit.Day);
        var report = TransactionCsv.ReadInto(new MemoryStream(Encoding.UTF8.GetBytes(text)), builder, CsvText.Lenient);
        var strict = Assert.Throws<CsvFormatException>(() => CsvText.Read(text));

        Assert.Equal(["c5", "c6", "c7"], log.Transactions.ToArray().Select(t => t.CustomerId));
        var rejected = Assert.Single(log.Rejected);
        Assert.Equal((2L, (string?)null, "a\"b,2024-01-05,10\nc2,2024-01-06,20\nx\""), (rejected.LineNumber, rejected.Column, rejected.RawText));
        Assert.Equal(4, log.RowsRead);
        Assert.Equal(log.Rejected, report.Rejected);
        Assert.Equal(["c5", "c6", "c7"], builder.Build().Select(s => s.CustomerId));
        Assert.Equal(2, strict.LineNumber);
    }

    [Fact]
    public void Read_UnclosedQuoteEarlyInALargeFile_CostsOneLineAndKeepsEveryOtherRow()
    {
        var text = new StringBuilder(Header).Append("a,2024-01-01,1\n\"b,2024-01-02,2\n");
        for (int i = 0; i < 3_000; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"c{i},2024-01-03,{i}\n");
        }

        var log = CsvText.Read(text.ToString(), CsvText.Lenient);
        var strict = Assert.Throws<CsvFormatException>(() => CsvText.Read(text.ToString()));

        Assert.Equal(3_001, log.Count);
        var rejected = Assert.Single(log.Rejected);
        Assert.Equal((3L, "\"b,2024-01-02,2"), (rejected.LineNumber, rejected.RawText));
        Assert.Contains("not closed", rejected.Reason, StringComparison.Ordinal);
        Assert.Equal(3, strict.LineNumber);
        Assert.True(strict.Message.Length < 300, strict.Message);
    }

    [Fact]
    public void Read_UnclosedQuoteBeforeMoreThanMaxRecordLinesLines_RejectedAtItsLineAndReadingResumes()
    {
        var text = new StringBuilder(Header).Append("\"b,2024-01-02,2\n");
        for (int i = 0; i < 50; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"c{i},2024-01-03,{i}\n");
        }

        text.Append("d\",2024-01-04,4\n");
        var options = new TransactionCsvOptions { Mode = CsvReadMode.Lenient, MaxRecordLines = 10 };

        var log = CsvText.Read(text.ToString(), options);

        var rejected = Assert.Single(log.Rejected, r => r.LineNumber == 2);
        Assert.Contains("more than 10 lines (options.MaxRecordLines)", rejected.Reason, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => "c" + i), log.Transactions.ToArray().Select(t => t.CustomerId));

        // The closing quote on the last line now opens a record that the end of the file leaves unclosed.
        Assert.Equal(53, Assert.Single(log.Rejected, r => r.LineNumber != 2).LineNumber);
    }

    [Fact]
    public void Read_FieldOverMaxRecordLength_RejectedWithCappedRawTextAndTheNextRowImported()
    {
        string huge = new('x', (1 << 20) + 5);
        string text = Header + "a,2024-01-01,1\n" + huge + ",2024-01-02,2\nb,2024-01-03,3\n";

        var log = CsvText.Read(text, CsvText.Lenient);
        var strict = Assert.Throws<CsvFormatException>(() => CsvText.Read(text));

        Assert.Equal(["a", "b"], log.Transactions.ToArray().Select(t => t.CustomerId));
        var rejected = Assert.Single(log.Rejected);
        Assert.Equal(3, rejected.LineNumber);
        Assert.Equal(new string('x', 200) + "... (1,048,594 characters)", rejected.RawText);
        Assert.Contains("longer than 1,048,576 characters (options.MaxRecordLength)", rejected.Reason, StringComparison.Ordinal);
        Assert.Equal(rejected.RawText, strict.RawText);
        Assert.True(strict.Message.Length < 500, strict.Message);
    }

    [Fact]
    public void Read_LongBadRecordWithinTheCap_RawTextCappedWithItsLength()
    {
        string id = new('y', 5_000);
        var log = CsvText.Read(Header + id + ",2024-01-01,x\n", CsvText.Lenient);
        var strict = Assert.Throws<CsvFormatException>(() => CsvText.Read(Header + "\"" + id + "\"x,2024-01-01,1\n"));

        Assert.Equal("x", Assert.Single(log.Rejected).RawText);
        Assert.Equal("\"" + new string('y', 199) + "... (5,016 characters)", strict.RawText);
        Assert.True(strict.Message.Length < 600, strict.Message);
    }

    [Fact]
    public void Read_DoubleByteOrderMark_HeaderErrorShowsTheMarkEscaped()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(Header + "a,2024-01-01,1\n")).ToArray();

        var e = Assert.Throws<CsvFormatException>(() => CsvText.Read(bytes));

        Assert.Contains("it has: \\ufeffcustomer_id, date, amount.", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\uFEFF', e.Message);
        Assert.Equal("customer_id", e.Column);
    }

    [Fact]
    public void Read_HeaderWithInvisibleCharacters_EveryNameInTheMessageEscaped()
    {
        var e = Assert.Throws<CsvFormatException>(() => CsvText.Read("customer_id,da\u200Bte,amount\u00A0\n"));

        Assert.Contains("has no column 'date'; it has: customer_id, da\\u200bte, amount\\u00a0.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ManyLongHeaderNames_MessageBounded()
    {
        string header = string.Join(",", Enumerable.Range(0, 2_000).Select(i => new string('h', 50) + i));

        var e = Assert.Throws<CsvFormatException>(() => CsvText.Read(header + "\n"));

        Assert.True(e.Message.Length < 1_000, e.Message.Length.ToString(CultureInfo.InvariantCulture));
        Assert.Contains("... (2000 names)", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("characters)", e.RawText, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ByteOrderMarkArrivingOneByteAtATime_Skipped()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Header + "a,2024-01-01,1\n")).ToArray();

        var log = TransactionCsv.Read(new OneByteStream(bytes));

        Assert.Equal("a", Assert.Single(log.Transactions.ToArray()).CustomerId);
    }

    [Theory]
    [InlineData("utf-16")]
    [InlineData("utf-16BE")]
    [InlineData("utf-32")]
    public void Read_Utf16Or32WithByteOrderMark_Honoured(string encoding)
    {
        var e = Encoding.GetEncoding(encoding);
        var bytes = e.GetPreamble().Concat(e.GetBytes(Header + "Ärger,2024-01-01,1.5\n")).ToArray();

        var log = CsvText.Read(bytes);

        Assert.Equal(new Transaction("Ärger", new DateOnly(2024, 1, 1), 1.5), Assert.Single(log.Transactions.ToArray()));
    }

    [Theory]
    [InlineData(0)]
    [InlineData((1 << 30) + 1)]
    public void Read_MaxRecordLengthOutOfRange_ThrowsNamingTheProperty(int length)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => CsvText.Read(Header, new TransactionCsvOptions { MaxRecordLength = length }));

        Assert.Equal("options.MaxRecordLength", e.ParamName);
    }

    [Fact]
    public void Read_MaxRecordLinesZero_ThrowsNamingTheProperty()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => CsvText.Read(Header, new TransactionCsvOptions { MaxRecordLines = 0 }));

        Assert.Equal("options.MaxRecordLines", e.ParamName);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    public void Read_TinyBuffers_SameRowsAsTheDefaultBuffer(int bufferSize)
    {
        const string text = "customer_id,date,amount\r\n\"a\r\nb\",2024-01-01,1\r\"c\"\"d\",2024-01-02,2\n\r\ne,2024-01-03,3\r";
        var options = new TransactionCsvOptions { BufferSize = bufferSize };

        var log = CsvText.Read(text, options);

        Assert.Equal(["a\r\nb", "c\"d", "e"], log.Transactions.ToArray().Select(t => t.CustomerId));
    }

    private sealed class OneByteStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, 1)]);
    }
}
