using Clv.Csv;
using Clv.Probabilistic;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Clv.Tests.Probabilistic;

public class ValueEvaluationReportTests
{
    [Fact]
    public void Create_HandExample_GiniCaptureAndCalibrationByHand()
    {
        // Ranked by prediction: actual 4, 3, 2, 1 (a perfect ranking). Capture curve over shares of customers:
        // 0, .4, .7, .9, 1: area by trapezoids = (.2 + .55 + .8 + .95) / 4 = .625, Gini = 2(.625) - 1 = .25.
        var report = ValueEvaluationReport.Create([4.0, 3, 2, 1], [4.0, 3, 2, 1]);

        Assert.Equal(0.25, report.Gini, 12);
        Assert.Equal(1, report.NormalizedGini, 12);
        Assert.Equal(1, report.CalibrationSlope, 12);
        Assert.Equal(0, report.CalibrationIntercept, 12);
        Assert.Equal(0.4, report.CaptureShare(0.25), 12);
        Assert.Equal(0.55, report.CaptureShare(0.375), 12);   // halfway through the second customer
        Assert.Equal(1, report.CaptureShare(1), 12);
        Assert.Equal(4, report.Rows.Count);
        Assert.Equal(new DecileRow(1, 1, 4, 4, 0.4), report.Rows[0]);

        var reversed = ValueEvaluationReport.Create([1.0, 2, 3, 4], [4.0, 3, 2, 1]);
        Assert.Equal(-0.25, reversed.Gini, 12);
        Assert.Equal(-1, reversed.CalibrationSlope, 12);
    }

    [Fact]
    public void Create_AllPredictionsEqual_GiniZeroWhateverTheOrder()
    {
        var report = ValueEvaluationReport.Create([5.0, 5, 5, 5], [10.0, 0, 0, 0]);
        Assert.Equal(0, report.Gini, 12);
        Assert.True(double.IsNaN(report.CalibrationSlope));
        Assert.Equal(0.5, report.CaptureShare(0.5), 12);
    }

    [Property(MaxTest = 200)]
    public Property Create_AnyData_GiniBelowThePerfectRanking_OrderFree_SharesAddUp(int seed)
    {
        var g = new Random(seed);
        int n = g.Next(1, 400);
        var actual = Enumerable.Range(0, n).Select(_ => g.Next(4) == 0 ? 0 : Math.Round(g.NextDouble() * 10)).ToArray();
        var predicted = actual.Select(a => Math.Round(a + (3 * g.NextDouble()), 1)).ToArray();
        var order = Enumerable.Range(0, n).OrderBy(_ => g.Next()).ToArray();

        var r = ValueEvaluationReport.Create(predicted, actual);
        var shuffled = ValueEvaluationReport.Create(order.Select(i => predicted[i]).ToArray(), order.Select(i => actual[i]).ToArray());
        var perfect = ValueEvaluationReport.Create(actual, actual);
        double total = actual.Sum();
        bool ok = r.Gini <= perfect.Gini + 1e-12 && Math.Abs(r.Gini - shuffled.Gini) < 1e-12
            && r.Rows.Sum(x => x.Customers) == n
            && (total == 0 || Math.Abs(r.Rows.Sum(x => x.ActualShare) - 1) < 1e-9)
            && (total == 0 || (r.CaptureShare(0.3) <= r.CaptureShare(0.6) + 1e-12 && perfect.CaptureShare(0.3) >= r.CaptureShare(0.3) - 1e-12));
        return ok.Label($"n {n}: Gini {r.Gini} vs shuffled {shuffled.Gini} vs perfect {perfect.Gini}");
    }

    [Fact]
    public void Create_CdnowHoldout_BgNbdRanksWellAndTheCsvHasTheDeciles()
    {
        var customers = CdnowFits.Summaries;
        double[] predicted = CdnowFits.BgNbd.Model.ConditionalExpectedPurchases(customers, 39);
        double[] actual = [.. customers.AsSpan().ToArray().Select(c => (double)c.HoldoutPurchaseDays)];

        var report = ValueEvaluationReport.Create(predicted, actual);

        Assert.InRange(report.NormalizedGini, 0.5, 1);
        Assert.True(report.Rows[0].ActualMean > report.Rows[^1].ActualMean);
        Assert.Equal(actual.Sum(), report.Rows.Sum(r => r.ActualMean * r.Customers), 6);
        var text = new StringWriter();
        ValueEvaluationReportCsv.Write(text, report);
        var lines = text.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("decile,customers,predicted_mean,actual_mean,actual_share", lines[0]);
        Assert.Equal(11, lines.Length);
        Assert.StartsWith("Value evaluation of 2,357 customers: Gini", report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Create_BadInput_NamesTheArgumentAndIndex()
    {
        Assert.Throws<ArgumentException>(() => ValueEvaluationReport.Create([1.0], [1.0, 2]));
        Assert.Throws<ArgumentException>(() => ValueEvaluationReport.Create([], []));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ValueEvaluationReport.Create([1.0, 2], [1.0, double.NaN]));
        Assert.Contains("actual[1]", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => ValueEvaluationReport.Create([1.0], [1.0]).CaptureShare(0));
    }
}
