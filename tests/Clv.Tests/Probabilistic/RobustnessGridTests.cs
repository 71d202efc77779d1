using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>Every output finite and in range over a grid of extreme inputs (not random only).</summary>
public class RobustnessGridTests
{
    private static readonly double[] Parameters = [1e-4, 0.5, 1e4];
    private static readonly int[] Frequencies = [0, 1, 10, 1000, 10_000];
    private static readonly double[] Ages = [0.01, 1, 100, 1000];
    private static readonly double[] RecencyFractions = [0, 0.5, 1];

    public static TheoryData<double, double, double, double> ParameterGrid() => Product(Parameters);

    /// <summary>Every combination of four parameters, each taking every one of <paramref name="values"/>.</summary>
    internal static TheoryData<double, double, double, double> Product(double[] values)
    {
        var data = new TheoryData<double, double, double, double>();
        foreach (double first in values)
        {
            foreach (double second in values)
            {
                foreach (double third in values)
                {
                    foreach (double fourth in values)
                    {
                        data.Add(first, second, third, fourth);
                    }
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ParameterGrid))]
    public void Predictions_ExtremeGrid_FiniteAndInRange(double r, double alpha, double a, double b)
    {
        PurchaseModel[] models = [new BgNbdModel(r, alpha, a, b, TimeUnit.Week), new MbgNbdModel(r, alpha, a, b, TimeUnit.Week)];
        foreach (var model in models)
        {
            foreach (double t in Ages)
            {
                double e = model.ExpectedPurchases(t);
                Assert.True(double.IsFinite(e) && e >= 0, $"{model} E[X({t})] = {e}");
            }

            foreach (int x in Frequencies)
            {
                foreach (double age in Ages)
                {
                    foreach (double f in RecencyFractions)
                    {
                        double recency = x == 0 ? 0 : f * age;
                        double alive = model.ProbabilityAlive(x, recency, age);
                        Assert.True(alive is >= 0 and <= 1, $"{model} P(alive | {x}, {recency}, {age}) = {alive}");
                        double y = model.ConditionalExpectedPurchases(x, recency, age, 52);
                        Assert.True(double.IsFinite(y) && y >= 0, $"{model} E[Y(52) | {x}, {recency}, {age}] = {y}");
                    }
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(ParameterGrid))]
    public void LogLikelihoodAndCounts_ExtremeGrid_Finite(double r, double alpha, double a, double b)
    {
        var bg = new BgNbdModel(r, alpha, a, b, TimeUnit.Week);
        var mbg = new MbgNbdModel(r, alpha, a, b, TimeUnit.Week);
        foreach (int x in Frequencies)
        {
            foreach (double age in Ages)
            {
                double recency = x == 0 ? 0 : age / 2;
                Assert.True(double.IsFinite(bg.LikelihoodLn(x, recency, age)), $"{bg} ln L({x}, {recency}, {age})");
                Assert.True(double.IsFinite(mbg.LikelihoodLn(x, recency, age)), $"{mbg} ln L({x}, {recency}, {age})");
                double pmf = bg.PurchaseCountProbability(x, age);
                Assert.True(pmf is >= 0 and <= 1, $"{bg} P(X({age}) = {x}) = {pmf}");
                double buy = bg.ProbabilityOfAnyPurchase(x, recency, age, 10);
                Assert.True(buy is >= 0 and <= 1, $"{bg} P(buy | {x}, {recency}, {age}) = {buy}");
            }
        }
    }

    [Fact]
    public void ProbabilityAlive_StressCase_ExactlyZeroWithoutException()
    {
        Assert.Equal(0.0, CdnowFits.Published.ProbabilityAlive(1000, 10, 100));
        Assert.Equal(0.0, new MbgNbdModel(0.243, 4.414, 0.793, 2.426, TimeUnit.Week).ProbabilityAlive(1000, 10, 100));
    }

    [Fact]
    public void ConditionalExpectedSpend_ExtremeGrid_FiniteWherePosteriorMeanExistsAndRefusedElsewhere()
    {
        foreach (double p in Parameters)
        {
            foreach (double q in Parameters)
            {
                foreach (double v in Parameters)
                {
                    var m = new GammaGammaModel(p, q, v);
                    foreach (int x in Frequencies)
                    {
                        foreach (double spend in (double[])[0.01, 100, 1e6])
                        {
                            if ((p * x) + q > 1)
                            {
                                double e = m.ConditionalExpectedSpend(x, spend);
                                Assert.True(double.IsFinite(e) && e > 0, $"{m} E[M | {x}, {spend}] = {e}");
                            }
                            else
                            {
                                var ex = Assert.Throws<InvalidOperationException>(() => m.ConditionalExpectedSpend(x, spend));
                                Assert.Contains("p x + q > 1", ex.Message, StringComparison.Ordinal);
                            }
                        }
                    }
                }
            }
        }
    }
}
