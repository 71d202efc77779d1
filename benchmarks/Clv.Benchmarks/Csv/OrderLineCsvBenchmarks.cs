using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Clv.Csv;
using Clv.Parquet;
using Clv.Parquet.Internal;

namespace Clv.Benchmarks.Csv;

/// <summary>
/// The synthetic 1M-customer log as order lines (<c>customer_id,date,quantity,unit_price</c>: each amount as 2 x half of it)
/// streamed into summaries with <see cref="TransactionCsvOptions.QuantityColumn"/>, against the same log with its amounts,
/// and the same order lines as Parquet (<c>quantity</c> INT32, <c>unit_price</c> DOUBLE). Baseline: one streaming pass
/// decoding the order-line CSV file and counting its lines.
/// </summary>
[MemoryDiagnoser]
public class OrderLineCsvBenchmarks
{
    private static readonly TransactionCsvOptions Lines = new() { QuantityColumn = "quantity", AmountColumn = "unit_price" };
    private static readonly TransactionParquetOptions ParquetLines = new() { QuantityColumn = "quantity", AmountColumn = "unit_price" };
    private string _amounts = string.Empty;
    private string _lines = string.Empty;
    private string _parquetLines = string.Empty;

    [Params(1_000_000)]
    public int Customers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _amounts = Path.Combine(Path.GetTempPath(), $"clv-csv-amounts-{Customers}-{Environment.ProcessId}.csv");
        _lines = Path.Combine(Path.GetTempPath(), $"clv-csv-lines-{Customers}-{Environment.ProcessId}.csv");
        _parquetLines = Path.ChangeExtension(_lines, ".parquet");
        var rows = SyntheticLog.Generate(Customers);
        SyntheticLog.WriteCsv(_amounts, rows);
        new ParquetTable(rows.Length)
            .Add("customer_id", rows.Select(t => t.CustomerId).ToArray())
            .Add("date", rows.Select(t => t.Date).ToArray())
            .Add("quantity", Enumerable.Repeat(2, rows.Length).ToArray())
            .Add("unit_price", rows.Select(t => t.Amount / 2).ToArray())
            .WriteTo(_parquetLines);
        using var writer = new StreamWriter(_lines, false, new UTF8Encoding(false), 1 << 16);
        writer.Write("customer_id,date,quantity,unit_price\n");
        foreach (var t in rows)
        {
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"{t.CustomerId},{t.Date:yyyy-MM-dd},2,{t.Amount / 2:R}\n"));
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        File.Delete(_amounts);
        File.Delete(_lines);
        File.Delete(_parquetLines);
    }

    /// <summary>Physical-limit proxy: one streaming pass that decodes the order-line file and counts its lines.</summary>
    [Benchmark(Baseline = true)]
    public int CountLines() => SyntheticLog.CountLines(_lines);

    /// <summary>The order lines, quantity x unit price per row.</summary>
    [Benchmark]
    public CustomerSummaries OrderLinesIntoBuilder()
    {
        var builder = new CustomerSummariesBuilder(SyntheticLog.CalibrationEnd, TimeUnit.Week);
        TransactionCsv.ReadInto(_lines, builder, Lines);
        return builder.Build();
    }

    /// <summary>The order lines from Parquet, quantity x unit price per row (our page reader decodes the four columns).</summary>
    [Benchmark]
    public CustomerSummaries ParquetOrderLinesIntoBuilder()
    {
        var builder = new CustomerSummariesBuilder(SyntheticLog.CalibrationEnd, TimeUnit.Week);
        TransactionParquet.ReadInto(_parquetLines, builder, ParquetLines);
        return builder.Build();
    }

    /// <summary>The same log with its amounts (<c>CsvBenchmarks.ReadIntoBuilder</c>).</summary>
    [Benchmark]
    public CustomerSummaries AmountsIntoBuilder()
    {
        var builder = new CustomerSummariesBuilder(SyntheticLog.CalibrationEnd, TimeUnit.Week);
        TransactionCsv.ReadInto(_amounts, builder);
        return builder.Build();
    }
}
