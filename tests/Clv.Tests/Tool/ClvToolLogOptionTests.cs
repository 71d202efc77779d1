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
    [InlineData("--delimiter", "-")]
    [InlineData("--DELIMITER", "-")]
    [InlineData("--delimiter=-")]
    public void DashDelimiter_ReadsTheLog(params string[] options)
    {
        // A lone "-" used to be read as an option without a name ("Option does not have a name", exit 2). Dates as yyyyMMdd,
        // so that the dash only separates fields.
        using var dir = new TempFolder();
        string[] rows = [.. File.ReadAllLines(TestData.PathOf("orders.csv")).Skip(1).Select(line => line.Split(',')).Select(f => string.Join(',', f[0], f[1].Replace("-", "", StringComparison.Ordinal), f[2]))];
        File.WriteAllLines(dir["comma.csv"], ["customer_id,date,amount", .. rows]);
        File.WriteAllLines(dir["dash.csv"], ["customer_id-date-amount", .. rows.Select(r => r.Replace(',', '-'))]);
        options = [.. options, "--date-format", "yyyyMMdd"];
        Assert.Equal(ExitCode.Success, ToolRunner.InProcess("rfm", [dir["comma.csv"], "--observation-end", "1997-09-30", "--out", dir["comma-rfm.csv"], "--quiet", "--date-format", "yyyyMMdd"]).ExitCode);

        var r = ToolRunner.InProcess("rfm", [dir["dash.csv"], "--observation-end", "1997-09-30", "--out", dir["dash-rfm.csv"], "--quiet", .. options]);

        Assert.True(r.ExitCode == ExitCode.Success, r.Stderr + r.Stdout);
        Assert.Equal(File.ReadAllText(dir["comma-rfm.csv"]), File.ReadAllText(dir["dash-rfm.csv"]));
    }

    [Theory]
    [InlineData("--id-index", "1")]
    [InlineData("--delimiter", ";")]
    [InlineData("--whitespace")]
    [InlineData("--quantity-index", "3")]
    [InlineData("--no-header", "--id-index", "0", "--date-index", "1", "--amount-index", "2")]
    public void CsvOnlyOption_OnAParquetLog_IsAUsageError_NotIgnored(params string[] options)
    {
        using var dir = new TempFolder();
        Clv.Parquet.TransactionParquet.Write(dir["log.parquet"], Rows);
        var r = ToolRunner.InProcess("rfm", [dir["log.parquet"], "--observation-end", "1997-09-30", "--out", dir["rfm.csv"], "--json", .. options]);

        Assert.True(r.ExitCode == ExitCode.Usage, r.Stderr + r.Stdout);
        Assert.Equal(
            (options[0] == "--no-header" ? "--id-index" : options[0]) + " applies to CSV logs only: a Parquet log's columns are chosen by name (--id-column, --date-column, --amount-column, --quantity-column).",
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
