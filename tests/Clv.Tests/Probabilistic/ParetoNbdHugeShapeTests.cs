using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// Pareto/NBD with r or s past 1e300 (a saved model read back with "r": 1e308): it was accepted, and P(alive) and every
/// prediction were NaN ((r + x) ln(α + T) is past the largest double). It is refused, naming the field; 1e300 still works.
/// </summary>
public class ParetoNbdHugeShapeTests
{
    private static string Json(string r, string s) =>
        "{\"model\":\"Pareto/NBD\",\"version\":1,\"timeUnit\":\"Week\",\"parameters\":{\"r\":" + r + ",\"alpha\":1,\"s\":" + s + ",\"beta\":1}}";

    [Theory]
    [InlineData("1e308", "1", "parameters.r")]
    [InlineData("1", "1.7e308", "parameters.s")]
    [InlineData("1e301", "1e301", "parameters.r")]
    public void FromJson_ShapePast1e300_RefusedNamingTheField(string r, string s, string field)
    {
        var e = Assert.Throws<FormatException>(() => ParetoNbdModel.FromJson(Json(r, s)));
        Assert.Contains("field \"" + field + "\"", e.Message, StringComparison.Ordinal);
        Assert.Contains("at most 1e300", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_ShapePast1e300_ArgumentOutOfRangeNamingIt()
    {
        Assert.Equal("r", Assert.Throws<ArgumentOutOfRangeException>(() => new ParetoNbdModel(1e308, 1, 1, 1, TimeUnit.Week)).ParamName);
        Assert.Equal("s", Assert.Throws<ArgumentOutOfRangeException>(() => new ParetoNbdModel(1, 1, 1e308, 1, TimeUnit.Week)).ParamName);
    }

    [Theory]
    [InlineData(0, 0.0, 38.9)]
    [InlineData(2, 30.4, 38.9)]
    [InlineData(40, 5.0, 520.0)]
    public void Predictions_ShapeAt1e300_Finite(int x, double recency, double age)
    {
        var model = ParetoNbdModel.FromJson(Json("1e300", "1e300"));
        double alive = model.ProbabilityAlive(x, recency, age);
        double expected = model.ConditionalExpectedPurchases(x, recency, age, 10);
        Assert.True(alive >= 0 && alive <= 1, $"P(alive) = {alive}");
        Assert.True(double.IsFinite(expected), $"E = {expected}");
    }
}
