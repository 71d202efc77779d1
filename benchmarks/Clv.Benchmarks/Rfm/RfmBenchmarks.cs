using BenchmarkDotNet.Attributes;
using Clv.Rfm;

namespace Clv.Benchmarks.Rfm;

/// <summary>RFM at 1M customers: cut points plus scores, scoring against stored cut points, and segment assignment.</summary>
[MemoryDiagnoser]
public class RfmBenchmarks
{
    private CustomerSummaries _customers = null!;
    private RfmCutPoints _cutPoints = null!;
    private RfmScore[] _scores = [];
    private RfmSegment[] _segments = [];
    private SegmentMap _map = null!;

    [Params(1_000_000)]
    public int Customers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _customers = SyntheticLog.Summaries(Customers);
        var rfm = RfmScorer.Score(_customers);
        _cutPoints = rfm.CutPoints;
        _scores = rfm.AsSpan().ToArray();
        _segments = new RfmSegment[_scores.Length];
        _map = SegmentMap.RfGrid();
    }

    /// <summary>Physical-limit proxy: one streaming pass over the three input columns (days since last purchase, purchase days, net spend).</summary>
    [Benchmark(Baseline = true)]
    public double StreamingPass()
    {
        double sum = 0;
        long days = 0;
        long count = 0;
        foreach (ref readonly var c in _customers.AsSpan())
        {
            days += c.DaysSinceLastPurchase.GetValueOrDefault();
            count += c.PurchaseDays;
            sum += c.NetSpend;
        }

        return sum + days + count;
    }

    /// <summary>The front door: fit the cut points (quantiles of the population) and score every customer.</summary>
    [Benchmark]
    public RfmScores CutPointsAndScores() => RfmScorer.Score(_customers);

    /// <summary>Online path: score everyone against stored cut points into a preallocated destination.</summary>
    [Benchmark]
    public RfmScore ScoreWithStoredCutPoints()
    {
        _cutPoints.Score(_customers.AsSpan(), _scores);
        return _scores[^1];
    }

    /// <summary>Segment assignment (RF grid) of precomputed scores into a preallocated destination.</summary>
    [Benchmark]
    public RfmSegment AssignSegments()
    {
        _map.Assign(_scores, _segments);
        return _segments[^1];
    }
}
