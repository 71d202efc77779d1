using Clv.Plots;
using Clv.Probabilistic;

namespace Clv.Tests.Plots;

/// <summary>The report's value-at-risk list when nobody is in it, and the matrices for ages that round.</summary>
[Collection("Plots")]   // one plot at a time: ScottPlot's font caches are process-wide (see ClvPlot's remarks)
public class ClvReportAtRiskTests
{
    /// <summary>
    /// 300 customers first seen over 140 days to 2024-05-30 (a largest age of 150 days, 21.428571428571427 weeks); every
    /// third bought again midway and on 2024-05-30.
    /// </summary>
    internal static CustomerSummaries RecentRepeaters()
    {
        var end = new DateOnly(2024, 5, 30);
        var rows = new List<Transaction>();
        for (int i = 0; i < 300; i++)
        {
            var first = new DateOnly(2024, 1, 1).AddDays(i % 140);
            rows.Add(new Transaction("c" + i, first, 10 + (i * 37 % 90)));
            if (i % 3 == 0)
            {
                rows.Add(new Transaction("c" + i, first.AddDays((end.DayNumber - first.DayNumber) / 2), 12 + (i * 29 % 70)));
                rows.Add(new Transaction("c" + i, end, 8 + (i * 17 % 60)));
            }
        }

        return CustomerSummaries.FromTransactions(rows.ToArray(), end, TimeUnit.Week);
    }

    [Fact]
    public void ProbabilityAliveAndExpectedPurchasesMatrices_AgeWhoseStepsRoundAboveIt_AreDrawn()
    {
        // The last recency column was (age / (cols - 1)) * (cols - 1) = 21.42857142857143 > 21.428571428571427: the report
        // threw "Recency (21.42857142857143) cannot exceed age (21.428571428571427)".
        var customers = RecentRepeaters();
        Assert.Equal(150 / 7.0, customers.Max(c => c.Age), 9);
        var model = PlotCases.Model;
        var alive = ProbabilisticPlots.ProbabilityAliveMatrix(model, customers);
        var expected = ProbabilisticPlots.ExpectedPurchasesMatrix(model, customers, 10);
        Assert.All(alive.Matrix!.Cast<double>().Where(v => !double.IsNaN(v)), v => Assert.InRange(v, 0, 1));
        Assert.All(expected.Matrix!.Cast<double>().Where(v => !double.IsNaN(v)), v => Assert.True(v >= 0 && double.IsFinite(v)));
    }

    [Fact]
    public void ToHtml_NoRepeatCustomerLikelyGone_SaysSoInsteadOfAnEmptyTable()
    {
        // Every repeat customer bought again on the observation end: none has P(alive) below 50%, and the value-at-risk
        // heading stood over a table of column headings alone.
        var customers = RecentRepeaters();
        var fit = BgNbdModel.Fit(customers);
        double[] alive = fit.Model.ProbabilityAlive(customers);
        Assert.All(Enumerable.Range(0, customers.Count).Where(i => customers[i].Frequency > 0), i => Assert.True(alive[i] >= 0.5));
        string html = ClvReport.ToHtml(customers, new ClvReportOptions { Comparison = ModelComparison.FromFit(fit, customers) });
        string risk = html[html.IndexOf("Value at risk", StringComparison.Ordinal)..];
        Assert.Contains("No repeat customer has a P(alive) below 50%.", risk, StringComparison.Ordinal);
        Assert.DoesNotContain("<table>", risk, StringComparison.Ordinal);
    }
}
