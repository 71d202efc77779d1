using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// BG/NBD's and MBG/NBD's expected purchases by quadrature over the dropout probability: the fallback where the closed
/// form's 2F1 series fails. It used to return 0 there (a new customer's E[X(52)] under r = 1, α = 0.001, a = 2, b = 1e8 was
/// 0 where it approaches r t/α = 52,000).
/// </summary>
public class BetaGeometricFallbackTests
{
    public static TheoryData<double, double, double, double> Parameters()
    {
        var data = new TheoryData<double, double, double, double>();
        foreach (double r in (double[])[0.243, 1, 7.5])
        {
            foreach (double alpha in (double[])[0.5, 4.414, 40])
            {
                foreach (double a in (double[])[0.3, 0.793, 2, 15])
                {
                    foreach (double b in (double[])[0.5, 2.426, 30])
                    {
                        data.Add(r, alpha, a, b);
                    }
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Parameters))]
    public void Quadrature_IsTheClosedForm_WhereTheSeriesIsWellConditioned(double r, double alpha, double a, double b)
    {
        foreach (bool modified in (bool[])[false, true])
        {
            foreach (double t in (double[])[1, 52])
            {
                // A new customer (MBG/NBD: b/(a + b) times the alive customer's value at b + 1).
                double closed = BetaGeometric.ExpectedPurchases(modified, r, alpha, a, b, t);
                double quadrature = modified ? b / (a + b) * BetaGeometricFallback.ExpectedIfAlive(r, alpha, a, b + 1, t) : BetaGeometricFallback.ExpectedIfAlive(r, alpha, a, b, t);
                Assert.Equal(closed, quadrature, closed * 1e-7);
                foreach ((int x, double age) in ((int, double)[])[(0, 30), (3, 30), (30, 52)])
                {
                    double alive = BetaGeometric.ExpectedPurchasesIfAlive(modified, r, alpha, a, b, x, age, t);
                    double byQuadrature = BetaGeometricFallback.ExpectedIfAlive(r + x, alpha + age, a, modified ? b + x + 1 : b + x, t);
                    Assert.Equal(alive, byQuadrature, alive * 1e-7);
                }
            }
        }
    }

    [Theory]
    [InlineData("BG/NBD")]
    [InlineData("MBG/NBD")]
    public void NoDropoutLimit_ApproachesTheNegativeBinomialsMean_InsteadOfZero(string name)
    {
        // b → ∞ with a = 2: dropout ever rarer, so E[X(52)] rises to r t/α = 52,000 (the closed form gave 0 from b = 1e8).
        double previous = 0;
        foreach (double b in (double[])[1e4, 1e6, 1e8, 1e10, 1e12])
        {
            PurchaseModel model = name == "BG/NBD" ? new BgNbdModel(1, 0.001, 2, b, TimeUnit.Week) : new MbgNbdModel(1, 0.001, 2, b, TimeUnit.Week);
            double expected = model.ExpectedPurchases(52);
            Assert.True(expected > previous && expected < 52_000, $"E[X(52)] = {expected} at b = {b} after {previous}");
            Assert.Equal(expected, model.ConditionalExpectedPurchases(0, 0, 0, 52), expected * 1e-12);
            previous = expected;
        }

        Assert.True(previous > 51_900, previous.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void HugeShape_ContinuesTheClosedFormsTrend()
    {
        // α = 1 and dropout Beta(0.793, 2.426) after each purchase: with a < 1 the count grows like (r t/α)^(1 − a), about
        // 10^0.21 = 1.6 times per tenfold r. The closed form gave 0 from r = 1e6 (it holds at 1e5: 221.24).
        double closed = new BgNbdModel(1e5, 1, 0.793, 2.426, TimeUnit.Week).ExpectedPurchases(52);
        double expected = new BgNbdModel(1e6, 1, 0.793, 2.426, TimeUnit.Week).ExpectedPurchases(52);
        double further = new BgNbdModel(1e7, 1, 0.793, 2.426, TimeUnit.Week).ExpectedPurchases(52);
        Assert.Equal(BetaGeometricFallback.ExpectedIfAlive(1e6, 1, 0.793, 2.426, 52), expected);
        Assert.InRange(expected / closed, 1.55, 1.70);
        Assert.InRange(further / expected, 1.55, 1.70);
    }
}
