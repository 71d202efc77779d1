using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>The BG/NBD and MBG/NBD likelihood's analytic gradient and Hessian agree with differences of ln L and of the gradient.</summary>
public class BetaGeometricLikelihoodTests
{
    public static TheoryData<bool, double, double, double, double> Points => new()
    {
        { false, 0.243, 4.414, 0.793, 2.426 },
        { true, 0.525, 6.183, 0.891, 1.614 },
        { false, 3, 0.5, 5, 0.5 },
        { true, 0.1, 50, 0.2, 20 },
        { false, 1.2, 7, 1.0001, 3 },
    };

    [Theory]
    [MemberData(nameof(Points))]
    public void LogLikelihood_AnalyticDerivatives_MatchDifferences(bool modified, double r, double alpha, double a, double b)
    {
        var rows = HistoryRows.FromSummaries(CdnowFits.Summaries.AsMemory(), TestContext.Current.CancellationToken);
        var problem = new BetaGeometricLikelihood(modified, modified ? "MBG/NBD" : "BG/NBD", rows);
        double[] theta = [Math.Log(r), Math.Log(alpha), Math.Log(a), Math.Log(b)];
        var gradient = new double[4];
        var hessian = new double[16];
        double ll = problem.LogLikelihood(theta, gradient, hessian, TestContext.Current.CancellationToken);
        Assert.Equal(ll, problem.LogLikelihood(theta, new double[4], TestContext.Current.CancellationToken), Math.Abs(ll) * 1e-14);

        // The total ln L agrees with the sum of the per-customer formula.
        var model = modified ? (PurchaseModel)new MbgNbdModel(r, alpha, a, b, TimeUnit.Week) : new BgNbdModel(r, alpha, a, b, TimeUnit.Week);
        double sum = CdnowFits.Summaries.Sum(c => model.LikelihoodLn(c.Frequency, c.Recency, c.Age));
        Assert.Equal(sum, ll, Math.Abs(sum) * 1e-10);

        const double Step = 1e-5;
        for (int j = 0; j < 4; j++)
        {
            var up = (double[])theta.Clone();
            var down = (double[])theta.Clone();
            up[j] += Step;
            down[j] -= Step;
            var gUp = new double[4];
            var gDown = new double[4];
            double llUp = problem.LogLikelihood(up, gUp, TestContext.Current.CancellationToken);
            double llDown = problem.LogLikelihood(down, gDown, TestContext.Current.CancellationToken);
            double numeric = (llUp - llDown) / (2 * Step);
            Assert.True(Math.Abs(gradient[j] - numeric) <= 1e-5 * (1 + Math.Abs(numeric)), $"gradient {j}: {gradient[j]} vs {numeric}");
            for (int i = 0; i < 4; i++)
            {
                double h = (gUp[i] - gDown[i]) / (2 * Step);
                Assert.True(Math.Abs(hessian[(i * 4) + j] - h) <= 1e-5 * (1 + Math.Abs(h)), $"hessian [{i},{j}]: {hessian[(i * 4) + j]} vs {h}");
            }
        }
    }
}
