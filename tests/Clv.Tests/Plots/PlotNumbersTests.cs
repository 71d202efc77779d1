using Clv.Lifecycle;
using Clv.Plots;
using Clv.Probabilistic;

namespace Clv.Tests.Plots;

/// <summary>The series of each plot carry the library's own numbers (read from the plot model or back from the SVG).</summary>
[Collection("Plots")]   // one plot at a time: ScottPlot's font caches are process-wide (see ClvPlot's remarks)
public class PlotNumbersTests
{
    private static double[] Series(ClvPlot plot, string name) => plot.Series.Single(s => s.Name == name).Y;

    [Fact]
    public void TrackingCumulative_Cdnow_CarriesCohortForecastAndMarksTheCalibrationEnd()
    {
        var plot = PlotCases.All["TrackingCumulative"](null);
        double[] times = Enumerable.Range(0, 79).Select(i => (double)i).ToArray();   // 1997-01-01 to 1998-06-30: 78 weeks
        Assert.Equal(times, plot.Series[0].X);
        Assert.Equal(CohortForecast.ActualCumulativeRepeatPurchases(PlotCases.Customers, TimeUnit.Week, times), Series(plot, "Actual"));
        Assert.Equal(CohortForecast.ExpectedCumulativeRepeatPurchases(PlotCases.Model, PlotCases.Customers, times), Series(plot, "Model (BG/NBD)"));
        Assert.Contains("Calibration end 1997-09-30", plot.Texts);
    }

    [Fact]
    public void TrackingIncremental_Cdnow_SumsToTheCumulativeTotals()
    {
        var incremental = PlotCases.All["TrackingIncremental"](null);
        var cumulative = PlotCases.All["TrackingCumulative"](null);
        Assert.Equal(78, incremental.Series[0].Y.Length);
        Assert.Equal(Series(cumulative, "Actual")[^1], Series(incremental, "Actual").Sum(), 6);
        Assert.Equal(Series(cumulative, "Model (BG/NBD)")[^1], Series(incremental, "Model (BG/NBD)").Sum(), 6);
    }

    [Fact]
    public void FrequencyInCalibration_Cdnow_CountsEveryCustomerAndTheModelSumsToThem()
    {
        var plot = PlotCases.All["FrequencyInCalibration"](null);
        double[] actual = Series(plot, "Actual"), model = Series(plot, "Model (BG/NBD)");
        Assert.Equal(8, actual.Length);
        Assert.Equal(2357, actual.Sum());
        Assert.Equal(PlotCases.Customers.Count(c => c.Frequency == 0), actual[0]);
        Assert.Equal(PlotCases.Customers.Count(c => c.Frequency >= 7), actual[7]);
        Assert.Equal(2357, model.Sum(), 6);
        double zero = PlotCases.Customers.Sum(c => PlotCases.Model.PurchaseCountProbability(0, c.Age));
        Assert.Equal(zero, model[0], 6);
        Assert.Contains("7+", plot.Texts);
    }

    [Fact]
    public void CalibrationVsHoldout_Cdnow_CarriesTheHoldoutReportRows()
    {
        var report = HoldoutValidation.Evaluate(PlotCases.Model, PlotCases.Customers);
        var plot = ProbabilisticPlots.CalibrationVsHoldout(report);
        Assert.Equal(report.Rows.Select(r => r.ActualMean), Series(plot, "Actual"));
        Assert.Equal(report.Rows.Select(r => r.PredictedMean), Series(plot, "Model"));
        Assert.Equal(report.Rows.Select(r => r.Label), plot.Texts.Where(t => report.Rows.Any(r => r.Label == t)));
    }

    [Fact]
    public void CalibrationVsHoldoutByRecency_Cdnow_WeightedMeansGiveTheHoldoutTotals()
    {
        var customers = PlotCases.Customers;
        var report = HoldoutValidation.Evaluate(PlotCases.Model, customers);
        foreach (string name in new[] { "CalibrationVsHoldoutByRecency", "CalibrationVsHoldoutByTimeSinceLastPurchase" })
        {
            var plot = PlotCases.All[name](null);
            double[] x = plot.Series[0].X;
            double width = x.Length > 1 ? x[1] - x[0] : 1;
            Func<CustomerSummary, double> key = name.EndsWith("Recency", StringComparison.Ordinal) ? c => c.Recency : c => c.Age - c.Recency;
            var buyers = customers.Where(c => c.HasPurchase).ToList();
            double top = buyers.Max(key);
            var counts = x.Select(centre => (double)buyers.Count(c => Math.Min((int)(key(c) / (top / 8)), 7) == (int)Math.Floor(centre / (top / 8)))).ToArray();

            // Customer-weighted sums of the group means are the report's totals (actual exactly, model to rounding).
            Assert.Equal(report.ActualTotal, counts.Zip(Series(plot, "Actual")).Sum(p => p.First * p.Second), 6);
            Assert.Equal(report.PredictedTotal, counts.Zip(Series(plot, "Model (BG/NBD)")).Sum(p => p.First * p.Second), 6);
            Assert.Equal(top / 8, width, 9);
        }
    }

    [Fact]
    public void Matrices_Cdnow_CellsAreTheModelsPredictionsAtTheLargestAge()
    {
        var customers = PlotCases.Customers;
        var model = PlotCases.Model;
        int maxX = customers.Max(c => c.Frequency);
        double age = customers.Max(c => c.Age);
        var alive = PlotCases.All["ProbabilityAliveMatrix"](null).Matrix!;
        var expected = PlotCases.All["ExpectedPurchasesMatrix"](null).Matrix!;
        int rows = alive.GetLength(0), cols = alive.GetLength(1);
        Assert.Equal(maxX + 1, rows);
        Assert.Equal((int)Math.Floor(age) + 1, cols);
        double step = age / (cols - 1);

        // Row 0 is drawn on top: the highest frequency.
        Assert.Equal(model.ProbabilityAlive(maxX, 10 * step, age), alive[0, 10]);
        Assert.Equal(model.ProbabilityAlive(3, age, age), alive[rows - 4, cols - 1]);
        Assert.Equal(model.ConditionalExpectedPurchases(5, 20 * step, age, 52), expected[rows - 6, 20]);
        Assert.True(double.IsNaN(alive[rows - 1, 1]), "x = 0 has only t_x = 0");
        Assert.All(alive.Cast<double>().Where(v => !double.IsNaN(v)), p => Assert.InRange(p, 0, 1));
    }

    [Fact]
    public void ProbabilityAliveHistory_Cdnow_EndsAtTheModelsValueForTheFinalSummary()
    {
        var plot = PlotCases.All["ProbabilityAliveHistory"](null);
        var customers = PlotCases.Customers;
        var final = CustomerSummaries.FromTransactions(PlotCases.Rows, customers.HoldoutEnd, TimeUnit.Week);
        Assert.True(final.TryGetIndex(customers[0].CustomerId, out int i));
        double[] ys = Series(plot, "P(alive)");
        Assert.Equal(PlotCases.Model.ProbabilityAlive(final[i]), ys[^1], 12);
        Assert.Equal(customers.HoldoutEnd.DayNumber, plot.Series[0].X[^1]);
        Assert.Equal(PlotCases.Rows.Where(r => r.CustomerId == customers[0].CustomerId).Select(r => r.Date).Distinct().Count(), Series(plot, "Purchase").Length);
    }

    [Fact]
    public void Heterogeneity_Cdnow_DrawsTheFittedDensitiesAndNamesTheParameters()
    {
        var model = PlotCases.Model;
        var rate = PlotCases.All["PurchaseRateHeterogeneity"](null);
        var dropout = PlotCases.All["DropoutHeterogeneity"](null);
        Assert.Contains("r = 0.243, α = 4.414", rate.Title, StringComparison.Ordinal);
        Assert.Contains("a = 0.793, b = 2.426", dropout.Title, StringComparison.Ordinal);
        var lambda = rate.Series[0];
        double x = lambda.X[100];
        Assert.Equal(new MathNet.Numerics.Distributions.Gamma(model.R, model.Alpha).Density(x), lambda.Y[100], 12);
        var p = dropout.Series[0];
        Assert.Equal(new MathNet.Numerics.Distributions.Beta(model.A, model.B).Density(p.X[150]), p.Y[150], 12);

        // A density integrates to about 1 over the drawn range (the 99% quantile for gamma, [0, 1] for beta).
        Assert.InRange(Trapezoid(p.X, p.Y), 0.95, 1.01);
    }

    [Fact]
    public void SpendFit_Cdnow_HistogramAndModelAreDensities()
    {
        var plot = PlotCases.All["SpendFit"](null);
        var actual = plot.Series[0];
        var model = plot.Series[1];
        double width = actual.X[1] - actual.X[0];
        Assert.InRange(actual.Y.Sum() * width, 0.985, 1.0);   // all but the top 1%
        Assert.InRange(Trapezoid(model.X, model.Y), 0.95, 1.0);
        var spend = PlotCases.Spend;
        Assert.Contains(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"p = {spend.P:0.##}, q = {spend.Q:0.##}, v = {spend.V:0.##}"), model.Name, StringComparison.Ordinal);
    }

    [Fact]
    public void SpendFit_OnePriceForEveryone_TheBarStandsInTheMiddleOfTheAxis()
    {
        // A one-price subscription: every repeat customer's mean spend is 9.99 (to the last bits). The axis ran to 9.99, with
        // the bar and the model's spike against its right edge; it now runs to about twice the price, the bar in bin 20 of 40.
        var start = new DateOnly(2024, 1, 1);
        var rows = Enumerable.Range(0, 300).SelectMany(c => Enumerable.Range(0, 1 + (c % 12)).Select(m => new Transaction("c" + c, start.AddMonths(m), 9.99))).ToArray();
        var customers = CustomerSummaries.FromTransactions(rows, new DateOnly(2024, 12, 31), TimeUnit.Month);
        var plot = ProbabilisticPlots.SpendFit(GammaGammaModel.Fit(customers).Model, customers);
        var actual = plot.Series[0];
        double width = actual.X[1] - actual.X[0];
        int fullest = Array.IndexOf(actual.Y, actual.Y.Max());
        Assert.Equal(19, fullest);
        Assert.Equal(9.99, actual.X[fullest], 1e-9);
        Assert.Equal(1, actual.Y.Sum() * width, 1e-9);
    }

    [Fact]
    public void ModelComparisonTracking_Cdnow_HasOneCurvePerFittedModel()
    {
        var plot = PlotCases.All["ModelComparisonTracking"](null);
        var fitted = PlotCases.Comparison.Rows.Where(r => r.Model is not null).ToList();
        Assert.Equal(fitted.Count + 1, plot.Series.Count);
        var bg = fitted.Single(r => r.Name == "BG/NBD");
        double[] times = plot.Series[0].X;
        Assert.Equal(CohortForecast.ExpectedCumulativeRepeatPurchases(bg.Model!, PlotCases.Customers, times), Series(plot, "BG/NBD"));
    }

    [Fact]
    public void Rfm_Cdnow_BarsAndGridCarryTheReportsCounts()
    {
        var segments = PlotCases.Segments;
        var sizes = PlotCases.All["SegmentSizes"](null);
        Assert.Equal(segments.Rows.Select(r => (double)r.Count), sizes.Series[0].Y);
        var texts = PlotImages.SvgTexts(PlotImages.Svg(sizes.ToSvg()));
        var top = segments.Rows[0];
        Assert.Contains(texts, t => t.StartsWith(top.Count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " (", StringComparison.Ordinal));
        Assert.Contains(top.Segment.Name, texts);

        var value = PlotCases.All["SegmentValue"](null);
        Assert.Equal(segments.Rows.Select(r => r.NetSpend), value.Series[0].Y);

        var grid = PlotCases.All["RecencyFrequencyCounts"](null).Matrix!;
        Assert.Equal(PlotCases.Scores.Count(s => !s.IsLead), grid.Cast<double>().Sum());
        var scores = PlotCases.Scores;
        Assert.Equal(scores.Count(s => s.R == 5 && s.F == 5), grid[0, 4]);   // top right: R 5, F 5
        var mean = PlotCases.All["RecencyFrequencyValue"](null).Matrix!;
        var cell = Enumerable.Range(0, scores.Count).Where(i => scores[i].R == 1 && scores[i].F == 1).Select(i => PlotCases.Customers[i].NetSpend).ToList();
        Assert.Equal(cell.Average(), mean[4, 0], 9);
    }

    [Fact]
    public void Lifecycle_Cdnow_AreasMatrixAndTriangleCarryTheReports()
    {
        var history = PlotCases.History;
        var stages = PlotCases.All["StageCounts"](null);
        var churned = stages.Series.Single(s => s.Name == "Churned");
        Assert.Equal(Enumerable.Range(0, history.Dates.Length).Select(d => (double)history.StageCounts(d)[(int)LifecycleStage.Churned]), churned.Y);
        Assert.Equal(history.Dates.Length, churned.X.Length);

        var transitions = PlotCases.Transitions;
        var migration = PlotCases.All["Migration"](null);
        var present = Enumerable.Range(0, LifecycleStageExtensions.StageCount).Select(s => (LifecycleStage)s)
            .Where(s => transitions.FromCount(s) > 0 || transitions.ToCount(s) > 0).ToArray();
        int churn = Array.IndexOf(present, LifecycleStage.Churned);
        Assert.Equal(transitions.Share(LifecycleStage.Churned, LifecycleStage.Churned) * 100, migration.Matrix![churn, churn], 12);

        var cohorts = PlotCases.Cohorts;
        var triangle = PlotCases.All["CohortRetention"](null).Matrix!;
        Assert.Equal(3, triangle.GetLength(0));   // CDNOW: customers acquired in 1997-01, -02, -03
        Assert.Equal(cohorts.RetentionShare(0, 1) * 100, triangle[0, 1], 12);
        Assert.True(double.IsNaN(triangle[2, triangle.GetLength(1) - 1]), "the youngest cohort has fewer periods");
    }

    [Fact]
    public void Value_Cdnow_LorenzDecilesAndChannelsCarryTheReports()
    {
        var evaluation = PlotCases.Evaluation;
        var lorenz = PlotCases.All["Lorenz"](null);
        Assert.Equal(evaluation.CaptureShare(0.1) * 100, lorenz.Series[0].Y[10], 12);
        Assert.Contains(evaluation.Gini.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture), lorenz.Title, StringComparison.Ordinal);

        var deciles = PlotCases.All["Deciles"](null);
        Assert.Equal(evaluation.Rows.Select(r => r.PredictedMean), deciles.Series[0].Y);
        Assert.Equal(evaluation.Rows.Select(r => r.ActualMean), deciles.Series[1].Y);

        var channels = PlotCases.All["ChannelValueToCost"](null);
        Assert.Equal(PlotCases.Channels.Rows.Select(r => r.ValueToCostRatio ?? 0), channels.Series[0].Y);
        Assert.Contains("n/a", PlotImages.SvgTexts(PlotImages.Svg(channels.ToSvg())));   // referral: no acquisition cost

        var clv = PlotCases.Clv;
        var histogram = PlotCases.All["ClvDistribution"](null);
        Assert.Equal(clv.Length, histogram.Series[0].Y.Sum());
    }

    private static double Trapezoid(double[] x, double[] y)
    {
        double area = 0;
        for (int i = 1; i < x.Length; i++)
        {
            area += (x[i] - x[i - 1]) * (y[i] + y[i - 1]) / 2;
        }

        return area;
    }
}
