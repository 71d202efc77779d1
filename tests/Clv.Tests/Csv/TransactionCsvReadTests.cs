using System.Globalization;
using System.Text;
using Clv.Csv;

namespace Clv.Tests.Csv;

public class TransactionCsvReadTests
{
    internal static readonly TransactionCsvOptions Cdnow = new()
    {
        WhitespaceDelimited = true,
        HasHeader = false,
        CustomerIdIndex = 1,
        DateIndex = 2,
        DateFormat = "yyyyMMdd",
        AmountIndex = 4,
    };

    [Fact]
    public void Read_CdnowSampleWhitespaceNoHeader_ReproducesPublishedSummaryForAllCustomers()
    {
        var log = TransactionCsv.Read(TestData.PathOf("CDNOW_sample.txt"), Cdnow);
        var summaries = CustomerSummaries.FromTransactions(log.Transactions, new DateOnly(1997, 9, 30), TimeUnit.Week);

        Assert.Equal(6919, log.Count);
        Assert.Empty(log.Rejected);
        var byNumber = new Dictionary<int, int>();
        for (int i = 0; i < summaries.Count; i++)
        {
            byNumber.Add(int.Parse(summaries[i].CustomerId, CultureInfo.InvariantCulture), i);
        }

        TestData.AssertReproducesPublishedSummary(summaries, id => byNumber.TryGetValue(int.Parse(id, CultureInfo.InvariantCulture), out int i) ? i : null);
    }

    [Fact]
    public void Read_CdnowSample_EqualsIndependentLoaderRowByRow()
    {
        var log = TransactionCsv.Read(TestData.PathOf("CDNOW_sample.txt"), Cdnow);
        var expected = TestData.CdnowSample();

        Assert.Equal(expected.Length, log.Count);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(int.Parse(expected[i].CustomerId, CultureInfo.InvariantCulture), int.Parse(log.Transactions[i].CustomerId, CultureInfo.InvariantCulture));
            Assert.Equal(expected[i].Date, log.Transactions[i].Date);
            Assert.Equal(expected[i].Amount, log.Transactions[i].Amount);
        }
    }

    [Fact]
    public void Read_DefaultOptions_ReadsHeaderNamesIsoDatesInvariantAmounts()
    {
        var log = CsvText.Read("customer_id,date,amount\nC1,2024-01-31,12.50\nC2,2024-02-29,-3\n");

        Assert.Equal(2, log.Count);
        Assert.Equal(new Transaction("C1", new DateOnly(2024, 1, 31), 12.5), log.Transactions[0]);
        Assert.Equal(new Transaction("C2", new DateOnly(2024, 2, 29), -3), log.Transactions[1]);
        Assert.Equal(2, log.RowsRead);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public void Read_AnyLineEnding_SameRows(string newline)
    {
        var text = string.Join(newline, "customer_id,date,amount", "C1,2024-01-01,1", "C2,2024-01-02,2") + newline;

        var log = CsvText.Read(text);

        Assert.Equal(["C1", "C2"], log.Transactions.ToArray().Select(t => t.CustomerId));
        Assert.Equal([1.0, 2.0], log.Transactions.ToArray().Select(t => t.Amount));
    }

    [Fact]
    public void Read_NoFinalNewline_ReadsLastRow()
    {
        var log = CsvText.Read("customer_id,date,amount\r\nC1,2024-01-01,1\r\nC2,2024-01-02,2");

        Assert.Equal(2, log.Count);
        Assert.Equal(2.0, log.Transactions[1].Amount);
    }

    [Fact]
    public void Read_Utf8Bom_HeaderStillMatches()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("customer_id,date,amount\nÄrger,2024-01-01,5\n")).ToArray();

        var log = CsvText.Read(bytes);

        Assert.Equal("Ärger", Assert.Single(log.Transactions.ToArray()).CustomerId);
    }

    [Fact]
    public void Read_GermanCultureSemicolon_ParsesDecimalComma()
    {
        var options = new TransactionCsvOptions { Delimiter = ';', Culture = CultureInfo.GetCultureInfo("de-DE"), DateFormat = "dd.MM.yyyy" };

        var log = CsvText.Read("customer_id;date;amount\nC1;31.01.2024;12,50\nC2;01.02.2024;-0,5\n", options);

        Assert.Equal(12.5, log.Transactions[0].Amount);
        Assert.Equal(-0.5, log.Transactions[1].Amount);
        Assert.Equal(new DateOnly(2024, 1, 31), log.Transactions[0].Date);
    }

    [Fact]
    public void Read_GermanCultureQuotedAmountWithCommaDelimiter_ParsesDecimalComma()
    {
        var options = new TransactionCsvOptions { Culture = CultureInfo.GetCultureInfo("de-DE") };

        var log = CsvText.Read("customer_id,date,amount\nC1,2024-01-31,\"12,50\"\n", options);

        Assert.Equal(12.5, Assert.Single(log.Transactions.ToArray()).Amount);
    }

    [Fact]
    public void Read_InvariantCultureDecimalComma_RejectedNotMisread()
    {
        var log = CsvText.Read("customer_id;date;amount\nC1;2024-01-31;12,50\n", new TransactionCsvOptions { Delimiter = ';', Mode = CsvReadMode.Lenient });

        Assert.Equal(0, log.Count);
        Assert.Equal("12,50", Assert.Single(log.Rejected).RawText);
    }

    [Fact]
    public void Read_TabDelimiter_Reads()
    {
        var log = CsvText.Read("customer_id\tdate\tamount\nC 1\t2024-01-31\t7\n", new TransactionCsvOptions { Delimiter = '\t' });

        Assert.Equal("C 1", Assert.Single(log.Transactions.ToArray()).CustomerId);
    }

    [Fact]
    public void Read_QuotedFields_EmbeddedDelimiterQuoteAndNewlineKeepLineNumbers()
    {
        var text = "customer_id,date,amount\n\"Smith, J.\",2024-01-01,1\n\"say \"\"hi\"\"\",\"2024-01-02\",\"2.5\"\n\"two\nlines\",2024-01-03,3\nC4,2024-01-04,oops\n";

        var log = CsvText.Read(text, CsvText.Lenient);

        Assert.Equal(["Smith, J.", "say \"hi\"", "two\nlines"], log.Transactions.ToArray().Select(t => t.CustomerId));
        Assert.Equal(2.5, log.Transactions[1].Amount);
        var rejected = Assert.Single(log.Rejected);
        Assert.Equal(6, rejected.LineNumber);
        Assert.Equal("amount", rejected.Column);
    }

    [Fact]
    public void Read_FullyQuotedFileWithBadRecordsBetween_EveryGoodRecordImported()
    {
        var text = new StringBuilder("\"customer_id\",\"date\",\"amount\"\r\n");
        for (int i = 0; i < 500; i++)
        {
            text.Append(i % 7 == 3 ? $"\"C{i}\"x,\"2024-01-01\",\"{i}\"\r\n" : $"\"C{i}\",\"2024-01-01\",\"{i}.5\"\r\n");
            if (i % 50 == 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"P{i},2024-01-02,{i}\r\n");
            }
        }

        var log = CsvText.Read(text.ToString(), CsvText.Lenient);

        var quoted = log.Transactions.ToArray().Where(t => t.CustomerId.StartsWith('C')).ToArray();
        Assert.Equal(Enumerable.Range(0, 500).Where(i => i % 7 != 3).Select(i => $"C{i}"), quoted.Select(t => t.CustomerId));
        Assert.Equal(Enumerable.Range(0, 500).Where(i => i % 7 != 3).Select(i => i + 0.5), quoted.Select(t => t.Amount));
        Assert.Equal(10, log.Transactions.ToArray().Count(t => t.CustomerId.StartsWith('P')));
        Assert.Equal(Enumerable.Range(0, 500).Count(i => i % 7 == 3), log.Rejected.Count);
        Assert.All(log.Rejected, r => Assert.Null(r.Column));
    }

    [Fact]
    public void Read_QuotedHeader_FindsColumns()
    {
        var log = CsvText.Read("\"customer_id\",\"date\",\"amount\"\nC1,2024-01-01,1\n");

        Assert.Equal(1, log.Count);
    }

    [Fact]
    public void Read_HeaderNamesDifferentCaseAndSpaces_Match()
    {
        var log = CsvText.Read(" Customer_ID , DATE ,Amount\nC1 , 2024-01-01 , 1\n");

        Assert.Equal(new Transaction("C1", new DateOnly(2024, 1, 1), 1), Assert.Single(log.Transactions.ToArray()));
    }

    [Fact]
    public void Read_CustomColumnNamesAndOtherColumns_PicksConfiguredOnes()
    {
        var options = new TransactionCsvOptions { CustomerIdColumn = "client", DateColumn = "day", AmountColumn = "value" };

        var log = CsvText.Read("order,value,product,day,client\n1,9.99,book,2024-03-01,A\n", options);

        Assert.Equal(new Transaction("A", new DateOnly(2024, 3, 1), 9.99), Assert.Single(log.Transactions.ToArray()));
    }

    [Fact]
    public void Read_IndicesWithHeader_IndicesWinOverNames()
    {
        var options = new TransactionCsvOptions { CustomerIdIndex = 2, DateIndex = 0, AmountIndex = 1, CustomerIdColumn = "nope" };

        var log = CsvText.Read("d,a,c\n2024-01-01,4,X\n", options);

        Assert.Equal(new Transaction("X", new DateOnly(2024, 1, 1), 4), Assert.Single(log.Transactions.ToArray()));
    }

    [Fact]
    public void Read_IndicesWithHeader_RejectionNamesHeaderColumn()
    {
        var options = new TransactionCsvOptions { CustomerIdIndex = 0, DateIndex = 1, AmountIndex = 2, Mode = CsvReadMode.Lenient };

        var log = CsvText.Read("id,when,how_much\nX,2024-01-01,lots\n", options);

        Assert.Equal("how_much", Assert.Single(log.Rejected).Column);
    }

    [Fact]
    public void Read_CustomDateFormat_ParsesExactly()
    {
        var options = new TransactionCsvOptions { DateFormat = "dd/MM/yyyy", Mode = CsvReadMode.Lenient };

        var log = CsvText.Read("customer_id,date,amount\nA,31/12/2023,1\nB,2023-12-31,1\n", options);

        Assert.Equal(new DateOnly(2023, 12, 31), Assert.Single(log.Transactions.ToArray()).Date);
        Assert.Equal(3, Assert.Single(log.Rejected).LineNumber);
    }

    [Theory]
    [InlineData("yyyy-MM-dd", "2024-02-30")]
    [InlineData("yyyy-MM-dd", "2024-2-03")]
    [InlineData("yyyy-MM-dd", "0000-01-01")]
    [InlineData("yyyy-MM-dd", "2024-01-01T00:00")]
    [InlineData("yyyyMMdd", "20241301")]
    [InlineData("yyyyMMdd", "2024011")]
    public void Read_InvalidDateForFastFormats_Rejected(string format, string date)
    {
        var options = new TransactionCsvOptions { DateFormat = format, Mode = CsvReadMode.Lenient };

        var log = CsvText.Read($"customer_id,date,amount\nA,{date},1\n", options);

        Assert.Equal(0, log.Count);
        Assert.Equal(date, Assert.Single(log.Rejected).RawText);
    }

    [Fact]
    public void Read_SameIdManyRows_StoresOneString()
    {
        var log = CsvText.Read("customer_id,date,amount\nC1,2024-01-01,1\nC1,2024-01-02,2\n\"C1\",2024-01-03,3\n");

        Assert.Same(log.Transactions[0].CustomerId, log.Transactions[1].CustomerId);
        Assert.Same(log.Transactions[0].CustomerId, log.Transactions[2].CustomerId);
    }

    [Fact]
    public void Read_LineLongerThanBuffer_Reads()
    {
        var id = new string('x', 200_000);

        var log = CsvText.Read($"customer_id,date,amount\n{id},2024-01-01,1\nB,2024-01-02,2\n");

        Assert.Equal(id, log.Transactions[0].CustomerId);
        Assert.Equal("B", log.Transactions[1].CustomerId);
    }

    [Fact]
    public void Read_File_SameAsStream()
    {
        var path = Path.Combine(Path.GetTempPath(), $"clv-csv-{Guid.NewGuid():N}.csv");
        try
        {
            File.WriteAllText(path, "customer_id,date,amount\nC1,2024-01-01,1\n");

            var log = TransactionCsv.Read(path);

            Assert.Equal(1, log.Count);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Read_NoHeaderWithoutIndices_ThrowsArgumentExceptionNamingIndices()
    {
        var e = Assert.Throws<ArgumentException>(() => CsvText.Read("C1,2024-01-01,1\n", new TransactionCsvOptions { HasHeader = false, CustomerIdIndex = 0 }));

        Assert.Contains("set options.CustomerIdIndex, options.DateIndex and options.AmountIndex", e.Message, StringComparison.Ordinal);
        Assert.Equal("options.HasHeader", e.ParamName);
    }

    [Fact]
    public void Read_NegativeIndex_ThrowsArgumentOutOfRange()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => CsvText.Read("a\n", new TransactionCsvOptions { DateIndex = -1 }));

        Assert.Equal("options.DateIndex", e.ParamName);
    }

    [Theory]
    [InlineData('"')]
    [InlineData('\n')]
    [InlineData(' ')]
    public void Read_InvalidDelimiter_ThrowsArgumentOutOfRange(char delimiter)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CsvText.Read("a\n", new TransactionCsvOptions { Delimiter = delimiter }));
    }

    [Fact]
    public void Read_InvalidDateFormat_ThrowsArgumentException()
    {
        var e = Assert.Throws<ArgumentException>(() => CsvText.Read("a\n", new TransactionCsvOptions { DateFormat = "yyyy-MM-dd%" }));

        Assert.Contains("yyyy-MM-dd%", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SameIndexTwice_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => CsvText.Read("a\n", new TransactionCsvOptions { CustomerIdIndex = 1, DateIndex = 1 }));
    }

    [Fact]
    public void Read_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => TransactionCsv.Read((Stream)null!));
        Assert.Throws<ArgumentNullException>(() => TransactionCsv.Read((string)null!));
    }
}
