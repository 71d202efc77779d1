using Clv.Tool;

namespace Clv.Tests.Tool;

/// <summary>
/// Log options the reader refuses (an empty date format, a quote as delimiter, a negative or repeated column index) are
/// usage errors worded in the command line's options, and nothing is written. They used to stop as an "unexpected failure
/// (please report it)", exit 1, naming the library's option properties. Found by running the commands over edge values of
/// their options.
/// </summary>
public class ClvToolLogOptionTests
{
    [Theory]
    [InlineData("--date-format must not be null, empty or white space, but was ''.", "--date-format", "")]
    [InlineData("--delimiter cannot be U+0022 (a quote, line break, space or NUL); use --whitespace for runs of spaces.", "--delimiter", "\"")]
    [InlineData("--id-index must be a 0-based column index of at least 0, but was -1.", "--id-index", "-1")]
    [InlineData("--id-index (0), --date-index (0) and --amount-index (2) must be different columns.", "--no-header", "--id-index", "0", "--date-index", "0", "--amount-index", "2")]
    [InlineData("--date-format '%' is not a valid date format string.", "--date-format", "%")]
    [InlineData("--id-column must not be null, empty or white space, but was ' '.", "--id-column", " ")]
    [InlineData("--whitespace and --delimiter ';' cannot be combined: fields are split either by runs of spaces and tabs or by one delimiter.", "--whitespace", "--delimiter", ";")]
    public void RefusedLogOption_UsageErrorInTheToolsWords(string message, params string[] options)
    {
        using var dir = new TempFolder();
        var r = ToolRunner.InProcess("analyze", [TestData.PathOf("orders.csv"), "--observation-end", "1997-09-30", "--out", dir["a"], "--json", .. options]);

        Assert.True(r.ExitCode == ExitCode.Usage, r.Stderr + r.Stdout);
        var e = r.Json();
        Assert.Equal("usage", e.GetProperty("kind").GetString());
        Assert.Equal(message, e.GetProperty("message").GetString());
        Assert.False(Directory.Exists(dir["a"]));
    }

    [Theory]
    [InlineData("--id-index", "1")]
    [InlineData("--delimiter", ";")]
    [InlineData("--whitespace")]
    [InlineData("--no-header", "--id-index", "0", "--date-index", "1", "--amount-index", "2")]
    public void CsvOnlyOption_OnAParquetLog_IsAUsageError_NotIgnored(params string[] options)
    {
        using var dir = new TempFolder();
        Clv.Parquet.TransactionParquet.Write(dir["log.parquet"], Rows);
        var r = ToolRunner.InProcess("rfm", [dir["log.parquet"], "--observation-end", "1997-09-30", "--out", dir["rfm.csv"], "--json", .. options]);

        Assert.True(r.ExitCode == ExitCode.Usage, r.Stderr + r.Stdout);
        Assert.Equal(
            (options[0] == "--no-header" ? "--id-index" : options[0]) + " applies to CSV logs only: a Parquet log's columns are chosen by name (--id-column, --date-column, --amount-column).",
            r.Json().GetProperty("message").GetString());
        Assert.Equal(["log.parquet"], dir.Entries());
    }

    [Fact]
    public void ParquetLogWithoutTheColumn_NamesFileAndColumn_WithoutARowOrValue()
    {
        using var dir = new TempFolder();
        Clv.Parquet.TransactionParquet.Write(dir["log.parquet"], Rows);
        var r = ToolRunner.InProcess("rfm", [dir["log.parquet"], "--observation-end", "1997-09-30", "--out", dir["rfm.csv"], "--json", "--id-column", "client"]);

        Assert.True(r.ExitCode == ExitCode.BadInput, r.Stderr + r.Stdout);
        Assert.Equal(
            dir["log.parquet"] + ", column 'client': The customer id column 'client' is not in the file. Its columns are: customer_id, date, amount.",
            r.Json().GetProperty("message").GetString());
    }

    private static readonly Transaction[] Rows =
        [new("1", new DateOnly(1997, 1, 1), 10), new("1", new DateOnly(1997, 2, 1), 4), new("2", new DateOnly(1997, 1, 2), 5)];

    [Fact]
    public void InOptionNames_EveryReaderOptionTheCommandLineSets_IsRenamed() =>
        Assert.Equal(
            "--id-column --date-column --amount-column --id-index --date-index --amount-index --date-format --delimiter --whitespace --no-header --no-header --time-zone",
            Input.InOptionNames("options.CustomerIdColumn options.DateColumn options.AmountColumn options.CustomerIdIndex options.DateIndex options.AmountIndex options.DateFormat options.Delimiter options.WhitespaceDelimited options.HasHeader = false options.HasHeader options.TimeZone"));
}
