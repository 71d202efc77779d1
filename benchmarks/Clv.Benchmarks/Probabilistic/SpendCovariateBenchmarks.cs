using BenchmarkDotNet.Attributes;
using Clv.Probabilistic;

namespace Clv.Benchmarks.Probabilistic;

/// <summary>Gamma-Gamma fit with two covariates (a 0/1 and a continuous one, seeded) over 1M synthetic customers, against the fit without.</summary>
[MemoryDiagnoser]
public class SpendCovariateBenchmarks
{
    private CustomerSummaries _customers = null!;
    private CustomerCovariates _covariates = null!;
    private SpendCovariateOptions _options = null!;

    [Params(1_000_000)]
    public int Customers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _customers = SyntheticLog.Summaries(Customers);
        var random = new Random(5);
        var z = new double[_customers.Count, 2];
        for (int i = 0; i < _customers.Count; i++)
        {
            z[i, 0] = random.NextDouble() < 0.5 ? 1 : 0;
            z[i, 1] = Math.Round(random.NextDouble() * 60) + 18;   // an age in whole years: 61 levels
        }

        _covariates = CustomerCovariates.Create(["web", "age"], z);
        _options = new SpendCovariateOptions(_covariates) { Spend = ["web", "age"] };
    }

    /// <summary>Physical-limit proxy: one streaming pass reading x, m_x and both covariates of every customer.</summary>
    [Benchmark(Baseline = true)]
    public double StreamingPass()
    {
        var span = _customers.AsSpan();
        double sum = 0;
        for (int i = 0; i < span.Length; i++)
        {
            sum += span[i].Frequency + span[i].MonetaryValue + _covariates[i, 0] + _covariates[i, 1];
        }

        return sum;
    }

    [Benchmark]
    public double FitWithoutCovariates() => GammaGammaModel.Fit(_customers).LikelihoodLn;

    [Benchmark]
    public double FitWithTwoCovariates() => GammaGammaModel.Fit(_customers, _options, null).LikelihoodLn;
}
