using System.Globalization;
using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>Holdout validation's and value evaluation's argument rules, unit conversion, deciles and tables (Stryker survivors).</summary>
public class HoldoutArgumentTests
{
    [Fact]
    public void Evaluate_BadArguments_ThrowNamingThem()
    {
        var model = CdnowFits.BgNbd.Model;
        Assert.Equal("model", Assert.Throws<ArgumentNullException>(() => HoldoutValidation.Evaluate(null!, CdnowFits.Summaries)).ParamName);
        Assert.Equal("customers", Assert.Throws<ArgumentNullException>(() => HoldoutValidation.Evaluate(model, null!)).ParamName);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => HoldoutValidation.Evaluate(model, CdnowFits.Summaries, -1));
        Assert.Equal("maxFrequency", e.ParamName);
        Assert.Contains("maxFrequency must be at least 0, but was -1.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_MaxFrequencyZero_PoolsEveryoneInOneRow()
    {
        var report = HoldoutValidation.Evaluate(CdnowFits.BgNbd.Model, CdnowFits.Summaries, 0);

        Assert.Single(report.Rows);
        Assert.Equal(2357, report.Rows[0].Customers);
    }

    [Fact]
    public void Evaluate_SummariesInDays_ModelInWeeks_IsTheWeeksReport()
    {
        var days = CustomerSummaries.FromTransactions(TestData.CdnowSample(), TestData.CdnowCalibrationEnd, TimeUnit.Day);
        var model = CdnowFits.BgNbd.Model;
        var inWeeks = HoldoutValidation.Evaluate(model, CdnowFits.Summaries);
        var inDays = HoldoutValidation.Evaluate(model, days);

        Assert.Equal(inWeeks.ActualTotal, inDays.ActualTotal);
        Assert.Equal(inWeeks.PredictedTotal, inDays.PredictedTotal, 1e-9 * inWeeks.PredictedTotal);
        Assert.Equal(inWeeks.MeanAbsoluteError, inDays.MeanAbsoluteError, 1e-9);
    }

    [Fact]
    public void HoldoutReport_ToString_HasTheHeadingTheRowsTheTotalAndTheErrors()
    {
        var report = HoldoutValidation.Evaluate(CdnowFits.BgNbd.Model, CdnowFits.Summaries);
        string text = report.ToString();
        var ic = CultureInfo.InvariantCulture;

        Assert.StartsWith("Holdout: 39 Weeks, 2,357 customers" + Environment.NewLine + "  x    customers    actual  predicted" + Environment.NewLine, text, StringComparison.Ordinal);
        Assert.Contains(string.Create(ic, $"total{report.ActualTotal,21:0.0}{report.PredictedTotal,11:0.0}  ({report.AggregateRelativeError:+0.0%;-0.0%})"), text, StringComparison.Ordinal);
        Assert.Contains("(-12.1%)", text, StringComparison.Ordinal);
        Assert.Contains(string.Create(ic, $"per customer: MAE {report.MeanAbsoluteError:0.000}, RMSE {report.RootMeanSquaredError:0.000}"), text, StringComparison.Ordinal);
    }

    [Fact]
    public void HoldoutReport_NobodyBoughtInTheHoldout_AggregateErrorIsNaN()
    {
        var start = new DateOnly(2024, 1, 1);
        var customers = CustomerSummaries.FromTransactions(
            [new Transaction("a", start, 5), new Transaction("a", start.AddDays(20), 5), new Transaction("b", start.AddDays(3), 5)],
            start.AddDays(30),
            TimeUnit.Week,
            start.AddDays(60));
        var report = HoldoutValidation.Evaluate(new BgNbdModel(0.5, 5, 0.7, 3, TimeUnit.Week), customers);

        Assert.Equal(0, report.ActualTotal);
        Assert.True(report.PredictedTotal > 0);
        Assert.True(double.IsNaN(report.AggregateRelativeError));
    }

    [Fact]
    public void Evaluate_CustomerWithOnlyRefundsInCalibration_IsExcludedAndCounted()
    {
        var start = new DateOnly(2024, 1, 1);
        var customers = CustomerSummaries.FromTransactions(
            [
                new Transaction("a", start, 5), new Transaction("a", start.AddDays(20), 5), new Transaction("a", start.AddDays(40), 5),
                new Transaction("b", start.AddDays(3), 5),
                new Transaction("r", start.AddDays(5), -5), new Transaction("r", start.AddDays(45), 5), new Transaction("r", start.AddDays(50), 5),
            ],
            start.AddDays(30),
            TimeUnit.Week,
            start.AddDays(60));
        Assert.Equal(3, customers.Count);

        var report = HoldoutValidation.Evaluate(new BgNbdModel(0.5, 5, 0.7, 3, TimeUnit.Week), customers);

        Assert.Equal(1, report.ExcludedCount);
        Assert.Equal(2, report.Rows.Sum(r => r.Customers));
        Assert.Equal(1, report.ActualTotal);
    }

    [Fact]
    public void ValueEvaluation_BadArguments_SayWhich()
    {
        var empty = Assert.Throws<ArgumentException>(() => ValueEvaluationReport.Create([], []));
        Assert.Equal("predicted", empty.ParamName);
        Assert.Contains("predicted must hold at least one customer.", empty.Message, StringComparison.Ordinal);

        var nan = Assert.Throws<ArgumentOutOfRangeException>(() => ValueEvaluationReport.Create([1.0, double.NaN], [1.0, 2.0]));
        Assert.Equal("predicted", nan.ParamName);
        Assert.Contains("predicted[1] must be finite, but was NaN.", nan.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValueEvaluation_DecilesOfTwenty_AreMeansOfTwoAndTheTableShowsThem()
    {
        // Predicted 20, 19, ..., 1; actual twice the prediction: each decile holds two customers.
        double[] predicted = [.. Enumerable.Range(1, 20).Select(i => (double)i)];
        double[] actual = [.. predicted.Select(p => 2 * p)];
        var report = ValueEvaluationReport.Create(predicted, actual);

        Assert.Equal(10, report.Rows.Count);
        Assert.Equal(new DecileRow(1, 2, 19.5, 39, 78.0 / 420), report.Rows[0]);
        Assert.Equal(new DecileRow(10, 2, 1.5, 3, 6.0 / 420), report.Rows[^1]);

        string text = report.ToString();
        Assert.Contains("decile", text, StringComparison.Ordinal);
        Assert.Contains("predicted mean", text, StringComparison.Ordinal);
        Assert.Contains("actual mean", text, StringComparison.Ordinal);
        Assert.Contains("actual share", text, StringComparison.Ordinal);
        Assert.Contains("19.5000", text, StringComparison.Ordinal);
        Assert.Contains("39.0000", text, StringComparison.Ordinal);
        Assert.Contains("Value evaluation of 20 customers", text, StringComparison.Ordinal);
        string[] lines = text.Split(Environment.NewLine);
        Assert.Equal("Value evaluation of 20 customers: Gini 0.317 (normalised 1.000), calibration actual = 0.000 + 2.000 x predicted, top 10% capture 0.186", lines[0]);
        Assert.Equal("decile  customers  predicted mean  actual mean  actual share", lines[1]);
        Assert.Equal("     1          2         19.5000      39.0000         0.186", lines[2]);
        Assert.Equal("    10          2          1.5000       3.0000         0.014", lines[11]);
    }
}
