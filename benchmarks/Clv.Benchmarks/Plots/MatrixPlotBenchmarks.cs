using BenchmarkDotNet.Attributes;
using Clv.Plots;
using Clv.Probabilistic;

namespace Clv.Benchmarks.Plots;

/// <summary>
/// Issue 14: the frequency x recency matrix plots of a 1M-customer model, made and rendered to PNG (target: under 2 s).
/// The matrix is sized by the largest frequency and age, so the customers are read once and the grid does the rest.
/// </summary>
[MemoryDiagnoser]
public class MatrixPlotBenchmarks
{
    private CustomerSummaries _customers = null!;
    private BgNbdModel _model = null!;

    [Params(1_000_000)]
    public int Customers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _customers = SyntheticLog.Summaries(Customers);
        _model = new BgNbdModel(0.243, 4.414, 0.793, 2.426, TimeUnit.Week);
    }

    /// <summary>Physical-limit proxy: one streaming pass over every customer's (x, t_x, T).</summary>
    [Benchmark(Baseline = true)]
    public double StreamingPass() => SyntheticLog.StatisticsPass(_customers);

    [Benchmark]
    public byte[] ProbabilityAliveMatrixPng() => ProbabilisticPlots.ProbabilityAliveMatrix(_model, _customers).ToPng();

    [Benchmark]
    public byte[] ExpectedPurchasesMatrixPng() => ProbabilisticPlots.ExpectedPurchasesMatrix(_model, _customers, 52).ToPng();

    /// <summary>Both matrices, PNG and SVG: everything a report of the two needs.</summary>
    [Benchmark]
    public int BothMatricesPngAndSvg()
    {
        var alive = ProbabilisticPlots.ProbabilityAliveMatrix(_model, _customers);
        var expected = ProbabilisticPlots.ExpectedPurchasesMatrix(_model, _customers, 52);
        return alive.ToPng().Length + expected.ToPng().Length + alive.ToSvg().Length + expected.ToSvg().Length;
    }
}
