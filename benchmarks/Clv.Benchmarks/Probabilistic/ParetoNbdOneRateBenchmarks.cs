using System.Globalization;
using BenchmarkDotNet.Attributes;
using Clv.Probabilistic;

namespace Clv.Benchmarks.Probabilistic;

/// <summary>
/// Pareto/NBD where every customer buys at one rate (0.3 a week) and drops out at one rate (0.02 a week): no heterogeneity,
/// so the fit walks a ridge with r and α in the hundreds of millions, where each tail integral's a = r + s + x is huge.
/// 100,000 customers born over 300 days, observed to 2021-06-30 (about 1.1M purchases), summaries built once in setup.
/// </summary>
[MemoryDiagnoser]
public class ParetoNbdOneRateBenchmarks
{
    private CustomerSummaries _customers = null!;
    private ParetoNbdModel _ridge = null!;
    private double[] _alive = [];

    [Params(100_000)]
    public int Customers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _customers = Summaries(Customers);
        _ridge = new ParetoNbdModel(4.29e8, 1.4695e9, 37.47, 1876.07, TimeUnit.Week);
        _alive = new double[_customers.Count];
    }

    /// <summary>Physical-limit proxy: one streaming pass reading (x, t_x, T) of every customer.</summary>
    [Benchmark(Baseline = true)]
    public double StreamingPass() => SyntheticLog.StatisticsPass(_customers);

    /// <summary>The fit, from the sample stages to the full data (converges on the ridge and names it).</summary>
    [Benchmark]
    public double Fit() => ParetoNbdModel.Fit(_customers).LikelihoodLn;

    /// <summary>P(alive) of every customer at a point on the ridge.</summary>
    [Benchmark]
    public double ProbabilityAliveAll()
    {
        _ridge.ProbabilityAlive(_customers.AsSpan(), _alive);
        return _alive[^1];
    }

    /// <summary>The seeded one-rate log's summaries (weeks).</summary>
    public static CustomerSummaries Summaries(int customers, int seed = 5)
    {
        var rng = new Random(seed);
        var rows = new List<Transaction>(customers * 12);
        var start = new DateOnly(2020, 1, 1);
        var end = new DateOnly(2021, 6, 30);
        for (int i = 0; i < customers; i++)
        {
            var first = start.AddDays(rng.Next(0, 300));
            string id = "C" + i.ToString(CultureInfo.InvariantCulture);
            rows.Add(new Transaction(id, first, 10));
            double life = -Math.Log(1 - rng.NextDouble()) / (0.02 / 7);
            double t = 0;
            while (true)
            {
                t += -Math.Log(1 - rng.NextDouble()) / (0.3 / 7);
                var day = first.AddDays((int)t);
                if (t > life || day > end)
                {
                    break;
                }

                rows.Add(new Transaction(id, day, 10));
            }
        }

        return CustomerSummaries.FromTransactions([.. rows], end, TimeUnit.Week);
    }
}
