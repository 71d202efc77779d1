using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// Pareto/NBD's ln L near the ridge where every customer buys at one rate λ and drops out at one rate μ: with r = λα and
/// s = μβ, α and β in the trillions, both gamma mixtures are point masses and ln L must tend to the closed form with the rates
/// fixed, λ^x [e^(-(λ+μ)T) + μ/(λ+μ) (e^(-(λ+μ)t_x) - e^(-(λ+μ)T))]. Summed as α^r β^s times the terms apart, the likelihood
/// was 1 to 300 units off in these cases (the same data as <see cref="BetaGeometricRidgeTests"/>). Where α and β differ the
/// tail's ln 2F1 is itself about 1e11 (parameters r + s + x and s + 1 in the hundreds of billions, z = 0.9), and its rounding
/// leaves up to 0.05 of ln L: the looser bound of those cases.
/// </summary>
public class ParetoNbdRidgeTests
{
    private const double Dropout = 0.02;

    /// <summary>α, β and the bound on |ln L - its one-rate limit|.</summary>
    public static TheoryData<double, double, double> Scales => new()
    {
        { 1e12, 1e12, 1e-5 },
        { 1e14, 1e14, 1e-5 },
        { 1e12, 1e13, 0.1 },
        { 1e13, 1e12, 0.1 },
    };

    [Theory]
    [MemberData(nameof(Scales))]
    public void PerCustomerLikelihood_AtTheRidge_IsTheOneRateLikelihood(double alpha, double beta, double tolerance)
    {
        var model = new ParetoNbdModel(BetaGeometricRidgeTests.Rate * alpha, alpha, Dropout * beta, beta, TimeUnit.Week);
        double sum = 0, limit = 0;
        foreach (var c in BetaGeometricRidgeTests.OneRate.Value)
        {
            sum += model.LikelihoodLn(c.Frequency, c.Recency, c.Age);
            limit += OneRateLn(c.Frequency, c.Recency, c.Age);
        }

        Assert.True(Math.Abs(sum - limit) < tolerance, $"ln L {sum:R} against the one-rate {limit:R}: {sum - limit:G3} apart");
    }

    [Theory]
    [MemberData(nameof(Scales))]
    public void FittingLikelihood_AtTheRidge_IsTheOneRateLikelihood(double alpha, double beta, double tolerance)
    {
        var summaries = BetaGeometricRidgeTests.OneRate.Value;
        var problem = ParetoNbdLikelihood.Create(HistoryRows.FromSummaries(summaries.AsMemory(), TestContext.Current.CancellationToken));
        double[] theta = [Math.Log(BetaGeometricRidgeTests.Rate * alpha), Math.Log(alpha), Math.Log(Dropout * beta), Math.Log(beta)];
        double ll = problem.LogLikelihood(theta, new double[4], TestContext.Current.CancellationToken);
        double limit = summaries.Sum(c => OneRateLn(c.Frequency, c.Recency, c.Age));
        Assert.True(Math.Abs(ll - limit) < tolerance, $"ln L {ll:R} against the one-rate {limit:R}: {ll - limit:G3} apart");
    }

    private static double OneRateLn(int x, double tx, double t)
    {
        const double Lambda = BetaGeometricRidgeTests.Rate, Both = Lambda + Dropout;
        double alive = -Both * t;
        if (!(tx < t))
        {
            return (x * Math.Log(Lambda)) + alive;
        }

        // ln(e^(-k t_x) - e^(-k T)) = -k t_x + ln(1 - e^(-k (T - t_x))).
        double died = Math.Log(Dropout / Both) - (Both * tx) + Math.Log(-(Math.Exp(-Both * (t - tx)) - 1));
        double m = Math.Max(alive, died);
        return (x * Math.Log(Lambda)) + m + Math.Log(Math.Exp(alive - m) + Math.Exp(died - m));
    }
}
