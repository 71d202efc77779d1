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

    /// <summary>40,000 customers over two years in days: about 30,000 distinct (x, t_x, T) rows, more than one chunk of the sum.</summary>
    private static readonly Lazy<CustomerSummaries> ManyRows = new(() =>
    {
        var random = new Random(12);
        var origin = new DateOnly(2022, 1, 1);
        var rows = new List<Transaction>();
        for (int c = 0; c < 40_000; c++)
        {
            int first = random.Next(700);
            rows.Add(new Transaction("c" + c, origin.AddDays(first), 1));
            for (int k = random.Next(6); k > 0; k--)
            {
                rows.Add(new Transaction("c" + c, origin.AddDays(first + random.Next(730 - first)), 1));
            }
        }

        return CustomerSummaries.FromTransactions(rows.ToArray(), origin.AddDays(730), TimeUnit.Day);
    });

    [Theory]
    [InlineData(false, 0.243, 30.9, 0.793, 2.426)]
    [InlineData(true, 0.525, 43.3, 0.891, 1.614)]
    public void LogLikelihood_RowsInSeveralChunks_MatchPerCustomerSumAndDifferences(bool modified, double r, double alpha, double a, double b)
    {
        var rows = HistoryRows.FromSummaries(ManyRows.Value.AsMemory(), TestContext.Current.CancellationToken);
        Assert.True(rows.Count > 16_384, $"{rows.Count} rows");
        Check(modified, r, alpha, a, b, ManyRows.Value, rows, TimeUnit.Day);
    }

    [Theory]
    [MemberData(nameof(Points))]
    public void LogLikelihood_AnalyticDerivatives_MatchDifferences(bool modified, double r, double alpha, double a, double b) =>
        Check(modified, r, alpha, a, b, CdnowFits.Summaries, HistoryRows.FromSummaries(CdnowFits.Summaries.AsMemory(), TestContext.Current.CancellationToken), TimeUnit.Week);

    private static void Check(bool modified, double r, double alpha, double a, double b, CustomerSummaries summaries, HistoryRows rows, TimeUnit unit)
    {
        var problem = new BetaGeometricLikelihood(modified, modified ? "MBG/NBD" : "BG/NBD", rows);
        double[] theta = [Math.Log(r), Math.Log(alpha), Math.Log(a), Math.Log(b)];
        var gradient = new double[4];
        var hessian = new double[16];
        double ll = problem.LogLikelihood(theta, gradient, hessian, TestContext.Current.CancellationToken);
        Assert.Equal(ll, problem.LogLikelihood(theta, new double[4], TestContext.Current.CancellationToken), Math.Abs(ll) * 1e-14);

        // The total ln L agrees with the sum of the per-customer formula.
        var model = modified ? (PurchaseModel)new MbgNbdModel(r, alpha, a, b, unit) : new BgNbdModel(r, alpha, a, b, unit);
        double sum = summaries.Where(c => c.HasPurchase).Sum(c => model.LikelihoodLn(c.Frequency, c.Recency, c.Age));
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
