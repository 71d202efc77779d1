using BenchmarkDotNet.Attributes;
using Clv.Valuation;

namespace Clv.Benchmarks.Valuation;

/// <summary>Retention-based discounted CLV for 1M customers with a margin and a retention rate per customer.</summary>
[MemoryDiagnoser]
public class DiscountedValueBenchmarks
{
    private static readonly RetentionClvOptions Infinite = new() { Period = TimeUnit.Month, DiscountRate = DiscountRate.Annual(0.1) };
    private static readonly RetentionClvOptions TwelveMonths = new() { Period = TimeUnit.Month, DiscountRate = DiscountRate.Annual(0.1), Horizon = 12, Timing = MarginTiming.Middle };

    private double[] _margins = [];
    private double[] _retentions = [];
    private double[] _values = [];

    [Params(1_000_000)]
    public int Customers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20240601);
        _margins = new double[Customers];
        _retentions = new double[Customers];
        _values = new double[Customers];
        for (int i = 0; i < Customers; i++)
        {
            _margins[i] = 5 + (random.NextDouble() * 95);
            _retentions[i] = 0.5 + (random.NextDouble() * 0.49);
        }
    }

    /// <summary>Physical-limit proxy: read both input arrays once and write one value per customer.</summary>
    [Benchmark(Baseline = true)]
    public double StreamingPass()
    {
        var margins = _margins.AsSpan();
        var retentions = _retentions.AsSpan(0, margins.Length);
        var values = _values.AsSpan(0, margins.Length);
        for (int i = 0; i < margins.Length; i++)
        {
            values[i] = margins[i] * retentions[i];
        }

        return values[^1];
    }

    [Benchmark]
    public double InfiniteHorizonPerCustomerRetention()
    {
        RetentionClv.Value(_margins, _retentions, Infinite, _values);
        return _values[^1];
    }

    [Benchmark]
    public double TwelveMonthsPerCustomerRetention()
    {
        RetentionClv.Value(_margins, _retentions, TwelveMonths, _values);
        return _values[^1];
    }

    [Benchmark]
    public double TwelveMonthsSharedRetention()
    {
        RetentionClv.Value(_margins, 0.9, TwelveMonths, _values);
        return _values[^1];
    }
}
