using System.Collections;
using Clv.Crm;
using Clv.Probabilistic;
using Clv.Rfm;
using Clv.Tests.Probabilistic;

namespace Clv.Tests;

/// <summary>
/// The lists that immutable, thread-safe models, cut points, segment maps, covariates and health signals expose are views:
/// a caller who casts one to <see cref="IList"/> (or to the array it used to be) cannot change the object's own state, and so
/// cannot change the predictions, scores or segments every other thread sees.
/// </summary>
public class ImmutableViewsTests
{
    private static readonly ParetoNbdModel Pareto = new(0.55, 10.58, 0.61, 11.67, TimeUnit.Week);

    public static TheoryData<string> Lists() =>
    [
        "RfmCutPoints.DaysSinceLastPurchase", "RfmCutPoints.Frequency", "RfmCutPoints.Monetary",
        "SegmentMap.Rules", "SegmentMap.Segments",
        "CovariatePurchaseModel.PurchaseCovariates", "CovariatePurchaseModel.PurchaseCoefficients",
        "CovariatePurchaseModel.DropoutCovariates", "CovariatePurchaseModel.DropoutCoefficients",
        "TimeVaryingParetoNbdModel.PurchaseCovariates", "TimeVaryingParetoNbdModel.PurchaseCoefficients",
        "TimeVaryingParetoNbdModel.DropoutCovariates", "TimeVaryingParetoNbdModel.DropoutCoefficients",
        "CovariateSpendModel.Covariates", "CovariateSpendModel.Coefficients",
        "CustomerCovariates.Names",
        "HealthSignals.Names", "HealthSignals.Weights",
    ];

    [Theory]
    [MemberData(nameof(Lists))]
    public void ExposedList_WrittenThroughACast_IsRefused(string name)
    {
        var list = (IList)List(name);
        Assert.NotEmpty(list);
        Assert.False(list is Array, name + " hands out its own array");
        object? first = list[0];
        Assert.Throws<NotSupportedException>(() => list[0] = first);
    }

    [Fact]
    public void CovariatePurchaseModel_CoefficientsWrittenThroughACast_PredictionUnchanged()
    {
        var model = new CovariatePurchaseModel(Pareto, [new("web", 0.4)], [new("web", -0.2)]);
        double before = model.ForCustomer([1.0], [1.0]).ProbabilityAlive(2, 10, 20);
        try
        {
            ((IList<double>)model.PurchaseCoefficients)[0] = 5;
        }
        catch (NotSupportedException)
        {
        }

        Assert.Equal(before, model.ForCustomer([1.0], [1.0]).ProbabilityAlive(2, 10, 20));
        Assert.Equal(0.4, model.PurchaseCoefficients[0]);
    }

    private static object List(string name)
    {
        var customers = CdnowFits.Summaries;
        return name switch
        {
            "RfmCutPoints.DaysSinceLastPurchase" => RfmCutPoints.Fit(customers, null).Model.DaysSinceLastPurchase,
            "RfmCutPoints.Frequency" => RfmCutPoints.Fit(customers, null).Model.Frequency,
            "RfmCutPoints.Monetary" => RfmCutPoints.Fit(customers, null).Model.Monetary,
            "SegmentMap.Rules" => SegmentMap.RfGrid().Rules,
            "SegmentMap.Segments" => SegmentMap.RfGrid().Segments,
            "CovariatePurchaseModel.PurchaseCovariates" => Covariate().PurchaseCovariates,
            "CovariatePurchaseModel.PurchaseCoefficients" => Covariate().PurchaseCoefficients,
            "CovariatePurchaseModel.DropoutCovariates" => Covariate().DropoutCovariates,
            "CovariatePurchaseModel.DropoutCoefficients" => Covariate().DropoutCoefficients,
            "TimeVaryingParetoNbdModel.PurchaseCovariates" => TimeVarying().PurchaseCovariates,
            "TimeVaryingParetoNbdModel.PurchaseCoefficients" => TimeVarying().PurchaseCoefficients,
            "TimeVaryingParetoNbdModel.DropoutCovariates" => TimeVarying().DropoutCovariates,
            "TimeVaryingParetoNbdModel.DropoutCoefficients" => TimeVarying().DropoutCoefficients,
            "CovariateSpendModel.Covariates" => Spend().Covariates,
            "CovariateSpendModel.Coefficients" => Spend().Coefficients,
            "CustomerCovariates.Names" => CustomerCovariates.Create(["web", "age"], new double[,] { { 1, 2 }, { 0, 3 } }).Names,
            "HealthSignals.Names" => HealthSignals.Create(customers, [], null, null).Names,
            "HealthSignals.Weights" => HealthSignals.Create(customers, [], null, null).Weights,
            _ => throw new ArgumentException(name),
        };
    }

    private static CovariatePurchaseModel Covariate() => new(Pareto, [new("web", 0.4)], [new("web", -0.2)]);

    private static TimeVaryingParetoNbdModel TimeVarying() => new(Pareto, [new("spring", 0.2)], [new("spring", 0.1)]);

    private static CovariateSpendModel Spend() => new(new GammaGammaModel(6.25, 3.74, 15.44), [new("web", 0.3)]);
}
