using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

public class ParetoNbdStressTests
{
    private static readonly ParetoNbdModel Cdnow = new(0.5534, 10.5802, 0.6061, 11.6562, TimeUnit.Week);

    // REFERENCE.md stress parameters: alpha < beta, so the second 2F1 branch.
    private static readonly ParetoNbdModel Stress = new(0.5143, 2.8845, 0.2856, 14.1087, TimeUnit.Week);

    [Theory]
    [InlineData(221, 103.43, 103.57)]
    [InlineData(254, 97.14, 97.29)]
    [InlineData(161, 94.71, 98.00)]
    [InlineData(204, 98.57, 99.43)]
    public void ProbabilityAlive_ReferenceStressCases_FiniteAndInRange(int x, double tx, double age)
    {
        double p = Stress.ProbabilityAlive(x, tx, age);
        Assert.True(p >= 0 && p <= 1, p.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(double.IsFinite(Stress.LikelihoodLn(x, tx, age)));
        Assert.True(double.IsFinite(Stress.ConditionalExpectedPurchases(x, tx, age, 52)));
    }

    [Fact]
    public void ProbabilityAlive_HugeRAndTinyAlpha_ExactlyZero()
    {
        // r = 1e300 with α/β = 3e-100: a customer that buys ~1e400 times a week and has not bought is gone. The tail
        // quadrature's slope k = (r + x) z/ε overflowed to infinity, which asked for 2^31 panels and ended in NaN.
        var model = new ParetoNbdModel(1e300, 1e-100, 1e-100, 0.3, TimeUnit.Week);
        Assert.Equal(0.0, model.ProbabilityAlive(0, 0, 1e-9));
    }

    [Fact]
    public void ProbabilityAlive_ReferenceStressCases_MatchIndependentQuadrature()
    {
        // P(alive) = 1/(1 + s int_{t_x}^T (alpha+u)^-(r+x) (beta+u)^-(s+1) du / ((alpha+T)^-(r+x) (beta+T)^-s)),
        // the integral taken here by brute-force Simpson in scaled form (independent of 2F1).
        Assert.Equal(Quadrature(Stress, 161, 94.71, 98.00), Stress.ProbabilityAlive(161, 94.71, 98.00), 1e-9);
        Assert.Equal(Quadrature(Stress, 204, 98.57, 99.43), Stress.ProbabilityAlive(204, 98.57, 99.43), 1e-9);
        Assert.Equal(Quadrature(Cdnow, 26, 30.86, 31), Cdnow.ProbabilityAlive(26, 30.86, 31), 1e-9);
        Assert.Equal(Quadrature(Cdnow, 3, 2, 40), Cdnow.ProbabilityAlive(3, 2, 40), 1e-9);
    }

    [Fact]
    public void ConditionalExpectedPurchases_X132AndX133AtRecencyEqualAge200_DifferLittle()
    {
        // With t_x = T, P(alive) = 1 and E[Y(t)] is linear in r + x: no jump between neighbouring frequencies.
        double e132 = Cdnow.ConditionalExpectedPurchases(132, 200, 200, 1);
        double e133 = Cdnow.ConditionalExpectedPurchases(133, 200, 200, 1);
        Assert.InRange(e133 - e132, 0, 0.05);

        double y132 = Cdnow.ConditionalExpectedPurchases(132, 200, 200, 52);
        double y133 = Cdnow.ConditionalExpectedPurchases(133, 200, 200, 52);
        Assert.Equal((Cdnow.R + 133) / (Cdnow.R + 132), y133 / y132, 1e-12);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(50)]
    [InlineData(200)]
    [InlineData(500)]
    public void LnA0_LargeFrequencyRecencyMuchSmallerThanAge_FiniteAndPositive(int x)
    {
        foreach (var m in new[] { Cdnow, Stress })
        {
            double lnA0 = ParetoNbdMath.LnA0(m.R, m.Alpha, m.S, m.Beta, x, 1.5, 150, out int sign);
            Assert.True(double.IsFinite(lnA0), lnA0.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(1, sign);

            // A customer who bought x times in the first 1.5 weeks and then nothing for 148 weeks is almost surely gone.
            double p = m.ProbabilityAlive(x, 1.5, 150);
            Assert.InRange(p, 0, x >= 50 ? 1e-6 : 1);
        }
    }

    [Fact]
    public void LnA0_BothBranchesAgreeAtEqualRates()
    {
        // At alpha = beta both arguments are 0 and 2F1 = 1: A0 = (alpha+t_x)^-(r+s+x) - (alpha+T)^-(r+s+x).
        double r = 0.7, s = 1.3, a = 5;
        int x = 4;
        // (LnA0 carries the likelihood's alpha^r beta^s.)
        double expected = Math.Log(Math.Pow(a + 2, -(r + s + x)) - Math.Pow(a + 9, -(r + s + x))) + ((r + s) * Math.Log(a));
        Assert.Equal(expected, ParetoNbdMath.LnA0(r, a, s, a, x, 2, 9, out _), 1e-12);

        // Continuity across the branch switch.
        double below = ParetoNbdMath.LnA0(r, a * (1 - 1e-9), s, a, x, 2, 9, out _);
        double above = ParetoNbdMath.LnA0(r, a * (1 + 1e-9), s, a, x, 2, 9, out _);
        Assert.Equal(below, above, 1e-7);
    }

    [Theory]
    [InlineData(0.5, 1.6, 0.1)]
    [InlineData(0.5, 1.6, 0.05)]
    [InlineData(0.0002, 1.0001, 0.1)]
    [InlineData(30.5, 1.6, 0.1)]
    [InlineData(5000.5, 1.6, 0.07)]
    [InlineData(300.5, 200, 0.1)]
    [InlineData(2.5, 0.8, 0.06)]
    [InlineData(0.5, 1.6, 0.001)]
    [InlineData(300.5, 200, 0.01)]
    [InlineData(5000.5, 1.6, 0.002)]
    [InlineData(5.6, 6, 0.0005)]
    public void LnTailByQuadrature_WhereTheSeriesStillConverges_AgreesWithSeries(double a, double b, double epsilon)
    {
        double large = 13;
        double series = Clv.Internal.Hypergeometric.Hyp2F1Ln(a, b, a + 1, 1 - epsilon, out _) - (a * Math.Log(large)) - Math.Log(a);
        double quadrature = ParetoNbdMath.LnTailByQuadrature(a, b, epsilon, large);
        Assert.Equal(series, quadrature, 1e-10 * Math.Max(1, Math.Abs(series)));
    }

    [Theory]
    [InlineData(5e8, 1.0000001, 1e-8)]
    [InlineData(5e8, 1.5, 1e-3)]
    [InlineData(5e8, 5e8, 1e-9)]
    [InlineData(1e5, 1.2, 1e-6)]
    [InlineData(300, 0.5, 1e-12)]
    [InlineData(3, 1.5, 1e-7)]
    public void LnTailByQuadrature_HugeA_MatchesIndependentIntegral(double a, double b, double epsilon)
    {
        // Where r is in the hundreds of millions (every customer buys at one rate) the integrand is nil past w ~ 40/a: the
        // quadrature skips those panels. An independent Simpson rule over y = ln w, finer and without skipping, must agree.
        double z = 1 - epsilon;
        static double LnOneMinus(double w) => w < 1e-5 ? -w - (w * w / 2) - (w * w * w / 3) : Math.Log(1 - w);
        double LnIntegrand(double y) => ((a - 1) * LnOneMinus(Math.Exp(y))) - (b * Math.Log(epsilon + (z * Math.Exp(y)))) + y;
        const double from = -80, to = -0.6931471805599453;
        const int n = 400_000;
        double h = (to - from) / n, peak = double.NegativeInfinity;
        for (int i = 0; i <= n; i++)
        {
            peak = Math.Max(peak, LnIntegrand(from + (i * h)));
        }

        double sum = 0;
        for (int i = 0; i <= n; i++)
        {
            sum += (i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2) * Math.Exp(LnIntegrand(from + (i * h)) - peak);
        }

        // [0, 1/2] adds (1/2)^a 2F1(a, b; a + 1; z/2)/a: below 1e-30 of the rest for these a, except the smallest, summed directly.
        double lnHigh = peak + Math.Log(sum * h / 3);
        double lnLow = Clv.Internal.Hypergeometric.Hyp2F1Ln(a, b, a + 1, 0.5 * z, out _) - (a * Math.Log(2)) - Math.Log(a);
        double expected = Math.Max(lnHigh, lnLow) + Math.Log(1 + Math.Exp(-Math.Abs(lnHigh - lnLow)));

        Assert.Equal(expected, ParetoNbdMath.LnTailByQuadrature(a, b, epsilon, 1), 1e-8);
    }

    [Fact]
    public void Constructor_RatesMoreThan1e300Apart_RefusedNamingBeta()
    {
        // alpha/beta = 1e-400 underflowed the tail integrals' 1 - z at t_x = 0: ln L(0, 0, 1e-9) and P(alive) never returned.
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new ParetoNbdModel(1e10, 1e-300, 1e300, 1e100, TimeUnit.Week));
        Assert.Equal("beta", e.ParamName);
        Assert.Contains("within a factor of 1e300", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ParetoNbdModel(1, 1e200, 1, 1e-120, TimeUnit.Week));

        var json = new ParetoNbdModel(1, 1, 1, 1, TimeUnit.Week).ToJson().Replace("\"alpha\":1", "\"alpha\":1e-300", StringComparison.Ordinal).Replace("\"beta\":1", "\"beta\":1e100", StringComparison.Ordinal);
        Assert.Contains("beta", Assert.Throws<FormatException>(() => ParetoNbdModel.FromJson(json)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1e10, 1e-150, 1e300, 1e149)]
    [InlineData(1, 1e-150, 1, 1e149)]
    [InlineData(1, 1e149, 1, 1e-150)]
    public void Predictions_RatesJustWithin1e300_FiniteAndInRange(double r, double alpha, double s, double beta)
    {
        var m = new ParetoNbdModel(r, alpha, s, beta, TimeUnit.Week);
        foreach (var (x, tx, age) in new[] { (0, 0.0, 1e-9), (0, 0.0, 52.0), (3, 10.0, 52.0) })
        {
            Assert.True(double.IsFinite(m.LikelihoodLn(x, tx, age)), $"ln L({x}, {tx}, {age})");
            Assert.InRange(m.ProbabilityAlive(x, tx, age), 0, 1);
        }
    }

    [Fact]
    public void ProbabilityAlive_ExtremeRateRatio_MatchesIndependentQuadrature()
    {
        // alpha/beta = 1e6: the 2F1 argument is 1 - 1e-6, far beyond where its series is practical.
        var m = new ParetoNbdModel(0.8, 1e4, 0.5, 1e-2, TimeUnit.Week);
        Assert.Equal(Quadrature(m, 3, 2, 10), m.ProbabilityAlive(3, 2, 10), 1e-8);
        var n = new ParetoNbdModel(0.8, 1e-2, 0.5, 1e4, TimeUnit.Week);
        Assert.Equal(Quadrature(n, 3, 2, 10), n.ProbabilityAlive(3, 2, 10), 1e-8);
    }

    public static TheoryData<double, double, double, double> ParameterGrid() => RobustnessGridTests.Product([1e-4, 1, 1e4]);

    [Theory]
    [MemberData(nameof(ParameterGrid))]
    public void Outputs_RobustnessGrid_FiniteAndInRange(double r, double alpha, double s, double beta)
    {
        var m = new ParetoNbdModel(r, alpha, s, beta, TimeUnit.Week);
        int[] frequencies = [0, 1, 10, 1000, 10_000];
        double[] ages = [0.01, 1, 100, 1000];
        foreach (var age in ages)
        {
            Assert.True(m.ExpectedPurchases(age) >= 0 && double.IsFinite(m.ExpectedPurchases(age)));
            foreach (var x in frequencies)
            {
                foreach (var tx in x == 0 ? [0.0] : new[] { 0, age / 2, age })
                {
                    double p = m.ProbabilityAlive(x, tx, age);
                    double ll = m.LikelihoodLn(x, tx, age);
                    double e = m.ConditionalExpectedPurchases(x, tx, age, 52);
                    string where = FormattableString.Invariant($"x={x} tx={tx} T={age}: p={p} ll={ll} e={e}");
                    Assert.True(p >= 0 && p <= 1, where);
                    Assert.True(double.IsFinite(ll), where);
                    Assert.True(e >= 0 && double.IsFinite(e), where);
                }
            }
        }
    }

    private static double Quadrature(ParetoNbdModel m, int x, double tx, double age)
    {
        // Integrand scaled by its value at T so nothing underflows.
        double lnScale = (-(m.R + x) * Math.Log(m.Alpha + age)) - ((m.S + 1) * Math.Log(m.Beta + age));
        double F(double u) => Math.Exp((-(m.R + x) * Math.Log(m.Alpha + u)) - ((m.S + 1) * Math.Log(m.Beta + u)) - lnScale);
        const int n = 200_000;
        double h = (age - tx) / n, sum = F(tx) + F(age);
        for (int i = 1; i < n; i++)
        {
            sum += (i % 2 == 1 ? 4 : 2) * F(tx + (i * h));
        }

        double integral = sum * h / 3;
        double lnAlive = (-(m.R + x) * Math.Log(m.Alpha + age)) - (m.S * Math.Log(m.Beta + age));
        return 1 / (1 + (m.S * integral * Math.Exp(lnScale - lnAlive)));
    }
}
