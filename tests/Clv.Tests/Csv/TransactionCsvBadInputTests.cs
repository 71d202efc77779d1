using System.Text;
using Clv.Csv;

namespace Clv.Tests.Csv;

/// <summary>
/// The bad-input corpus: each case is read strictly (must throw naming line, column and raw text) and leniently
/// (must import the good rows and reject exactly that row with the same line, column and raw text).
/// </summary>
public class TransactionCsvBadInputTests
{
    private const string Header = "customer_id,date,amount\n";

    /// <summary>Name, file text (one good row before and after the bad one), bad line, column, raw text, words in the reason.</summary>
    public static TheoryData<string, string, long, string?, string, string> RowCases => new()
    {
        { "bad date", Header + "A,2024-01-01,1\nB,2024-13-01,2\nC,2024-01-03,3\n", 3, "date", "2024-13-01", "format 'yyyy-MM-dd'" },
        { "non-numeric amount", Header + "A,2024-01-01,1\nB,2024-01-02,twelve\nC,2024-01-03,3\n", 3, "amount", "twelve", "Not a number" },
        { "empty amount", Header + "A,2024-01-01,1\nB,2024-01-02,\nC,2024-01-03,3\n", 3, "amount", "", "Not a number" },
        { "NaN amount", Header + "A,2024-01-01,1\nB,2024-01-02,NaN\nC,2024-01-03,3\n", 3, "amount", "NaN", "not a finite number" },
        { "Infinity amount", Header + "A,2024-01-01,1\nB,2024-01-02,-Infinity\nC,2024-01-03,3\n", 3, "amount", "-Infinity", "not a finite number" },
        { "huge amount", Header + "A,2024-01-01,1\nB,2024-01-02,1e400\nC,2024-01-03,3\n", 3, "amount", "1e400", "not a finite number" },
        { "empty customer id", Header + "A,2024-01-01,1\n ,2024-01-02,2\nC,2024-01-03,3\n", 3, "customer_id", " ,2024-01-02,2", "customer id is empty" },
        { "too few fields", Header + "A,2024-01-01,1\nB,2024-01-02\nC,2024-01-03,3\n", 3, "amount", "B,2024-01-02", "column 'amount' (index 2) is missing" },
        { "one field", Header + "A,2024-01-01,1\nB\nC,2024-01-03,3\n", 3, "date", "B", "column 'date' (index 1) is missing" },
        { "bad data after quote", Header + "A,2024-01-01,1\n\"B\"x,2024-01-02,2\nC,2024-01-03,3\n", 3, null, "\"B\"x,2024-01-02,2", "RFC 4180" },
        { "quoted row too short", Header + "A,2024-01-01,1\n\"B\",2024-01-02\nC,2024-01-03,3\n", 3, "amount", "\"B\",2024-01-02", "is missing" },
        { "blank lines keep numbering", Header + "\nA,2024-01-01,1\n   \n\r\nB,2024-01-02,x\nC,2024-01-03,3\n", 6, "amount", "x", "Not a number" },
        { "unclosed quote costs its line only", Header + "A,2024-01-01,1\n\"B,2024-01-02,2\nC,2024-01-03,3\n", 3, null, "\"B,2024-01-02,2", "not closed" },
        { "stray quote in an unquoted field", Header + "A,2024-01-01,1\nB\"x,2024-01-02,2\"\nC,2024-01-03,3\n", 3, null, "B\"x,2024-01-02,2\"", "does not start with one" },
        { "bad quotes spanning lines are one record", Header + "A,2024-01-01,1\na\"b,2024-01-05,10\nc2,2024-01-06,20\nx\"\nC,2024-01-03,3\n", 3, null, "a\"b,2024-01-05,10\nc2,2024-01-06,20\nx\"", "RFC 4180" },
    };

    /// <summary>File-level problems: both modes throw. Name, file text, options, column, words in the message.</summary>
    public static TheoryData<string, string, string, string> FileCases => new()
    {
        { "missing column", "customer_id,day,amount\nA,2024-01-01,1\n", "date", "has no column 'date'; it has: customer_id, day, amount" },
        { "duplicate header", "customer_id,date,amount,date\nA,2024-01-01,1,2024-01-02\n", "date", "more than once (fields 1 and 3)" },
        { "duplicate header other case", "customer_id,Amount,date,amount\nA,1,2024-01-01,2\n", "amount", "more than once (fields 1 and 3)" },
        { "unclosed quote in header", "\"customer_id,date,amount\nA,2024-01-01,1\n", "", "not closed" },
    };

    [Theory]
    [MemberData(nameof(RowCases))]
    public void Read_StrictBadRow_ThrowsNamingLineColumnAndRawText(string name, string text, long line, string? column, string raw, string reason)
    {
        var e = Assert.Throws<CsvFormatException>(() => CsvText.Read(text));

        Assert.Equal(line, e.LineNumber);
        Assert.Equal(column, e.Column);
        Assert.Equal(raw, e.RawText);
        Assert.Contains(reason, e.Reason, StringComparison.Ordinal);
        Assert.Contains($"Line {line}", e.Message, StringComparison.Ordinal);
        if (column is not null)
        {
            Assert.Contains($"column '{column}'", e.Message, StringComparison.Ordinal);
        }

        Assert.False(string.IsNullOrEmpty(name));
    }

    [Theory]
    [MemberData(nameof(RowCases))]
    public void Read_LenientBadRow_ImportsGoodRowsAndRejectsBadOne(string name, string text, long line, string? column, string raw, string reason)
    {
        var log = CsvText.Read(text, CsvText.Lenient);

        var rejected = Assert.Single(log.Rejected);
        Assert.Equal(new RejectedRow(line, column, raw, rejected.Reason), rejected);
        Assert.Contains(reason, rejected.Reason, StringComparison.Ordinal);
        Assert.Equal(["A", "C"], log.Transactions.ToArray().Select(t => t.CustomerId));
        Assert.Equal(3, log.RowsRead);
        Assert.False(string.IsNullOrEmpty(name));
    }

    [Theory]
    [MemberData(nameof(FileCases))]
    public void Read_FileLevelProblem_ThrowsInBothModes(string name, string text, string column, string message)
    {
        foreach (var mode in new[] { CsvReadMode.Strict, CsvReadMode.Lenient })
        {
            var e = Assert.Throws<CsvFormatException>(() => CsvText.Read(text, new TransactionCsvOptions { Mode = mode }));

            Assert.Equal(1, e.LineNumber);
            Assert.Equal(column.Length == 0 ? null : column, e.Column);
            Assert.Contains(message, e.Message, StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(name));
        }
    }

    [Fact]
    public void Read_WrongDelimiter_MessageSuggestsDelimiter()
    {
        var e = Assert.Throws<CsvFormatException>(() => CsvText.Read("customer_id;date;amount\nA;2024-01-01;1\n"));

        Assert.Contains("has: customer_id;date;amount. Only one field was found: is the delimiter ',' right?", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_IndexBeyondHeader_ThrowsInBothModes()
    {
        foreach (var mode in new[] { CsvReadMode.Strict, CsvReadMode.Lenient })
        {
            var options = new TransactionCsvOptions { AmountIndex = 5, Mode = mode };

            var e = Assert.Throws<CsvFormatException>(() => CsvText.Read(Header + "A,2024-01-01,1\n", options));

            Assert.Equal("5", e.Column);
            Assert.Contains("beyond the header", e.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(CsvReadMode.Strict)]
    [InlineData(CsvReadMode.Lenient)]
    public void Read_EmptyFile_EmptyLog(CsvReadMode mode)
    {
        foreach (var text in new[] { "", "\n\n", "  \r\n\t\r\n" })
        {
            var log = CsvText.Read(text, new TransactionCsvOptions { Mode = mode });

            Assert.Equal(0, log.RowsRead);
        }
    }

    [Theory]
    [InlineData(CsvReadMode.Strict)]
    [InlineData(CsvReadMode.Lenient)]
    public void Read_HeaderOnly_EmptyLog(CsvReadMode mode)
    {
        var log = CsvText.Read("customer_id,date,amount\r\n", new TransactionCsvOptions { Mode = mode });

        Assert.Equal(0, log.RowsRead);
    }

    [Theory]
    [InlineData(CsvReadMode.Strict)]
    [InlineData(CsvReadMode.Lenient)]
    public void Read_ExtraFields_IgnoredAndImported(CsvReadMode mode)
    {
        var log = CsvText.Read(Header + "A,2024-01-01,1,extra,more\nB,2024-01-02,2\n", new TransactionCsvOptions { Mode = mode });

        Assert.Equal(2, log.Count);
        Assert.Empty(log.Rejected);
    }

    [Theory]
    [InlineData(CsvReadMode.Strict)]
    [InlineData(CsvReadMode.Lenient)]
    public void Read_LongDigitStrings_Parse(CsvReadMode mode)
    {
        var log = CsvText.Read(Header + "A,2024-01-01,123456789012345678901234567890.5\nB,2024-01-01,0.000000000000000000000000000001\n", new TransactionCsvOptions { Mode = mode });

        Assert.Equal(1.2345678901234568E+29, log.Transactions[0].Amount);
        Assert.Equal(1e-30, log.Transactions[1].Amount);
    }

    [Fact]
    public void Read_InvalidUtf8InCustomerId_StrictThrowsOnItsLine()
    {
        var bytes = InvalidUtf8File();

        var e = Assert.Throws<CsvFormatException>(() => CsvText.Read(bytes));

        Assert.Equal(3, e.LineNumber);
        Assert.Equal("customer_id", e.Column);
        Assert.Contains("not valid UTF-8", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_InvalidUtf8InCustomerIdAndAmount_LenientRejectsThoseRows()
    {
        var log = CsvText.Read(InvalidUtf8File(), CsvText.Lenient);

        Assert.Equal(["A", "D"], log.Transactions.ToArray().Select(t => t.CustomerId));
        Assert.Equal([3L, 4L], log.Rejected.Select(r => r.LineNumber));
        Assert.Equal(["customer_id", "amount"], log.Rejected.Select(r => r.Column));
        Assert.All(log.Rejected, r => Assert.Contains("not valid UTF-8", r.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Read_CustomerIdEmptyNoHeader_RejectionNamesIndex()
    {
        var options = new TransactionCsvOptions { HasHeader = false, CustomerIdIndex = 0, DateIndex = 1, AmountIndex = 2, Mode = CsvReadMode.Lenient };

        var log = CsvText.Read(",2024-01-01,1\n", options);

        Assert.Equal(new RejectedRow(1, "0", ",2024-01-01,1", "The customer id is empty."), Assert.Single(log.Rejected));
    }

    [Fact]
    public void ToRejectedRow_StrictException_EqualsLenientRejection()
    {
        const string text = Header + "A,2024-01-01,1\nB,2024-01-02,x\n";

        var e = Assert.Throws<CsvFormatException>(() => CsvText.Read(text));
        var lenient = CsvText.Read(text, CsvText.Lenient);

        Assert.Equal(Assert.Single(lenient.Rejected), e.ToRejectedRow());
    }

    private static byte[] InvalidUtf8File()
    {
        var bytes = new List<byte>();
        bytes.AddRange(Encoding.UTF8.GetBytes(Header + "A,2024-01-01,1\nB"));
        bytes.AddRange([0xC3, 0x28]);
        bytes.AddRange(Encoding.UTF8.GetBytes(",2024-01-02,2\nC,2024-01-03,"));
        bytes.Add(0xFF);
        bytes.AddRange(Encoding.UTF8.GetBytes("\nD,2024-01-04,4\n"));
        return [.. bytes];
    }
}
