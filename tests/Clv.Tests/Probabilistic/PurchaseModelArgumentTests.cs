using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// Every entry of <see cref="PurchaseModel"/> checks its own arguments, whichever form it takes (numbers, one summary,
/// a span, <see cref="CustomerSummaries"/>): a bad horizon, level or history is an <see cref="ArgumentException"/>
/// naming the parameter, never a NaN or a silently wrong number. Written for the survivors of a mutation run over
/// <c>PurchaseModel*.cs</c> with the model and prediction-law tests: removing a check in the summary, span or array forms
/// left those tests passing.
/// </summary>
public class PurchaseModelArgumentTests
{
    private static readonly CustomerSummaries Customers = CustomerSummaries.FromTransactions(
        [
            new Transaction("a", new DateOnly(2024, 1, 3), 20),
            new Transaction("a", new DateOnly(2024, 2, 9), 35),
            new Transaction("b", new DateOnly(2024, 1, 20), 40),
        ],
        new DateOnly(2024, 6, 30),
        TimeUnit.Week);

    public static TheoryData<string> Models => ["BG/NBD", "MBG/NBD", "Pareto/NBD"];

    private static PurchaseModel Model(string name) => name switch
    {
        "BG/NBD" => new BgNbdModel(0.243, 4.414, 0.793, 2.426, TimeUnit.Week),
        "MBG/NBD" => new MbgNbdModel(0.5, 5.0, 1.2, 3.0, TimeUnit.Week),
        _ => new ParetoNbdModel(0.55, 10.58, 0.61, 11.67, TimeUnit.Week),
    };

    /// <summary>Each call with one bad argument, the parameter its error must name.</summary>
    private static IEnumerable<(string Call, string Parameter, Action<PurchaseModel> Act)> BadCalls()
    {
        var c = Customers[0];
        foreach (double bad in new[] { -1, double.NaN, double.PositiveInfinity })
        {
            yield return ($"ConditionalExpectedPurchases(x, t_x, T, {bad})", "time", m => m.ConditionalExpectedPurchases(2, 5, 20, bad));
            yield return ($"ConditionalExpectedPurchases(summary, {bad})", "time", m => m.ConditionalExpectedPurchases(c, bad));
            yield return ($"ConditionalExpectedPurchases(span, {bad})", "time", m => m.ConditionalExpectedPurchases(Customers.AsSpan(), bad, new double[Customers.Count]));
            yield return ($"ConditionalExpectedPurchases(summaries, {bad})", "time", m => m.ConditionalExpectedPurchases(Customers, bad));
            yield return ($"ProbabilityOfAnyPurchase(x, t_x, T, {bad})", "time", m => m.ProbabilityOfAnyPurchase(2, 5, 20, bad));
            yield return ($"ProbabilityOfAnyPurchase(summary, {bad})", "time", m => m.ProbabilityOfAnyPurchase(c, bad));
            yield return ($"ProbabilityOfAnyPurchase(span, {bad})", "time", m => m.ProbabilityOfAnyPurchase(Customers.AsSpan(), bad, new double[Customers.Count]));
            yield return ($"ProbabilityOfAnyPurchase(summaries, {bad})", "time", m => m.ProbabilityOfAnyPurchase(Customers, bad));
            yield return ($"ConditionalPurchaseCountProbability(time {bad})", "time", m => m.ConditionalPurchaseCountProbability(1, 2, 5, 20, bad));
            yield return ($"ConditionalPurchaseCountQuantile(time {bad})", "time", m => m.ConditionalPurchaseCountQuantile(2, 5, 20, bad, 0.5));
            yield return ($"ExpectedPurchases({bad})", "time", m => m.ExpectedPurchases(bad));
            yield return ($"PurchaseCountProbability(1, {bad})", "time", m => m.PurchaseCountProbability(1, bad));
            yield return ($"ProbabilityAlive(x, {bad}, T)", "recency", m => m.ProbabilityAlive(2, bad, 20));
            yield return ($"ProbabilityAlive(x, t_x, {bad}, Week)", "age", m => m.ProbabilityAlive(2, 5, bad, TimeUnit.Week));
            yield return ($"LikelihoodLn(x, t_x, {bad})", "age", m => m.LikelihoodLn(2, 5, bad));
            yield return ($"ProbabilityOfAnyPurchase(x, {bad}, T, t)", "recency", m => m.ProbabilityOfAnyPurchase(2, bad, 20, 4));
            yield return ($"ConditionalPurchaseCountProbability(recency {bad})", "recency", m => m.ConditionalPurchaseCountProbability(1, 2, bad, 20, 4));
            yield return ($"NextPurchaseTime(x, t_x, {bad}, p)", "age", m => m.NextPurchaseTime(2, 5, bad, 0.5));
        }

        foreach (double level in new[] { 0, 1, -0.5, double.NaN })
        {
            yield return ($"ConditionalPurchaseCountQuantile(probability {level})", "probability", m => m.ConditionalPurchaseCountQuantile(2, 5, 20, 4, level));
            yield return ($"NextPurchaseTime(x, t_x, T, {level})", "probability", m => m.NextPurchaseTime(2, 5, 20, level));
            yield return ($"NextPurchaseTime(summary, {level})", "probability", m => m.NextPurchaseTime(c, level));
            yield return ($"NextPurchaseTime(span, {level})", "probability", m => m.NextPurchaseTime(Customers.AsSpan(), level, new double[Customers.Count]));
        }

        yield return ("ConditionalPurchaseCountProbability(count -1)", "count", m => m.ConditionalPurchaseCountProbability(-1, 2, 5, 20, 4));
        yield return ("PurchaseCountProbability(-1, t)", "count", m => m.PurchaseCountProbability(-1, 4));
        yield return ("ProbabilityOfAnyPurchase(-1, t_x, T, t)", "frequency", m => m.ProbabilityOfAnyPurchase(-1, 5, 20, 4));
        yield return ("ProbabilityAlive(x, t_x, T, undefined unit)", "timeUnit", m => m.ProbabilityAlive(2, 5, 20, (TimeUnit)99));
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void EveryEntry_BadArgument_ThrowsNamingIt(string name)
    {
        var model = Model(name);
        var wrong = new List<string>();
        int count = 0;
        foreach (var (call, parameter, act) in BadCalls())
        {
            count++;
            try
            {
                act(model);
                wrong.Add($"{call}: accepted");
            }
            catch (ArgumentException e) when (e.ParamName == parameter)
            {
            }
            catch (Exception e)
            {
                wrong.Add($"{call}: {e.GetType().Name} naming {(e as ArgumentException)?.ParamName}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
        Assert.Equal(3 * 18 + 4 * 4 + 4, count);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void RecencyAfterAge_IsAnArgumentExceptionInEveryNumericEntry(string name)
    {
        var m = Model(name);
        Action[] calls =
        [
            () => m.LikelihoodLn(2, 21, 20),
            () => m.ProbabilityAlive(2, 21, 20),
            () => m.ProbabilityAlive(2, 21, 20, TimeUnit.Day),
            () => m.ConditionalExpectedPurchases(2, 21, 20, 4),
            () => m.ProbabilityOfAnyPurchase(2, 21, 20, 4),
            () => m.ConditionalPurchaseCountProbability(1, 2, 21, 20, 4),
            () => m.ConditionalPurchaseCountQuantile(2, 21, 20, 4, 0.5),
            () => m.NextPurchaseTime(2, 21, 20, 0.5),
        ];
        foreach (var call in calls)
        {
            var e = Assert.ThrowsAny<ArgumentException>(call);
            Assert.Contains("21", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ToString_NamesTheModelItsParametersAndUnit()
    {
        Assert.Equal("BG/NBD(r = 0.243, alpha = 4.414, a = 0.793, b = 2.426; Week)", Model("BG/NBD").ToString());
        Assert.Equal("Pareto/NBD(r = 0.55, alpha = 10.58, s = 0.61, beta = 11.67; Week)", Model("Pareto/NBD").ToString());
        Assert.Equal("MBG/NBD(r = 0.123457, alpha = 2, a = 3, b = 4; Day)", new MbgNbdModel(0.123456789, 2, 3, 4, TimeUnit.Day).ToString());
    }
}
