using BenchmarkDotNet.Attributes;
using Clv.Probabilistic;

namespace Clv.Benchmarks.Probabilistic;

/// <summary>Pareto/NBD fit and predictions over 1M synthetic customers (summaries built once in setup).</summary>
[MemoryDiagnoser]
public class ParetoNbdBenchmarks
{
    private CustomerSummaries _customers = null!;
    private ParetoNbdModel _model = null!;
    private double[] _alive = [];
    private double[] _expected = [];

    [Params(1_000_000)]
    public int Customers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _customers = SyntheticLog.Summaries(Customers);
        _model = new ParetoNbdModel(0.5534, 10.5802, 0.6061, 11.6562, TimeUnit.Week);
        _alive = new double[_customers.Count];
        _expected = new double[_customers.Count];
    }

    /// <summary>Physical-limit proxy: one streaming pass reading (x, t_x, T) of every customer.</summary>
    [Benchmark(Baseline = true)]
    public double StreamingPass() => SyntheticLog.StatisticsPass(_customers);

    [Benchmark]
    public double Fit() => ParetoNbdModel.Fit(_customers).LikelihoodLn;

    /// <summary>P(alive) and E[Y(52)] for every customer.</summary>
    [Benchmark]
    public double PredictAll()
    {
        var span = _customers.AsSpan();
        _model.ProbabilityAlive(span, _alive);
        _model.ConditionalExpectedPurchases(span, 52, _expected);
        return _alive[^1] + _expected[^1];
    }
}
