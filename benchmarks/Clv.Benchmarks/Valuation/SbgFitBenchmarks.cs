using BenchmarkDotNet.Attributes;
using Clv.Probabilistic;

namespace Clv.Benchmarks.Valuation;

/// <summary>sBG maximum-likelihood fit on one 24-period cohort of 10,000 subscribers.</summary>
[MemoryDiagnoser]
public class SbgFitBenchmarks
{
    private readonly double[] _alive = new double[25];
    private readonly int[] _counts = new int[25];

    [GlobalSetup]
    public void Setup()
    {
        var survival = new ShiftedBetaGeometricModel(0.7, 1.2).SurvivalCurve(24);
        for (int t = 0; t < _counts.Length; t++)
        {
            _counts[t] = (int)Math.Round(10_000 * survival[t]);
            _alive[t] = _counts[t];
        }
    }

    /// <summary>Physical-limit proxy: one evaluation of the log-likelihood and its gradient over the cohort.</summary>
    [Benchmark(Baseline = true)]
    public double OneLikelihoodEvaluation()
    {
        Span<double> gradient = stackalloc double[2];
        return ShiftedBetaGeometricLikelihood.LikelihoodLn(0.7, 1.2, _alive, gradient) + gradient[0];
    }

    [Benchmark]
    public double Fit() => ShiftedBetaGeometricModel.Fit(_counts).Model.Alpha;
}
