using Clv.Csv;
using Clv.Parquet;
using Clv.Tests.Parquet;

namespace Clv.Tests.Csv;

/// <summary>
/// A date format with a two-digit year (<c>yy</c>) reads years in the invariant culture's window, 1950 to 2049, as the README
/// and <see cref="TransactionCsvOptions.DateFormat"/> say: <c>49</c> is 2049 and <c>50</c> is 1950, in the CSV and Parquet
/// readers alike, with and without a time. (A decision pinned here: a runtime that moved the window would fail this test.)
/// </summary>
public class TwoDigitYearTests
{
    [Theory]
    [InlineData("dd.MM.yy", "29.02.00", 2000, 2, 29)]
    [InlineData("dd.MM.yy", "31.12.49", 2049, 12, 31)]
    [InlineData("dd.MM.yy", "01.01.50", 1950, 1, 1)]
    [InlineData("dd.MM.yy", "31.12.99", 1999, 12, 31)]
    [InlineData("M/d/yy H:mm", "12/1/10 8:26", 2010, 12, 1)]
    [InlineData("M/d/yy H:mm", "1/1/50 23:59", 1950, 1, 1)]
    public void Csv_TwoDigitYear_IsIn1950To2049(string format, string text, int year, int month, int day)
    {
        var log = CsvText.Read($"customer_id,date,amount\na,\"{text}\",1\n", new TransactionCsvOptions { DateFormat = format });
        Assert.Equal(new DateOnly(year, month, day), Assert.Single(log.Transactions.ToArray()).Date);
    }

    [Fact]
    public void Parquet_TwoDigitYearText_IsIn1950To2049()
    {
        using var files = new ParquetTestFiles();
        string path = files.PathOf("yy.parquet");
        files.Execute($"COPY (SELECT * FROM (VALUES ('a', '31.12.49', 1.0), ('b', '01.01.50', 2.0)) t(customer_id, date, amount)) TO {ParquetTestFiles.Sql(path)} (FORMAT PARQUET)");
        var log = TransactionParquet.Read(path, new TransactionParquetOptions { DateFormat = "dd.MM.yy" });
        Assert.Equal([new DateOnly(2049, 12, 31), new DateOnly(1950, 1, 1)], log.Transactions.ToArray().Select(t => t.Date));
    }
}
