using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>Long operations report progress as stage and fraction, and can be cancelled.</summary>
public class FitProgressTests
{
    [Fact]
    public void Fit_WithProgress_ReportsStagesInOrderAndNonDecreasingFractionsEndingAtOne()
    {
        var reports = new List<FitProgress>();
        var fit = BgNbdModel.Fit(TestData.CdnowSummaries(), new FitOptions { Progress = new SyncProgress<FitProgress>(reports.Add), CancellationToken = TestContext.Current.CancellationToken });
        Assert.Equal(FitStage.Preparing, reports[0].Stage);
        Assert.Contains(reports, r => r.Stage == FitStage.Optimizing);
        Assert.Contains(reports, r => r.Stage == FitStage.Checking);
        Assert.Equal(new FitProgress(FitStage.Done, 1, fit.Iterations), reports[^1]);
        for (int i = 1; i < reports.Count; i++)
        {
            Assert.True(reports[i].Stage >= reports[i - 1].Stage, $"stage went back at report {i}");
            Assert.True(reports[i].Fraction >= reports[i - 1].Fraction, $"fraction went back at report {i}");
        }

        Assert.Equal(0.242593, fit.Model.R, 0.242593 * 1e-3);
    }

    [Fact]
    public void Fit_CancelledToken_ThrowsOperationCanceledForEveryModel()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var options = new FitOptions { CancellationToken = cts.Token };
        var customers = TestData.CdnowSummaries();
        Assert.ThrowsAny<OperationCanceledException>(() => BgNbdModel.Fit(customers, options));
        Assert.ThrowsAny<OperationCanceledException>(() => MbgNbdModel.Fit(customers, options));
        Assert.ThrowsAny<OperationCanceledException>(() => ParetoNbdModel.Fit(customers, options));
        Assert.ThrowsAny<OperationCanceledException>(() => GammaGammaModel.Fit(customers, options));
        Assert.ThrowsAny<OperationCanceledException>(() => BetaGeoBetaBinomModel.Fit([new BinaryPurchaseHistory(1, 1, 2)], options));
        Assert.ThrowsAny<OperationCanceledException>(() => ShiftedBetaGeometricModel.Fit([100, 60, 40], options));
    }

    internal sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
