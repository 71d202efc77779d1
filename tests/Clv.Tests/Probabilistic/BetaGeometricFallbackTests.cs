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

    /// <summary>
    /// E over p ~ Beta(a, b′) of w(p) (1 − (1 + p t/A)^(−s))/p, w = 1 − p for MBG/NBD's new customer, by MathNet's tanh-sinh rule in
    /// u = p^a (p = u^(1/a), dp p^(a − 1) = du/a): the density's p^(a − 1) at 0 becomes flat, and the step of the integrand
    /// where p t/A s ≈ 1 (p ≈ 1e-6 below) moves to u ≈ 0.25, where the rule resolves it. Independent of the library's code.
    /// </summary>
    private static double Oracle(double s, double capitalA, double a, double bPrime, double t, bool survivedFirstCoin)
    {
        double lnBeta = MathNet.Numerics.SpecialFunctions.BetaLn(a, bPrime);
        double Integrand(double u)
        {
            double p = Math.Pow(u, 1 / a);
            double q = p * t / capitalA;
            double perP = q < 1e-12 ? s * t / capitalA : -Math.Exp(-s * Math.Log(1 + q)) + 1;
            perP = q < 1e-12 ? perP : perP / p;
            double tail = p < 1 ? Math.Exp((bPrime - 1) * Math.Log(1 - p)) : 0;
            return (survivedFirstCoin ? 1 - p : 1) * perP * tail;
        }

        return MathNet.Numerics.Integration.DoubleExponentialTransformation.Integrate(Integrand, 0, 1, 1e-12) / a / Math.Exp(lnBeta);
    }

    [Theory]
    [InlineData(false, 0.5, 0.1, 0.5)]
    [InlineData(false, 0.01, 0.1, 0.1)]
    [InlineData(false, 0.1, 0.01, 0.1)]
    [InlineData(true, 0.5, 0.1, 0.5)]
    [InlineData(true, 0.5, 0.01, 2)]
    [InlineData(true, 0.5, 0.1, 0.1)]
    public void SeriesOfMoreThanAMillionTerms_TheIntegralOverDropout_NotThePartialSum(bool modified, double alpha, double a, double b)
    {
        // r = 1e4 with t/α of 100 or more: 2F1(r, b; a + b − 1; t/(α + t))'s terms rise for about r t/α terms, past the series' million.
        // The partial sum was taken as the value: E[X(52)] = 12.95 at α = 0.5, a = 0.1, b = 0.5, where a fifth of the customers
        // (p below 1e-6) make about a million purchases each.
        const double R = 1e4, T = 52;
        PurchaseModel model = modified ? new MbgNbdModel(R, alpha, a, b, TimeUnit.Week) : new BgNbdModel(R, alpha, a, b, TimeUnit.Week);
        double newCustomer = modified ? b / (a + b) * Oracle(R, alpha, a, b + 1, T, survivedFirstCoin: false) : Oracle(R, alpha, a, b, T, survivedFirstCoin: false);
        Assert.Equal(newCustomer, model.ExpectedPurchases(T), newCustomer * 1e-6);

        // Alive one week after the first purchase, no repeat yet (BG/NBD: alive for certain).
        double alive = Oracle(R, alpha + 1, a, modified ? b + 1 : b, T, survivedFirstCoin: false);
        Assert.Equal(alive, BetaGeometric.ExpectedPurchasesIfAlive(modified, R, alpha, a, b, 0, 1, T), alive * 1e-6);
        Span<double> horizons = stackalloc double[3];
        BetaGeometric.ExpectedPurchasesIfAlive(modified, R, alpha, a, b, 0, 1, [13, 26, T], horizons);
        Assert.Equal(alive, horizons[2], alive * 1e-6);
    }

    [Theory]
    [InlineData(false, 1e-4, 1e-4)]
    [InlineData(false, 1e-4, 1)]
    [InlineData(true, 1e-4, 1e-4)]
    public void ClosedFormOutsideItsBounds_TheIntegralOverDropout(bool modified, double a, double b)
    {
        // r = 1e4, α = 1e-12: z = t/(α + t) is within 1e-13 of 1 and the 2F1 comes from the connection formula, which lost its digits
        // without a sign of it: BG/NBD's new customer E[X(52)] was 1.006 (a = b = 1e-4) and 0.012 (b = 1), MBG/NBD's 0.006 (a = b = 1e-4),
        // where half the customers (nearly all, at b = 1) never drop out and buy 5.2e17 times. A value below g(E p), the Jensen bound of
        // E g(p) with g(p) = (1 − (1 + p t/α)^(−r))/p convex in p, now sends it to the quadrature.
        const double R = 1e4, Alpha = 1e-12, T = 52;
        PurchaseModel model = modified ? new MbgNbdModel(R, Alpha, a, b, TimeUnit.Week) : new BgNbdModel(R, Alpha, a, b, TimeUnit.Week);
        double expected = modified ? b / (a + b) * Oracle(R, Alpha, a, b + 1, T, survivedFirstCoin: false) : Oracle(R, Alpha, a, b, T, survivedFirstCoin: false);
        Assert.True(expected > 1e17, expected.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expected, model.ExpectedPurchases(T), expected * 1e-6);
    }
}
