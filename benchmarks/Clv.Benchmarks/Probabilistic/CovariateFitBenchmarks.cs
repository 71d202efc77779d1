using BenchmarkDotNet.Attributes;
using Clv.Probabilistic;

namespace Clv.Benchmarks.Probabilistic;

/// <summary>
/// Pareto/NBD with two covariates in each process over 1M synthetic customers (issue 15): gender (0/1) and a channel score (0..3)
/// shift the purchase process, gender and a region score (0..2) the dropout process; 24 covariate groups. The fit includes the fit
/// without covariates that gives its start.
/// </summary>
[MemoryDiagnoser]
public class CovariateFitBenchmarks
{
    private CustomerSummaries _customers = null!;
    private CustomerCovariates _covariates = null!;
    private CovariateOptions _options = null!;

    [Params(1_000_000)]
    public int Customers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _customers = SyntheticLog.Summaries(Customers);
        var values = new double[_customers.Count, 3];
        var random = new Random(7);
        for (int i = 0; i < _customers.Count; i++)
        {
            values[i, 0] = random.Next(2);
            values[i, 1] = random.Next(4);
            values[i, 2] = random.Next(3);
        }

        _covariates = CustomerCovariates.Create(["gender", "channel", "region"], values);
        _options = new CovariateOptions(_covariates) { Purchase = ["gender", "channel"], Dropout = ["gender", "region"] };
    }

    /// <summary>Physical-limit proxy: one streaming pass reading (x, t_x, T) and the three covariates of every customer.</summary>
    [Benchmark(Baseline = true)]
    public double StreamingPass()
    {
        double sum = SyntheticLog.StatisticsPass(_customers);
        for (int i = 0; i < _covariates.Count; i++)
        {
            sum += _covariates[i, 0] + _covariates[i, 1] + _covariates[i, 2];
        }

        return sum;
    }

    [Benchmark]
    public double ParetoNbdTwoCovariatesEachProcess() => ParetoNbdModel.Fit(_customers, _options, null).LikelihoodLn;

    [Benchmark]
    public double BgNbdTwoCovariatesEachProcess() => BgNbdModel.Fit(_customers, _options, null).LikelihoodLn;
}
