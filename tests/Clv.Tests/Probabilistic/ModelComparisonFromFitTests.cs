using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

public sealed class ModelComparisonFromFitTests
{
    [Fact]
    public void FromFit_EqualsTheComparisonsRowForThatModel()
    {
        var customers = TestData.CdnowSummaries();
        var full = ModelComparison.Compare(customers);
        var one = ModelComparison.FromFit(ParetoNbdModel.Fit(customers), customers);
        var expected = full.Rows.Single(r => r.Name == "Pareto/NBD");
        var row = Assert.Single(one.Rows);
        Assert.Equal(expected.Name, row.Name);
        Assert.Equal(expected.Model!.ToJson(), row.Model!.ToJson());
        Assert.Equal(expected.LikelihoodLn, row.LikelihoodLn);
        Assert.Equal(expected.Bic, row.Bic);
        Assert.Equal(expected.Parameters, row.Parameters);
        Assert.Equal(full.Customers, one.Customers);
        Assert.Equal(full.ExcludedCount, one.ExcludedCount);
        Assert.Equal(row, one.BestByBic);
    }

    [Fact]
    public void FromFit_WithHoldout_CarriesTheHoldoutErrors()
    {
        var customers = CustomerSummaries.FromTransactions(TestData.CdnowSample(), TestData.CdnowCalibrationEnd, TimeUnit.Week, new DateOnly(1998, 6, 30));
        var fit = BgNbdModel.Fit(customers);
        var row = ModelComparison.FromFit(fit, customers).Rows[0];
        Assert.Equal(HoldoutValidation.Evaluate(fit.Model, customers).MeanAbsoluteError, row.Holdout!.MeanAbsoluteError);
    }

    [Fact]
    public void FromFit_ModelInAnotherUnit_Throws()
    {
        var weeks = TestData.CdnowSummaries();
        var days = CustomerSummaries.FromTransactions(TestData.CdnowSample(), TestData.CdnowCalibrationEnd, TimeUnit.Day);
        var e = Assert.Throws<ArgumentException>(() => ModelComparison.FromFit(BgNbdModel.Fit(weeks), days));
        Assert.Equal("fit", e.ParamName);
        Assert.Contains("Weeks but the summaries are in Days", e.Message, StringComparison.Ordinal);
    }
}
