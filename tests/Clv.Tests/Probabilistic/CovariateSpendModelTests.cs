using System.Globalization;
using Clv.Internal;
using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

public class CovariateSpendModelTests
{
    private static readonly SpendCovariateOptions Both = Options(SpendSimulation.GammaGamma(10, 6, 4, 15, 0, 0, 1));

    private static SpendCovariateOptions Options(SpendSimulation.Data data, double regularization = 0) =>
        new(data.Covariates) { Spend = ["web", "age"], Regularization = regularization };

    public static TheoryData<double, double, double, double, double, int> Truths => new()
    {
        { 6.25, 3.74, 15.44, 0.3, -0.2, 1 },
        { 2, 3, 50, -0.5, 0.1, 2 },
        { 12, 8, 5, 0.8, 0.4, 3 },
    };

    [Theory]
    [MemberData(nameof(Truths))]
    public void Fit_SimulatedEffects_EveryParameterWithinFourStandardErrors(double p, double q, double v, double web, double age, int seed)
    {
        var data = SpendSimulation.GammaGamma(30_000, p, q, v, web, age, seed);
        var fit = GammaGammaModel.Fit(data.Customers, Options(data), null);
        TestContext.Current.TestOutputHelper?.WriteLine(fit.ToString() + " " + string.Join(", ", fit.Parameters));
        Assert.Equal(FitStatus.Converged, fit.Status);
        Assert.Equal(["p", "q", "v", "spend.web", "spend.age"], fit.Parameters.Select(x => x.Name));
        double[] truth = [p, q, v, web, age];
        for (int k = 0; k < truth.Length; k++)
        {
            double deviation = SpendSimulation.Deviation(fit.Parameters[k], truth[k], real: k >= 3);
            Assert.True(deviation <= 4, FormattableString.Invariant($"{fit.Parameters[k]} is {deviation:F2} SE from {truth[k]}"));
        }

        Assert.Equal(data.Customers.AsSpan().ToArray().Count(c => !(c.Frequency > 0 && c.MonetaryValue > 0)), fit.ExcludedCount);
        Assert.Equal(fit.Parameters[3].Estimate, fit.Model.Coefficients[0]);
        Assert.Equal(fit.Parameters[3].Estimate / fit.Parameters[3].StandardError, fit.Parameters[3].ZStatistic);
    }

    [Fact]
    public void Fit_SimulatedEffect_LikelihoodRatioTestRejectsNoEffect()
    {
        var data = SpendSimulation.GammaGamma(20_000, 6.25, 3.74, 15.44, 0.15, 0, seed: 11);
        var plain = GammaGammaModel.Fit(data.Customers);
        var full = GammaGammaModel.Fit(data.Customers, Options(data), null);
        var test = LikelihoodRatioTest.Compare(plain, full);
        Assert.Equal(2, test.DegreesOfFreedom);
        Assert.True(test.PValue < 0.01, FormattableString.Invariant($"p = {test.PValue}, D = {test.Statistic}"));
        Assert.True(full.Parameters[3].ZStatistic > 3, full.Parameters[3].ToString());
    }

    [Fact]
    public void Fit_NoEffect_LikelihoodAtLeastThePlainFitAndTheTestDoesNotReject()
    {
        var data = SpendSimulation.GammaGamma(20_000, 6.25, 3.74, 15.44, 0, 0, seed: 12);
        var plain = GammaGammaModel.Fit(data.Customers);
        var full = GammaGammaModel.Fit(data.Customers, Options(data), null);
        Assert.True(full.LikelihoodLn >= plain.LikelihoodLn - 1e-6, FormattableString.Invariant($"{full.LikelihoodLn} < {plain.LikelihoodLn}"));
        var test = LikelihoodRatioTest.Compare(plain, full);
        Assert.True(test.PValue > 0.01, FormattableString.Invariant($"p = {test.PValue}, D = {test.Statistic}"));
        Assert.All(full.Parameters.Skip(3), c => Assert.True(Math.Abs(c.ZStatistic) < 3, c.ToString()));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Fit_AnyData_LikelihoodNeverBelowTheFitWithoutCovariates(int seed)
    {
        var random = new Random(seed);
        var data = SpendSimulation.GammaGamma(500 + random.Next(3000), 1 + (10 * random.NextDouble()), 1.5 + (5 * random.NextDouble()), 1 + (50 * random.NextDouble()), random.NextDouble() - 0.5, 0, seed);
        var plain = GammaGammaModel.Fit(data.Customers);
        var full = GammaGammaModel.Fit(data.Customers, Options(data), null);
        Assert.True(full.LikelihoodLn >= plain.LikelihoodLn - 1e-6, FormattableString.Invariant($"{full.LikelihoodLn} < {plain.LikelihoodLn}"));
        Assert.Equal(plain.ObservationCount, full.ObservationCount);
        Assert.Equal(plain.ExcludedCount, full.ExcludedCount);
    }

    [Fact]
    public void Fit_Regularization_ShrinksTheCoefficientsTowardsZero()
    {
        var data = SpendSimulation.GammaGamma(3_000, 6.25, 3.74, 15.44, 0.5, -0.3, seed: 5);
        var free = GammaGammaModel.Fit(data.Customers, Options(data), null);
        var penalised = GammaGammaModel.Fit(data.Customers, Options(data, regularization: 2_000), null);
        Assert.True(Math.Abs(penalised.Model.Coefficients[0]) < Math.Abs(free.Model.Coefficients[0]));
        Assert.True(Math.Abs(penalised.Model.Coefficients[1]) < Math.Abs(free.Model.Coefficients[1]));
        Assert.True(penalised.LikelihoodLn <= free.LikelihoodLn);
    }

    [Fact]
    public void ConditionalExpectedSpend_AllCoefficientsZero_EqualsTheBaseModel()
    {
        var data = SpendSimulation.GammaGamma(2_000, 6.25, 3.74, 15.44, 0.4, 0.2, seed: 3);
        var baseModel = new GammaGammaModel(6.25, 3.74, 15.44);
        var model = new CovariateSpendModel(baseModel, [new("web", 0), new("age", 0)]);
        double[] expected = baseModel.ConditionalExpectedSpend(data.Customers);
        double[] actual = model.ConditionalExpectedSpend(data.Customers, data.Covariates);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 1e-12);
            Assert.Equal(baseModel.ToJson(), model.ForCustomer(data.Covariates, i).ToJson());
        }
    }

    [Fact]
    public void ConditionalExpectedSpend_PositiveCoefficient_ScalesTheSpendScale()
    {
        var data = SpendSimulation.GammaGamma(500, 6.25, 3.74, 15.44, 0, 0, seed: 4);
        var model = new CovariateSpendModel(new GammaGammaModel(6.25, 3.74, 15.44), [new("web", 0.5), new("age", -0.25)]);
        double[] batch = model.ConditionalExpectedSpend(data.Customers, data.Covariates);
        for (int i = 0; i < batch.Length; i++)
        {
            double v = 15.44 * Math.Exp((0.5 * data.Covariates[i, 0]) - (0.25 * data.Covariates[i, 1]));
            var c = data.Customers[i];
            Assert.Equal(6.25 * (v + (c.Frequency * c.MonetaryValue)) / ((6.25 * c.Frequency) + 3.74 - 1), batch[i], 1e-9);
            Assert.Equal(new GammaGammaModel(6.25, 3.74, v).ConditionalExpectedSpend(c), batch[i], 1e-9);
        }

        // A positive coefficient means a higher mean spend: web customers (z = 1) spend e^0.5 times as much on average.
        var web = model.ForCustomer([1, 0]);
        var store = model.ForCustomer([0, 0]);
        Assert.Equal(Math.Exp(0.5), web.MeanSpend / store.MeanSpend, 1e-12);
    }

    [Fact]
    public void Likelihood_GradientAndHessian_MatchFiniteDifferencesAndThePerCustomerSum()
    {
        var data = SpendSimulation.GammaGamma(300, 6.25, 3.74, 15.44, 0.3, -0.2, seed: 9);
        var c = data.Customers.AsSpan().ToArray();
        var qualifying = Enumerable.Range(0, c.Length).Where(i => c[i].Frequency > 0 && c[i].MonetaryValue > 0).ToArray();
        int[] x = [.. qualifying.Select(i => c[i].Frequency)];
        double[] m = [.. qualifying.Select(i => c[i].MonetaryValue)];
        double[] z = [.. qualifying.SelectMany(i => new[] { data.Covariates[i, 0], data.Covariates[i, 1] })];
        double[] w = [.. qualifying.Select(_ => 1.0)];
        var problem = new CovariateSpendLikelihood(["p", "q", "v", "spend.web", "spend.age"], [1, 1, 30, 2, 1], x, m, z, w, x.Length, [[1, 1, 1, 0, 0]]);
        double[] theta = [Math.Log(5), Math.Log(3), Math.Log(20), 0.2, -0.1];
        var gradient = new double[5];
        var hessian = new double[25];
        double ll = problem.LogLikelihood(theta, gradient, hessian, TestContext.Current.CancellationToken);

        double sum = qualifying.Select((i, r) => new GammaGammaModel(5, 3, 20 * Math.Exp((0.2 * z[2 * r]) - (0.1 * z[(2 * r) + 1]))).LikelihoodLn(x[r], m[r])).Sum();
        Assert.Equal(sum, ll, 1e-8 * Math.Abs(sum));
        const double h = 1e-5;
        for (int k = 0; k < 5; k++)
        {
            var up = (double[])theta.Clone();
            var down = (double[])theta.Clone();
            up[k] += h;
            down[k] -= h;
            var gu = new double[5];
            var gd = new double[5];
            double numeric = (problem.LogLikelihood(up, gu, TestContext.Current.CancellationToken) - problem.LogLikelihood(down, gd, TestContext.Current.CancellationToken)) / (2 * h);
            Assert.Equal(numeric, gradient[k], 1e-5 * Math.Max(1, Math.Abs(numeric)));
            for (int l = 0; l < 5; l++)
            {
                double second = (gu[l] - gd[l]) / (2 * h);
                Assert.Equal(second, hessian[(k * 5) + l], 1e-4 * Math.Max(1, Math.Abs(second)));
            }
        }
    }

    [Fact]
    public void Fit_ConstantCovariate_ThrowsNamingItAndItsValue()
    {
        var data = SpendSimulation.GammaGamma(300, 6.25, 3.74, 15.44, 0, 0, seed: 2);
        var values = new double[data.Customers.Count, 2];
        for (int i = 0; i < values.GetLength(0); i++)
        {
            values[i, 0] = 1;
            values[i, 1] = data.Covariates[i, 1];
        }

        var covariates = CustomerCovariates.Create(["web", "age"], values);
        var ex = Assert.Throws<ModelFitException>(() => GammaGammaModel.Fit(data.Customers, new SpendCovariateOptions(covariates) { Spend = ["web", "age"] }, null));
        Assert.Contains("Covariate 'web' has the same value (1)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_WrongRowCount_ThrowsNamingBothCounts()
    {
        var data = SpendSimulation.GammaGamma(300, 6.25, 3.74, 15.44, 0, 0, seed: 2);
        var ex = Assert.Throws<ArgumentException>(() => GammaGammaModel.Fit(data.Customers, Both, null));
        Assert.Equal("covariates", ex.ParamName);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"The covariates have 10 rows but the summaries have {data.Customers.Count} customers"), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_BadOptions_ThrowNamingThePropertyAndValue()
    {
        var data = SpendSimulation.GammaGamma(300, 6.25, 3.74, 15.44, 0, 0, seed: 2);
        var unknown = Assert.Throws<ArgumentException>(() => GammaGammaModel.Fit(data.Customers, new SpendCovariateOptions(data.Covariates) { Spend = ["income"] }, null));
        Assert.Contains("covariates.Spend names 'income', which is not a covariate; the covariates are web, age", unknown.Message, StringComparison.Ordinal);
        var twice = Assert.Throws<ArgumentException>(() => GammaGammaModel.Fit(data.Customers, new SpendCovariateOptions(data.Covariates) { Spend = ["age", "age"] }, null));
        Assert.Contains("covariates.Spend names 'age' twice", twice.Message, StringComparison.Ordinal);
        var none = Assert.Throws<ArgumentException>(() => GammaGammaModel.Fit(data.Customers, new SpendCovariateOptions(data.Covariates), null));
        Assert.Contains("covariates.Spend", none.Message, StringComparison.Ordinal);
        var negative = Assert.Throws<ArgumentOutOfRangeException>(() => GammaGammaModel.Fit(data.Customers, Options(data, regularization: -1), null));
        Assert.Equal("covariates.Regularization", negative.ParamName);
        Assert.Contains("but was -1", negative.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Model_BadArguments_ThrowNamingThem()
    {
        var baseModel = new GammaGammaModel(6.25, 3.74, 15.44);
        Assert.Throws<ArgumentException>(() => new CovariateSpendModel(baseModel, []));
        var nan = Assert.Throws<ArgumentException>(() => new CovariateSpendModel(baseModel, [new("web", double.NaN)]));
        Assert.Contains("The coefficient of 'web' is NaN", nan.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new CovariateSpendModel(baseModel, [new("web", 1), new("web", 2)]));
        var model = new CovariateSpendModel(baseModel, [new("web", 0.5)]);
        Assert.Throws<ArgumentException>(() => model.ForCustomer([1, 2]));
        var missing = Assert.Throws<ArgumentException>(() => model.ForCustomer(CustomerCovariates.Create(["age"], new double[1, 1]), 0));
        Assert.Contains("The model needs covariate 'web', which is not among age", missing.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => model.ForCustomer(CustomerCovariates.Create(["web"], new double[1, 1]), 1));
    }

    [Fact]
    public void ToJson_FromJson_RoundTripsExactly()
    {
        var model = new CovariateSpendModel(new GammaGammaModel(6.25, 3.74, 15.44), [new("web", 0.31), new("age", -0.0125)]);
        string json = model.ToJson();
        Assert.Equal("""{"model":"Gamma-Gamma with covariates","version":1,"parameters":{"p":6.25,"q":3.74,"v":15.44},"covariates":{"spend":{"web":0.31,"age":-0.0125}}}""", json);
        var back = CovariateSpendModel.FromJson(json);
        Assert.Equal(json, back.ToJson());
        Assert.Equal(["web", "age"], back.Covariates);
        Assert.IsType<CovariateSpendModel>(ModelJson.Load(json));
        Assert.Equal("Gamma-Gamma(p = 6.25, q = 3.74, v = 15.44) with spend: web 0.31, age -0.0125", model.ToString());
    }

    [Fact]
    public void FitResult_ToJson_RoundTrips()
    {
        var data = SpendSimulation.GammaGamma(2_000, 6.25, 3.74, 15.44, 0.3, 0, seed: 6);
        var fit = GammaGammaModel.Fit(data.Customers, Options(data), null);
        var back = FitResult<CovariateSpendModel>.FromJson(fit.ToJson());
        Assert.Equal(fit.Parameters, back.Parameters);
        Assert.Equal(fit.Model.ToJson(), back.Model.ToJson());
    }
}
