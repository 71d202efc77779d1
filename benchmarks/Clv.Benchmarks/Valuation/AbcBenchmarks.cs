using BenchmarkDotNet.Attributes;
using Clv.Valuation;

namespace Clv.Benchmarks.Valuation;

/// <summary>ABC classification of 1M customers' historical values (issue 17).</summary>
[MemoryDiagnoser]
public class AbcBenchmarks
{
    private double[] _values = [];
    private AbcClass[] _classes = [];

    [GlobalSetup]
    public void Setup()
    {
        _values = HistoricalValue.Compute(SyntheticLog.Summaries(1_000_000), null);
        _classes = new AbcClass[_values.Length];
    }

    /// <summary>Physical-limit proxy: one streaming pass over the values.</summary>
    [Benchmark(Baseline = true)]
    public double StreamingPass()
    {
        double sum = 0;
        foreach (double v in _values)
        {
            sum += v;
        }

        return sum;
    }

    [Benchmark]
    public AbcClass Classify()
    {
        AbcClassification.Classify(_values, null, _classes);
        return _classes[0];
    }
}
