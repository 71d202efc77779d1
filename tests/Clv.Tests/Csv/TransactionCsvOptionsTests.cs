using System.Globalization;
using Clv.Csv;

namespace Clv.Tests.Csv;

/// <summary>The options are validated once, before any I/O, and every error names the property path.</summary>
public class TransactionCsvOptionsTests
{
    public static TheoryData<string, TransactionCsvOptions, Type> InvalidOptions => new()
    {
        { "options.Culture", new TransactionCsvOptions { Culture = null! }, typeof(ArgumentNullException) },
        { "options.DateFormat", new TransactionCsvOptions { DateFormat = " " }, typeof(ArgumentException) },
        { "options.DateFormat", new TransactionCsvOptions { DateFormat = "yyyy-MM-dd%" }, typeof(ArgumentException) },
        { "options.CustomerIdIndex", new TransactionCsvOptions { CustomerIdIndex = -1 }, typeof(ArgumentOutOfRangeException) },
        { "options.DateIndex", new TransactionCsvOptions { DateIndex = -2 }, typeof(ArgumentOutOfRangeException) },
        { "options.AmountIndex", new TransactionCsvOptions { AmountIndex = -3 }, typeof(ArgumentOutOfRangeException) },
        { "options.CustomerIdColumn", new TransactionCsvOptions { CustomerIdColumn = "" }, typeof(ArgumentException) },
        { "options.DateColumn", new TransactionCsvOptions { DateColumn = null! }, typeof(ArgumentException) },
        { "options.AmountColumn", new TransactionCsvOptions { AmountColumn = "\t" }, typeof(ArgumentException) },
        { "options.HasHeader", new TransactionCsvOptions { HasHeader = false, CustomerIdIndex = 0, DateIndex = 1 }, typeof(ArgumentException) },
        { "options.Delimiter", new TransactionCsvOptions { Delimiter = '"' }, typeof(ArgumentOutOfRangeException) },
        { "options.CustomerIdIndex", new TransactionCsvOptions { CustomerIdIndex = 1, AmountIndex = 1 }, typeof(ArgumentException) },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Read_InvalidOptions_ThrowsBeforeReadingNamingThePropertyPath(string property, TransactionCsvOptions options, Type type)
    {
        // The stream would fail if it were read: the options are checked first.
        using var unreadable = new UnreadableStream();

        var e = Assert.Throws(type, () => TransactionCsv.Read(unreadable, options));
        var builder = new CustomerSummariesBuilder(new DateOnly(2024, 1, 31), TimeUnit.Day);
        var intoError = Assert.Throws(type, () => TransactionCsv.ReadInto(unreadable, builder, options));

        Assert.Equal(property, ((ArgumentException)e).ParamName);
        Assert.Equal(property, ((ArgumentException)intoError).ParamName);
        Assert.Contains(property, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_HasTheDocumentedDefaults()
    {
        var d = TransactionCsvOptions.Default;

        Assert.Same(d, TransactionCsvOptions.Default);
        Assert.Equal(("customer_id", "date", "amount"), (d.CustomerIdColumn, d.DateColumn, d.AmountColumn));
        Assert.Equal((null, null, null), (d.CustomerIdIndex, d.DateIndex, d.AmountIndex));
        Assert.True(d.HasHeader);
        Assert.Equal(',', d.Delimiter);
        Assert.False(d.WhitespaceDelimited);
        Assert.Equal("yyyy-MM-dd", d.DateFormat);
        Assert.Same(CultureInfo.InvariantCulture, d.Culture);
        Assert.Equal(CsvReadMode.Strict, d.Mode);
        Assert.Null(d.Progress);
        Assert.Equal(CancellationToken.None, d.CancellationToken);
    }

    [Fact]
    public void ReadInto_StreamAndFile_SameRowsAndReport()
    {
        const string text = "customer_id,date,amount\na,2024-01-01,1\nb,2024-01-02,x\na,2024-01-05,3\n";
        string path = Path.Combine(Path.GetTempPath(), $"clv-readinto-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, text);
        try
        {
            var options = new TransactionCsvOptions { Mode = CsvReadMode.Lenient };
            var fromFile = new CustomerSummariesBuilder(new DateOnly(2024, 1, 31), TimeUnit.Day);
            var fromStream = new CustomerSummariesBuilder(new DateOnly(2024, 1, 31), TimeUnit.Day);
            using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));

            var a = TransactionCsv.ReadInto(path, fromFile, options);
            var b = TransactionCsv.ReadInto(stream, fromStream, options);

            Assert.Equal((a.Imported, a.RowsRead), (b.Imported, b.RowsRead));
            Assert.Equal(a.Rejected, b.Rejected);
            Assert.True(CustomerSummariesPropertyTests.SameSummaries(fromFile.Build(), fromStream.Build()));
            Assert.True(stream.CanRead);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Read_ProgressAndCancellationInOptions_UsedByReadToo()
    {
        var reports = new List<long>();
        var log = CsvText.Read("customer_id,date,amount\na,2024-01-01,1\nb,2024-01-02,2\n", new TransactionCsvOptions { Progress = new TransactionCsvReadIntoTests.SyncProgress(reports.Add) });
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Equal(2, log.Count);
        Assert.Equal([2L], reports);
        Assert.ThrowsAny<OperationCanceledException>(() => CsvText.Read("customer_id,date,amount\na,2024-01-01,1\n", new TransactionCsvOptions { CancellationToken = cancelled.Token }));
    }

    private sealed class UnreadableStream : MemoryStream
    {
        public override int Read(byte[] buffer, int offset, int count) => throw new InvalidOperationException("read");

        public override int Read(Span<byte> buffer) => throw new InvalidOperationException("read");
    }
}
