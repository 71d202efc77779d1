using System.Globalization;
using Clv.Probabilistic;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Clv.Tests.Probabilistic;

public class NormalNormalModelTests
{
    public static TheoryData<double, double, double, int> Truths => new()
    {
        { -5, 3, 10, 1 },
        { 20, 8, 4, 2 },
        { 0.5, 4, 12, 3 },
    };

    [Theory]
    [MemberData(nameof(Truths))]
    public void Fit_Simulated_RecoversMuTauSigmaWithinFourStandardErrors(double mu, double tau, double sigma, int seed)
    {
        var (x, m) = SpendSimulation.NormalNormal(50_000, mu, tau, sigma, seed);
        var fit = NormalNormalModel.Fit(x, m, null);
        TestContext.Current.TestOutputHelper?.WriteLine(fit.ToString() + " " + string.Join(", ", fit.Parameters));
        Assert.Equal(FitStatus.Converged, fit.Status);
        Assert.Equal(["tau", "sigma", "mu"], fit.Parameters.Select(p => p.Name));
        double[] truth = [tau, sigma, mu];
        for (int k = 0; k < 3; k++)
        {
            double deviation = SpendSimulation.Deviation(fit.Parameters[k], truth[k], real: k == 2);
            Assert.True(deviation <= 4, FormattableString.Invariant($"{fit.Parameters[k]} is {deviation:F2} SE from {truth[k]}"));
        }

        Assert.Equal(fit.Parameters[2].Estimate, fit.Model.Mu);
        Assert.Equal(fit.Parameters[0].Estimate, fit.Model.Tau);
        Assert.Equal(fit.Parameters[1].Estimate, fit.Model.Sigma);
    }

    [Fact]
    public void Fit_LikelihoodLn_IsTheSumOverCustomers()
    {
        var (x, m) = SpendSimulation.NormalNormal(2_000, -3, 2, 6, seed: 4);
        var fit = NormalNormalModel.Fit(x, m, null);
        double sum = x.Select((xi, i) => fit.Model.LikelihoodLn(xi, m[i])).Sum();
        Assert.Equal(sum, fit.LikelihoodLn, 1e-8 * Math.Abs(sum));
        Assert.Equal(2_000, fit.ObservationCount);
    }

    [Fact]
    public void Fit_ZeroAndNegativeValues_Converges()
    {
        // Profit margins: many customers at exactly zero, a loss-making tail, a profitable one.
        var (x, m) = SpendSimulation.NormalNormal(5_000, -1, 2, 5, seed: 8);
        for (int i = 0; i < m.Length; i += 4)
        {
            m[i] = 0;
        }

        var fit = NormalNormalModel.Fit(x, m, null);
        Assert.Equal(FitStatus.Converged, fit.Status);
        Assert.True(fit.Model.Mu < 0);
        Assert.Contains(m, v => v < 0);
    }

    [Fact]
    public void Fit_Summaries_KeepZeroPurchasesAndLeaveRefundsOut()
    {
        // Purchases of amount 0 are purchase days (MonetaryValue may be 0); refunds (negative amounts) never are.
        var random = new Random(5);
        var rows = new List<Transaction>();
        var start = new DateOnly(2024, 1, 1);
        for (int i = 0; i < 3_000; i++)
        {
            string id = i.ToString(CultureInfo.InvariantCulture);
            int x = i % 5;
            double own = 20 + (8 * random.NextDouble());
            rows.Add(new Transaction(id, start, 10));
            for (int k = 1; k <= x; k++)
            {
                rows.Add(new Transaction(id, start.AddDays(k), i % 7 == 0 ? 0 : Math.Round(own + (10 * (random.NextDouble() - 0.5)), 2)));
            }

            if (i % 3 == 0)
            {
                rows.Add(new Transaction(id, start.AddDays(x + 1), -15));
            }
        }

        var customers = CustomerSummaries.FromTransactions([.. rows], start.AddDays(30), TimeUnit.Week);
        Assert.True(customers.RefundTransactionCount > 0);
        var summaries = customers.AsSpan().ToArray();
        Assert.Contains(summaries, c => c.Frequency > 0 && c.MonetaryValue == 0);
        var fit = NormalNormalModel.Fit(customers);
        Assert.Equal(FitStatus.Converged, fit.Status);
        Assert.Equal(summaries.Count(c => c.Frequency == 0), fit.ExcludedCount);
        Assert.Equal(summaries.Count(c => c.Frequency > 0), fit.ObservationCount);
        var byRows = NormalNormalModel.Fit([.. summaries.Where(c => c.Frequency > 0).Select(c => c.Frequency)], [.. summaries.Where(c => c.Frequency > 0).Select(c => c.MonetaryValue)], null);
        Assert.Equal(byRows.Model.Mu, fit.Model.Mu, 1e-9);
        Assert.Equal(byRows.LikelihoodLn, fit.LikelihoodLn, 1e-9);
    }

    [Theory]
    [InlineData(0, 12.5)]
    [InlineData(1, -40)]
    [InlineData(3, 0)]
    [InlineData(25, 250)]
    public void ConditionalExpectedValue_EqualsTheClosedForm(int x, double mean)
    {
        var model = new NormalNormalModel(-4.5, 12.25, 30.5);
        double w = x * 12.25 * 12.25 / ((x * 12.25 * 12.25) + (30.5 * 30.5));
        Assert.Equal(w, model.ShrinkageWeight(x), 1e-15);
        Assert.Equal((w * mean) + ((1 - w) * -4.5), model.ConditionalExpectedValue(x, mean), 1e-12);
    }

    [Fact]
    public void ConditionalExpectedValue_BatchEqualsScalar_AndNoRepeatIsMu()
    {
        var customers = CdnowFits.Summaries;
        var model = new NormalNormalModel(30, 20, 15);
        double[] all = model.ConditionalExpectedValue(customers);
        for (int i = 0; i < all.Length; i++)
        {
            var c = customers[i];
            Assert.Equal(model.ConditionalExpectedValue(c.Frequency, c.MonetaryValue), all[i]);
            if (c.Frequency == 0)
            {
                Assert.Equal(30, all[i]);
            }
        }
    }

    private static readonly Arbitrary<(double Mu, double Tau, double Sigma, int X, double Mean)> Case =
        (from mu in Gen.Choose(-100_000, 100_000)
         from tau in Gen.Choose(-3000, 3000)
         from sigma in Gen.Choose(-3000, 3000)
         from x in Gen.Choose(0, 500)
         from mean in Gen.Choose(-100_000, 100_000)
         select (mu / 100.0, Math.Pow(10, tau / 1000.0), Math.Pow(10, sigma / 1000.0), x, mean / 100.0)).ToArbitrary();

    [Property]
    public Property ConditionalExpectedValue_AnyCustomer_LiesBetweenTheOwnMeanAndMu() =>
        Prop.ForAll(Case, c =>
        {
            double e = new NormalNormalModel(c.Mu, c.Tau, c.Sigma).ConditionalExpectedValue(c.X, c.Mean);
            return e >= Math.Min(c.Mu, c.Mean) && e <= Math.Max(c.Mu, c.Mean);
        });

    [Fact]
    public void Likelihood_GradientAndHessian_MatchFiniteDifferences()
    {
        var (x, m) = SpendSimulation.NormalNormal(500, -2, 3, 7, seed: 2);
        var groups = x.Select((xi, i) => (xi, m[i])).GroupBy(r => r.xi).OrderBy(g => g.Key).ToArray();
        int[] xs = [.. groups.Select(g => g.Key)];
        double[] n = [.. groups.Select(g => (double)g.Count())];
        double[] mean = [.. groups.Select(g => g.Average(r => r.Item2))];
        double[] m2 = [.. groups.Select((g, k) => g.Sum(r => (r.Item2 - mean[k]) * (r.Item2 - mean[k])))];
        var problem = new NormalNormalLikelihood(xs, n, mean, m2);
        double[] theta = [Math.Log(2.5), Math.Log(8), -1.5];
        var gradient = new double[3];
        var hessian = new double[9];
        double ll = problem.LogLikelihood(theta, gradient, hessian, TestContext.Current.CancellationToken);
        double sum = x.Select((xi, i) => NormalNormalLikelihood.LikelihoodLn(-1.5, 2.5, 8, xi, m[i])).Sum();
        Assert.Equal(sum, ll, 1e-9 * Math.Abs(sum));
        const double h = 1e-5;
        for (int k = 0; k < 3; k++)
        {
            var up = (double[])theta.Clone();
            var down = (double[])theta.Clone();
            up[k] += h;
            down[k] -= h;
            var gu = new double[3];
            var gd = new double[3];
            double numeric = (problem.LogLikelihood(up, gu, TestContext.Current.CancellationToken) - problem.LogLikelihood(down, gd, TestContext.Current.CancellationToken)) / (2 * h);
            Assert.Equal(numeric, gradient[k], 1e-5 * Math.Max(1, Math.Abs(numeric)));
            for (int l = 0; l < 3; l++)
            {
                Assert.Equal((gu[l] - gd[l]) / (2 * h), hessian[(k * 3) + l], 1e-4 * Math.Max(1, Math.Abs(hessian[(k * 3) + l])));
            }
        }
    }

    [Fact]
    public void Fit_BadInput_ThrowsNamingIndexAndValue()
    {
        var zero = Assert.Throws<ArgumentOutOfRangeException>(() => NormalNormalModel.Fit([1, 0], [2.0, 3.0], null));
        Assert.Equal("frequencies", zero.ParamName);
        Assert.Contains("frequencies[1] must be at least 1, but was 0", zero.Message, StringComparison.Ordinal);
        var nan = Assert.Throws<ArgumentOutOfRangeException>(() => NormalNormalModel.Fit([1, 2], [2.0, double.NaN], null));
        Assert.Contains("meanValues[1] must be a finite number, but was NaN", nan.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => NormalNormalModel.Fit([1, 2], [2.0], null));
        var one = Assert.Throws<ModelFitException>(() => NormalNormalModel.Fit([2, 2, 2, 2], [1.0, -3.0, 4.0, 0.0], null));
        Assert.Contains("every one of the 4 has x = 2", one.Message, StringComparison.Ordinal);
        var equal = Assert.Throws<ModelFitException>(() => NormalNormalModel.Fit([1, 2, 3], [5.0, 5.0, 5.0], null));
        Assert.Contains("all 3 are 5", equal.Message, StringComparison.Ordinal);
        Assert.Throws<ModelFitException>(() => NormalNormalModel.Fit([1, 2], [5.0, 6.0], null));
    }

    [Fact]
    public void Constructor_BadParameters_ThrowNamingThem()
    {
        Assert.Equal("mu", Assert.Throws<ArgumentOutOfRangeException>(() => new NormalNormalModel(double.NaN, 1, 1)).ParamName);
        Assert.Equal("tau", Assert.Throws<ArgumentOutOfRangeException>(() => new NormalNormalModel(0, 0, 1)).ParamName);
        Assert.Equal("sigma", Assert.Throws<ArgumentOutOfRangeException>(() => new NormalNormalModel(0, 1, -1)).ParamName);
        var model = new NormalNormalModel(-4.5, 12.25, 30.5);
        Assert.Throws<ArgumentOutOfRangeException>(() => model.ConditionalExpectedValue(-1, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.LikelihoodLn(0, 2));
    }

    [Fact]
    public void ToJson_FromJson_RoundTripsANegativeMu()
    {
        var model = new NormalNormalModel(-4.5, 12.25, 30.5);
        string json = model.ToJson();
        Assert.Equal("""{"model":"Normal-Normal","version":1,"parameters":{"tau":12.25,"sigma":30.5,"mu":-4.5}}""", json);
        Assert.Equal(json, NormalNormalModel.FromJson(json).ToJson());
        Assert.Equal("Normal-Normal(mu = -4.5, tau = 12.25, sigma = 30.5)", model.ToString());
    }
}
