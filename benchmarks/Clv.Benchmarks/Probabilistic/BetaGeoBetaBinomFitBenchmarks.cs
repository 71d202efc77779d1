using BenchmarkDotNet.Attributes;
using Clv.Probabilistic;

namespace Clv.Benchmarks.Probabilistic;

/// <summary>
/// The BG/BB fit on daily opportunities: 100,000 simulated customers over a year (n = 365; p ~ Beta(1.2, 7.5), θ ~ Beta(0.66,
/// 80); about 18,000 distinct histories). The likelihood sums histories grouped by (x, n), sharing the died terms' suffix sums.
/// </summary>
[MemoryDiagnoser]
public class BetaGeoBetaBinomFitBenchmarks
{
    private BinaryPurchaseHistory[] _histories = null!;

    [Params(365)]
    public int Opportunities { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _histories = new BinaryPurchaseHistory[100_000];
        for (int c = 0; c < _histories.Length; c++)
        {
            double p = MathNet.Numerics.Distributions.Beta.Sample(random, 1.2, 7.5), theta = MathNet.Numerics.Distributions.Beta.Sample(random, 0.66, 80);
            int x = 0, tx = 0;
            for (int t = 1; t <= Opportunities; t++)
            {
                if (random.NextDouble() < theta)
                {
                    break;
                }

                if (random.NextDouble() < p)
                {
                    x++;
                    tx = t;
                }
            }

            _histories[c] = new BinaryPurchaseHistory(x, tx, Opportunities);
        }
    }

    /// <summary>Physical-limit proxy: one streaming pass over every history's (x, t_x, n).</summary>
    [Benchmark(Baseline = true)]
    public double StreamingPass()
    {
        double sum = 0;
        foreach (ref readonly var h in _histories.AsSpan())
        {
            sum += h.Frequency + h.Recency + h.Periods;
        }

        return sum;
    }

    [Benchmark]
    public double Fit() => BetaGeoBetaBinomModel.Fit(_histories).Model.Alpha;
}
