using BenchmarkDotNet.Attributes;
using Clv.Lifecycle;

namespace Clv.Benchmarks.Lifecycle;

/// <summary>
/// Lifecycle classification of 1M synthetic customers. The summaries are built once with the observation end at
/// 1997-03-31 (every synthetic customer is born by then) and an explicit holdout end at 1999-02-28, so that the
/// 24 month ends from 1997-03-31 to 1999-02-28 all lie in the summaries' data range.
/// </summary>
[MemoryDiagnoser]
public class LifecycleBenchmarks
{
    private static readonly DateOnly ObservationEnd = new(1997, 3, 31);
    private static readonly DateOnly LastMonthEnd = new(1999, 2, 28);
    private static readonly DateOnly Later = new(1997, 12, 31);
    private CustomerSummaries _customers = null!;
    private LifecycleStage[] _stages = [];
    private LifecyclePolicy _days = null!;
    private LifecyclePolicy _gap = null!;

    [Params(1_000_000)]
    public int Customers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _customers = CustomerSummaries.FromTransactions(SyntheticLog.Generate(Customers), ObservationEnd, TimeUnit.Week, LastMonthEnd);
        _stages = new LifecycleStage[_customers.Count];
        _days = LifecyclePolicy.FromDays();
        _gap = LifecyclePolicy.RelativeToGap(3, 6);
    }

    /// <summary>Physical-limit proxy: one streaming pass reading days since the last purchase and the frequency of every summary.</summary>
    [Benchmark(Baseline = true)]
    public long StreamingPass()
    {
        long sum = 0;
        foreach (ref readonly var c in _customers.AsSpan())
        {
            sum += (c.DaysSinceLastPurchase ?? 0) + c.Frequency;
        }

        return sum;
    }

    [Benchmark]
    public LifecycleStage ClassifyDaysAtObservationEnd()
    {
        _days.Classify(_customers, ObservationEnd, _stages);
        return _stages[^1];
    }

    [Benchmark]
    public LifecycleStage ClassifyDaysNineMonthsLater()
    {
        _days.Classify(_customers, Later, _stages);
        return _stages[^1];
    }

    [Benchmark]
    public LifecycleStage ClassifyGapMultipleNineMonthsLater()
    {
        _gap.Classify(_customers, Later, _stages);
        return _stages[^1];
    }

    [Benchmark]
    public LifecycleHistoryReport MonthEndHistory24Months() =>
        LifecycleHistoryReport.CreateAtMonthEnds(_days, _customers, ObservationEnd, LastMonthEnd);
}
