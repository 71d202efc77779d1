using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// What <see cref="CovariatePurchaseModel"/> refuses, with the parameter and the message a user sees: a model without
/// coefficients, a customer's values of the wrong length or not finite, values so far outside the data that a parameter
/// overflows, a customer index out of range, a negative or infinite horizon, covariates of another length than the summaries,
/// and JSON of another model. Also that JSON round-trips for each base model and names the model once.
/// </summary>
public class CovariatePurchaseModelArgumentTests
{
    private static readonly BgNbdModel Bg = new(0.5, 4, 0.7, 3, TimeUnit.Week);
    private static readonly ParetoNbdModel Pareto = new(0.55, 10.58, 0.61, 11.67, TimeUnit.Week);

    private static CovariatePurchaseModel Model(PurchaseModel baseModel) => new(baseModel, [new("web", 0.4), new("age", -0.02)], [new("web", -0.3)]);

    [Fact]
    public void Constructor_NoCoefficientAtAll_IsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => new CovariatePurchaseModel(Bg, [], []));
        Assert.Equal("purchase", e.ParamName);
        Assert.StartsWith("A covariate model needs at least one coefficient.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ForCustomer_WrongLengthsAndValues_AreNamed()
    {
        var model = Model(Bg);
        Assert.Equal("purchase", Assert.Throws<ArgumentException>(() => model.ForCustomer([1.0], [1.0])).ParamName);
        Assert.Equal("dropout", Assert.Throws<ArgumentException>(() => model.ForCustomer([1.0, 30], [])).ParamName);

        var purchase = Assert.Throws<ArgumentException>(() => model.ForCustomer([1.0, double.NaN], [1.0]));
        Assert.Equal("purchase", purchase.ParamName);
        Assert.StartsWith("Covariate value 1 is NaN; it must be a finite number.", purchase.Message, StringComparison.Ordinal);
        var dropout = Assert.Throws<ArgumentException>(() => model.ForCustomer([1.0, 30], [double.PositiveInfinity]));
        Assert.Equal("dropout", dropout.ParamName);
        Assert.StartsWith("Covariate value 0 is Infinity; it must be a finite number.", dropout.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ForCustomer_ValuesFarOutsideTheData_OverflowIsNamed()
    {
        // α e^{-(0.4 · 0 - 0.02 · 40,000)} = 4 e^{800} overflows; a e^{-0.3 · 3,000} underflows to 0; β e^{-(-0.3 · -3,000)} too.
        var alpha = Assert.Throws<ArgumentOutOfRangeException>(() => Model(Bg).ForCustomer([0.0, 40_000], [0.0]));
        Assert.StartsWith("alpha must be a finite number greater than 0, but was Infinity.", alpha.Message, StringComparison.Ordinal);
        var a = Assert.Throws<ArgumentOutOfRangeException>(() => Model(Bg).ForCustomer([0.0, 0], [3_000.0]));
        Assert.StartsWith("a must be a finite number greater than 0, but was 0.", a.Message, StringComparison.Ordinal);
        var beta = Assert.Throws<ArgumentOutOfRangeException>(() => Model(Pareto).ForCustomer([0.0, 0], [-3_000.0]));
        Assert.StartsWith("beta must be a finite number greater than 0, but was 0.", beta.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ForCustomer_ScalesTheBaseParametersAsDocumented()
    {
        // BG/NBD: α e^{-γ_p'x}, a and b e^{γ_d'z}; Pareto/NBD: α e^{-γ_p'x}, β e^{-γ_d'z}.
        double shiftP = (0.4 * 1) + (-0.02 * 30), shiftD = -0.3 * 1;
        var bg = Model(Bg).ForCustomer([1.0, 30], [1.0]).ParameterValues();
        Assert.Equal(new[] { 0.5, 4 * Math.Exp(-shiftP), 0.7 * Math.Exp(shiftD), 3 * Math.Exp(shiftD) }, bg, (x, y) => Math.Abs(x - y) <= 1e-14 * Math.Abs(x));
        var pareto = Model(Pareto).ForCustomer([1.0, 30], [1.0]).ParameterValues();
        Assert.Equal(new[] { 0.55, 10.58 * Math.Exp(-shiftP), 0.61, 11.67 * Math.Exp(-shiftD) }, pareto, (x, y) => Math.Abs(x - y) <= 1e-14 * Math.Abs(x));
    }

    [Fact]
    public void ByCustomer_IndexAndRowCountAndHorizon_AreChecked()
    {
        var model = Model(Bg);
        var covariates = CustomerCovariates.Create(["age", "web"], new double[,] { { 30, 1 }, { 40, 0 } });
        Assert.Equal(model.ForCustomer([0.0, 40], [0.0]).ToString(), model.ForCustomer(covariates, 1).ToString());
        foreach (int customer in new[] { -1, 2 })
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => model.ForCustomer(covariates, customer));
            Assert.Equal("customer", e.ParamName);
            Assert.StartsWith($"Customer index must be between 0 and 1, but was {customer}.", e.Message, StringComparison.Ordinal);
        }

        var origin = new DateOnly(2024, 1, 1);
        var three = CustomerSummaries.FromTransactions([new("a", origin, 1), new("b", origin, 1), new("c", origin.AddDays(7), 1)], origin.AddDays(70), TimeUnit.Week);
        var rows = Assert.Throws<ArgumentException>(() => model.ProbabilityAlive(three, covariates));
        Assert.Equal("covariates", rows.ParamName);
        Assert.StartsWith("The covariates have 2 rows but the summaries have 3 customers.", rows.Message, StringComparison.Ordinal);

        var two = CustomerSummaries.FromTransactions([new("a", origin, 1), new("b", origin.AddDays(7), 1)], origin.AddDays(70), TimeUnit.Week);
        foreach (double time in new[] { -1, double.NaN, double.PositiveInfinity })
        {
            Assert.Equal("time", Assert.Throws<ArgumentOutOfRangeException>(() => model.ConditionalExpectedPurchases(two, covariates, time)).ParamName);
        }

        double[] expected = [model.ForCustomer(covariates, 0).ConditionalExpectedPurchases(two[0], 10), model.ForCustomer(covariates, 1).ConditionalExpectedPurchases(two[1], 10)];
        Assert.Equal(expected, model.ConditionalExpectedPurchases(two, covariates, 10));
    }

    [Fact]
    public void Json_OfEachBaseModel_RoundTrips_AndNamesTheModelOnce()
    {
        foreach (PurchaseModel baseModel in new PurchaseModel[] { Bg, Pareto, new MbgNbdModel(0.5, 4, 0.7, 3, TimeUnit.Day) })
        {
            var model = Model(baseModel);
            string json = model.ToJson();
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(json, "\"model\""));
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(json, "\"version\""));
            var back = CovariatePurchaseModel.FromJson(json);
            Assert.Equal(model.ToString(), back.ToString());
            Assert.Equal(baseModel.GetType(), back.BaseModel.GetType());
            Assert.Equal(json, back.ToJson());
        }
    }

    [Fact]
    public void FromJson_OtherModels_AreRefusedByName()
    {
        var plain = Assert.Throws<FormatException>(() => CovariatePurchaseModel.FromJson(Bg.ToJson()));
        Assert.Equal("Cannot read a covariate model: field \"model\" is \"BG/NBD\", expected a name ending in \" with covariates\".", plain.Message);

        string other = Model(Bg).ToJson().Replace("\"BG/NBD with covariates\"", "\"Gamma-Gamma with covariates\"", StringComparison.Ordinal);
        var spend = Assert.Throws<FormatException>(() => CovariatePurchaseModel.FromJson(other));
        Assert.Equal("Cannot read a covariate model: \"Gamma-Gamma\" has no covariate form (Pareto/NBD, BG/NBD or MBG/NBD).", spend.Message);
    }
}
