using Clv.Internal;
using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// <see cref="CovariateLikelihood"/> directly, without a fit: its ln L against the base model's likelihood of each group at
/// that group's log-parameters (worked out here from the effects, not with the class's own Jacobian), its gradient and Hessian
/// against central differences, on the sequential path (fewer than 8 groups) and the parallel one, for the BG/NBD layout (the
/// dropout coefficient moves ln a and ln b) and the Pareto/NBD one (it moves ln β the other way); its sizes, subsample and
/// cancellation.
/// </summary>
public class CovariateLikelihoodTests
{
    private static PurchaseHistory[] Histories(int count, int seed)
    {
        var random = new Random(seed);
        var result = new PurchaseHistory[count];
        for (int i = 0; i < count; i++)
        {
            int x = i % 4 == 0 ? 0 : random.Next(1, 13);
            double age = 5 + (60 * random.NextDouble());
            double tx = x == 0 ? 0 : age * random.NextDouble();
            result[i] = new PurchaseHistory(x, tx, age, 1 + random.Next(0, 3));
        }

        return result;
    }

    private static Func<HistoryRows, LikelihoodProblem> Inner(bool pareto) =>
        pareto ? ParetoNbdLikelihood.ForGroup : rows => new BetaGeometricLikelihood(false, "BG/NBD", rows, 1);

    /// <summary>Coefficient 0 (purchase) moves ln α down; coefficient 1 (dropout) moves ln a and ln b up (BG/NBD) or ln β down (Pareto/NBD).</summary>
    private static CovariateLikelihood.Effect[][] Effects(bool pareto) =>
        [[new(1, -1)], pareto ? [new(3, -1)] : [new(2, +1), new(3, +1)]];

    private static CovariateLikelihood.Group[] Groups(int count, bool pareto, int seed)
    {
        var inner = Inner(pareto);
        var groups = new CovariateLikelihood.Group[count];
        for (int g = 0; g < count; g++)
        {
            var rows = HistoryRows.FromHistories(Histories(30 + (7 * g), seed + g), TestContext.Current.CancellationToken);
            groups[g] = new CovariateLikelihood.Group([(g % 3) - 1, (0.5 * g) - 1.25], inner(rows), rows);
        }

        return groups;
    }

    private static CovariateLikelihood Problem(CovariateLikelihood.Group[] groups, bool pareto, double penalty = 0) =>
        new(pareto ? "Pareto/NBD" : "BG/NBD", ["r", "alpha", pareto ? "s" : "a", pareto ? "beta" : "b", "purchase: web", "dropout: web"], [1, 10, 1, 10, 2, 3], Effects(pareto), groups, Inner(pareto), [[0.5, 8, 0.7, 3, 0, 0]])
        {
            CoefficientPenalty = penalty,
        };

    /// <summary>θ_g from θ by the paper's rule, written out for each layout.</summary>
    private static double[] GroupTheta(double[] theta, double[] z, bool pareto) => pareto
        ? [theta[0], theta[1] - (theta[4] * z[0]), theta[2], theta[3] - (theta[5] * z[1])]
        : [theta[0], theta[1] - (theta[4] * z[0]), theta[2] + (theta[5] * z[1]), theta[3] + (theta[5] * z[1])];

    private static double Expected(CovariateLikelihood.Group[] groups, double[] theta, bool pareto, Func<HistoryRows, HistoryRows> rowsOf)
    {
        var inner = Inner(pareto);
        double sum = 0;
        foreach (var group in groups)
        {
            sum += inner(rowsOf(group.Rows)).LogLikelihood(GroupTheta(theta, group.Z, pareto), new double[4], TestContext.Current.CancellationToken);
        }

        return sum;
    }

    private static readonly double[] Theta = [Math.Log(0.6), Math.Log(9), Math.Log(0.8), Math.Log(4), 0.3, -0.4];

    /// <summary><see cref="Theta"/> with parameter <paramref name="j"/> moved up and down by <paramref name="step"/>.</summary>
    private static (double[] Up, double[] Down) Around(int j, double step)
    {
        var up = (double[])Theta.Clone();
        var down = (double[])Theta.Clone();
        up[j] += step;
        down[j] -= step;
        return (up, down);
    }

    [Theory]
    [InlineData(false, 3)]
    [InlineData(false, 11)]
    [InlineData(true, 3)]
    [InlineData(true, 11)]
    public void LogLikelihood_IsTheSumOfTheBaseLikelihoodAtEachGroupsParameters(bool pareto, int count)
    {
        var groups = Groups(count, pareto, 7);
        var problem = Problem(groups, pareto);
        double expected = Expected(groups, Theta, pareto, rows => rows);

        var gradient = new double[6];
        double ll = problem.LogLikelihood(Theta, gradient, TestContext.Current.CancellationToken);
        Assert.Equal(expected, ll, Math.Abs(expected) * 1e-13);
        Assert.All(gradient, g => Assert.True(double.IsFinite(g) && g != 0, $"gradient {g}"));

        // The sizes are the groups' sums, and the two coefficients are counted as such.
        Assert.Equal(groups.Sum(g => g.Problem.TotalWeight), problem.TotalWeight);
        Assert.Equal(groups.Sum(g => g.Problem.Rows), problem.Rows);
        Assert.Equal(2, problem.Coefficients);
        Assert.Equal(6, problem.Dimension);
        Assert.Equal(!pareto, problem.HasHessian);
        Assert.Equal(new double[] { 0.5, 8, 0.7, 3, 0, 0 }, Assert.Single(problem.Starts));
    }

    [Theory]
    [InlineData(false, 3)]
    [InlineData(false, 11)]
    [InlineData(true, 3)]
    [InlineData(true, 11)]
    public void Gradient_MatchesCentralDifferences(bool pareto, int count)
    {
        var problem = Problem(Groups(count, pareto, 11), pareto);
        var gradient = new double[6];
        problem.LogLikelihood(Theta, gradient, TestContext.Current.CancellationToken);
        const double Step = 1e-5;
        for (int j = 0; j < 6; j++)
        {
            var (up, down) = Around(j, Step);
            double numeric = (problem.LogLikelihood(up, new double[6], TestContext.Current.CancellationToken)
                - problem.LogLikelihood(down, new double[6], TestContext.Current.CancellationToken)) / (2 * Step);
            Assert.True(Math.Abs(gradient[j] - numeric) <= 1e-6 * (1 + Math.Abs(numeric)), $"gradient {j}: {gradient[j]} vs {numeric}");
        }
    }

    [Theory]
    [InlineData(3)]
    [InlineData(11)]
    public void Hessian_MatchesDifferencesOfTheGradient_AndTheValueAndGradientOfTheOtherOverload(int count)
    {
        var problem = Problem(Groups(count, false, 13), false);
        var gradient = new double[6];
        var hessian = new double[36];
        double ll = problem.LogLikelihood(Theta, gradient, hessian, TestContext.Current.CancellationToken);
        var plain = new double[6];
        Assert.Equal(ll, problem.LogLikelihood(Theta, plain, TestContext.Current.CancellationToken), Math.Abs(ll) * 1e-14);
        for (int j = 0; j < 6; j++)
        {
            Assert.Equal(plain[j], gradient[j], (1 + Math.Abs(plain[j])) * 1e-12);
        }

        const double Step = 1e-5;
        for (int j = 0; j < 6; j++)
        {
            var (up, down) = Around(j, Step);
            var gUp = new double[6];
            var gDown = new double[6];
            problem.LogLikelihood(up, gUp, TestContext.Current.CancellationToken);
            problem.LogLikelihood(down, gDown, TestContext.Current.CancellationToken);
            for (int i = 0; i < 6; i++)
            {
                double h = (gUp[i] - gDown[i]) / (2 * Step);
                Assert.True(Math.Abs(hessian[(i * 6) + j] - h) <= 1e-5 * (1 + Math.Abs(h)), $"hessian [{i},{j}]: {hessian[(i * 6) + j]} vs {h}");
                Assert.Equal(hessian[(j * 6) + i], hessian[(i * 6) + j]);
            }
        }

        // The destinations are written, not added to: a second call into the same arrays gives the same numbers.
        var again = (double[])hessian.Clone();
        problem.LogLikelihood(Theta, gradient, again, TestContext.Current.CancellationToken);
        Assert.Equal(hessian, again);
        Assert.Equal(plain[0], gradient[0], (1 + Math.Abs(plain[0])) * 1e-12);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Sample_TakesEveryStepthRowOfEachGroup_AndKeepsTheModelAndPenalty(bool pareto)
    {
        var groups = Groups(9, pareto, 17);
        var problem = Problem(groups, pareto, penalty: 0.25);
        Assert.Null(problem.Sample((int)problem.Rows));
        Assert.Null(problem.Sample((int)problem.Rows + 100));

        var sample = Assert.IsType<CovariateLikelihood>(problem.Sample((int)(problem.Rows / 3)));
        Assert.Equal(groups.Sum(g => (long)((g.Rows.Count + 2) / 3)), sample.Rows);
        Assert.Equal(problem.TotalWeight, sample.TotalWeight, problem.TotalWeight * 1e-12);
        Assert.Equal(0.25, sample.CoefficientPenalty);
        Assert.Equal(problem.Names, sample.Names);
        Assert.Equal(problem.Reference, sample.Reference);
        Assert.Equal(problem.ModelName, sample.ModelName);
        Assert.Equal(problem.Coefficients, sample.Coefficients);
        Assert.Same(problem.Starts, sample.Starts);

        double expected = Expected(groups, Theta, pareto, rows => rows.Sample(3));
        double ll = sample.LogLikelihood(Theta, new double[6], TestContext.Current.CancellationToken);
        Assert.Equal(expected, ll, Math.Abs(expected) * 1e-13);

        // Asking for no rows at all still samples: one row a group at most.
        var least = Assert.IsType<CovariateLikelihood>(problem.Sample(0));
        Assert.Equal(9, least.Rows);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(11)]
    public void LogLikelihood_Cancelled_Throws(int count)
    {
        var problem = Problem(Groups(count, false, 19), false);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() => problem.LogLikelihood(Theta, new double[6], cancelled.Token));
        Assert.Throws<OperationCanceledException>(() => problem.LogLikelihood(Theta, new double[6], new double[36], cancelled.Token));
    }
}
