using System.Globalization;
using System.Text;
using Clv.Crm;
using Clv.Csv;
using Clv.Tests.Tool;

namespace Clv.Tests.Csv;

/// <summary>
/// <see cref="CsvWriteOptions"/>: a CRM import gets its ids as they are (no formula escape), Excel gets a byte order mark, and
/// the defaults stay as they were (escaped, no mark), on every destination and through the scorecard's chunked writer.
/// </summary>
public class CsvWriteOptionsTests
{
    private static readonly CsvWriteOptions Raw = new() { EscapeFormulas = false };
    private static readonly CsvWriteOptions Bom = new() { ByteOrderMark = true };
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    private static CustomerSummaries Customers() => CustomerSummaries.FromTransactions(
        [
            new Transaction("+441234", new DateOnly(2024, 1, 5), 20),
            new Transaction("+441234", new DateOnly(2024, 3, 5), 30),
            new Transaction("-7", new DateOnly(2024, 2, 1), 10),
            new Transaction("@acme", new DateOnly(2024, 2, 3), 15),
            new Transaction("a,b", new DateOnly(2024, 2, 4), 5),
        ],
        new DateOnly(2024, 6, 30),
        TimeUnit.Week);

    private static string[] Ids(string csv) =>
        [.. csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(line => ScorecardCsvTests.Fields(line)[0])];

    [Fact]
    public void Defaults_EscapeFormulasAndNoByteOrderMark()
    {
        Assert.True(CsvWriteOptions.Default.EscapeFormulas);
        Assert.False(CsvWriteOptions.Default.ByteOrderMark);
        var card = Scorecard.Create(Customers(), ScorecardOptions.Default);
        var plain = new StringWriter(CultureInfo.InvariantCulture);
        ScorecardCsv.Write(plain, card);
        var withNull = new StringWriter(CultureInfo.InvariantCulture);
        ScorecardCsv.Write(withNull, card, null);
        Assert.Equal(plain.ToString(), withNull.ToString());
        Assert.Equal(["'+441234", "'-7", "'@acme", "a,b"], Ids(plain.ToString()));
    }

    [Fact]
    public void ScorecardCsv_EscapeFormulasOff_IdsAsTheyAre_AlsoInChunks()
    {
        var card = Scorecard.Create(Customers(), ScorecardOptions.Default);
        var text = new StringWriter(CultureInfo.InvariantCulture);
        ScorecardCsv.Write(text, card, Raw);
        Assert.Equal(["+441234", "-7", "@acme", "a,b"], Ids(text.ToString()));
        Assert.Contains("\r\n\"a,b\",", text.ToString(), StringComparison.Ordinal);   // still quoted where RFC 4180 needs it

        // Chunks formatted on other threads take the table's rule: the same text.
        var chunked = new StringWriter(CultureInfo.InvariantCulture);
        ScorecardCsv.Write(chunked, card, chunkRows: 1, Raw);
        Assert.Equal(text.ToString(), chunked.ToString());
        var chunkedBytes = new MemoryStream();
        ScorecardCsv.Write(chunkedBytes, card, chunkRows: 1, Raw);
        Assert.Equal(text.ToString(), Encoding.UTF8.GetString(chunkedBytes.ToArray()));
    }

    [Fact]
    public void CustomerSummaryCsv_EscapeFormulasOff_IdsAsTheyAre()
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        CustomerSummaryCsv.Write(text, Customers(), Raw);
        Assert.Equal(["+441234", "-7", "@acme", "a,b"], Ids(text.ToString()));
    }

    [Fact]
    public void ByteOrderMark_FileAndStreamStartWithEfBbBf_TextWriterWithUFeff_RestUnchanged()
    {
        var customers = Customers();
        var card = Scorecard.Create(customers, ScorecardOptions.Default);
        var plain = new StringWriter(CultureInfo.InvariantCulture);
        ScorecardCsv.Write(plain, card);
        Assert.Contains(plain.ToString(), c => c > 0x3000);   // the Chinese labels Excel needs the mark for
        byte[] expected = [.. Utf8Bom, .. new UTF8Encoding(false).GetBytes(plain.ToString())];

        using var dir = new TempFolder();
        ScorecardCsv.Write(dir["card.csv"], card, Bom);
        Assert.Equal(expected, File.ReadAllBytes(dir["card.csv"]));
        var stream = new MemoryStream();
        ScorecardCsv.Write(stream, card, Bom);
        Assert.Equal(expected, stream.ToArray());
        var text = new StringWriter(CultureInfo.InvariantCulture);
        ScorecardCsv.Write(text, card, Bom);
        Assert.Equal("\uFEFF" + plain.ToString(), text.ToString());

        // Chunked rows are appended after the mark.
        var chunked = new MemoryStream();
        ScorecardCsv.Write(chunked, card, chunkRows: 1, Bom);
        Assert.Equal(expected, chunked.ToArray());

        var summaries = new StringWriter(CultureInfo.InvariantCulture);
        CustomerSummaryCsv.Write(summaries, customers);
        CustomerSummaryCsv.Write(dir["customers.csv"], customers, Bom);
        Assert.Equal([.. Utf8Bom, .. new UTF8Encoding(false).GetBytes(summaries.ToString())], File.ReadAllBytes(dir["customers.csv"]));

        // A reader that honours the mark (as Excel and .NET's StreamReader do) reads the same text.
        Assert.Equal(plain.ToString(), File.ReadAllText(dir["card.csv"]));
    }
}
