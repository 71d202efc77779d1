using BenchmarkDotNet.Attributes;
using Clv.Probabilistic;

namespace Clv.Benchmarks.Probabilistic;

/// <summary>
/// Issue 16 on 1M synthetic customers: prediction intervals with 200 asymptotic draws (P(alive), E[Y(52)], 12-month CLV and
/// the purchase-count interval; target under 10 s), the median time to the next purchase, and CLV by month over 36 months.
/// </summary>
[MemoryDiagnoser]
public class PredictionIntervalBenchmarks
{
    private CustomerSummaries _customers = null!;
    private FitResult<BgNbdModel> _purchases = null!;
    private FitResult<GammaGammaModel> _spend = null!;

    [Params(1_000_000)]
    public int Customers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _customers = SyntheticLog.Summaries(Customers);
        _purchases = BgNbdModel.Fit(_customers);
        _spend = GammaGammaModel.Fit(_customers);
    }

    /// <summary>Physical-limit proxy: one streaming pass over every customer's (x, t_x, T).</summary>
    [Benchmark(Baseline = true)]
    public double StreamingPass() => SyntheticLog.StatisticsPass(_customers);

    [Benchmark]
    public PredictionIntervalReport Intervals200Draws() =>
        PredictionIntervals.Compute(_purchases, _spend, _customers, 52, new PredictionIntervalOptions { Draws = 200 });

    [Benchmark]
    public double[] MedianTimeToNextPurchase() => _purchases.Model.NextPurchaseTime(_customers, 0.5);

    [Benchmark]
    public ClvByPeriod ClvByMonth36() => ClvByPeriod.Compute(_purchases.Model, _spend.Model, _customers, new PredictiveClvOptions { Periods = 36 });
}
