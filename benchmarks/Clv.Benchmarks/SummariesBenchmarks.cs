using BenchmarkDotNet.Attributes;

namespace Clv.Benchmarks;

/// <summary>Transactions in memory to customer summaries, 1M customers (about 2.8M rows).</summary>
[MemoryDiagnoser]
public class SummariesBenchmarks
{
    private Transaction[] _rows = [];

    [Params(1_000_000)]
    public int Customers { get; set; }

    [GlobalSetup]
    public void Setup() => _rows = SyntheticLog.Generate(Customers);

    /// <summary>Physical-limit proxy: one streaming pass reading every field of every row.</summary>
    [Benchmark(Baseline = true)]
    public double StreamingPass()
    {
        double sum = 0;
        long days = 0;
        int chars = 0;
        foreach (ref readonly var t in _rows.AsSpan())
        {
            sum += t.Amount;
            days += t.Date.DayNumber;
            chars += t.CustomerId.Length;
        }

        return sum + days + chars;
    }

    [Benchmark]
    public CustomerSummaries FromTransactions() =>
        CustomerSummaries.FromTransactions(_rows, SyntheticLog.CalibrationEnd, TimeUnit.Week);
}
