using BenchmarkDotNet.Attributes;
using Clv.Probabilistic;

namespace Clv.Benchmarks.Probabilistic;

/// <summary>
/// A heavy buyer's purchase-count quantile under Pareto/NBD (r = 1, α = 0.01, s = 1, β = 10, a new customer over 100 weeks:
/// 2,398 purchases expected, 90% quantile 6,526): the sum of P(N = n) for n up to the quantile, each an integral over the
/// dropout time.
/// </summary>
[MemoryDiagnoser]
public class ParetoNbdCountQuantileBenchmarks
{
    private const double R = 1, Alpha = 0.01, S = 1, Beta = 10, Time = 100;
    private readonly ParetoNbdModel _model = new(R, Alpha, S, Beta, TimeUnit.Week);
    private int _quantile;
    private int[] _panels = [];

    [GlobalSetup]
    public void Setup()
    {
        _quantile = _model.ConditionalPurchaseCountQuantile(0, 0, 0, Time, 0.9);
        var (lo, hi) = ParetoNbdMath.CountPanelRange(S, Beta, Time, Math.Log(Beta));
        _panels = new int[_quantile + 1];
        for (int n = 0; n <= _quantile; n++)
        {
            _panels[n] = ParetoNbdMath.CountPanels(lo, hi, n);
        }
    }

    /// <summary>
    /// Physical-limit proxy: one exponential per quadrature node and count (20 nodes a panel, the panels of each count), the least
    /// any evaluation of these integrals on these nodes can do.
    /// </summary>
    [Benchmark(Baseline = true)]
    public double ExpPerNodeAndCount()
    {
        double sum = 0, x = -1;
        foreach (int panels in _panels)
        {
            for (int j = 0; j < panels * 20; j++)
            {
                sum += Math.Exp(x);
                x -= 1e-9;
            }
        }

        return sum;
    }

    /// <summary>The 90% quantile as the library computes it (the nodes' logarithms kept from count to count).</summary>
    [Benchmark]
    public int Quantile90() => _model.ConditionalPurchaseCountQuantile(0, 0, 0, Time, 0.9);

    /// <summary>The same sum with each term computed on its own (the single function: three logarithms and an exponential per node).</summary>
    [Benchmark]
    public int TermByTerm()
    {
        double cumulative = 0;
        for (int n = 0; ; n++)
        {
            cumulative += ParetoNbdMath.PurchaseCountProbability(R, Alpha, S, Beta, n, Time);
            if (cumulative >= 0.9)
            {
                return n;
            }
        }
    }
}
