using System.Globalization;
using Clv.Tool;

namespace Clv.Tests.Tool;

/// <summary>
/// <c>--quantity-column</c> and <c>--quantity-index</c>: order lines (quantity and unit price per row) give the same results
/// as the log of their amounts, and a bad quantity is bad input naming its file, line and column.
/// </summary>
public class ClvToolQuantityTests
{
    [Fact]
    public void OrderLines_SameScoresAsTheLogOfTheirAmounts()
    {
        using var dir = new TempFolder();

        // Each CDNOW amount as 4 x a quarter of it (exact in binary), the columns named and ordered as a retail export's.
        var rows = File.ReadAllLines(TestData.PathOf("orders.csv")).Skip(1).Select(line => line.Split(','));
        File.WriteAllLines(dir["lines.csv"], ["InvoiceNo,Quantity,InvoiceDate,UnitPrice,CustomerID",
            .. rows.Select((f, k) => string.Create(CultureInfo.InvariantCulture, $"{536365 + k},4,{f[1]},{double.Parse(f[2], CultureInfo.InvariantCulture) / 4:R},{f[0]}"))]);
        var plain = ToolRunner.InProcess("rfm", [TestData.PathOf("orders.csv"), "--observation-end", "1997-09-30", "--out", dir["plain.csv"], "--quiet"]);
        Assert.True(plain.ExitCode == ExitCode.Success, plain.Stderr + plain.Stdout);

        var r = ToolRunner.InProcess("rfm", [dir["lines.csv"], "--observation-end", "1997-09-30", "--out", dir["lines-rfm.csv"], "--quiet",
            "--id-column", "CustomerID", "--date-column", "InvoiceDate", "--quantity-column", "Quantity", "--amount-column", "UnitPrice"]);

        Assert.True(r.ExitCode == ExitCode.Success, r.Stderr + r.Stdout);
        Assert.Equal(File.ReadAllText(dir["plain.csv"]), File.ReadAllText(dir["lines-rfm.csv"]));

        // Without a header, by position.
        File.WriteAllLines(dir["lines-no-header.csv"], File.ReadAllLines(dir["lines.csv"]).Skip(1));
        var byIndex = ToolRunner.InProcess("rfm", [dir["lines-no-header.csv"], "--observation-end", "1997-09-30", "--out", dir["index-rfm.csv"], "--quiet",
            "--no-header", "--id-index", "4", "--date-index", "2", "--quantity-index", "1", "--amount-index", "3"]);
        Assert.True(byIndex.ExitCode == ExitCode.Success, byIndex.Stderr + byIndex.Stdout);
        Assert.Equal(File.ReadAllText(dir["plain.csv"]), File.ReadAllText(dir["index-rfm.csv"]));
    }

    [Fact]
    public void OrderLinesInParquet_SameScoresAsTheLogOfTheirAmounts()
    {
        using var dir = new TempFolder();
        using var files = new Clv.Tests.Parquet.ParquetTestFiles();
        Clv.Parquet.TransactionParquet.Write(dir["log.parquet"], TestData.CdnowSample());
        files.Execute($"COPY (SELECT customer_id AS CustomerID, date AS InvoiceDate, CAST(4 AS INTEGER) AS Quantity, amount / 4 AS UnitPrice FROM read_parquet({Clv.Tests.Parquet.ParquetTestFiles.Sql(dir["log.parquet"])})) TO {Clv.Tests.Parquet.ParquetTestFiles.Sql(dir["lines.parquet"])} (FORMAT PARQUET)");
        var plain = ToolRunner.InProcess("rfm", [dir["log.parquet"], "--observation-end", "1997-09-30", "--out", dir["plain.csv"], "--quiet"]);
        Assert.True(plain.ExitCode == ExitCode.Success, plain.Stderr + plain.Stdout);

        var r = ToolRunner.InProcess("rfm", [dir["lines.parquet"], "--observation-end", "1997-09-30", "--out", dir["lines-rfm.csv"], "--quiet",
            "--id-column", "CustomerID", "--date-column", "InvoiceDate", "--quantity-column", "Quantity", "--amount-column", "UnitPrice"]);

        Assert.True(r.ExitCode == ExitCode.Success, r.Stderr + r.Stdout);
        Assert.Equal(File.ReadAllText(dir["plain.csv"]), File.ReadAllText(dir["lines-rfm.csv"]));
    }

    [Fact]
    public void BadQuantity_ExitsWithBadInput_NamesFileLineAndColumn_AndWritesNothing()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir["lines.csv"], "customer_id,date,Quantity,UnitPrice\n1,1997-01-01,2,10\n1,1997-02-01,two,5\n2,1997-02-01,1,7\n");

        var r = ToolRunner.InProcess("analyze", [dir["lines.csv"], "--observation-end", "1997-09-30", "--out", dir["out"], "--json",
            "--quantity-column", "Quantity", "--amount-column", "UnitPrice"]);

        Assert.True(r.ExitCode == ExitCode.BadInput, r.Stderr + r.Stdout);
        var e = r.Json();
        Assert.Equal((3L, "Quantity"), (e.GetProperty("row").GetInt64(), e.GetProperty("column").GetString()));
        Assert.Contains("Not a number in the culture 'invariant'. Value: 'two'.", e.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(["lines.csv"], dir.Entries());
    }

    [Fact]
    public void QuantityByNameWithoutAHeader_UsageErrorInTheToolsWords()
    {
        using var dir = new TempFolder();
        var r = ToolRunner.InProcess("rfm", [TestData.PathOf("orders.csv"), "--observation-end", "1997-09-30", "--out", dir["rfm.csv"], "--json",
            "--no-header", "--id-index", "0", "--date-index", "1", "--amount-index", "2", "--quantity-column", "Quantity"]);

        Assert.True(r.ExitCode == ExitCode.Usage, r.Stderr + r.Stdout);
        Assert.Equal(
            "Without a header (--no-header) the quantity column must be given by 0-based index: set --quantity-index instead of --quantity-column ('Quantity').",
            r.Json().GetProperty("message").GetString());
        Assert.Empty(dir.Entries());
    }
}
