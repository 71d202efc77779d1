using Clv.Probabilistic;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// The Normal-Normal likelihood's density, its scales and its starting points, and the model's argument rules (written
/// against the survivors of a mutation run over <c>NormalNormalModel.cs</c> and <c>NormalNormalLikelihood.cs</c>).
/// </summary>
public class NormalNormalLikelihoodTests
{
    [Property(MaxTest = 200)]
    public Property LikelihoodLn_IsTheNormalDensityOfTheMean()
    {
        var cases = from mu in Gen.Choose(-1000, 1000)
                    from tau in Gen.Choose(1, 400)
                    from sigma in Gen.Choose(1, 400)
                    from x in Gen.Choose(1, 50)
                    from m in Gen.Choose(-2000, 2000)
                    select (Mu: mu / 10.0, Tau: tau / 20.0, Sigma: sigma / 20.0, X: x, M: m / 10.0);
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            // m_x ~ N(mu, tau^2 + sigma^2 / x), written out independently of the library.
            double v = (c.Tau * c.Tau) + (c.Sigma * c.Sigma / c.X);
            double expected = (-0.5 * Math.Log(2 * Math.PI * v)) - ((c.M - c.Mu) * (c.M - c.Mu) / (2 * v));
            double model = new NormalNormalModel(c.Mu, c.Tau, c.Sigma).LikelihoodLn(c.X, c.M);
            return Math.Abs(model - expected) <= 1e-12 * Math.Max(1, Math.Abs(expected));
        });
    }

    [Fact]
    public void Fit_LikelihoodLn_IsTheIndependentlyWrittenDensitySummed()
    {
        var (x, m) = SpendSimulation.NormalNormal(3_000, 7, 2, 5, seed: 11);
        var fit = NormalNormalModel.Fit(x, m, null);
        var model = fit.Model;
        double expected = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double v = (model.Tau * model.Tau) + (model.Sigma * model.Sigma / x[i]);
            expected += (-0.5 * Math.Log(2 * Math.PI * v)) - ((m[i] - model.Mu) * (m[i] - model.Mu) / (2 * v));
        }

        Assert.Equal(expected, fit.LikelihoodLn, 1e-9 * Math.Abs(expected));
    }

    [Fact]
    public void Reference_IsTheMeansStandardDeviationTwiceAndTheirRootMeanSquare()
    {
        var (x, m) = SpendSimulation.NormalNormal(5_000, 40, 6, 9, seed: 5);
        var problem = Problem(x, m);
        var (mean, variance) = Moments(m);

        Assert.Equal(Math.Sqrt(variance), problem.Reference[0], 1e-9 * Math.Sqrt(variance));
        Assert.Equal(Math.Sqrt(variance), problem.Reference[1], 1e-9 * Math.Sqrt(variance));
        Assert.Equal(Math.Sqrt(m.Select(v => v * v).Average()), problem.Reference[2], 1e-9 * 40);
        Assert.Equal(["tau", "sigma", "mu"], problem.Names);
        Assert.Equal("Normal-Normal", problem.ModelName);
        Assert.True(problem.HasHessian);
    }

    [Theory]
    [InlineData(-5, 3, 10, 1)]
    [InlineData(20, 8, 4, 2)]
    [InlineData(0.5, 4, 12, 3)]
    public void FirstStart_IsTheMomentEstimate_CloseToTheTruthOnALargeSample(double mu, double tau, double sigma, int seed)
    {
        var (x, m) = SpendSimulation.NormalNormal(200_000, mu, tau, sigma, seed);
        var starts = Problem(x, m).Starts;
        double[] start = starts[0];

        Assert.Equal(tau, start[0], 0.1 * tau);
        Assert.Equal(sigma, start[1], 0.1 * sigma);
        Assert.Equal(m.Average(), start[2], 1e-9 * Math.Max(1, Math.Abs(mu)));

        // The other starts spread around the means' standard deviation.
        var (mean, variance) = Moments(m);
        double sd = Math.Sqrt(variance);
        double[][] spread = [[sd, sd], [0.3 * sd, 3 * sd], [0.9 * sd, 0.3 * sd]];
        for (int k = 0; k < spread.Length; k++)
        {
            Assert.Equal(spread[k][0], starts[k + 1][0], 1e-9 * sd);
            Assert.Equal(spread[k][1], starts[k + 1][1], 1e-9 * sd);
            Assert.Equal(mean, starts[k + 1][2], 1e-9 * Math.Max(1, Math.Abs(mu)));
        }
    }

    [Property(MaxTest = 60)]
    public Property Starts_ScaleWithTheData_ExactlyForAPowerOfTwo()
    {
        var cases = from seed in Gen.Choose(0, 100_000)
                    from layout in Gen.Choose(0, 3)
                    from power in Gen.Choose(-8, 12)
                    select (Seed: seed, Layout: layout, Factor: Math.ScaleB(1, power));
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var (x, m) = Layout(c.Layout, c.Seed);
            var scaled = m.Select(v => v * c.Factor).ToArray();
            var a = Problem(x, m);
            var b = Problem(x, scaled);
            for (int k = 0; k < a.Starts.Count; k++)
            {
                for (int j = 0; j < 3; j++)
                {
                    if (b.Starts[k][j] != a.Starts[k][j] * c.Factor)
                    {
                        return false;
                    }
                }
            }

            return a.Reference.Select(r => r * c.Factor).SequenceEqual(b.Reference);
        });
    }

    [Property(MaxTest = 60)]
    public Property Starts_ShiftWithTheData_MuOnly()
    {
        var cases = from seed in Gen.Choose(0, 100_000)
                    from layout in Gen.Choose(0, 3)
                    from shift in Gen.Choose(-500, 500)
                    select (Seed: seed, Layout: layout, Shift: shift / 4.0);
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var (x, m) = Layout(c.Layout, c.Seed);
            var shifted = m.Select(v => v + c.Shift).ToArray();
            var a = Problem(x, m);
            var b = Problem(x, shifted);
            double tolerance = 1e-7 * (a.Reference[0] + Math.Abs(c.Shift) + 1);
            for (int k = 0; k < a.Starts.Count; k++)
            {
                if (Math.Abs(b.Starts[k][0] - a.Starts[k][0]) > tolerance
                    || Math.Abs(b.Starts[k][1] - a.Starts[k][1]) > tolerance
                    || Math.Abs(b.Starts[k][2] - (a.Starts[k][2] + c.Shift)) > tolerance)
                {
                    return false;
                }
            }

            return true;
        });
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Starts_AreFiniteAndPositive_OnEveryLayout(int layout)
    {
        var (x, m) = Layout(layout, seed: 3);
        foreach (var start in Problem(x, m).Starts)
        {
            Assert.True(start[0] > 0 && double.IsFinite(start[0]), $"tau start {start[0]}");
            Assert.True(start[1] > 0 && double.IsFinite(start[1]), $"sigma start {start[1]}");
            Assert.True(double.IsFinite(start[2]));
        }
    }

    [Fact]
    public void FirstStart_UsesOnlyFrequenciesWithTwoCustomersOrMore()
    {
        var (x, m) = SpendSimulation.NormalNormal(20_000, 10, 3, 6, seed: 9);
        double[] before = Problem(x, m).Starts[0];

        // One more customer at a frequency nobody else has: the regression of the variances does not see it.
        double[] after = Problem([.. x, 97], [.. m, 10.5]).Starts[0];

        Assert.Equal(before[0], after[0], 1e-12 * before[0]);
        Assert.Equal(before[1], after[1], 1e-12 * before[1]);
    }

    [Fact]
    public void FirstStart_WhereTheRegressionGivesNoVariance_IsTheFloorOfAFifthOfTheVariance()
    {
        // Every customer of a frequency has the same value: the within-frequency variances are all 0, so both the intercept
        // (tau^2) and the slope (sigma^2) are 0 and the start takes the floor, 5 % of the means' variance.
        int[] x = [1, 1, 1, 2, 2, 2, 3, 3, 3];
        double[] m = [4, 4, 4, 6, 6, 6, 5, 5, 5];
        var (mean, variance) = Moments(m);
        double[] start = Problem(x, m).Starts[0];

        Assert.Equal(Math.Sqrt(0.05 * variance), start[0], 1e-12);
        Assert.Equal(Math.Sqrt(0.05 * variance), start[1], 1e-12);
    }

    [Fact]
    public void FirstStart_WithEveryCustomerAloneAtAFrequency_SplitsTheVarianceBetweenTauAndSigma()
    {
        // Nothing to regress (no frequency has two customers): tau^2 starts at half the means' variance, sigma^2 at all of it.
        var (x, m) = Layout(2, seed: 3);
        var (mean, variance) = Moments(m);
        double[] start = Problem(x, m).Starts[0];

        Assert.Equal(Math.Sqrt(variance / 2), start[0], 1e-9 * Math.Sqrt(variance));
        Assert.Equal(Math.Sqrt(variance), start[1], 1e-9 * Math.Sqrt(variance));
    }

    [Fact]
    public void Fit_EachFrequencySharingOneValue_IsNotRefusedAsAllEqual()
    {
        int[] x = [1, 1, 1, 2, 2, 2, 3, 3, 3];
        double[] m = [4, 4, 4, 6, 6, 6, 5, 5, 5];
        var e = Record.Exception(() => NormalNormalModel.Fit(x, m, null));

        Assert.False(e is ModelFitException f && f.Message.Contains("differ", StringComparison.Ordinal), e?.Message);
    }

    [Fact]
    public void Fit_TwoDistinctFrequencies_IsEnough()
    {
        // Half the customers bought once, half five times: two variances of means, tau^2 + sigma^2 and tau^2 + sigma^2 / 5.
        var random = new Random(2);
        var x = new int[20_000];
        var m = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = i % 2 == 0 ? 1 : 5;
            double own = MathNet.Numerics.Distributions.Normal.Sample(random, 10, 3);
            m[i] = MathNet.Numerics.Distributions.Normal.Sample(random, own, 6 / Math.Sqrt(x[i]));
        }

        var fit = NormalNormalModel.Fit(x, m, null);

        Assert.Equal(FitStatus.Converged, fit.Status);
        Assert.Equal(3, fit.Model.Tau, 0.3);
        Assert.Equal(6, fit.Model.Sigma, 0.6);
    }

    [Fact]
    public void Members_BadArguments_ThrowNamingThem()
    {
        var model = new NormalNormalModel(-4.5, 12.25, 30.5);
        Assert.Equal("customers", Assert.Throws<ArgumentNullException>(() => NormalNormalModel.Fit(null!)).ParamName);
        Assert.Equal("customers", Assert.Throws<ArgumentNullException>(() => NormalNormalModel.Fit(null!, null)).ParamName);
        Assert.Equal("meanValue", Assert.Throws<ArgumentOutOfRangeException>(() => model.LikelihoodLn(2, double.NaN)).ParamName);
        Assert.Equal("frequency", Assert.Throws<ArgumentOutOfRangeException>(() => model.ShrinkageWeight(-1)).ParamName);
        Assert.Equal("meanValue", Assert.Throws<ArgumentOutOfRangeException>(() => model.ConditionalExpectedValue(2, double.PositiveInfinity)).ParamName);
        Assert.Equal("customers", Assert.Throws<ArgumentNullException>(() => model.ConditionalExpectedValue((CustomerSummaries)null!)).ParamName);
        Assert.Throws<ArgumentException>(() => model.ConditionalExpectedValue(new CustomerSummary[2], new double[1]));
        Assert.Equal(0, model.ShrinkageWeight(0));
    }

    /// <summary>The mean of the customers' values and their population variance, computed in two passes.</summary>
    private static (double Mean, double Variance) Moments(double[] m)
    {
        double mean = m.Average();
        return (mean, m.Select(v => (v - mean) * (v - mean)).Average());
    }

    private static NormalNormalLikelihood Problem(int[] x, double[] m)
    {
        // Group by frequency with a two-pass mean and sum of squares, independently of the model's running sums.
        var groups = x.Select((xi, i) => (X: xi, M: m[i])).GroupBy(p => p.X).OrderBy(g => g.Key).ToArray();
        var xs = groups.Select(g => g.Key).ToArray();
        var n = groups.Select(g => (double)g.Count()).ToArray();
        var mean = groups.Select(g => g.Average(p => p.M)).ToArray();
        var m2 = groups.Select((g, k) => g.Sum(p => (p.M - mean[k]) * (p.M - mean[k]))).ToArray();
        return new NormalNormalLikelihood(xs, n, mean, m2);
    }

    /// <summary>Layouts that take each branch of the start: ordinary data, one frequency with two customers or more (no
    /// slope), every customer alone at a frequency (nothing to regress), and nearly no spread between customers (the floor).</summary>
    private static (int[] X, double[] M) Layout(int layout, int seed)
    {
        var (x, m) = SpendSimulation.NormalNormal(400, 25, layout == 3 ? 0.001 : 4, 8, seed);
        switch (layout)
        {
            case 1:
                for (int i = 0; i < x.Length; i++)
                {
                    x[i] = i < x.Length / 2 ? 3 : 10 + i;
                }

                break;
            case 2:
                for (int i = 0; i < x.Length; i++)
                {
                    x[i] = i + 1;
                }

                break;
        }

        return (x, m);
    }
}
