using BenchmarkDotNet.Attributes;
using Clv.Probabilistic;

namespace Clv.Benchmarks.Probabilistic;

/// <summary>
/// BG/BB predictions per history (issue 12: the chance of a purchase within k opportunities as a sum of positive terms):
/// P(a purchase in the next 10 opportunities) and the median wait for the next purchase, over 100,000 seeded histories
/// of up to 60 opportunities, with the donation data's published parameters (Fader, Hardie and Shang 2010).
/// </summary>
[MemoryDiagnoser]
public class BetaGeoBetaBinomBenchmarks
{
    private readonly BetaGeoBetaBinomModel _model = new(1.204, 0.750, 0.657, 2.783);
    private BinaryPurchaseHistory[] _histories = null!;

    [Params(100_000)]
    public int Histories { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _histories = new BinaryPurchaseHistory[Histories];
        for (int i = 0; i < Histories; i++)
        {
            int n = random.Next(1, 61), tx = random.Next(0, n + 1);
            _histories[i] = new BinaryPurchaseHistory(tx == 0 ? 0 : random.Next(1, tx + 1), tx, n);
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
    public double ProbabilityOfAnyPurchaseIn10()
    {
        double sum = 0;
        foreach (ref readonly var h in _histories.AsSpan())
        {
            sum += _model.ProbabilityOfAnyPurchase(h, 10);
        }

        return sum;
    }

    /// <summary>
    /// One median wait that walks to the 10^8-opportunity stop (α = 1e-6, β = 2, γ = 1e-6, δ = 100, a customer without
    /// purchases in 6 opportunities: nearly never buys, nearly never leaves), for one history (not per history).
    /// </summary>
    [Benchmark]
    public double NextPurchaseTimeWalkToTheStop() => Extreme.NextPurchaseTime(new BinaryPurchaseHistory(0, 0, 6), 0.5);

    private static readonly BetaGeoBetaBinomModel Extreme = new(1e-6, 2, 1e-6, 100);

    [Benchmark]
    public double MedianNextPurchaseTime()
    {
        double sum = 0;
        foreach (ref readonly var h in _histories.AsSpan())
        {
            double t = _model.NextPurchaseTime(h, 0.5);
            sum += double.IsFinite(t) ? t : 0;
        }

        return sum;
    }
}
