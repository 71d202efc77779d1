using BenchmarkDotNet.Attributes;
using Clv.Probabilistic;

namespace Clv.Benchmarks.Probabilistic;

/// <summary>
/// Mergeable fit statistics over 1M synthetic customers split into 4 parts by customer: building them from summaries,
/// shipping them as bytes, merging the parts and fitting from them, beside fitting the summaries directly.
/// </summary>
[MemoryDiagnoser]
public class FitStatisticsBenchmarks
{
    private CustomerSummaries _customers = null!;
    private CustomerSummaries[] _parts = [];
    private byte[][] _shipped = [];
    private PurchaseStatistics _merged = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rows = SyntheticLog.Generate(1_000_000);
        _customers = CustomerSummaries.FromTransactions(rows, SyntheticLog.CalibrationEnd, TimeUnit.Week);
        _parts = [.. Enumerable.Range(0, 4).Select(p => CustomerSummaries.FromTransactions(
            rows.Where(t => (t.CustomerId.GetHashCode(StringComparison.Ordinal) & 3) == p).ToArray(), SyntheticLog.CalibrationEnd, TimeUnit.Week))];
        _shipped = [.. _parts.Select(p => PurchaseStatistics.FromSummaries(p).ToBytes())];
        _merged = PurchaseStatistics.Merge(_shipped.Select(b => PurchaseStatistics.FromBytes(b)));
    }

    /// <summary>Physical-limit proxy: one streaming pass over every customer's (x, t_x, T).</summary>
    [Benchmark(Baseline = true)]
    public double StreamingPass() => SyntheticLog.StatisticsPass(_customers);

    /// <summary>Each part reduced to statistics and serialised (what the parts ship).</summary>
    [Benchmark]
    public int BuildAndShipFourParts() => _parts.Sum(p => PurchaseStatistics.FromSummaries(p).ToBytes().Length);

    /// <summary>The coordinator: read the four parts' bytes and merge them.</summary>
    [Benchmark]
    public int ReadAndMergeFourParts() => PurchaseStatistics.Merge(_shipped.Select(b => PurchaseStatistics.FromBytes(b))).Count;

    [Benchmark]
    public double FitFromMergedStatistics() => BgNbdModel.Fit(_merged, null).LikelihoodLn;

    [Benchmark]
    public double FitFromSummaries() => BgNbdModel.Fit(_customers).LikelihoodLn;
}
