using System.Globalization;
using System.Text;
using Clv.Csv;
using CsvHelper;

namespace Clv.Tests.Csv;

public class CsvWriteTests
{
    [Fact]
    public void Write_Transactions_RoundTripExactly()
    {
        Transaction[] rows =
        [
            new("C1", new DateOnly(2024, 1, 31), 12.5),
            new("Smith, \"J\"", new DateOnly(1997, 1, 1), 0.1 + 0.2),
            new("C1", new DateOnly(2024, 2, 1), -3.25),
            new("Ümlaut", new DateOnly(2000, 2, 29), 1e-7),
        ];
        var text = new StringWriter();

        TransactionCsv.Write(text, rows);
        var log = CsvText.Read(text.ToString());

        Assert.Equal(rows, log.Transactions.ToArray());
        Assert.StartsWith("customer_id,date,amount\r\n", text.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_TransactionsStream_RoundTripsAndLeavesTheStreamOpenWithoutBom()
    {
        var rows = TestData.CdnowSample();
        using var stream = new MemoryStream();

        TransactionCsv.Write(stream, rows);

        Assert.True(stream.CanWrite);
        Assert.Equal((byte)'c', stream.ToArray()[0]);
        stream.Position = 0;
        Assert.Equal(rows, TransactionCsv.Read(stream).Transactions.ToArray());
    }

    [Fact]
    public void Write_TransactionsFile_RoundTripsCdnow()
    {
        var rows = TestData.CdnowSample();
        var path = Path.Combine(Path.GetTempPath(), $"clv-csv-{Guid.NewGuid():N}.csv");
        try
        {
            TransactionCsv.Write(path, rows);
            var log = TransactionCsv.Read(path);

            Assert.Equal(rows, log.Transactions.ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Write_Summaries_HeaderIsSnakeCaseFieldNames()
    {
        var text = new StringWriter();

        CustomerSummaryCsv.Write(text, TestData.CdnowSummaries());

        Assert.StartsWith(
            "customer_id,first_purchase,last_purchase,purchase_days,frequency,recency,age,time_unit,days_since_last_purchase,spend,refunds,monetary_value,holdout_purchase_days,holdout_spend\r\n",
            text.ToString(),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Write_CdnowSummaries_ParsesBackToEveryField()
    {
        var summaries = TestData.CdnowSummaries();
        using var stream = new MemoryStream();

        CustomerSummaryCsv.Write(stream, summaries);
        stream.Position = 0;
        var rows = ParseAll(stream);

        Assert.Equal(summaries.Count + 1, rows.Count);
        for (int i = 0; i < summaries.Count; i++)
        {
            var s = summaries[i];
            var f = rows[i + 1];
            Assert.Equal(s.CustomerId, f[0]);
            Assert.Equal(s.FirstPurchase, DateOrNull(f[1]));
            Assert.Equal(s.LastPurchase, DateOrNull(f[2]));
            Assert.Equal(s.PurchaseDays, int.Parse(f[3], CultureInfo.InvariantCulture));
            Assert.Equal(s.Frequency, int.Parse(f[4], CultureInfo.InvariantCulture));
            Assert.Equal(s.Recency, double.Parse(f[5], CultureInfo.InvariantCulture));
            Assert.Equal(s.Age, double.Parse(f[6], CultureInfo.InvariantCulture));
            Assert.Equal(s.TimeUnit.ToString(), f[7]);
            Assert.Equal(s.DaysSinceLastPurchase, f[8].Length == 0 ? null : int.Parse(f[8], CultureInfo.InvariantCulture));
            Assert.Equal(s.Spend, double.Parse(f[9], CultureInfo.InvariantCulture));
            Assert.Equal(s.Refunds, double.Parse(f[10], CultureInfo.InvariantCulture));
            Assert.Equal(s.MonetaryValue, double.Parse(f[11], CultureInfo.InvariantCulture));
            Assert.Equal(s.HoldoutPurchaseDays, int.Parse(f[12], CultureInfo.InvariantCulture));
            Assert.Equal(s.HoldoutSpend, double.Parse(f[13], CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Write_CustomerWithoutPurchase_EmptyDateFields()
    {
        Transaction[] rows = [new("lead", new DateOnly(2024, 1, 5), -10), new("buyer", new DateOnly(2024, 1, 5), 10)];
        var summaries = CustomerSummaries.FromTransactions(rows, new DateOnly(2024, 1, 31), TimeUnit.Day);
        var text = new StringWriter();

        CustomerSummaryCsv.Write(text, summaries);

        var lines = text.ToString().Split("\r\n");
        Assert.Contains("lead,,,0,0,0,0,Day,,0,10,0,0,0", lines);
        Assert.Contains("buyer,2024-01-05,2024-01-05,1,0,0,26,Day,26,10,0,0,0,0", lines);
    }

    [Fact]
    public void Write_Summaries_IgnoresCurrentCulture()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            var text = new StringWriter();

            CustomerSummaryCsv.Write(text, TestData.CdnowSummaries());

            Assert.Contains(",30.428571428571427,", text.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Write_SummariesFile_NoByteOrderMark()
    {
        var path = Path.Combine(Path.GetTempPath(), $"clv-csv-{Guid.NewGuid():N}.csv");
        try
        {
            CustomerSummaryCsv.Write(path, TestData.CdnowSummaries());

            var bytes = File.ReadAllBytes(path);
            Assert.Equal((byte)'c', bytes[0]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static DateOnly? DateOrNull(string s) =>
        s.Length == 0 ? null : DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static List<string[]> ParseAll(Stream stream)
    {
        // An independent RFC 4180 reader (CsvHelper's), every record including the header.
        using var reader = CsvReader.Create(stream, CsvReaderOptions.Default with { HasHeader = false, SkipEmptyLines = false }, leaveOpen: true);
        var rows = new List<string[]>();
        while (reader.Read())
        {
            var record = new string[reader.FieldCount];
            for (int i = 0; i < record.Length; i++)
            {
                record[i] = reader.GetString(i);
            }

            rows.Add(record);
        }

        return rows;
    }

    /// <summary>
    /// Rows the reader would not give back as they are: a default transaction (no id; written as an empty id, which the
    /// reader rejects) and an id with a space or tab at either end (trimmed on reading, so " 42" and "42" would become one
    /// customer). Refused naming the row, before anything is written: an existing file keeps its content.
    /// </summary>
    [Theory]
    [InlineData(null, "Row 1 is a default Transaction (no customer id).")]
    [InlineData(" 42", "Row 1's customer id ' 42' starts or ends with a space or a tab, which the CSV reader trims: it would read back as '42'.")]
    [InlineData("42\t", "Row 1's customer id '42\\t' starts or ends with a space or a tab, which the CSV reader trims: it would read back as '42'.")]
    public void Write_ARowThatWouldNotReadBack_RefusedNamingItAndNothingWritten(string? id, string message)
    {
        Transaction[] rows = [new("42", new DateOnly(2024, 1, 2), 10), id is null ? default : new(id, new DateOnly(2024, 1, 5), 20)];
        string path = Path.Combine(Path.GetTempPath(), "clv-write-" + Guid.NewGuid().ToString("N") + ".csv");
        File.WriteAllText(path, "old");
        try
        {
            var e = Assert.Throws<ArgumentException>(() => TransactionCsv.Write(path, rows));
            Assert.Equal("transactions", e.ParamName);
            Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
            Assert.Equal("old", File.ReadAllText(path));

            using var stream = new MemoryStream();
            Assert.Throws<ArgumentException>(() => TransactionCsv.Write(stream, rows));
            Assert.Equal(0, stream.Length);
            var text = new StringWriter();
            Assert.Throws<ArgumentException>(() => TransactionCsv.Write(text, rows));
            Assert.Equal("", text.ToString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Write_IdsWithInnerSpacesQuotesAndLineBreaks_ReadBackExactly()
    {
        Transaction[] rows = [new("a b", new DateOnly(2024, 1, 2), 1), new("x\r\ny", new DateOnly(2024, 1, 3), 2), new("\"q\"", new DateOnly(2024, 1, 4), 3)];
        var text = new StringWriter();
        TransactionCsv.Write(text, rows);
        Assert.Equal(rows, CsvText.Read(text.ToString()).Transactions.ToArray());
    }
}
