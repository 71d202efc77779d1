using BenchmarkDotNet.Attributes;
using Clv.Probabilistic;
using Clv.Valuation;

namespace Clv.Benchmarks.Probabilistic;

/// <summary>BG/NBD and Gamma-Gamma fits, P(alive) + E[Y(52)] and 52-week discounted CLV for 1M synthetic customers.</summary>
[MemoryDiagnoser]
public class ProbabilisticBenchmarks
{
    private static readonly PredictiveClvOptions Clv52 = new() { Periods = 52, Period = TimeUnit.Week, DiscountRate = DiscountRate.Annual(0.1) };
    private CustomerSummaries _customers = null!;
    private BgNbdModel _model = null!;
    private GammaGammaModel _spend = null!;
    private double[] _alive = [];
    private double[] _expected = [];
    private PurchaseHistory[] _continuous = [];
    private PurchaseHistory[] _dayResolution = [];

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

        // The case: 1M customers simulated in continuous time (ages spread over 52 to 78 weeks), every customer
        // a distinct (x, t_x, T) row; and the same histories rounded to whole days, as summaries of a dated log are.
        var ages = new double[Customers];
        var random = new Random(7);
        for (int i = 0; i < ages.Length; i++)
        {
            ages[i] = 52 + (26 * random.NextDouble());
        }

        _continuous = new BgNbdModel(0.8, 6, 0.5, 4, TimeUnit.Week).Simulate(ages, 11);
        _dayResolution = [.. _continuous.Select(h => new PurchaseHistory(h.Frequency, Math.Round(h.Recency * 7) / 7, Math.Round(h.Age * 7) / 7))];
    }

    /// <summary>Physical-limit proxy: one streaming pass over every customer's (x, t_x, T).</summary>
    [Benchmark(Baseline = true)]
    public double StreamingPass() => SyntheticLog.StatisticsPass(_customers);

    [Benchmark]
    public FitResult<BgNbdModel> FitBgNbd() => BgNbdModel.Fit(_customers);

    /// <summary>BG/NBD fit of 1M continuous-time histories (1M distinct rows); issue 12: within 2x of <see cref="FitBgNbdDayResolution"/>.</summary>
    [Benchmark]
    public FitResult<BgNbdModel> FitBgNbdContinuous() => BgNbdModel.Fit(_continuous, TimeUnit.Week, null);

    /// <summary>The same histories at day resolution (tens of thousands of distinct rows).</summary>
    [Benchmark]
    public FitResult<BgNbdModel> FitBgNbdDayResolution() => BgNbdModel.Fit(_dayResolution, TimeUnit.Week, null);

    /// <summary>Gamma-Gamma fit of the repeat customers (about 445,000 distinct (x, m_x) pairs).</summary>
    [Benchmark]
    public FitResult<GammaGammaModel> FitGammaGamma() => GammaGammaModel.Fit(_customers);

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
