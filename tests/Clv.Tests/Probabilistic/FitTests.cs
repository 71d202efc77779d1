using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

public class FitTests
{
    [Fact]
    public void Fit_WeightedRows_SameAsExplodedRows()
    {
        var customers = CdnowFits.Summaries;
        var exploded = customers.Select(c => new PurchaseHistory(c.Frequency, c.Recency, c.Age)).ToArray();
        var weighted = exploded.GroupBy(h => (h.Frequency, h.Recency, h.Age))
            .Select(g => new PurchaseHistory(g.Key.Frequency, g.Key.Recency, g.Key.Age, g.Count()))
            .Reverse()
            .ToArray();
        Assert.True(weighted.Length < exploded.Length);
        var a = BgNbdModel.Fit(exploded, TimeUnit.Week, null);
        var b = BgNbdModel.Fit(weighted, TimeUnit.Week, null);
        Assert.Equal(a.Model.R, b.Model.R);
        Assert.Equal(a.Model.Alpha, b.Model.Alpha);
        Assert.Equal(a.Model.A, b.Model.A);
        Assert.Equal(a.Model.B, b.Model.B);
        Assert.Equal(a.LikelihoodLn, b.LikelihoodLn);
        Assert.Equal(CdnowFits.BgNbd.Model.R, a.Model.R);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Fit_SimulatedPopulation_RecoversParametersWithinThreeStandardErrors(bool modified)
    {
        double[] truth = [0.243, 4.414, 0.793, 2.426];
        var ages = new double[200_000];
        for (int i = 0; i < ages.Length; i++)
        {
            ages[i] = 40 + (12.0 * i / ages.Length);
        }

        var fit = modified
            ? Recover(new MbgNbdModel(truth[0], truth[1], truth[2], truth[3], TimeUnit.Week), ages)
            : Recover(new BgNbdModel(truth[0], truth[1], truth[2], truth[3], TimeUnit.Week), ages);
        for (int k = 0; k < 4; k++)
        {
            var p = fit[k];
            Assert.True(Math.Abs(p.Estimate - truth[k]) <= 3 * p.StandardError, $"{p.Name}: {p.Estimate} ± {p.StandardError}, truth {truth[k]}");
        }
    }

    [Fact]
    public void Fit_L2Penalty_ShrinksLogParametersTowardsTheDataScale()
    {
        var customers = CdnowFits.Summaries;
        double alphaScale = customers.Sum(c => c.Age) / customers.Sum(c => c.Frequency);
        double Norm(BgNbdModel m) => Square(Math.Log(m.R)) + Square(Math.Log(m.Alpha / alphaScale)) + Square(Math.Log(m.A)) + Square(Math.Log(m.B));
        var plain = CdnowFits.BgNbd;
        var penalized = BgNbdModel.Fit(customers, new FitOptions { L2Penalty = 0.1 });
        Assert.True(Norm(penalized.Model) < 0.9 * Norm(plain.Model), $"{Norm(penalized.Model)} vs {Norm(plain.Model)}");
        Assert.True(penalized.LikelihoodLn < plain.LikelihoodLn);

        static double Square(double v) => v * v;
    }

    [Theory]
    [InlineData(0.001)]
    [InlineData(0.01)]
    [InlineData(0.1)]
    public void Fit_L2Penalty_IsScaleFree_SameFitInDaysAndWeeks(double penalty)
    {
        var log = TestData.CdnowSample();
        var weeks = CustomerSummaries.FromTransactions(log, new DateOnly(1997, 9, 30), TimeUnit.Week);
        var days = CustomerSummaries.FromTransactions(log, new DateOnly(1997, 9, 30), TimeUnit.Day);
        var options = new FitOptions { L2Penalty = penalty, Tolerance = 1e-8 };
        var w = BgNbdModel.Fit(weeks, options).Model;
        var d = BgNbdModel.Fit(days, options).Model;
        Assert.Equal(w.R, d.R, w.R * 1e-6);
        Assert.Equal(7 * w.Alpha, d.Alpha, w.Alpha * 7e-6);
        Assert.Equal(w.A, d.A, w.A * 1e-6);
        Assert.Equal(w.B, d.B, w.B * 1e-6);
    }

    /// <summary>The figures FitOptions.L2Penalty's documentation quotes: how far a penalty moves the CDNOW estimates.</summary>
    [Theory]
    [InlineData(1e-4, 0.03, 0.005)]
    [InlineData(1e-3, 0.16, 0.03)]
    public void Fit_Penalty_MovesCdnowEstimatesByTheDocumentedShares(double penalty, double parameterShare, double predictionShare)
    {
        var customers = CdnowFits.Summaries;
        var plain = CdnowFits.BgNbd.Model;
        var penalized = BgNbdModel.Fit(customers, new FitOptions { L2Penalty = penalty }).Model;
        double[] moves = [penalized.R / plain.R, penalized.Alpha / plain.Alpha, penalized.A / plain.A, penalized.B / plain.B];
        double largest = moves.Max(m => Math.Abs(m - 1));
        double prediction = Math.Abs((penalized.ConditionalExpectedPurchases(customers, 52).Sum() / plain.ConditionalExpectedPurchases(customers, 52).Sum()) - 1);
        TestContext.Current.TestOutputHelper?.WriteLine($"penalty {penalty}: largest parameter move {largest:P1}, total 52-week prediction {prediction:P2}");
        Assert.InRange(largest, 0, parameterShare);
        Assert.InRange(prediction, 0, predictionShare);
    }

    [Fact]
    public void Fit_NoRepeatPurchases_ThrowsModelFitExceptionSayingWhy()
    {
        PurchaseHistory[] rows = [new(0, 0, 10), new(0, 0, 20)];
        var ex = Assert.Throws<ModelFitException>(() => BgNbdModel.Fit(rows, TimeUnit.Week, null));
        Assert.Contains("repeat purchases", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ModelFitException>(() => GammaGammaModel.Fit([1], [10.0], null));
    }

    [Fact]
    public void Fit_Leads_ExcludedAndCounted()
    {
        var rows = TestData.CdnowSample().Append(new Transaction("lead", new DateOnly(1997, 3, 1), -20)).ToArray();
        var customers = CustomerSummaries.FromTransactions(rows, TestData.CdnowCalibrationEnd, TimeUnit.Week);
        var fit = BgNbdModel.Fit(customers);
        Assert.Equal(1, fit.ExcludedCount);
        Assert.Equal(2357, fit.ObservationCount);
        Assert.Equal(CdnowFits.BgNbd.LikelihoodLn, fit.LikelihoodLn, 1e-6);
    }

    [Fact]
    public void SimulateTransactions_Seeded_SummarisesAndRepeats()
    {
        var model = CdnowFits.Fitted;
        var firsts = Enumerable.Range(0, 500).Select(i => new DateOnly(1997, 1, 1).AddDays(i % 84)).ToArray();
        var end = new DateOnly(1997, 9, 30);
        var log = model.SimulateTransactions(firsts, end, new GammaGammaModel(6.25, 3.74, 15.44), seed: 7);
        Assert.Equal(log, model.SimulateTransactions(firsts, end, new GammaGammaModel(6.25, 3.74, 15.44), seed: 7));
        Assert.All(log, t => Assert.True(t.Date <= end && t.Amount > 0));
        var customers = CustomerSummaries.FromTransactions(log, end, TimeUnit.Week);
        Assert.Equal(500, customers.Count);
        Assert.Contains(customers, c => c.Frequency > 0);
    }

    private static IReadOnlyList<FittedParameter> Recover(BgNbdModel model, double[] ages) =>
        BgNbdModel.Fit(model.Simulate(ages, seed: 2024), TimeUnit.Week, null).Parameters;

    private static IReadOnlyList<FittedParameter> Recover(MbgNbdModel model, double[] ages) =>
        MbgNbdModel.Fit(model.Simulate(ages, seed: 2024), TimeUnit.Week, null).Parameters;
}
