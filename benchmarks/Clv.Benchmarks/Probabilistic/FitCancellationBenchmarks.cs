using BenchmarkDotNet.Attributes;
using Clv.Probabilistic;

namespace Clv.Benchmarks.Probabilistic;

/// <summary>
/// How fast a fit gives up when its token is cancelled (issue 13): a 1M-customer Pareto/NBD and BG/NBD fit and the
/// degenerate "all purchases at time 0" Pareto/NBD data, cancelled 10 ms after the start or before it. The latency is
/// the mean minus the 10 ms wait; the baseline is the 10 ms wait alone.
/// </summary>
public class FitCancellationBenchmarks
{
    private const int DelayMs = 10;
    private CustomerSummaries _customers = null!;
    private PurchaseHistory[] _allAtTimeZero = [];

    [GlobalSetup]
    public void Setup()
    {
        _customers = SyntheticLog.Summaries(1_000_000);
        _allAtTimeZero = [.. Enumerable.Range(0, 1000).Select(i => new PurchaseHistory(1 + (i % 5), 0, 10 + (i % 30)))];
    }

    /// <summary>The wait alone: a token cancelled after 10 ms, awaited without work.</summary>
    [Benchmark(Baseline = true)]
    public bool WaitOnly()
    {
        using var cts = new CancellationTokenSource(DelayMs);
        cts.Token.WaitHandle.WaitOne();
        return cts.IsCancellationRequested;
    }

    [Benchmark]
    public bool ParetoNbd1MCancelledAfter10Ms() => Cancelled(o => ParetoNbdModel.Fit(_customers, o), DelayMs);

    [Benchmark]
    public bool BgNbd1MCancelledAfter10Ms() => Cancelled(o => BgNbdModel.Fit(_customers, o), DelayMs);

    [Benchmark]
    public bool ParetoNbdAllAtTimeZeroCancelledAfter10Ms() => Cancelled(o => ParetoNbdModel.Fit(_allAtTimeZero, TimeUnit.Week, o), DelayMs);

    [Benchmark]
    public bool ParetoNbd1MAlreadyCancelled() => Cancelled(o => ParetoNbdModel.Fit(_customers, o), 0);

    private static bool Cancelled(Func<FitOptions, object> fit, int delayMs)
    {
        using var cts = new CancellationTokenSource();
        if (delayMs == 0)
        {
            cts.Cancel();
        }
        else
        {
            cts.CancelAfter(delayMs);
        }

        try
        {
            fit(new FitOptions { CancellationToken = cts.Token });
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }
}
