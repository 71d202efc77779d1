using BenchmarkDotNet.Attributes;

namespace Clv.Benchmarks;

/// <summary>
/// Transactions in memory to customer summaries, 1M customers (about 2.8M rows): as generated (grouped by customer,
/// the case the target names) and the same rows in date order (how many logs are exported).
/// </summary>
[MemoryDiagnoser]
public class SummariesBenchmarks
{
    private Transaction[] _rows = [];

    [Params(1_000_000)]
    public int Customers { get; set; }

    [Params("customer", "date")]
    public string Order { get; set; } = "customer";

    [GlobalSetup]
    public void Setup()
    {
        _rows = SyntheticLog.Generate(Customers);
        if (Order == "date")
        {
            _rows = [.. _rows.Select((t, i) => (t, i)).OrderBy(p => p.t.Date).ThenBy(p => p.i).Select(p => p.t)];
        }
    }

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
