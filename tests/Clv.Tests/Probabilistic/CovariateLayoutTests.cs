using Clv.Internal;
using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// <see cref="CovariateLayout"/> directly, without a fit: the coefficients' names and the base log-parameters each moves in
/// both layouts, their natural scales (weighted standard deviations worked out here), the refusal of a covariate that does not
/// vary, the grouping of customers by covariate vector (lexicographic order, each customer in its group, through the rows map),
/// the fitted model's coefficients by name, and which customers a fit on summaries takes.
/// </summary>
public class CovariateLayoutTests
{
    // Six customers, three covariates; the histories below map to covariate rows 5, 3, 1, 0, 2, 4.
    private static readonly CustomerCovariates Covariates = CustomerCovariates.Create(
        ["web", "age", "vip"],
        new double[,]
        {
            { 1, 30, 0 },
            { 0, 45, 1 },
            { 1, 30, 1 },
            { 0, 45, 0 },
            { 1, 52, 0 },
            { 0, 30, 1 },
        });

    private static readonly int[] RowOf = [5, 3, 1, 0, 2, 4];

    private static readonly double[] Weights = [1, 2, 0.5, 3, 1, 1.5];

    private static CovariateLayout.FitData Data() =>
        new([.. Weights.Select((w, i) => new PurchaseHistory(i, i, 10 + i, w))], RowOf, 7);

    private static CovariateOptions Options() => new(Covariates) { Purchase = ["web", "vip"], Dropout = ["age", "vip"], Constrained = ["vip"] };

    /// <summary>The weighted sample standard deviation (weights as frequencies) of covariate column j over the histories.</summary>
    private static double Sd(int column)
    {
        double n = Weights.Sum();
        double mean = Weights.Select((w, i) => w * Covariates.Value(RowOf[i], column)).Sum() / n;
        double m2 = Weights.Select((w, i) => w * Math.Pow(Covariates.Value(RowOf[i], column) - mean, 2)).Sum();
        return Math.Sqrt(m2 / (n - 1));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Create_NamesEachCoefficientByProcess_WithTheParametersItMovesAndItsScale(bool pareto)
    {
        var layout = CovariateLayout.Create(Data(), Options(), pareto, TestContext.Current.CancellationToken);

        Assert.Equal(["purchase.web", "dropout.age", "shared.vip"], layout.Names);
        CovariateLikelihood.Effect[] purchase = [new(1, -1)];
        CovariateLikelihood.Effect[] dropout = pareto ? [new(3, -1)] : [new(2, +1), new(3, +1)];
        Assert.Equal(purchase, layout.Effects[0]);
        Assert.Equal(dropout, layout.Effects[1]);
        Assert.Equal([.. purchase, .. dropout], layout.Effects[2]);

        double[] expected = [1 / Sd(0), 1 / Sd(1), 1 / Sd(2)];
        for (int j = 0; j < 3; j++)
        {
            Assert.Equal(expected[j], layout.Scales[j], expected[j] * 1e-12);
        }
    }

    [Fact]
    public void Create_CovariateWithOneValue_IsRefusedByName()
    {
        var covariates = CustomerCovariates.Create(["web", "age"], new double[,] { { 1, 40 }, { 0, 40 }, { 1, 40 } });
        var data = new CovariateLayout.FitData([new(1, 1, 5), new(2, 2, 5, 2), new(0, 0, 5)], null, 0);
        var options = new CovariateOptions(covariates) { Purchase = ["web"], Dropout = ["age"] };
        var e = Assert.Throws<ModelFitException>(() => CovariateLayout.Create(data, options, false, TestContext.Current.CancellationToken));
        Assert.Equal(
            "Covariate 'age' has the same value (40) for every one of the 4 customers fitted, so its effect cannot be told apart from the model's own scale parameters; leave it out.",
            e.Message);
    }

    [Fact]
    public void Create_TwoValuesButAtMostOneCustomerOfWeight_HasNoStandardDeviation()
    {
        // Weights 0.25 and 0.75: the covariate varies, but n - 1 = 0 customers' worth of spread is no scale.
        var covariates = CustomerCovariates.Create(["web"], new double[,] { { 1 }, { 0 } });
        var data = new CovariateLayout.FitData([new(1, 1, 5, 0.25), new(2, 2, 5, 0.75)], null, 0);
        var e = Assert.Throws<ModelFitException>(() => CovariateLayout.Create(data, new CovariateOptions(covariates) { Purchase = ["web"] }, false, TestContext.Current.CancellationToken));
        Assert.Contains("Covariate 'web' has the same value (1) for every one of the 1 customers fitted", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Groups_OnePerCovariateVector_InLexicographicOrder_EachWithItsCustomers()
    {
        var layout = CovariateLayout.Create(Data(), Options(), false, TestContext.Current.CancellationToken);
        var made = new List<HistoryRows>();
        var groups = layout.Groups(
            Data(),
            rows =>
            {
                made.Add(rows);
                return new BetaGeometricLikelihood(false, "BG/NBD", rows, 1);
            },
            TestContext.Current.CancellationToken);

        // Vectors (web, age, vip) of the histories: h0 row 5 (0,30,1), h1 row 3 (0,45,0), h2 row 1 (0,45,1),
        // h3 row 0 (1,30,0), h4 row 2 (1,30,1), h5 row 4 (1,52,0): six distinct vectors, ordered by web, then age, then vip.
        double[][] keys = [[0, 30, 1], [0, 45, 0], [0, 45, 1], [1, 30, 0], [1, 30, 1], [1, 52, 0]];
        int[] history = [0, 1, 2, 3, 4, 5];
        Assert.Equal(keys.Length, groups.Length);
        Assert.Equal(keys.Length, made.Count);
        for (int g = 0; g < groups.Length; g++)
        {
            Assert.Equal(keys[g], groups[g].Z);
            Assert.Same(made[g], groups[g].Rows);
            Assert.Equal(history[g], Assert.Single(groups[g].Rows.X));
            Assert.Equal(Weights[history[g]], groups[g].Rows.TotalWeight);
            Assert.Equal(10 + history[g], groups[g].Rows.Age[0]);
            Assert.Equal(groups[g].Rows.TotalWeight, groups[g].Problem.TotalWeight);
        }
    }

    [Fact]
    public void Groups_CustomersSharingAVector_ShareAGroup_WhateverTheirOrder()
    {
        var covariates = CustomerCovariates.Create(["web"], new double[,] { { 1 }, { 0 }, { 1 }, { 0 }, { 1 } });
        var data = new CovariateLayout.FitData([new(1, 1, 5), new(2, 2, 6), new(3, 3, 7), new(4, 4, 8), new(5, 5, 9)], null, 0);
        var options = new CovariateOptions(covariates) { Purchase = ["web"] };
        var layout = CovariateLayout.Create(data, options, true, TestContext.Current.CancellationToken);
        var groups = layout.Groups(data, ParetoNbdLikelihood.ForGroup, TestContext.Current.CancellationToken);

        Assert.Equal(2, groups.Length);
        Assert.Equal([0.0], groups[0].Z);
        Assert.Equal(new[] { 2, 4 }, groups[0].Rows.X.Order());
        Assert.Equal([1.0], groups[1].Z);
        Assert.Equal(new[] { 1, 3, 5 }, groups[1].Rows.X.Order());
        Assert.IsType<ParetoNbdLikelihood>(groups[1].Problem);
    }

    [Fact]
    public void Model_TakesEachProcessCoefficientByName_SharedOnesInBoth()
    {
        var layout = CovariateLayout.Create(Data(), Options(), false, TestContext.Current.CancellationToken);
        var model = layout.Model(new BgNbdModel(0.5, 4, 0.7, 3, TimeUnit.Week), [0.25, -0.5, 0.75]);

        Assert.Equal(["web", "vip"], model.PurchaseCovariates);
        Assert.Equal([0.25, 0.75], model.PurchaseCoefficients);
        Assert.Equal(["age", "vip"], model.DropoutCovariates);
        Assert.Equal([-0.5, 0.75], model.DropoutCoefficients);
        Assert.Equal(new BgNbdModel(0.5, 4, 0.7, 3, TimeUnit.Week).ToString(), model.BaseModel.ToString());
    }

    [Fact]
    public void FitData_FromSummaries_TakesCustomersWithAPurchase_EachWithItsOwnRow()
    {
        var origin = new DateOnly(2024, 1, 1);
        Transaction[] log =
        [
            new("a", origin, 10), new("a", origin.AddDays(7), 10),
            new("b", origin.AddDays(20), -5),
            new("c", origin.AddDays(3), 8), new("c", origin.AddDays(9), 8), new("c", origin.AddDays(30), 8),
        ];
        var customers = CustomerSummaries.FromTransactions(log, origin.AddDays(35), TimeUnit.Day);
        var data = CovariateLayout.FitData.FromSummaries(customers);

        // b has only a refund: no purchase, left out and counted.
        var expected = customers.AsSpan().ToArray().Select((c, i) => (c, i)).Where(p => p.c.HasPurchase).ToArray();
        Assert.Equal(2, expected.Length);
        Assert.Equal(1, data.Excluded);
        Assert.Equal(expected.Length, data.Histories.Length);
        for (int k = 0; k < expected.Length; k++)
        {
            Assert.Equal(expected[k].i, data.Row(k));
            Assert.Equal(new PurchaseHistory(expected[k].c.Frequency, expected[k].c.Recency, expected[k].c.Age), data.Histories[k]);
        }
    }

    [Fact]
    public void CreateAndGroups_Cancelled_Throw()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() => CovariateLayout.Create(Data(), Options(), false, cancelled.Token));
        var layout = CovariateLayout.Create(Data(), Options(), false, TestContext.Current.CancellationToken);
        Assert.Throws<OperationCanceledException>(() => layout.Groups(Data(), ParetoNbdLikelihood.ForGroup, cancelled.Token));
    }
}
