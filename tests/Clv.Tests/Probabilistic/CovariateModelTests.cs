using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>Pareto/NBD, BG/NBD and MBG/NBD with time-invariant covariates: recovery, nesting, the LR test, errors and predictions.</summary>
public class CovariateModelTests
{
    private static readonly string[] Names = ["gender", "channel"];

    private static CovariatePurchaseModel Truth(PurchaseModel baseModel, double purchaseGender, double purchaseChannel, double dropoutGender) =>
        new(baseModel, [new("gender", purchaseGender), new("channel", purchaseChannel)], [new("gender", dropoutGender)]);

    private static CovariateOptions Both(CustomerCovariates covariates) =>
        new(covariates) { Purchase = ["gender", "channel"], Dropout = ["gender"] };

    public static TheoryData<string> Models => ["Pareto/NBD", "BG/NBD", "MBG/NBD"];

    private static PurchaseModel BaseTruth(string model) => model switch
    {
        "Pareto/NBD" => new ParetoNbdModel(0.8, 8, 0.6, 10, TimeUnit.Week),
        "BG/NBD" => new BgNbdModel(0.8, 6, 0.5, 4, TimeUnit.Week),
        _ => new MbgNbdModel(0.8, 6, 0.5, 4, TimeUnit.Week),
    };

    private static FitResult<CovariatePurchaseModel> FitWith(string model, CustomerSummaries customers, CovariateOptions covariates) => model switch
    {
        "Pareto/NBD" => ParetoNbdModel.Fit(customers, covariates, null),
        "BG/NBD" => BgNbdModel.Fit(customers, covariates, null),
        _ => MbgNbdModel.Fit(customers, covariates, null),
    };

    private static FitResult<CovariatePurchaseModel> FitWith(string model, PurchaseHistory[] histories, CovariateOptions covariates) => model switch
    {
        "Pareto/NBD" => ParetoNbdModel.Fit(histories, TimeUnit.Week, covariates, null),
        "BG/NBD" => BgNbdModel.Fit(histories, TimeUnit.Week, covariates, null),
        _ => MbgNbdModel.Fit(histories, TimeUnit.Week, covariates, null),
    };

    private static double PlainLikelihoodLn(string model, CustomerSummaries customers) => model switch
    {
        "Pareto/NBD" => ParetoNbdModel.Fit(customers).LikelihoodLn,
        "BG/NBD" => BgNbdModel.Fit(customers).LikelihoodLn,
        _ => MbgNbdModel.Fit(customers).LikelihoodLn,
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void Fit_SimulatedInContinuousTime_RecoversEveryParameterWithinFourStandardErrors(string model)
    {
        // BG/NBD's dropout coefficient scales a and b together; its effect is weaker, so it is given a larger value.
        var truth = Truth(BaseTruth(model), 0.5, -0.3, model == "Pareto/NBD" ? 0.6 : 1.0);
        var (histories, covariates) = CovariateSimulation.SimulateHistories(truth, Names, CovariateSimulation.GenderAndChannel(), 5_000, seed: 3);

        var fit = FitWith(model, histories, Both(covariates));

        Assert.Equal(FitStatus.Converged, fit.Status);
        Assert.Equal(["purchase.gender", "purchase.channel", "dropout.gender"], fit.Parameters.Skip(4).Select(p => p.Name));
        double[] expected = [.. truth.BaseModel.Parameters.Select(p => p.Value), 0.5, -0.3, truth.DropoutCoefficients[0]];
        for (int i = 0; i < expected.Length; i++)
        {
            var p = fit.Parameters[i];
            double deviation = i < 4
                ? Math.Abs(Math.Log(p.Estimate / expected[i])) / (p.StandardError / p.Estimate)
                : Math.Abs(p.Estimate - expected[i]) / p.StandardError;
            Assert.True(deviation < 4, $"{model} {p.Name}: {p.Estimate:G4} ± {p.StandardError:G2}, truth {expected[i]} ({deviation:F1} SE)");
        }

        Assert.Equal(fit.Parameters[4].Estimate, fit.Model.PurchaseCoefficients[0]);
        Assert.Equal(fit.Parameters[6].Estimate, fit.Model.DropoutCoefficients[0]);
        Assert.True(Math.Abs(fit.Parameters[4].ZStatistic) > 4, $"gender's purchase effect is clear: z = {fit.Parameters[4].ZStatistic:F1}");
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Fit_EffectsPresent_LikelihoodRatioTestRejectsNoEffect(string model)
    {
        var truth = Truth(BaseTruth(model), 0.4, 0, 0);
        var (customers, covariates) = CovariateSimulation.Simulate(truth, Names, CovariateSimulation.GenderAndChannel(), 2_000, seed: 5);
        var plain = model switch
        {
            "Pareto/NBD" => LikelihoodRatioTest.Compare(ParetoNbdModel.Fit(customers), FitWith(model, customers, Both(covariates))),
            "BG/NBD" => LikelihoodRatioTest.Compare(BgNbdModel.Fit(customers), FitWith(model, customers, Both(covariates))),
            _ => LikelihoodRatioTest.Compare(MbgNbdModel.Fit(customers), FitWith(model, customers, Both(covariates))),
        };

        Assert.Equal(3, plain.DegreesOfFreedom);
        Assert.True(plain.PValue < 1e-6, $"{model}: D = {plain.Statistic:F1}, p = {plain.PValue:G3}");
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Fit_NoEffects_LikelihoodNeverBelowThePlainFitAndTestDoesNotReject(string model)
    {
        var truth = Truth(BaseTruth(model), 0, 0, 0);
        var (customers, covariates) = CovariateSimulation.Simulate(truth, Names, CovariateSimulation.GenderAndChannel(), 1_500, seed: 7);

        var fit = FitWith(model, customers, Both(covariates));
        double plain = PlainLikelihoodLn(model, customers);

        Assert.True(fit.LikelihoodLn >= plain - 1e-6, $"{model}: {fit.LikelihoodLn} < {plain}");
        double d = 2 * (fit.LikelihoodLn - plain);
        Assert.True(d < 11.34, $"{model}: D = {d:F2} is beyond the 1% point of χ²(3) on data without effects (seeded)");
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void ForCustomer_ZeroCoefficients_PredictsExactlyAsTheBaseModel(string model)
    {
        var baseModel = BaseTruth(model);
        var zero = Truth(baseModel, 0, 0, 0);
        var one = zero.ForCustomer([1, -2], [1]);
        Assert.Equal(baseModel.ToString(), one.ToString());
        Assert.Equal(baseModel.ProbabilityAlive(3, 20, 40), one.ProbabilityAlive(3, 20, 40));
        Assert.Equal(baseModel.ConditionalExpectedPurchases(3, 20, 40, 52), one.ConditionalExpectedPurchases(3, 20, 40, 52));
    }

    [Fact]
    public void Likelihood_AtZeroCoefficients_EqualsTheLikelihoodWithoutCovariates()
    {
        var truth = Truth(BaseTruth("Pareto/NBD"), 0.5, -0.3, 0.6);
        var (customers, covariates) = CovariateSimulation.Simulate(truth, Names, CovariateSimulation.GenderAndChannel(), 300, seed: 9);
        foreach (var baseModel in new PurchaseModel[] { BaseTruth("Pareto/NBD"), BaseTruth("BG/NBD"), BaseTruth("MBG/NBD") })
        {
            var zero = Truth(baseModel, 0, 0, 0);
            double grouped = 0, plain = 0;
            for (int i = 0; i < customers.Count; i++)
            {
                var c = customers[i];
                grouped += zero.ForCustomer(covariates, i).LikelihoodLn(c.Frequency, c.Recency, c.Age);
                plain += baseModel.LikelihoodLn(c.Frequency, c.Recency, c.Age);
            }

            Assert.Equal(plain, grouped, 1e-9);
        }
    }

    [Fact]
    public void ForCustomer_ParetoNbd_ScalesAlphaAndBetaAsDocumented()
    {
        var model = new CovariatePurchaseModel(new ParetoNbdModel(0.8, 8, 0.6, 10, TimeUnit.Week), [new("gender", 0.5)], [new("gender", -0.25)]);
        var one = (ParetoNbdModel)model.ForCustomer([2], [2]);
        Assert.Equal(8 * Math.Exp(-1.0), one.Alpha, 1e-12);
        Assert.Equal(10 * Math.Exp(0.5), one.Beta, 1e-12);
        Assert.Equal(0.8, one.R);
        Assert.Equal(0.6, one.S);

        var bg = new CovariatePurchaseModel(new BgNbdModel(0.8, 6, 0.5, 4, TimeUnit.Week), [], [new("gender", 0.5)]);
        var two = (BgNbdModel)bg.ForCustomer([], [2]);
        Assert.Equal(6, two.Alpha);
        Assert.Equal(0.5 * Math.E, two.A, 1e-12);
        Assert.Equal(4 * Math.E, two.B, 1e-12);
    }

    [Fact]
    public void Predictions_BatchEqualsEachCustomersOwnModel()
    {
        var truth = Truth(BaseTruth("Pareto/NBD"), 0.5, -0.3, 0.6);
        var (customers, covariates) = CovariateSimulation.Simulate(truth, Names, CovariateSimulation.GenderAndChannel(), 100, seed: 13);
        var alive = truth.ProbabilityAlive(customers, covariates);
        var expected = truth.ConditionalExpectedPurchases(customers, covariates, 26);
        for (int i = 0; i < customers.Count; i++)
        {
            var own = truth.ForCustomer(covariates, i);
            Assert.Equal(own.ProbabilityAlive(customers[i]), alive[i]);
            Assert.Equal(own.ConditionalExpectedPurchases(customers[i], 26), expected[i]);
        }
    }

    [Fact]
    public void Fit_Constrained_OneSharedCoefficientInBothProcesses()
    {
        var truth = new CovariatePurchaseModel(BaseTruth("Pareto/NBD"), [new("gender", 0.4)], [new("gender", 0.4)]);
        var (customers, covariates) = CovariateSimulation.Simulate(truth, Names, CovariateSimulation.GenderAndChannel(), 1_000, seed: 17);

        var fit = ParetoNbdModel.Fit(customers, new CovariateOptions(covariates) { Purchase = ["gender"], Dropout = ["gender"], Constrained = ["gender"] }, null);

        Assert.Equal(["r", "alpha", "s", "beta", "shared.gender"], fit.Parameters.Select(p => p.Name));
        Assert.Equal(fit.Model.PurchaseCoefficients[0], fit.Model.DropoutCoefficients[0]);
        Assert.True(Math.Abs(fit.Parameters[4].Estimate - 0.4) < 4 * fit.Parameters[4].StandardError, fit.ToString());
    }

    [Fact]
    public void Fit_Regularization_ShrinksCoefficientsTowardsZero()
    {
        var truth = Truth(BaseTruth("BG/NBD"), 0.5, -0.3, 1.0);
        var (customers, covariates) = CovariateSimulation.Simulate(truth, Names, CovariateSimulation.GenderAndChannel(), 500, seed: 19);
        double previous = double.PositiveInfinity;
        foreach (double lambda in new[] { 0.0, 10, 1000, 1e5 })
        {
            var fit = BgNbdModel.Fit(customers, new CovariateOptions(covariates) { Purchase = ["gender", "channel"], Dropout = ["gender"], Regularization = lambda }, null);
            double size = fit.Parameters.Skip(4).Sum(p => p.Estimate * p.Estimate);
            Assert.True(size < previous, $"λ = {lambda}: Σγ² = {size} did not shrink from {previous}");
            previous = size;
        }

        Assert.True(previous < 1e-3, $"λ = 1e5 leaves Σγ² = {previous}");
    }

    [Fact]
    public void FitResult_Json_RoundTripsTheCovariateModelExactly()
    {
        var truth = Truth(BaseTruth("MBG/NBD"), 0.5, -0.3, 1.0);
        var (customers, covariates) = CovariateSimulation.Simulate(truth, Names, CovariateSimulation.GenderAndChannel(), 300, seed: 23);
        var fit = MbgNbdModel.Fit(customers, Both(covariates), null);

        var back = FitResult<CovariatePurchaseModel>.FromJson(fit.ToJson());

        Assert.Equal(fit.ToJson(), back.ToJson());
        Assert.Equal(fit.Parameters, back.Parameters);
        Assert.IsType<CovariatePurchaseModel>(ModelJson.Load(fit.ToJson()));
        Assert.Equal(fit.Model.ProbabilityAlive(customers, covariates), back.Model.ProbabilityAlive(customers, covariates));
    }

    [Fact]
    public void Fit_BadCovariates_ErrorsNameTheProblem()
    {
        var truth = Truth(BaseTruth("Pareto/NBD"), 0.5, -0.3, 0.6);
        var (customers, covariates) = CovariateSimulation.Simulate(truth, Names, CovariateSimulation.GenderAndChannel(), 50, seed: 29);
        var constant = CustomerCovariates.Create(["one", "gender"], new double[customers.Count, 2].Fill((i, j) => j == 0 ? 1 : i % 2));
        var shorter = CustomerCovariates.Create(["gender"], new double[customers.Count - 1, 1]);

        Assert.Contains("'one' has the same value (1) for every one of the", Assert.Throws<ModelFitException>(() =>
            ParetoNbdModel.Fit(customers, new CovariateOptions(constant) { Purchase = ["one"] }, null)).Message, StringComparison.Ordinal);
        Assert.Contains($"{customers.Count - 1} rows but the summaries have {customers.Count} customers", Assert.Throws<ArgumentException>(() =>
            ParetoNbdModel.Fit(customers, new CovariateOptions(shorter) { Purchase = ["gender"] }, null)).Message, StringComparison.Ordinal);
        Assert.Contains("names 'age', which is not a covariate; the covariates are gender, channel", Assert.Throws<ArgumentException>(() =>
            BgNbdModel.Fit(customers, new CovariateOptions(covariates) { Dropout = ["age"] }, null)).Message, StringComparison.Ordinal);
        Assert.Contains("'channel', which must be in both", Assert.Throws<ArgumentException>(() =>
            BgNbdModel.Fit(customers, new CovariateOptions(covariates) { Purchase = ["channel"], Constrained = ["channel"] }, null)).Message, StringComparison.Ordinal);
        Assert.Contains("at least one covariate", Assert.Throws<ArgumentException>(() =>
            MbgNbdModel.Fit(customers, new CovariateOptions(covariates), null)).Message, StringComparison.Ordinal);
        Assert.Equal("covariates.Regularization", Assert.Throws<ArgumentOutOfRangeException>(() =>
            MbgNbdModel.Fit(customers, new CovariateOptions(covariates) { Purchase = ["gender"], Regularization = -1 }, null)).ParamName);
        Assert.Contains("'gender' of customer 1 is NaN", Assert.Throws<ArgumentException>(() =>
            CustomerCovariates.Create(["gender"], new double[,] { { 0 }, { double.NaN } })).Message, StringComparison.Ordinal);
        Assert.Contains("'gender' is repeated", Assert.Throws<ArgumentException>(() =>
            CustomerCovariates.Create(["gender", "gender"], new double[1, 2])).Message, StringComparison.Ordinal);
        Assert.Contains("needs covariate 'channel'", Assert.Throws<ArgumentException>(() =>
            truth.ProbabilityAlive(customers, constant)).Message, StringComparison.Ordinal);
    }
}

internal static class MatrixFill
{
    public static double[,] Fill(this double[,] matrix, Func<int, int, double> value)
    {
        for (int i = 0; i < matrix.GetLength(0); i++)
        {
            for (int j = 0; j < matrix.GetLength(1); j++)
            {
                matrix[i, j] = value(i, j);
            }
        }

        return matrix;
    }
}
