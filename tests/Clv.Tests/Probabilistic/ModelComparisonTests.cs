using Clv.Probabilistic;
using Clv.Valuation;

namespace Clv.Tests.Probabilistic;

public class ModelComparisonTests
{
    private static readonly Lazy<CustomerSummaries> WithHoldout = new(() =>
        CustomerSummaries.FromTransactions(TestData.CdnowSample(), TestData.CdnowCalibrationEnd, TimeUnit.Week, new DateOnly(1998, 6, 30)));

    private static readonly Lazy<ModelComparisonReport> Report = new(() => ModelComparison.Compare(WithHoldout.Value));

    [Fact]
    public void Compare_CdnowWithHoldout_ReportsPublishedLogLikelihoodsSideBySide()
    {
        var report = Report.Value;
        Assert.Equal(["BG/NBD", "MBG/NBD", "Pareto/NBD"], report.Rows.Select(r => r.Name));
        Assert.All(report.Rows, r => Assert.True(r.Succeeded, r.Failure));
        Assert.Equal(-9582.43, report.Rows[0].LikelihoodLn, 1e-2);
        Assert.Equal(-9582.13, report.Rows[1].LikelihoodLn, 1e-2);
        Assert.Equal(-9594.97, report.Rows[2].LikelihoodLn, 1e-2);
        Assert.Equal(2357, report.Customers);
        Assert.All(report.Rows, r =>
        {
            Assert.Equal(8 - (2 * r.LikelihoodLn), r.Aic, 1e-9);
            Assert.Equal((4 * Math.Log(2357)) - (2 * r.LikelihoodLn), r.Bic, 1e-9);
            Assert.Equal(4, r.Parameters.Count);
        });
        Assert.Equal("MBG/NBD", report.BestByBic!.Value.Name);
    }

    [Fact]
    public void Compare_CdnowWithHoldout_HoldoutIsTheModelsOwnValidation()
    {
        var report = Report.Value;
        foreach (var row in report.Rows)
        {
            var holdout = Assert.IsType<HoldoutReport>(row.Holdout);
            Assert.Equal(1882, holdout.ActualTotal);
            var direct = HoldoutValidation.Evaluate(row.Model!, WithHoldout.Value);
            Assert.Equal(direct.MeanAbsoluteError, holdout.MeanAbsoluteError, 1e-12);
            Assert.Equal(direct.PredictedTotal, holdout.PredictedTotal, 1e-9);

            // On CDNOW all three under-forecast the 39-week holdout by 11% to 17% in aggregate.
            Assert.InRange(holdout.AggregateRelativeError, -0.2, -0.1);
        }

        // The evidence can disagree: MBG/NBD has the best BIC, Pareto/NBD the lowest holdout MAE.
        Assert.Equal("Pareto/NBD", report.BestByHoldout!.Value.Name);
        string text = report.ToString();
        Assert.Contains("Pareto/NBD", text, StringComparison.Ordinal);
        Assert.Contains("-9594.9", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_NoHoldoutPeriod_LeavesHoldoutEmpty()
    {
        // Holdout end = observation end: a holdout period of length 0.
        var customers = CustomerSummaries.FromTransactions(TestData.CdnowSample(), TestData.CdnowCalibrationEnd, TimeUnit.Week, TestData.CdnowCalibrationEnd);
        var report = ModelComparison.Compare(customers);
        Assert.All(report.Rows, r => Assert.Null(r.Holdout));
        Assert.Null(report.BestByHoldout);
        Assert.NotNull(report.BestByBic);
    }

    [Fact]
    public void Compare_NoRepeatPurchases_ReportsEachFailureInsteadOfThrowing()
    {
        Transaction[] rows = [new("a", new DateOnly(2024, 1, 1), 10), new("b", new DateOnly(2024, 2, 1), 20)];
        var customers = CustomerSummaries.FromTransactions(rows, new DateOnly(2024, 6, 30), TimeUnit.Week);
        var report = ModelComparison.Compare(customers);
        Assert.All(report.Rows, r =>
        {
            Assert.False(r.Succeeded);
            Assert.Contains("repeat", r.Failure, StringComparison.Ordinal);
            Assert.True(double.IsNaN(r.Bic));
        });
        Assert.Null(report.BestByBic);
        Assert.Contains("fit failed", report.ToString(), StringComparison.Ordinal);
    }
}
