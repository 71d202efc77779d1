using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>Long operations report progress and can be cancelled (issue 8): fitting.</summary>
public class FitProgressTests
{
    [Fact]
    public void Fit_WithProgress_ReportsIncreasingEvaluationCounts()
    {
        var counts = new List<int>();
        var fit = BgNbdModel.Fit(TestData.CdnowSummaries(), new FitOptions { Progress = new SyncProgress(counts.Add), CancellationToken = TestContext.Current.CancellationToken });
        Assert.NotEmpty(counts);
        Assert.Equal(Enumerable.Range(1, counts.Count), counts);
        Assert.Equal(0.242593, fit.Model.R, 0.242593 * 1e-3);
    }

    [Fact]
    public void Fit_CancelledToken_ThrowsOperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var options = new FitOptions { CancellationToken = cts.Token };
        var customers = TestData.CdnowSummaries();
        Assert.ThrowsAny<OperationCanceledException>(() => BgNbdModel.Fit(customers, options));
        Assert.ThrowsAny<OperationCanceledException>(() => GammaGammaModel.Fit(customers, options));
        Assert.ThrowsAny<OperationCanceledException>(() => ParetoNbdModel.Fit(customers, options));
    }

    private sealed class SyncProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
