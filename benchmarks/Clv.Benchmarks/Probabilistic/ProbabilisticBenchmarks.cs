using BenchmarkDotNet.Attributes;
using Clv.Probabilistic;
using Clv.Valuation;

namespace Clv.Benchmarks.Probabilistic;

/// <summary>BG/NBD fit, P(alive) + E[Y(52)] and 52-week discounted CLV for 1M synthetic customers.</summary>
[MemoryDiagnoser]
public class ProbabilisticBenchmarks
{
    private static readonly PredictiveClvOptions Clv52 = new() { Periods = 52, Period = TimeUnit.Week, DiscountRate = DiscountRate.Annual(0.1) };
    private CustomerSummaries _customers = null!;
    private BgNbdModel _model = null!;
    private GammaGammaModel _spend = null!;
    private double[] _alive = [];
    private double[] _expected = [];

    [Params(1_000_000)]
    public int Customers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _customers = SyntheticLog.Summaries(Customers);
        _model = new BgNbdModel(0.243, 4.414, 0.793, 2.426, TimeUnit.Week);
        _spend = new GammaGammaModel(6.25, 3.74, 15.44);
        _alive = new double[_customers.Count];
        _expected = new double[_customers.Count];
    }

    /// <summary>Physical-limit proxy: one streaming pass over every customer's (x, t_x, T).</summary>
    [Benchmark(Baseline = true)]
    public double StreamingPass() => SyntheticLog.StatisticsPass(_customers);

    [Benchmark]
    public FitResult<BgNbdModel> FitBgNbd() => BgNbdModel.Fit(_customers);

    [Benchmark]
    public double ProbabilityAliveAndExpected52()
    {
        var span = _customers.AsSpan();
        _model.ProbabilityAlive(span, _alive);
        _model.ConditionalExpectedPurchases(span, 52, _expected);
        return _alive[0] + _expected[0];
    }

    [Benchmark]
    public double[] DiscountedClv52Weeks() => PredictiveClv.Compute(_model, _spend, _customers, Clv52);
}
