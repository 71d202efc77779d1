using System.Globalization;
using BenchmarkDotNet.Attributes;
using Clv.Csv;
using CsvHelper;

namespace Clv.Benchmarks.Csv;

/// <summary>
/// Reading the synthetic 1M-customer log (about 2.8M rows, header customer_id,date,amount, ISO dates) from a CSV file,
/// and reading plus summarising it: rows as generated (grouped by customer) and the same rows in date order.
/// </summary>
[MemoryDiagnoser]
public class CsvBenchmarks
{
    private string _path = string.Empty;

    [Params(1_000_000)]
    public int Customers { get; set; }

    [Params("customer", "date")]
    public string Order { get; set; } = "customer";

    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(Path.GetTempPath(), $"clv-csv-bench-{Customers}-{Order}-{Environment.ProcessId}.csv");
        var rows = SyntheticLog.Generate(Customers);
        if (Order == "date")
        {
            rows = [.. rows.Select((t, i) => (t, i)).OrderBy(p => p.t.Date).ThenBy(p => p.i).Select(p => p.t)];
        }

        SyntheticLog.WriteCsv(_path, rows);
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_path);

    /// <summary>Physical-limit proxy: one streaming pass that decodes the file and counts its lines.</summary>
    [Benchmark(Baseline = true)]
    public int CountLines() => SyntheticLog.CountLines(_path);

    /// <summary>
    /// Reference for the design decision in TransactionCsvReader: CsvHelper 34's SIMD <c>CsvReader</c> alone, handing out the
    /// three fields of every row as UTF-8 spans (no decoding to text, no parsing, no validation): a lower bound for a reader
    /// built on it. (Named for the CsvHelper 33 <c>CsvParser</c> it replaced, so the rows stay comparable across runs.)
    /// </summary>
    [Benchmark]
    public long CsvParserFieldsOnly()
    {
        using var reader = CsvReader.FromFile(_path, CsvReaderOptions.Default, FileOptions.SequentialScan);
        long bytes = 0;
        while (reader.Read())
        {
            bytes += reader.GetSpan(0).Length + reader.GetSpan(1).Length + reader.GetSpan(2).Length;
        }

        return bytes;
    }

    [Benchmark]
    public TransactionLog Read() => TransactionCsv.Read(_path);

    [Benchmark]
    public CustomerSummaries ReadAndSummarise() =>
        CustomerSummaries.FromTransactions(TransactionCsv.Read(_path).Transactions, SyntheticLog.CalibrationEnd, TimeUnit.Week);

    /// <summary>The way to summarise a file: rows streamed into a builder, never held.</summary>
    [Benchmark]
    public CustomerSummaries ReadIntoBuilder()
    {
        var builder = new CustomerSummariesBuilder(SyntheticLog.CalibrationEnd, TimeUnit.Week);
        TransactionCsv.ReadInto(_path, builder);
        return builder.Build();
    }
}
